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

// Pickle state of an explanation tree: (label, formula, detail, value, pointer, [children]), so that a
// payslip sent to another process (Dask, multiprocessing) explains itself exactly as here.
py::tuple explanation_state(const Explanation& e) {
    py::list children;
    for (const auto& c : e.children) children.append(explanation_state(c));
    return py::make_tuple(e.label, e.formula, e.detail, e.value, e.pointer, children);
}

Explanation explanation_from_state(const py::handle& state) {
    const auto t = state.cast<py::tuple>();
    if (t.size() != 6) throw py::value_error("not a motiv explanation state");
    Explanation e{t[0].cast<std::string>(), t[1].cast<std::string>(), t[2].cast<std::string>(), t[3].cast<std::string>(),
                  t[4].cast<std::string>(), {}};
    for (const auto& c : t[5].cast<py::list>()) e.children.push_back(explanation_from_state(c));
    return e;
}

Decimal decimal_from_state(const py::handle& text) {
    const auto d = Decimal::parse(text.cast<std::string>());
    if (!d) throw py::value_error("not a motiv payslip state: '" + text.cast<std::string>() + "' is not a decimal");
    return *d;
}

// Every field, amounts as exact decimal text: a pickled payslip is the payslip, not a recomputation.
py::tuple payslip_state(const Payslip& p) {
    py::list inputs, lines;
    for (const auto& [k, v] : p.inputs) inputs.append(py::make_tuple(k, v.to_string()));
    for (const auto& l : p.lines)
        lines.append(py::make_tuple(l.component, l.label, l.kind, l.pointer, l.minor, l.amount.to_string(), l.applied, l.summary,
                                    explanation_state(l.explanation)));
    return py::make_tuple(1, p.person, p.name, p.role, p.period, p.scheme, p.version, p.rules_sha256, p.currency, p.minor_units,
                          p.total_minor, p.total.to_string(), inputs, lines);
}

std::shared_ptr<Payslip> payslip_from_fields(const py::tuple& t) {
    auto p = std::make_shared<Payslip>();
    p->person = t[1].cast<std::string>();
    p->name = t[2].cast<std::string>();
    p->role = t[3].cast<std::string>();
    p->period = t[4].cast<std::string>();
    p->scheme = t[5].cast<std::string>();
    p->version = t[6].cast<std::string>();
    p->rules_sha256 = t[7].cast<std::string>();
    p->currency = t[8].cast<std::string>();
    p->minor_units = t[9].cast<int>();
    p->total_minor = t[10].cast<std::int64_t>();
    p->total = decimal_from_state(t[11]);
    for (const auto& kv : t[12].cast<py::list>()) {
        const auto pair = kv.cast<py::tuple>();
        p->inputs.emplace_back(pair[0].cast<std::string>(), decimal_from_state(pair[1]));
    }
    for (const auto& item : t[13].cast<py::list>()) {
        const auto l = item.cast<py::tuple>();
        if (l.size() != 9) throw py::value_error("not a motiv payslip line state");
        p->lines.push_back(PayLine{l[0].cast<std::string>(), l[1].cast<std::string>(), l[2].cast<std::string>(), l[3].cast<std::string>(),
                                   l[4].cast<std::int64_t>(), decimal_from_state(l[5]), l[6].cast<bool>(), l[7].cast<std::string>(),
                                   explanation_from_state(l[8])});
    }
    return p;
}

std::shared_ptr<Payslip> payslip_from_state(const py::tuple& t) {
    if (t.size() != 14 || !py::isinstance<py::int_>(t[0]) || t[0].cast<int>() != 1)
        throw py::value_error("not a motiv payslip state (pickled by another motiv version?)");
    try {
        return payslip_from_fields(t);
    } catch (const py::cast_error&) {  // a field of the wrong type: the same plain refusal, not a RuntimeError
        throw py::value_error("not a motiv payslip state: a field has the wrong type");
    }
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
        .def(py::pickle([](const LineView& v) { return py::make_tuple(std::const_pointer_cast<Payslip>(v.slip), v.index); },
                        [](const py::tuple& t) {
                            if (t.size() != 2) throw py::value_error("not a motiv line state");
                            LineView v{t[0].cast<SlipPtr>(), t[1].cast<std::size_t>()};
                            if (v.index >= v.slip->lines.size()) throw py::value_error("not a motiv line state: no such line");
                            return v;
                        }))
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
        .def(py::pickle(&payslip_state, &payslip_from_state))
        .def("__str__", [](const Payslip& p) { return p.to_text(false); })
        .def("__repr__", [](const Payslip& p) {
            return "<motiv.Payslip " + p.person + " " + p.role + " " + p.period + " total=" + p.total.to_string_fixed(p.minor_units) + " " +
                   p.currency + " (" + std::to_string(p.lines.size()) + " lines)>";
        });
}

}  // namespace motiv::bindings
