#include "apps/export/statement.hpp"

#include <algorithm>

namespace motiv::exports {

namespace {

// Input nodes of an explanation tree (pointer /inputs/<name>), each once, in the order met.
void inputs_of(const Explanation& e, std::vector<std::pair<std::string, std::string>>& out) {
    if (e.pointer.rfind("/inputs/", 0) == 0 &&
        std::none_of(out.begin(), out.end(), [&](const auto& kv) { return kv.first == e.label; }))
        out.emplace_back(e.label, e.value);
    for (const auto& c : e.children) inputs_of(c, out);
}

}  // namespace

Statement build_statement(const CompiledScheme& cs, const BoundParameters& params, const PersonInputs& person, Provenance provenance) {
    Statement st;
    st.payslip = compute_payslip(cs, params, person, Explain::full);
    for (const auto& l : st.payslip.lines) {
        st.line_inputs.emplace_back();
        inputs_of(l.explanation, st.line_inputs.back());
    }
    st.kpis = kpi_norms(cs, params, person);
    st.tiers = tier_progress(cs, params, person);
    st.provenance = std::move(provenance);
    st.scheme = &cs.scheme();
    return st;
}

std::string money_text(const Payslip& slip, std::int64_t minor, Lang lang) {
    return money_with_currency(Decimal::from_minor(minor, slip.minor_units).to_display(slip.minor_units), slip.currency, lang);
}

namespace {

const Role* role_of(const Statement& st) { return st.scheme ? st.scheme->find_role(st.payslip.role) : nullptr; }

const Component* component_of(const Statement& st, const std::string& id) {
    if (const Role* r = role_of(st))
        for (const auto& c : r->components)
            if (c.id == id) return &c;
    return nullptr;
}

// The rule file's text at pointer + "/" + key in `lang`, else `fallback`.
std::string text_in(const Statement& st, const std::string& pointer, const char* key, const std::string& fallback, Lang lang) {
    return st.scheme ? st.scheme->texts.get(pointer + "/" + key, lang_code(lang), fallback) : fallback;
}

const char* op_sign(const std::string& op) {
    if (op == ">=") return "≥";
    if (op == "<=") return "≤";
    return op.c_str();
}

}  // namespace

std::string role_text(const Statement& st, Lang lang) {
    const Role* r = role_of(st);
    return r && !r->label.empty() ? text_in(st, r->pointer, "label", r->label, lang) : st.payslip.role;
}

std::string line_label(const Statement& st, const PayLine& line, Lang lang) {
    const Component* c = component_of(st, line.component);
    return c ? text_in(st, c->pointer, "label", line.label, lang) : line.label;
}

std::string line_description(const Statement& st, const PayLine& line, Lang lang) {
    const Component* c = component_of(st, line.component);
    return c ? text_in(st, c->pointer, "description", c->description, lang) : std::string();
}

std::string value_label(const Statement& st, const std::string& name, Lang lang) {
    if (const Role* r = role_of(st))
        for (const auto& v : r->variables)
            if (v.name == name) return v.label.empty() ? name : text_in(st, v.pointer, "label", v.label, lang);
    if (st.scheme)
        if (const InputDecl* in = st.scheme->find_input(name); in && !in->label.empty()) return text_in(st, in->pointer, "label", in->label, lang);
    return name;
}

std::string norm_description(const Statement& st, const KpiNorm& k, Lang lang) {
    if (st.scheme)
        if (const Parameter* p = st.scheme->find_parameter(k.norm)) return text_in(st, p->pointer, "description", p->description, lang);
    return k.description;
}

std::string kpi_text(const Statement& st, const KpiNorm& k, Lang lang) {
    return tr(lang, "kpi_line", {value_label(st, k.kpi, lang), localize_number(k.value, lang), op_sign(k.op), localize_number(k.norm_value, lang)});
}

std::string kpi_status_text(const Statement& st, const KpiNorm& k, Lang lang) {
    std::string s = tr(lang, k.met ? "met" : "not_met");
    std::string lines;
    for (const auto& label : k.components) {
        // k.components holds the lines' default labels: say them in `lang`.
        std::string shown = label;
        for (const auto& l : st.payslip.lines)
            if (l.label == label) shown = line_label(st, l, lang);
        lines += (lines.empty() ? "" : ", ") + shown;
    }
    if (!lines.empty()) s += "; " + tr(lang, k.gate ? "gate_for" : "target_for", {lines});
    return s;
}

std::string tier_text(const Statement& st, const TierProgress& t, Lang lang) {
    const Payslip& slip = st.payslip;
    const int mu = slip.minor_units;
    auto number = [&](Decimal d) { return localize_number(d.to_display(mu), lang); };
    auto rate = [&](Decimal r) { return localize_number(format_value(r, expr::ValueType::number, Kind::ratio, mu), lang); };
    const PayLine* line = t.component.empty() ? nullptr : slip.line(t.component);
    const std::string line_name = line ? line_label(st, *line, lang) : t.line;
    const std::string what = line_name.empty() ? t.table : line_name;
    const std::string basis = value_label(st, t.basis, lang) + " " + number(t.value);
    std::string s = t.reached < 0 ? tr(lang, "tier_below", {what + ":", basis})
                                  : tr(lang, "tier_reached", {what + ":", basis, std::to_string(t.reached + 1), std::to_string(t.tiers), rate(t.rate)});
    if (!t.next_from) return s + "; " + tr(lang, "tier_highest");
    Fault f = Fault::none;
    const Decimal gap = Decimal::sub(*t.next_from, t.value, f);
    s += "; " + tr(lang, "tier_next", {number(*t.next_from), rate(*t.next_rate), f == Fault::none ? number(gap) : "?"});
    if (t.next_total_minor && t.next_line_minor)
        s += "; " + tr(lang, "tier_next_pay", {line_name, money_text(slip, *t.next_line_minor, lang), money_text(slip, *t.next_total_minor, lang)});
    else if (t.next_total_minor)
        s += "; " + tr(lang, "tier_next_total", {money_text(slip, *t.next_total_minor, lang)});
    return s;
}

std::string inputs_text(const Statement& st, std::size_t line, Lang lang) {
    std::string s;
    for (const auto& [name, value] : st.line_inputs[line]) s += (s.empty() ? "" : ", ") + value_label(st, name, lang) + " " + localize_number(value, lang);
    return s;
}

}  // namespace motiv::exports
