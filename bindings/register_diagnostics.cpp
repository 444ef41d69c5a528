// motiv._core.diagnostics: pay mix, leverage, monotonicity, cliffs and cost of a scheme
// (apps/whatif/diagnostics.hpp). Profiles arrive as JSON text, read as the CLI's --targets file.
#include <pybind11/stl.h>

#include "bindings/register.hpp"
#include "core/data/people_table.hpp"
#include "core/rules/json_document.hpp"
#include "apps/whatif/diagnostics.hpp"

namespace motiv::bindings {

namespace {

Decimal decimal_arg(const std::string& text, const std::string& what) {
    auto d = Decimal::parse(text);
    if (!d) throw py::value_error(what + ": '" + text + "' is not an exact decimal");
    return *d;
}

py::list texts(const std::vector<std::string>& v) {
    py::list out;
    for (const auto& s : v) out.append(s);
    return out;
}

}  // namespace

void register_diagnostics(py::module_& m) {
    m.def("diagnostics", [](const SchemeHandle& h, const std::string& period, const std::string& profiles_json, std::optional<std::string> cliff,
                            const std::string& stress, const std::map<std::string, std::map<std::string, std::vector<std::string>>>& ranges,
                            std::optional<Header> header, std::optional<Rows> rows, unsigned threads) {
        const Period p = parse_period_arg(period);
        const CompiledScheme& cs = *h.compiled;
        const auto profiles = whatif::read_profiles(parse_json_exact(profiles_json, "<profiles>"), cs, "<profiles>");
        whatif::DiagnosticsOptions opt;
        if (cliff) opt.cliff = decimal_arg(*cliff, "cliff");
        opt.stress = decimal_arg(stress, "stress");
        opt.threads = threads;
        for (const auto& [role, kpis] : ranges)
            for (const auto& [kpi, values] : kpis)
                for (const auto& v : values) opt.ranges[role][kpi].push_back(decimal_arg(v, "ranges[" + role + "][" + kpi + "]"));
        std::optional<std::vector<PersonInputs>> people;
        if (header && rows) people = data::read_people_to_pay(make_table(std::move(*header), std::move(*rows), "<DataFrame>"), cs, p);
        whatif::Diagnostics d;
        {
            py::gil_scoped_release release;
            d = whatif::diagnose(cs, cs.bind(p), profiles, opt, people ? &*people : nullptr);
        }
        const int mu = d.minor_units;
        auto money = [mu](std::int64_t v) { return to_py_money(Decimal::from_minor(v, mu), mu); };
        auto opt_dec = [](const std::optional<Decimal>& v) -> py::object { return v ? to_py_money(*v, 4) : py::none(); };
        // As whatif::kpi_text shows it: at the KPI's precision ("2640.00"), or its own places when finer.
        auto kpi = [](Decimal v, int places) { return v.places() <= places ? to_py_money(v, places) : to_py_decimal(v); };
        py::list mix, lev, mono, cliffs, cost;
        for (const auto& x : d.pay_mix) mix.append(py::make_tuple(x.role, money(x.fixed), money(x.variable), money(x.total), opt_dec(x.variable_share)));
        for (const auto& x : d.leverage) lev.append(py::make_tuple(x.role, money(x.at_100), money(x.at_stress), to_py_decimal(x.stress), opt_dec(x.leverage)));
        auto join = [](const std::vector<std::string>& v) {
            std::string out;
            for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
            return out;
        };
        for (const auto& x : d.monotonicity)
            mono.append(py::make_tuple(x.role, x.kpi, kpi(x.from, x.places), kpi(x.to, x.places), money(x.pay_from), money(x.pay_to), join(x.rules), join(x.pointers)));
        for (const auto& x : d.cliffs)
            cliffs.append(py::make_tuple(x.role, x.kpi, kpi(x.from, x.places), kpi(x.to, x.places), money(x.jump), join(x.rules), join(x.pointers)));
        for (const auto& c : d.cost) {
            py::list row;
            row.append(c.name);
            for (const auto& v : c.role) row.append(v ? money(*v) : py::none());
            row.append(money(c.total));
            cost.append(row);
        }
        py::dict out;
        out["roles"] = d.roles;
        out["pay_mix"] = mix;
        out["leverage"] = lev;
        out["monotonicity"] = mono;
        out["cliffs"] = cliffs;
        out["cost"] = cost;
        out["warnings"] = texts(d.warnings());
        return out;
    }, py::arg("scheme"), py::kw_only(), py::arg("period"), py::arg("profiles"), py::arg("cliff") = py::none(), py::arg("stress") = "1.5",
          py::arg("ranges") = std::map<std::string, std::map<std::string, std::vector<std::string>>>{}, py::arg("header") = py::none(),
          py::arg("rows") = py::none(), py::arg("threads") = 0u, "Diagnostics of a scheme around its target profiles (tuples of exact Decimals).");
}

}  // namespace motiv::bindings
