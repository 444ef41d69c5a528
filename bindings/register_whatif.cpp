// motiv._core what-if functions (apps/whatif): scenario comparison, plan diff, grid sweeps, and the
// rule text a scheme was loaded from (so it can be shipped to Dask workers). Thin: the Python
// package (motiv/whatif.py) turns these dicts of NumPy arrays into DataFrames.
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include "bindings/register.hpp"
#include "apps/whatif/comparison.hpp"
#include "apps/whatif/grid.hpp"
#include "apps/whatif/plan_diff.hpp"

namespace motiv::bindings {

namespace {

template <class T>
py::array_t<T> array_of(const std::vector<T>& v) {
    py::array_t<T> a(static_cast<py::ssize_t>(v.size()));
    std::copy(v.begin(), v.end(), a.mutable_data());
    return a;
}

py::dict summary_dict(const whatif::PaySummary& s, int mu) {
    py::dict d;
    d["people"] = s.people;
    d["cost"] = to_py_money(Decimal::from_minor(s.cost, mu), mu);
    d["fixed"] = to_py_money(Decimal::from_minor(s.fixed, mu), mu);
    d["mean"] = to_py_decimal(s.mean);
    d["median"] = to_py_decimal(s.median);
    return d;
}

// {"minor_units", "people": {column: array}, "groups": [{"role", "before", "after", "gainers", "losers"}...]}
py::dict comparison_dict(const whatif::Comparison& c) {
    const std::size_t n = c.people.size();
    std::vector<std::string> id(n), name(n), role(n);
    std::vector<std::int64_t> before(n), after(n), bf(n), af(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& p = c.people[i];
        id[i] = p.person, name[i] = p.name, role[i] = p.role;
        before[i] = p.before, after[i] = p.after, bf[i] = p.before_fixed, af[i] = p.after_fixed;
    }
    py::dict people;
    people["id"] = id;
    people["name"] = name;
    people["role"] = role;
    people["before"] = array_of(before);
    people["after"] = array_of(after);
    people["before_fixed"] = array_of(bf);
    people["after_fixed"] = array_of(af);
    py::list groups;
    auto group = [&](const whatif::GroupChange& g) {
        py::dict d;
        d["role"] = g.role;
        d["before"] = summary_dict(g.before, c.minor_units);
        d["after"] = summary_dict(g.after, c.minor_units);
        d["gainers"] = g.gainers;
        d["losers"] = g.losers;
        groups.append(d);
    };
    for (const auto& g : c.roles) group(g);
    group(c.all);
    py::dict d;
    d["minor_units"] = c.minor_units;
    d["currency"] = c.currency;
    d["people"] = people;
    d["groups"] = groups;
    return d;
}

std::vector<std::int64_t> int64_list(const py::array& a, const std::string& what, std::size_t n) {
    auto arr = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(a);
    if (!arr || arr.ndim() != 1 || static_cast<std::size_t>(arr.shape(0)) != n)
        throw py::value_error(what + ": expected " + std::to_string(n) + " int64 values");
    return {arr.data(), arr.data() + n};
}

}  // namespace

void register_whatif(py::module_& m) {
    m.def("compare_table", [](const SchemeHandle& before, const SchemeHandle& after, Header header, Rows rows, const std::string& period) {
        const Period p = parse_period_arg(period);
        const data::CsvTable table = make_table(std::move(header), std::move(rows), "<DataFrame>");
        whatif::Comparison c;
        {
            py::gil_scoped_release release;
            c = whatif::compare_table(*before.compiled, *after.compiled, table, p);
        }
        return comparison_dict(c);
    }, py::arg("before"), py::arg("after"), py::arg("header"), py::arg("rows"), py::kw_only(), py::arg("period"),
          "Pays a table of people under two schemes and compares them (apps/whatif/comparison.hpp).");

    m.def("summarise_changes", [](std::vector<std::string> id, std::vector<std::string> name, std::vector<std::string> role,
                                  const py::array& before, const py::array& after, const py::array& before_fixed,
                                  const py::array& after_fixed, const std::string& period, const std::string& currency, int minor_units) {
        const std::size_t n = id.size();
        if (name.size() != n || role.size() != n) throw py::value_error("id, name and role must have the same length");
        const auto b = int64_list(before, "before", n), a = int64_list(after, "after", n);
        const auto bf = int64_list(before_fixed, "before_fixed", n), af = int64_list(after_fixed, "after_fixed", n);
        std::vector<whatif::PersonChange> people(n);
        for (std::size_t i = 0; i < n; ++i) people[i] = {std::move(id[i]), std::move(name[i]), std::move(role[i]), b[i], a[i], bf[i], af[i]};
        return comparison_dict(whatif::summarise(std::move(people), period, currency, minor_units));
    }, py::arg("id"), py::arg("name"), py::arg("role"), py::arg("before"), py::arg("after"), py::arg("before_fixed"), py::arg("after_fixed"),
          py::kw_only(), py::arg("period"), py::arg("currency"), py::arg("minor_units"),
          "The per-role figures of person changes computed elsewhere (e.g. on Dask workers).");

    m.def("plan_diff", [](const SchemeHandle& before, const SchemeHandle& after) {
        py::list out;
        for (const auto& c : whatif::diff_plans(before.compiled->scheme(), after.compiled->scheme()))
            out.append(py::make_tuple(c.area, c.name, c.field, c.change, c.before, c.after, c.pointer));
        return out;
    }, py::arg("before"), py::arg("after"), "Tuples (area, name, field, change, before, after, pointer).");

    m.def("grid_columns", [](const SchemeHandle& h, const py::array& role, const py::dict& columns, const std::string& period,
                             const std::vector<std::string>& parameters, const std::vector<std::vector<std::string>>& values,
                             unsigned threads, const std::function<void(std::size_t)>& progress) {
        const Period p = parse_period_arg(period);
        BatchColumns c = make_input(h, role, columns);
        if (parameters.size() != values.size()) throw py::value_error("one list of values per parameter");
        std::vector<whatif::Axis> axes;
        for (std::size_t j = 0; j < parameters.size(); ++j) {
            whatif::Axis a{parameters[j], {}};
            for (const auto& v : values[j]) {
                auto d = Decimal::parse(v);
                if (!d) throw py::value_error("sweep value '" + v + "' of " + parameters[j] + " is not an exact decimal");
                a.values.push_back(*d);
            }
            axes.push_back(std::move(a));
        }
        const batch::SweepProgress report = progress_feed(progress);
        whatif::Grid g;
        {
            py::gil_scoped_release release;
            try {
                g = whatif::run_grid(*h.compiled, h.compiled->bind(p), c.input, axes, threads, report);
            } catch (const std::invalid_argument& e) {
                py::gil_scoped_acquire gil;
                throw py::value_error(e.what());
            }
        }
        const std::size_t n = g.points.size(), nroles = g.roles.size();
        std::vector<std::int64_t> total(n), failed(n), by_role(n * nroles);
        std::vector<std::vector<std::string>> vals(g.parameters.size(), std::vector<std::string>(n));
        for (std::size_t k = 0; k < n; ++k) {
            total[k] = g.points[k].total;
            failed[k] = static_cast<std::int64_t>(g.points[k].failed);
            for (std::size_t r = 0; r < nroles; ++r) by_role[k * nroles + r] = g.points[k].role_total[r];
            for (std::size_t j = 0; j < g.parameters.size(); ++j) vals[j][k] = g.points[k].values[j].to_string();
        }
        py::dict d;
        d["parameters"] = g.parameters;
        d["values"] = vals;
        d["roles"] = g.roles;
        d["minor_units"] = g.minor_units;
        d["total"] = array_of(total);
        d["failed"] = array_of(failed);
        py::array_t<std::int64_t> rt({static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(nroles)});
        std::copy(by_role.begin(), by_role.end(), rt.mutable_data());
        d["role_total"] = rt;
        return d;
    }, py::arg("scheme"), py::arg("role"), py::arg("columns"), py::kw_only(), py::arg("period"), py::arg("parameters"), py::arg("values"),
          py::arg("threads") = 0u, py::arg("progress") = nullptr,
          "Cost at every point of the grid of the parameters' values (apps/whatif/grid.hpp), int64 minor units.");

    m.def("component_kinds", [](const SchemeHandle& h) {
        py::dict out;
        for (const auto& r : h.compiled->scheme().roles) {
            py::list comps;
            for (const auto& c : r.components) comps.append(py::make_tuple(c.id, to_string(c.kind), c.pointer));
            out[py::str(r.name)] = comps;
        }
        return out;
    }, py::arg("scheme"), "{role: [(component id, kind, JSON pointer)]}: fixed lines are the fixed pay of the pay mix.");

    m.def("scheme_source", [](const SchemeHandle& h) {
        return py::make_tuple(py::bytes(*h.text), h.compiled->scheme().source, json_to_py(h.overrides));
    }, py::arg("scheme"), "(rule text, source, overrides): enough to load the same scheme elsewhere.");
}

}  // namespace motiv::bindings
