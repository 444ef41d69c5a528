// motiv._core.Scheme: load a rule file once (validate + compile), inspect it, compute payslips,
// and derive what-if schemes with parameters overridden.
#include <pybind11/stl.h>

#include "bindings/register.hpp"
#include "core/data/input_values.hpp"
#include "core/engine/compute.hpp"
#include "core/errors.hpp"
#include "core/io/atomic_file.hpp"
#include "core/rules/json_document.hpp"
#include "core/rules/loader.hpp"

namespace motiv::bindings {

namespace {

bool is_mapping(py::handle h) { return py::isinstance(h, py::module_::import("collections.abc").attr("Mapping")); }

// A Python override value as the JSON the loader reads: exact numbers as strings, dated values as
// objects, tier tables as arrays of {"from", "rate"} (a (from, rate) pair is accepted for a tier).
nlohmann::json override_json(py::handle v, const std::string& what, int depth) {
    if (depth > 8) throw py::value_error(what + ": nested too deeply");
    if (PyUnicode_Check(v.ptr())) return v.cast<std::string>();
    if (is_mapping(v)) {
        nlohmann::json out = nlohmann::json::object();
        for (auto item : py::reinterpret_borrow<py::object>(v).attr("items")()) {
            auto kv = item.cast<py::tuple>();
            if (!PyUnicode_Check(kv[0].ptr())) throw py::type_error(what + ": keys must be str, got " + py::repr(kv[0]).cast<std::string>());
            const auto key = kv[0].cast<std::string>();
            out[key] = override_json(kv[1], what + "[" + key + "]", depth + 1);
        }
        return out;
    }
    if (PyList_Check(v.ptr()) || PyTuple_Check(v.ptr())) {
        nlohmann::json out = nlohmann::json::array();
        std::size_t i = 0;
        for (auto item : v) {
            const std::string w = what + "[" + std::to_string(i++) + "]";
            if ((PyList_Check(item.ptr()) || PyTuple_Check(item.ptr())) && py::len(item) == 2) {
                auto pair = py::reinterpret_borrow<py::sequence>(item);
                out.push_back({{"from", override_json(pair[0], w + "[0]", depth + 1)}, {"rate", override_json(pair[1], w + "[1]", depth + 1)}});
            } else {
                out.push_back(override_json(item, w, depth + 1));
            }
        }
        return out;
    }
    auto text = exact_text(v, what);
    if (!text) throw py::type_error(what + ": expected a value, got None");
    return *text;
}

nlohmann::json overrides_json(py::handle overrides) {
    if (overrides.is_none()) return nlohmann::json::object();
    if (!is_mapping(overrides))
        throw py::type_error("overrides must be a mapping {parameter name: value}, got " +
                             py::str(py::type::handle_of(overrides).attr("__name__")).cast<std::string>());
    nlohmann::json out = override_json(overrides, "overrides", 0);
    return out;
}

SchemeHandle make_handle(std::shared_ptr<const std::string> text, const std::string& source, nlohmann::json overrides) {
    py::gil_scoped_release release;
    SchemeHandle h;
    h.compiled = CompiledScheme::compile(load_scheme(*text, source, overrides));
    h.text = std::move(text);
    h.overrides = std::move(overrides);
    return h;
}

SchemeHandle load_file(const std::string& path, py::handle overrides) {
    nlohmann::json ov = overrides_json(overrides);
    std::string text;
    {
        py::gil_scoped_release release;
        // As load_scheme_file does, but the text is kept for with_overrides().
        text = read_rule_file(path);
    }
    return make_handle(std::make_shared<const std::string>(std::move(text)), path, std::move(ov));
}

const Scheme& scheme_of(const SchemeHandle& h) { return h.compiled->scheme(); }

const CompiledRole& role_arg(const SchemeHandle& h, const std::string& role) {
    const CompiledRole* r = h.compiled->role(role);
    if (r) return *r;
    std::string roles;
    for (const auto& x : scheme_of(h).roles) roles += (roles.empty() ? "" : ", ") + x.name;
    throw py::value_error("unknown role '" + role + "'; the scheme has: " + roles);
}

py::object parameter_value(const SchemeHandle& h, const std::string& name, const std::string& period) {
    const Scheme& s = scheme_of(h);
    const Parameter* p = s.find_parameter(name);
    if (!p) throw py::value_error("unknown parameter '" + name + "' (see Scheme.parameter_names)");
    const BoundParameters bound = h.compiled->bind(parse_period_arg(period));
    const auto idx = static_cast<std::size_t>(p - s.parameters.data());
    if (p->kind != Kind::tiers) return to_py_value(bound.values[idx], p->kind, s.currency.minor_units);
    py::list tiers;
    const expr::TierTable& t = bound.tables[idx];
    for (std::size_t k = 0; k < t.from.size(); ++k)
        tiers.append(py::make_tuple(to_py_value(t.from[k], p->basis, s.currency.minor_units), to_py_decimal(t.rate[k])));
    return tiers;
}

// Reads an inputs mapping {name: str | int | Decimal | None} into the scheme's input slots, with
// the same checks as a CSV cell (data/input_values.hpp); every problem reported at once.
std::vector<std::optional<Decimal>> read_inputs(const Scheme& s, py::handle inputs, const std::string& person) {
    std::vector<std::optional<Decimal>> values(s.inputs.size());
    if (inputs.is_none()) return values;
    if (!is_mapping(inputs))
        throw py::type_error("inputs must be a mapping {input name: value}, got " + py::str(py::type::handle_of(inputs).attr("__name__")).cast<std::string>());
    IssueCollector<DataError> issues;
    auto issue = [&](const char* id, const std::string& field, const std::string& msg) {
        issues.add(Issue{id, "<inputs>", "", 0, 0, field, person, msg, "", 0});
    };
    for (auto item : py::reinterpret_borrow<py::object>(inputs).attr("items")()) {
        auto kv = item.cast<py::tuple>();
        if (!PyUnicode_Check(kv[0].ptr())) throw py::type_error("inputs: names must be str, got " + py::repr(kv[0]).cast<std::string>());
        const auto name = kv[0].cast<std::string>();
        const InputDecl* in = s.find_input(name);
        if (!in) {
            std::string known;
            for (const auto& i : s.inputs) known += (known.empty() ? "" : ", ") + i.name;
            issue("motiv.data_error.302", name, "unknown input '" + name + "': not an input of scheme " + s.name + " (inputs: " + known + ")");
            continue;
        }
        const auto text = exact_text(kv[1], "input '" + name + "'");
        std::string err;
        auto v = data::parse_input_value(*in, text.value_or(std::string()), s.currency.minor_units, err);
        if (!err.empty()) issue("motiv.data_error.304", name, err);
        values[static_cast<std::size_t>(in - s.inputs.data())] = v;
    }
    issues.throw_if_any();
    return values;
}

// "" = not given; else a strict YYYY-MM-DD (ValueError otherwise).
std::optional<Date> date_arg(const std::string& text, const char* what) {
    if (text.empty()) return std::nullopt;
    auto d = parse_iso_date(text);
    if (!d) throw py::value_error(std::string(what) + ": expected a date YYYY-MM-DD, got '" + text + "'");
    return d;
}

std::shared_ptr<Payslip> compute(const SchemeHandle& h, const std::string& role, const std::string& period, py::handle inputs,
                                 const std::string& person, const std::string& name, const std::string& start_date, const std::string& end_date) {
    const Period p = parse_period_arg(period);
    PersonInputs in;
    in.start = date_arg(start_date, "start_date");
    in.end = date_arg(end_date, "end_date");
    in.id = person;
    in.name = name;
    in.role = role;
    in.source = "<inputs>";
    in.values = read_inputs(scheme_of(h), inputs, person);
    py::gil_scoped_release release;
    return std::make_shared<Payslip>(compute_payslip(*h.compiled, p, in));
}

std::string scheme_repr(const SchemeHandle& h) {
    const Scheme& s = scheme_of(h);
    std::string roles;
    for (const auto& r : s.roles) roles += (roles.empty() ? "" : ", ") + r.name;
    std::string out = "<motiv.Scheme " + s.name + " " + s.version + " from " + s.source + " (sha256 " + s.sha256.substr(0, 12) +
                      "...), roles: " + roles;
    if (!h.overrides.empty()) out += ", " + std::to_string(h.overrides.size()) + " override" + (h.overrides.size() == 1 ? "" : "s");
    return out + ">";
}

}  // namespace

void register_scheme(py::module_& m) {
    py::class_<SchemeHandle>(m, "Scheme", "A rule file loaded, validated and compiled once; immutable.")
        .def_property_readonly("name", [](const SchemeHandle& h) { return scheme_of(h).name; })
        .def_property_readonly("version", [](const SchemeHandle& h) { return scheme_of(h).version; })
        .def_property_readonly("description", [](const SchemeHandle& h) { return scheme_of(h).description; })
        .def_property_readonly("sha256", [](const SchemeHandle& h) { return scheme_of(h).sha256; })
        .def_property_readonly("source", [](const SchemeHandle& h) { return scheme_of(h).source; })
        .def_property_readonly("currency", [](const SchemeHandle& h) { return scheme_of(h).currency.code; })
        .def_property_readonly("minor_units", [](const SchemeHandle& h) { return scheme_of(h).currency.minor_units; })
        .def_property_readonly("overrides", [](const SchemeHandle& h) { return json_to_py(h.overrides); })
        .def_property_readonly("roles", [](const SchemeHandle& h) {
            std::vector<std::string> out;
            for (const auto& r : scheme_of(h).roles) out.push_back(r.name);
            return out;
        })
        .def_property_readonly("parameter_names", [](const SchemeHandle& h) {
            std::vector<std::string> out;
            for (const auto& p : scheme_of(h).parameters) out.push_back(p.name);
            return out;
        })
        .def_property_readonly("parameter_info", [](const SchemeHandle& h) {
            py::list out;
            for (const auto& p : scheme_of(h).parameters) out.append(py::make_tuple(p.name, to_string(p.kind), p.unit, p.description));
            return out;
        }, "Tuples (name, kind, unit, description), in parameter_names order: what a chart labels an axis with.")
        .def_property_readonly("inputs", [](const SchemeHandle& h) {
            const Scheme& s = scheme_of(h);
            py::list out;
            for (const auto& i : s.inputs)
                out.append(py::make_tuple(i.name, to_string(i.kind), i.unit, i.description, i.required,
                                          i.default_value ? to_py_value(*i.default_value, i.kind, s.currency.minor_units) : py::none()));
            return out;
        }, "Tuples (name, kind, unit, description, required, default).")
        .def("components", [](const SchemeHandle& h, const std::string& role) {
            std::vector<std::string> out;
            for (const auto& c : role_arg(h, role).components) out.push_back(c.rule->id);
            return out;
        }, py::arg("role"))
        .def("parameter", &parameter_value, py::arg("name"), py::kw_only(), py::arg("period"))
        .def("with_overrides", [](const SchemeHandle& h, py::handle overrides) {
            nlohmann::json merged = h.overrides;
            merged.update(overrides_json(overrides));
            return make_handle(h.text, scheme_of(h).source, std::move(merged));
        }, py::arg("overrides"))
        .def("compute", &compute, py::kw_only(), py::arg("role"), py::arg("period"), py::arg("inputs"), py::arg("person") = "",
             py::arg("name") = "", py::arg("start_date") = "", py::arg("end_date") = "")
        .def("__repr__", &scheme_repr);

    m.def("load", &load_file, py::arg("path"), py::kw_only(), py::arg("overrides") = py::none(),
          "Reads, validates and compiles a rule file; RuleError on any problem.");
    m.def("loads", [](const std::string& text, const std::string& source, py::handle overrides) {
        return make_handle(std::make_shared<const std::string>(text), source, overrides_json(overrides));
    }, py::arg("text"), py::kw_only(), py::arg("source") = "<string>", py::arg("overrides") = py::none(),
          "Validates and compiles rule text; RuleError on any problem.");
}

}  // namespace motiv::bindings
