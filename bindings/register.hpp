// Shared declarations of the Python bindings (motiv._core): one register_<concept>() per file,
// wired in module.cpp, plus the few conversions every concept needs.
//
// Money never passes through a binary float: C++ Decimals become Python decimal.Decimal objects
// built from their exact text, and Python values come in as text parsed by Decimal::parse.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/batch/batch.hpp"
#include "core/calendar/period.hpp"
#include "core/data/csv.hpp"
#include "core/engine/compiled_scheme.hpp"
#include "core/payroll/payroll.hpp"
#include "core/money/decimal.hpp"

namespace motiv::bindings {

namespace py = pybind11;

void register_errors(py::module_& m);
void register_payslip(py::module_& m);
void register_scheme(py::module_& m);
void register_payroll(py::module_& m);
void register_batch(py::module_& m);
void register_plantest(py::module_& m);
void register_whatif(py::module_& m);
void register_export(py::module_& m);
void register_periods(py::module_& m);
void register_logs(py::module_& m);
void register_pay_curve(py::module_& m);
void register_monte_carlo(py::module_& m);
void register_diagnostics(py::module_& m);

// A loaded, compiled scheme as Python sees it (motiv._core.Scheme). Immutable; the rule text and
// the overrides applied are kept so that with_overrides() recompiles exactly the same rules.
struct SchemeHandle {
    std::shared_ptr<const CompiledScheme> compiled;
    std::shared_ptr<const std::string> text;              // the rule file's bytes
    nlohmann::json overrides = nlohmann::json::object();  // parameter name -> value, as applied
};

// decimal.Decimal with exactly `places` decimals ("53125.00"): for money.
py::object to_py_money(Decimal d, int places);
// decimal.Decimal with the shortest exact text ("0.125", "200"): for rates, counts, numbers.
py::object to_py_decimal(Decimal d);
// A Decimal as Python sees a value of a declared kind: money with the currency's places, else shortest.
py::object to_py_value(Decimal d, Kind kind, int minor_units);

// The exact text of a Python number given for `what` (an input, an override): str as is, int and
// decimal.Decimal as their text. None gives nullopt. float and bool raise TypeError (a binary float
// is not an exact amount), anything else TypeError too.
std::optional<std::string> exact_text(py::handle value, const std::string& what);

using Header = std::vector<std::string>;
using Rows = std::vector<std::vector<std::string>>;
// A table of string cells as if read from CSV from `source` (a DataFrame: "<DataFrame>"), row i on
// line i + 2; the header is checked as parse_csv checks it (DataError), ragged rows are ValueError.
data::CsvTable make_table(std::vector<std::string> header, std::vector<std::vector<std::string>> rows, const std::string& source);
// Validates every row of `table` (data::read_people) and pays them all for `period`.
payroll::PayrollRun run_table(const SchemeHandle& h, const data::CsvTable& table, const Period& period, Explain explain);

// "2026-10" -> Period; ValueError otherwise.
Period parse_period_arg(const std::string& text);

// A core progress feed (called from a thread without the GIL) that calls a Python callable with the
// count done: it takes the GIL for the call and swallows the callable's exceptions, because a broken
// progress bar must not stop or crash the run. Empty when `callback` is.
std::function<void(std::size_t)> progress_feed(const std::function<void(std::size_t)>& callback);


// The NumPy arrays behind a batch::Input, kept alive while the engine reads them (register_batch.cpp).
struct BatchColumns {
    std::vector<py::array> keep;
    batch::Input input;
};
// role: uint32 role indices; columns: {input name: (int64 values, scale, uint8/bool mask or None)}.
// ValueError for a wrong dtype, shape, length, scale or an unknown input.
BatchColumns make_input(const SchemeHandle& h, const py::array& role, const py::dict& columns);
// A payroll run as (column names, columns): id, name, role, period, one per component (Decimal,
// None where the role has none), total. Shared by compute_table and the runs from logs.
py::tuple run_columns(const payroll::PayrollRun& run);

// nlohmann::json -> the equivalent dict / list / str / int / bool / None.
py::object json_to_py(const nlohmann::json& j);

}  // namespace motiv::bindings
