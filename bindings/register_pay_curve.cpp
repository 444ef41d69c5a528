// motiv._core.pay_curve: one person's pay as one KPI varies (apps/whatif/pay_curve.hpp). Thin: the
// Python package (motiv/_scenarios.py) turns the dict into a DataFrame.
#include <pybind11/stl.h>

#include "bindings/register.hpp"
#include "core/data/people_table.hpp"
#include "apps/whatif/pay_curve.hpp"

namespace motiv::bindings {

void register_pay_curve(py::module_& m) {
    m.def("pay_curve", [](const SchemeHandle& h, Header header, Rows rows, const std::string& period, const std::string& kpi,
                          const std::vector<std::string>& values, unsigned threads) {
        const Period p = parse_period_arg(period);
        const data::CsvTable table = make_table(std::move(header), std::move(rows), "<person>");
        const auto people = data::read_people(table, *h.compiled, std::nullopt);
        if (people.size() != 1) throw py::value_error("pay_curve: expected one person");
        std::vector<Decimal> vals;
        for (const auto& v : values) {
            auto d = Decimal::parse(v);
            if (!d) throw py::value_error("value '" + v + "' of " + kpi + " is not an exact decimal");
            vals.push_back(*d);
        }
        whatif::PayCurve c;
        {
            py::gil_scoped_release release;
            c = whatif::pay_curve(*h.compiled, h.compiled->bind(p), people[0], kpi, vals, threads);
        }
        const auto n = static_cast<py::ssize_t>(c.values.size()), nc = static_cast<py::ssize_t>(c.components.size());
        py::array_t<std::int64_t> amounts({n, nc}), total(n);
        for (py::ssize_t i = 0; i < n; ++i) {
            total.mutable_at(i) = c.total[static_cast<std::size_t>(i)];
            for (py::ssize_t j = 0; j < nc; ++j) amounts.mutable_at(i, j) = c.amounts[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
        }
        py::dict d;
        d["components"] = c.components;
        d["minor_units"] = c.minor_units;
        d["amounts"] = amounts;
        d["total"] = total;
        return d;
    }, py::arg("scheme"), py::arg("header"), py::arg("rows"), py::kw_only(), py::arg("period"), py::arg("kpi"), py::arg("values"),
          py::arg("threads") = 0u, "One person (a one-row table) paid once per value of `kpi`: components, amounts, total (int64 minor units).");
}

}  // namespace motiv::bindings
