// motiv._core: the compiled half of the motiv package. The public API is the pure-Python package
// around it (bindings/python/motiv); this module only wires the concepts together.
#include "bindings/register.hpp"

#include <pybind11/gil_safe_call_once.h>

namespace motiv::bindings {

namespace {

// decimal.Decimal, imported once per interpreter.
py::object decimal_type() {
    PYBIND11_CONSTINIT static py::gil_safe_call_once_and_store<py::object> storage;
    return storage.call_once_and_store_result([] { return py::module_::import("decimal").attr("Decimal"); }).get_stored();
}

}  // namespace

py::object to_py_money(Decimal d, int places) { return decimal_type()(d.to_string_fixed(places)); }

py::object to_py_decimal(Decimal d) { return decimal_type()(d.to_string()); }

py::object to_py_value(Decimal d, Kind kind, int minor_units) {
    // A money value may carry fewer places than the currency ("0" as a minimum): show it as money.
    if (kind == Kind::money && d.places() <= minor_units) return to_py_money(d, minor_units);
    return to_py_decimal(d);
}

std::optional<std::string> exact_text(py::handle value, const std::string& what) {
    auto text_of = [](py::handle v) { return py::str(v).cast<std::string>(); };
    if (value.is_none()) return std::nullopt;
    if (PyBool_Check(value.ptr())) throw py::type_error(what + ": expected a number as str, int or decimal.Decimal, got bool");
    if (PyUnicode_Check(value.ptr())) return value.cast<std::string>();
    // int, its subclasses (IntEnum) and numpy integers, through their exact int value.
    if (!PyFloat_Check(value.ptr()) && (PyLong_Check(value.ptr()) || py::hasattr(value, "__index__"))) {
        if (PyObject* index = PyNumber_Index(value.ptr())) return text_of(py::reinterpret_steal<py::object>(index));
        PyErr_Clear();  // numpy.bool_ refuses __index__
    }
    if (py::isinstance(value, decimal_type())) {
        if (!value.attr("is_finite")().cast<bool>()) throw py::value_error(what + ": expected a finite number, got " + text_of(value));
        return text_of(value);
    }
    const std::string type = text_of(py::type::handle_of(value).attr("__name__"));
    if (type == "bool" || type == "bool_") throw py::type_error(what + ": expected a number as str, int or decimal.Decimal, got " + type);
    if (PyFloat_Check(value.ptr()) || py::hasattr(value, "__float__"))
        throw py::type_error(what + ": got " + type + " " + py::repr(value).cast<std::string>() +
                             "; binary floats are not exact money, pass a str or decimal.Decimal instead (e.g. '" + text_of(value) + "')");
    throw py::type_error(what + ": expected a number as str, int or decimal.Decimal, got " + type);
}

std::function<void(std::size_t)> progress_feed(const std::function<void(std::size_t)>& callback) {
    if (!callback) return {};
    return [callback](std::size_t done) {
        py::gil_scoped_acquire gil;
        try {
            callback(done);
        } catch (py::error_already_set&) {
        }
    };
}

Period parse_period_arg(const std::string& text) {
    auto p = Period::parse(text);
    if (!p) throw py::value_error("period must be YYYY-MM (e.g. '2026-10'), got '" + text + "'");
    return *p;
}

py::object json_to_py(const nlohmann::json& j) {
    switch (j.type()) {
        case nlohmann::json::value_t::null: return py::none();
        case nlohmann::json::value_t::boolean: return py::bool_(j.get<bool>());
        case nlohmann::json::value_t::number_integer: return py::int_(j.get<std::int64_t>());
        case nlohmann::json::value_t::number_unsigned: return py::int_(j.get<std::uint64_t>());
        case nlohmann::json::value_t::number_float: return py::float_(j.get<double>());  // never money
        case nlohmann::json::value_t::string: return py::str(j.get_ref<const std::string&>());
        case nlohmann::json::value_t::array: {
            py::list out;
            for (const auto& v : j) out.append(json_to_py(v));
            return out;
        }
        case nlohmann::json::value_t::object: {
            py::dict out;
            for (const auto& [k, v] : j.items()) out[py::str(k)] = json_to_py(v);
            return out;
        }
        default: return py::none();
    }
}

}  // namespace motiv::bindings

PYBIND11_MODULE(_core, m) {
    m.doc() = "motiv._core: the compiled engine behind the motiv package (use `import motiv`).";
    m.attr("__version__") = MOTIV_VERSION;  // CMakeLists.txt project(): the one version source
    using namespace motiv::bindings;
    register_errors(m);
    register_payslip(m);
    register_scheme(m);
    register_payroll(m);
    register_batch(m);
    register_plantest(m);
    register_whatif(m);
    register_export(m);
    register_periods(m);
    register_logs(m);
    register_pay_curve(m);
    register_monte_carlo(m);
    register_diagnostics(m);
}
