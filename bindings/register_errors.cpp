// The one place where motiv's C++ errors become Python exceptions.
//
//   motiv::Error      -> motiv.MotivError (Exception)             .id
//   motiv::RuleError  -> motiv.RuleError (MotivError, ValueError)  .id .pointer .issues
//   motiv::DataError  -> motiv.DataError (MotivError, ValueError)  .id .pointer .issues
//   motiv::EvalError  -> motiv.EvalError (MotivError, ArithmeticError)  .id .pointer
//   motiv::IoError    -> motiv.IoError (MotivError, OSError)       .id (errno EEXIST when refusing to overwrite)
//
// Python allows only one base through py::register_exception, hence PyErr_NewExceptionWithDoc
// with a tuple of bases and one translator. Any other std::runtime_error the core might throw
// becomes a MotivError "motiv.internal_error": nothing reaches Python as a bare RuntimeError.
#include <cerrno>
#include <nlohmann/json.hpp>

#include "bindings/register.hpp"
#include "core/errors.hpp"
#include "core/errors/catalogue.hpp"

namespace motiv::bindings {

namespace {

// The exception types, created once with the module; strong references kept for the process
// (the module holds them too), as pybind11 does for its own registered exceptions.
PyObject* g_motiv_error = nullptr;
PyObject* g_rule_error = nullptr;
PyObject* g_data_error = nullptr;
PyObject* g_eval_error = nullptr;
PyObject* g_io_error = nullptr;

PyObject* new_exception(py::module_& m, const char* name, const char* doc, std::initializer_list<PyObject*> bases) {
    py::tuple b(bases.size());
    std::size_t i = 0;
    for (PyObject* base : bases) b[i++] = py::reinterpret_borrow<py::object>(base);
    const std::string qualified = std::string("motiv.") + name;  // shown as motiv.RuleError in tracebacks
    PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, b.ptr(), nullptr);
    if (!type) throw py::error_already_set();
    m.attr(name) = py::reinterpret_borrow<py::object>(type);
    return type;
}

py::dict issue_dict(const Issue& i) {
    py::dict d;
    d["id"] = i.id;
    d["file"] = i.file;
    d["pointer"] = i.pointer;
    d["line"] = i.line;
    d["column"] = i.column;
    d["field"] = i.field;
    d["person"] = i.person;
    d["message"] = i.message;
    d["expression"] = i.expression;
    d["expr_column"] = i.expr_column;
    return d;
}

// Builds the exception instance with its attributes and sets it as the current Python error.
void raise(PyObject* type, const std::string& message, const std::string& id, const std::string* pointer,
           const std::vector<Issue>* issues, int errno_value = 0) {
    py::object exc = py::reinterpret_borrow<py::object>(type)(message);
    exc.attr("id") = id;
    if (pointer) exc.attr("pointer") = *pointer;
    if (issues) {
        py::list list;
        for (const auto& i : *issues) list.append(issue_dict(i));
        exc.attr("issues") = list;
    }
    if (errno_value) exc.attr("errno") = errno_value;
    PyErr_SetObject(type, exc.ptr());
}

void raise_issues(PyObject* type, const IssueError& e) {
    const std::string pointer = e.issues().empty() ? std::string() : e.issues().front().pointer;
    raise(type, e.what(), e.id(), &pointer, &e.issues());
}

}  // namespace

void register_errors(py::module_& m) {
    g_motiv_error = new_exception(m, "MotivError",
                                  "Base of every error motiv raises on purpose; .id is its stable id (e.g. 'motiv.rule_error.203').",
                                  {PyExc_Exception});
    g_rule_error = new_exception(m, "RuleError",
                                 "A rule file (or an override of it) is malformed or inconsistent.\n\n"
                                 ".id, .pointer (JSON pointer of the first issue) and .issues (every problem found, as dicts with\n"
                                 "id, file, pointer, line, column, field, person, message, expression, expr_column).",
                                 {g_motiv_error, PyExc_ValueError});
    g_data_error = new_exception(m, "DataError",
                                 "Input data (a row, an inputs dict, a CSV or DataFrame) is malformed or incomplete.\n\n"
                                 ".id, .pointer and .issues as for RuleError; issues name the row (line), column (field) and person.",
                                 {g_motiv_error, PyExc_ValueError});
    g_eval_error = new_exception(m, "EvalError",
                                 "A valid scheme could not be evaluated on valid data (division by zero, overflow).\n\n"
                                 ".id and .pointer (JSON pointer of the rule).",
                                 {g_motiv_error, PyExc_ArithmeticError});
    g_io_error = new_exception(m, "IoError",
                               "A file could not be read or written, or an output exists and force was not given\n"
                               "(id 'motiv.io_error.003', errno EEXIST).",
                               {g_motiv_error, PyExc_OSError});

    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const RuleError& e) {
            raise_issues(g_rule_error, e);
        } catch (const DataError& e) {
            raise_issues(g_data_error, e);
        } catch (const IssueError& e) {
            raise_issues(g_motiv_error, e);
        } catch (const EvalError& e) {
            raise(g_eval_error, e.what(), e.id(), &e.pointer(), nullptr);
        } catch (const IoError& e) {
            // The core's IoError text has no id in it (the CLI prefixes it): so does this.
            raise(g_io_error, "[" + e.id() + "] " + e.what(), e.id(), nullptr, nullptr, e.id() == err::io_exists ? EEXIST : 0);
        } catch (const Error& e) {
            raise(g_motiv_error, e.what(), e.id(), nullptr, nullptr);
        } catch (const py::builtin_exception&) {
            throw;  // pybind11's own (type_error, value_error...): its default translator maps them
        } catch (const std::overflow_error&) {
            throw;  // -> OverflowError
        } catch (const std::range_error&) {
            throw;  // -> ValueError
        } catch (const std::runtime_error& e) {
            raise(g_motiv_error, std::string("[motiv.internal_error] ") + e.what(), "motiv.internal_error", nullptr, nullptr);
        } catch (const nlohmann::json::exception& e) {
            raise(g_motiv_error, std::string("[motiv.internal_error] ") + e.what(), "motiv.internal_error", nullptr, nullptr);
        }
    });
}

}  // namespace motiv::bindings
