// motiv.Payslip and motiv.Line: read-only views of a computed payslip. Amounts are decimal.Decimal
// with the currency's places and ints of minor units; explanations are str and dict trees.
#include <pybind11/stl.h>

#include "bindings/register.hpp"
#include "core/engine/payslip.hpp"

namespace motiv::bindings {

namespace {

// One line plus the currency's places, so that its amount knows how to print itself.
struct LineView {
    std::shared_ptr<const Payslip> slip;
    std::size_t index = 0;
    [[nodiscard]] const PayLine& line() const { return slip->lines[index]; }
};

std::string line_repr(const LineView& v) {
    const PayLine& l = v.line();
    return "<motiv.Line " + l.component + " (" + l.kind + ") " + l.amount.to_string_fixed(v.slip->minor_units) +
           (l.applied ? "" : ", not applied") + ">";
}

}  // namespace

void register_payslip(py::module_& m) {
    using SlipPtr = std::shared_ptr<Payslip>;

    py::class_<LineView>(m, "Line", "One line of a payslip: a component's amount and how it was derived.")
        .def_property_readonly("component", [](const LineView& v) { return v.line().component; }, "Component id, e.g. 'commission'.")
        .def_property_readonly("label", [](const LineView& v) { return v.line().label; }, "Label for people, e.g. 'Commission on deals'.")
        .def_property_readonly("kind", [](const LineView& v) { return v.line().kind; }, "fixed, percent, commission, penalty or formula.")
        .def_property_readonly("amount", [](const LineView& v) { return to_py_money(v.line().amount, v.slip->minor_units); },
                               "The amount as an exact decimal.Decimal (negative for a penalty).")
        .def_property_readonly("minor", [](const LineView& v) { return v.line().minor; }, "The amount in minor units (kopecks).")
        .def_property_readonly("applied", [](const LineView& v) { return v.line().applied; }, "False when the line's `when` condition did not hold.")
        .def_property_readonly("explanation", [](const LineView& v) { return v.line().summary; },
                               "One-line derivation, e.g. 'salary = hunter.salary 25,000.00 = 25,000.00'.")
        .def_property_readonly("tree", [](const LineView& v) { return json_to_py(v.line().explanation.to_json()); },
                               "The full derivation as a dict: label, value, formula, detail, pointer, children.")
        .def_property_readonly("pointer", [](const LineView& v) { return v.line().pointer; }, "JSON pointer of the rule in the rule file.")
        .def("__repr__", &line_repr)
        .def("__str__", [](const LineView& v) { return v.line().summary; });

    py::class_<Payslip, SlipPtr>(m, "Payslip", "One person's pay for one period: lines, total and explanations. Read-only.")
        .def_property_readonly("person", [](const Payslip& p) { return p.person; }, "The person's id.")
        .def_property_readonly("name", [](const Payslip& p) { return p.name; }, "The person's name ('' if not given).")
        .def_property_readonly("role", [](const Payslip& p) { return p.role; })
        .def_property_readonly("period", [](const Payslip& p) { return p.period; }, "'YYYY-MM'.")
        .def_property_readonly("scheme", [](const Payslip& p) { return p.scheme; }, "Name of the scheme.")
        .def_property_readonly("version", [](const Payslip& p) { return p.version; }, "Version of the scheme.")
        .def_property_readonly("rules_sha256", [](const Payslip& p) { return p.rules_sha256; }, "SHA-256 of the rule file used.")
        .def_property_readonly("currency", [](const Payslip& p) { return p.currency; }, "Currency code, e.g. 'RUB'.")
        .def_property_readonly("minor_units", [](const Payslip& p) { return p.minor_units; }, "Decimal places of the currency.")
        .def_property_readonly("total", [](const Payslip& p) { return to_py_money(p.total, p.minor_units); },
                               "The total as an exact decimal.Decimal: the sum of the lines.")
        .def_property_readonly("total_minor", [](const Payslip& p) { return p.total_minor; }, "The total in minor units.")
        .def_property_readonly(
            "inputs",
            [](const Payslip& p) {
                py::dict d;
                for (const auto& [k, v] : p.inputs) d[py::str(k)] = to_py_decimal(v);
                return d;
            },
            "The inputs the role read, as used (defaults filled in), name -> decimal.Decimal.")
        .def_property_readonly(
            "lines",
            [](const SlipPtr& p) {
                py::list out;
                for (std::size_t i = 0; i < p->lines.size(); ++i) out.append(py::cast(LineView{p, i}));
                return out;
            },
            "The lines in payslip order (list of Line).")
        .def("line", [](const SlipPtr& p, const std::string& component) -> py::object {
                for (std::size_t i = 0; i < p->lines.size(); ++i)
                    if (p->lines[i].component == component) return py::cast(LineView{p, i});
                return py::none();
            }, py::arg("component"), "The line of a component id, or None.")
        .def("to_dict", [](const Payslip& p) { return json_to_py(p.to_json()); },
             "The payslip's JSON form as a dict (amounts as exact strings, explanation trees included).")
        .def("explain", [](const Payslip& p, bool trees) { return p.to_text(trees); }, py::kw_only(), py::arg("trees") = true,
             "The payslip as a readable statement; with trees=True each line's derivation tree is included.")
        .def("__str__", [](const Payslip& p) { return p.to_text(false); })
        .def("__repr__", [](const Payslip& p) {
            return "<motiv.Payslip " + p.person + " " + p.role + " " + p.period + " total=" + p.total.to_string_fixed(p.minor_units) + " " +
                   p.currency + " (" + std::to_string(p.lines.size()) + " lines)>";
        });
}

}  // namespace motiv::bindings
