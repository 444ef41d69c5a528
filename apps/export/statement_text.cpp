#include "apps/export/statement_text.hpp"

#include <algorithm>

#include "core/io/text_columns.hpp"

namespace motiv::exports {

std::string statement_text(const Statement& st, Lang lang) {
    const Payslip& p = st.payslip;
    const Provenance& pv = st.provenance;
    std::string s;
    s += tr(lang, "title") + " " + p.period + "\n";
    std::vector<std::pair<std::string, std::string>> head = {
        {tr(lang, "person"), p.person + (p.name.empty() ? "" : " " + p.name)},
        {tr(lang, "role"), p.role},
        {tr(lang, "scheme"), pv.scheme + " " + pv.version},
        {tr(lang, "rules_sha256"), pv.rules_sha256},
        {tr(lang, "data_sha256"), pv.data_sha256},
    };
    std::size_t hw = 0;
    for (const auto& [k, v] : head) hw = std::max(hw, io::text_width(k));
    for (const auto& [k, v] : head) s += io::align_left(k, hw + 2) + v + "\n";

    s += "\n" + tr(lang, "lines") + "\n";
    std::size_t lw = io::text_width(tr(lang, "total"));
    for (const auto& l : p.lines) lw = std::max(lw, io::text_width(l.label));
    auto amount_row = [&](const std::string& label, std::int64_t minor) {
        return "  " + io::align_left(label, lw + 2) + io::align_right(money_text(minor, p.minor_units, lang), 16) + " " + p.currency + "\n";
    };
    for (std::size_t i = 0; i < p.lines.size(); ++i) {
        const PayLine& l = p.lines[i];
        s += amount_row(l.label, l.minor);
        s += "      " + tr(lang, "rule") + ": " + l.component + " (" + l.kind + ") " + l.pointer + "\n";
        s += "      " + tr(lang, "formula") + ": " + l.summary + "\n";
        std::string inputs;
        for (const auto& [name, value] : st.line_inputs[i]) inputs += (inputs.empty() ? "" : ", ") + name + " " + localize_number(value, lang);
        s += "      " + tr(lang, "inputs") + ": " + (inputs.empty() ? tr(lang, "none") : inputs) + "\n";
        if (!l.applied) s += "      " + tr(lang, "not_applied") + "\n";
    }
    s += amount_row(tr(lang, "total"), p.total_minor);

    s += "\n" + tr(lang, "kpis") + "\n";
    if (st.kpis.empty()) s += "  " + tr(lang, "no_kpis") + "\n";
    for (const auto& k : st.kpis) s += "  " + kpi_text(k, lang) + "  " + k.norm + ": " + kpi_status_text(k, lang) + "\n";

    s += "\n" + tr(lang, "tiers") + "\n";
    if (st.tiers.empty()) s += "  " + tr(lang, "no_tiers") + "\n";
    for (const auto& t : st.tiers) s += "  " + tier_text(t, p, lang) + "\n";
    return s;
}

}  // namespace motiv::exports
