#include "apps/whatif/plan_diff.hpp"

#include <optional>
#include <utility>

#include "core/data/csv.hpp"

namespace motiv::whatif {

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;  // field -> text, in a fixed order

std::string opt_text(const std::optional<Decimal>& d) { return d ? d->to_string() : ""; }
std::string formula_text(const std::optional<Formula>& f) { return f ? f->ast.text : ""; }

std::string value_text(const Parameter& p, int minor_units) {
    std::string out;
    for (const auto& v : p.versions) {
        if (!out.empty()) out += "; ";
        if (!v.since.is_not_a_date()) out += to_iso(v.since) + ": ";
        if (p.kind != Kind::tiers) {
            out += p.kind == Kind::money && v.value.places() <= minor_units ? v.value.to_string_fixed(minor_units) : v.value.to_string();
            continue;
        }
        for (std::size_t k = 0; k < v.table.from.size(); ++k)
            out += (k ? ", " : "") + std::string("from ") + v.table.from[k].to_string() + " at " + v.table.rate[k].to_string();
    }
    return out;
}

Fields fields_of(const InputDecl& i, int) {
    return {{"kind", to_string(i.kind)}, {"required", i.required ? "true" : "false"}, {"default", opt_text(i.default_value)},
            {"min", opt_text(i.min)}, {"max", opt_text(i.max)}};
}

Fields fields_of(const Parameter& p, int minor_units) {
    Fields f{{"kind", to_string(p.kind)}, {"value", value_text(p, minor_units)}};
    if (p.kind == Kind::tiers) f.emplace_back("basis", to_string(p.basis));
    return f;
}

Fields fields_of(const Variable& v, int) { return {{"formula", v.formula.ast.text}}; }

Fields fields_of(const Component& c, int) {
    return {{"kind", to_string(c.kind)},   {"mode", to_string(c.mode)},     {"tiers", c.tiers},
            {"amount", formula_text(c.amount)}, {"rate", formula_text(c.rate)}, {"of", formula_text(c.of)},
            {"base", formula_text(c.base)}, {"when", formula_text(c.when)}, {"cap", formula_text(c.cap)},
            {"floor", formula_text(c.floor)}, {"rounding", c.rounding ? c.rounding->describe() : ""}, {"label", c.label}};
}

std::string joined(const Fields& f) {
    std::string out;
    for (const auto& [k, v] : f)
        if (!v.empty()) out += (out.empty() ? "" : "; ") + k + "=" + v;
    return out;
}

struct Differ {
    int minor_units = 2;  // money values are shown with the currency's places
    std::vector<PlanChange> out;

    void fields(const std::string& area, const std::string& name, const Fields& a, const Fields& b, const std::string& pointer) {
        for (std::size_t k = 0; k < a.size() && k < b.size(); ++k)
            if (a[k].second != b[k].second) out.push_back({area, name, a[k].first, "changed", a[k].second, b[k].second, pointer});
    }

    // Elements of two lists matched by name: changed fields, then removed, then added.
    template <class T, class Name, class Prefix>
    void lists(const std::string& area, const std::vector<T>& a, const std::vector<T>& b, Name name, Prefix prefix) {
        for (const T& x : a) {
            const T* y = nullptr;
            for (const T& c : b)
                if (name(c) == name(x)) y = &c;
            if (y) fields(area, prefix + name(x), fields_of(x, minor_units), fields_of(*y, minor_units), y->pointer);
            else out.push_back({area, prefix + name(x), "", "removed", joined(fields_of(x, minor_units)), "", x.pointer});
        }
        for (const T& y : b) {
            bool found = false;
            for (const T& x : a) found = found || name(x) == name(y);
            if (!found) out.push_back({area, prefix + name(y), "", "added", "", joined(fields_of(y, minor_units)), y.pointer});
        }
    }
};

}  // namespace

std::vector<PlanChange> diff_plans(const Scheme& a, const Scheme& b) {
    Differ d;
    d.minor_units = b.currency.minor_units;
    d.fields("scheme", a.name, {{"name", a.name}, {"version", a.version}, {"currency", a.currency.code + " " + std::to_string(a.currency.minor_units)},
                                {"rounding", a.rounding.describe()}},
             {{"name", b.name}, {"version", b.version}, {"currency", b.currency.code + " " + std::to_string(b.currency.minor_units)},
              {"rounding", b.rounding.describe()}},
             "");
    d.lists("input", a.inputs, b.inputs, [](const InputDecl& i) { return i.name; }, std::string());
    d.lists("parameter", a.parameters, b.parameters, [](const Parameter& p) { return p.name; }, std::string());
    for (const Role& ra : a.roles) {
        const Role* rb = b.find_role(ra.name);
        if (!rb) {
            d.out.push_back({"role", ra.name, "", "removed", std::to_string(ra.components.size()) + " components", "", ra.pointer});
            continue;
        }
        d.lists("variable", ra.variables, rb->variables, [](const Variable& v) { return v.name; }, ra.name + "/");
        d.lists("component", ra.components, rb->components, [](const Component& c) { return c.id; }, ra.name + "/");
    }
    for (const Role& rb : b.roles)
        if (!a.find_role(rb.name)) d.out.push_back({"role", rb.name, "", "added", "", std::to_string(rb.components.size()) + " components", rb.pointer});
    return d.out;
}

std::string plan_diff_csv(const std::vector<PlanChange>& changes, data::CellGuard guard) {
    std::string out;
    data::append_csv_row(out, {"area", "name", "field", "change", "before", "after", "pointer"}, ',', guard);
    for (const auto& c : changes) data::append_csv_row(out, {c.area, c.name, c.field, c.change, c.before, c.after, c.pointer}, ',', guard);
    return out;
}

std::string plan_diff_text(const std::vector<PlanChange>& changes) {
    if (changes.empty()) return "Plan diff: no changes\n";
    std::string s = "Plan diff: " + std::to_string(changes.size()) + " change" + (changes.size() == 1 ? "" : "s") + "\n";
    for (const auto& c : changes) {
        s += "  " + c.area + " " + c.name;
        if (c.change == "changed") s += " " + c.field + ": " + c.before + " -> " + c.after + "\n";
        else s += " " + c.change + (c.change == "added" ? ": " + c.after : ": " + c.before) + "\n";
    }
    return s;
}

}  // namespace motiv::whatif
