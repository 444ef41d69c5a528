// Pay and the department report from a logs directory (apps/logs/logs_run.hpp): the same code,
// checks and messages as `motiv report`. Returns the payroll as (names, columns) and each report
// table as (header, rows of text cells); the Python layer builds the DataFrames. GIL released.
#include <pybind11/stl.h>

#include "bindings/register.hpp"
#include "apps/logs/logs_run.hpp"

namespace motiv::bindings {

void register_logs(py::module_& m) {
    m.def("logs_run", [](const SchemeHandle& h, const std::string& dir, const std::string& period) {
        const Period p = parse_period_arg(period);
        logs::LogsRun run;
        {
            py::gil_scoped_release release;
            run = logs::run_logs(*h.text, h.compiled->scheme().source, *h.compiled, dir, p);
        }
        py::dict tables;
        for (const auto& t : run.report) tables[py::str(t.name)] = py::make_tuple(t.header, t.rows);
        return py::make_tuple(run_columns(run.payroll), tables);
    }, py::arg("scheme"), py::arg("logs"), py::kw_only(), py::arg("period"),
          "Derives KPIs from a logs directory, pays from them; returns ((names, columns), {table: (header, rows)}).");
}

}  // namespace motiv::bindings
