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
    return st;
}

std::string money_text(std::int64_t minor, int minor_units, Lang lang) {
    return localize_number(Decimal::from_minor(minor, minor_units).to_display(minor_units), lang);
}

std::string kpi_text(const KpiNorm& k, Lang lang) {
    return k.kpi + " " + localize_number(k.value, lang) + " / " + localize_number(k.norm_value, lang) + " (" + k.op + ")";
}

std::string kpi_status_text(const KpiNorm& k, Lang lang) {
    std::string s = tr(lang, k.met ? "met" : "not_met");
    std::string lines;
    for (const auto& c : k.components) lines += (lines.empty() ? "" : ", ") + c;
    if (!lines.empty()) s += "; " + tr(lang, k.gate ? "gate_for" : "target_for", {lines});
    return s;
}

std::string tier_text(const TierProgress& t, const Payslip& slip, Lang lang) {
    const int mu = slip.minor_units;
    auto number = [&](Decimal d) { return localize_number(d.to_display(mu), lang); };
    auto rate = [&](Decimal r) { return localize_number(format_value(r, expr::ValueType::number, Kind::ratio, mu), lang); };
    const std::string what = t.line.empty() ? t.table : t.line;
    std::string s = t.reached < 0 ? tr(lang, "tier_below", {what + ":", t.basis + " " + number(t.value)})
                                  : tr(lang, "tier_reached", {what + ":", t.basis + " " + number(t.value), std::to_string(t.reached + 1),
                                                               std::to_string(t.tiers), rate(t.rate)});
    if (!t.next_from) return s + "; " + tr(lang, "tier_highest");
    Fault f = Fault::none;
    const Decimal gap = Decimal::sub(*t.next_from, t.value, f);
    s += "; " + tr(lang, "tier_next", {number(*t.next_from), rate(*t.next_rate), f == Fault::none ? number(gap) : "?"});
    if (t.next_total_minor && t.next_line_minor)
        s += "; " + tr(lang, "tier_next_pay", {t.line, money_text(*t.next_line_minor, mu, lang), money_text(*t.next_total_minor, mu, lang), slip.currency});
    else if (t.next_total_minor)
        s += "; " + tr(lang, "tier_next_total", {money_text(*t.next_total_minor, mu, lang), slip.currency});
    return s;
}

}  // namespace motiv::exports
