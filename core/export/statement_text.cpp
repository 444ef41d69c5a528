#include "core/export/statement_text.hpp"

#include <algorithm>

namespace motiv::exports {

namespace {

// Display width in characters (code points) of UTF-8 text: Cyrillic takes two bytes, one column.
std::size_t width(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string pad_right(const std::string& s, std::size_t w) { return s + std::string(w > width(s) ? w - width(s) : 1, ' '); }
std::string pad_left(const std::string& s, std::size_t w) { return std::string(w > width(s) ? w - width(s) : 0, ' ') + s; }

}  // namespace

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
    for (const auto& [k, v] : head) hw = std::max(hw, width(k));
    for (const auto& [k, v] : head) s += pad_right(k, hw + 2) + v + "\n";

    s += "\n" + tr(lang, "lines") + "\n";
    std::size_t lw = width(tr(lang, "total"));
    for (const auto& l : p.lines) lw = std::max(lw, width(l.label));
    auto amount_row = [&](const std::string& label, std::int64_t minor) {
        return "  " + pad_right(label, lw + 2) + pad_left(money_text(minor, p.minor_units, lang), 16) + " " + p.currency + "\n";
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
