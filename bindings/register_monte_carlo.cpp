// motiv._core.monte_carlo: the cost distribution of a scheme (apps/whatif/monte_carlo.hpp). The
// distributions and profiles arrive as JSON text, read by the very reader of the CLI's files.
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include "bindings/register.hpp"
#include "core/data/people_table.hpp"
#include "core/rules/json_document.hpp"
#include "apps/whatif/monte_carlo.hpp"

namespace motiv::bindings {

void register_monte_carlo(py::module_& m) {
    m.def("monte_carlo", [](const SchemeHandle& h, Header header, Rows rows, const std::string& period, const std::string& draws_json,
                            const std::string& profiles_json, std::size_t n, std::uint64_t seed, unsigned threads,
                            const std::function<void(std::size_t)>& progress) {
        const Period p = parse_period_arg(period);
        const CompiledScheme& cs = *h.compiled;
        const data::CsvTable table = make_table(std::move(header), std::move(rows), "<DataFrame>");
        const auto people = data::read_people_to_pay(table, cs, p);
        const auto dists = whatif::read_distributions(parse_json_exact(draws_json, "<draws>"), cs, "<draws>");
        const auto profiles = whatif::read_profiles(parse_json_exact(profiles_json, "<profiles>"), cs, "<profiles>");
        whatif::MonteCarlo mc;
        {
            py::gil_scoped_release release;
            mc = whatif::run_monte_carlo(cs, cs.bind(p), people, dists, profiles, whatif::MonteCarloOptions{n, seed, threads, progress_feed(progress)});
        }
        const auto nd = static_cast<py::ssize_t>(mc.total.size()), nr = static_cast<py::ssize_t>(mc.roles.size());
        py::array_t<std::int64_t> total(nd), role_cost({nd, nr});
        std::copy(mc.total.begin(), mc.total.end(), total.mutable_data());
        std::copy(mc.role_cost.begin(), mc.role_cost.end(), role_cost.mutable_data());
        py::list quantiles, shares;
        for (const auto& q : mc.quantiles) quantiles.append(py::make_tuple(q.of, q.p50, q.p90, q.p99));
        auto share = [](const std::optional<std::size_t>& c, std::size_t of) -> py::object {
            return c ? to_py_money(whatif::share_of(*c, of), 4) : py::none();  // 4 places, as the CSV
        };
        for (const auto& s : mc.shares)
            shares.append(py::make_tuple(s.role, s.person_draws, share(s.at_gate, s.person_draws), share(s.at_target, s.person_draws),
                                         share(s.at_cap, s.person_draws)));
        py::dict d;
        d["roles"] = mc.roles;
        d["minor_units"] = mc.minor_units;
        d["total"] = total;
        d["role_cost"] = role_cost;
        d["quantiles"] = quantiles;
        d["shares"] = shares;
        return d;
    }, py::arg("scheme"), py::arg("header"), py::arg("rows"), py::kw_only(), py::arg("period"), py::arg("draws"), py::arg("profiles"),
          py::arg("n"), py::arg("seed"), py::arg("threads") = 0u, py::arg("progress") = nullptr,
          "Monte Carlo over the people of a table: draw costs (int64 minor units), quantiles (of, P50, P90, P99 in minor units), "
          "shares (role, person_draws, at_gate, at_target, at_cap).");
}

}  // namespace motiv::bindings
