#include "apps/export/statement_text.hpp"

#include <algorithm>

#include "core/io/text_columns.hpp"

namespace motiv::exports {

std::string statement_text(const Statement& st, Lang lang) {
    const Payslip& p = st.payslip;
    const Provenance& pv = st.provenance;
    auto aligned = [](const std::vector<std::pair<std::string, std::string>>& rows, const std::string& indent) {
        std::size_t w = 0;
        for (const auto& [k, v] : rows) w = std::max(w, io::text_width(k));
        std::string s;
        for (const auto& [k, v] : rows) s += indent + io::align_left(k, w + 2) + v + "\n";
        return s;
    };
    std::string s = tr(lang, "title") + " — " + period_text(p.period, lang) + "\n";
    s += aligned({{tr(lang, "person"), p.person + (p.name.empty() ? "" : " " + p.name)}, {tr(lang, "role"), role_text(st, lang)}}, "");

    s += "\n" + tr(lang, "lines") + "\n";
    std::size_t lw = io::text_width(tr(lang, "total"));
    std::size_t aw = 0;
    for (const auto& l : p.lines) {
        lw = std::max(lw, io::text_width(line_label(st, l, lang)));
        aw = std::max(aw, io::text_width(money_text(p, l.minor, lang)));
    }
    aw = std::max(aw, io::text_width(money_text(p, p.total_minor, lang)));
    auto amount_row = [&](const std::string& label, std::int64_t minor) {
        return "  " + io::align_left(label, lw + 2) + io::align_right(money_text(p, minor, lang), aw) + "\n";
    };
    for (std::size_t i = 0; i < p.lines.size(); ++i) {
        const PayLine& l = p.lines[i];
        s += amount_row(line_label(st, l, lang), l.minor);
        if (const std::string d = line_description(st, l, lang); !d.empty()) s += "      " + d + "\n";
        if (const std::string in = inputs_text(st, i, lang); !in.empty()) s += "      " + tr(lang, "inputs") + ": " + in + "\n";
        if (!l.applied) s += "      " + tr(lang, "not_applied") + "\n";
    }
    s += amount_row(tr(lang, "total"), p.total_minor);

    s += "\n" + tr(lang, "kpis") + "\n";
    if (st.kpis.empty()) s += "  " + tr(lang, "no_kpis") + "\n";
    for (const auto& k : st.kpis) s += "  " + kpi_text(st, k, lang) + " — " + kpi_status_text(st, k, lang) + "\n";

    s += "\n" + tr(lang, "tiers") + "\n";
    if (st.tiers.empty()) s += "  " + tr(lang, "no_tiers") + "\n";
    for (const auto& t : st.tiers) s += "  " + tier_text(st, t, lang) + "\n";

    // The technical footer: what identifies the computation exactly, for whoever checks it.
    s += "\n" + tr(lang, "technical") + "\n";
    s += aligned({{tr(lang, "scheme"), pv.scheme + " " + tr(lang, "version", {pv.version})},
                  {tr(lang, "rules_sha256"), pv.rules_sha256},
                  {tr(lang, "data_sha256"), pv.data_sha256}},
                 "  ");
    for (const auto& l : p.lines) s += "  " + tr(lang, "rule") + " " + l.component + " (" + l.kind + ") " + l.pointer + ": " + l.summary + "\n";
    for (const auto& k : st.kpis) s += "  " + tr(lang, "norms") + ": " + k.kpi + " " + k.op + " " + k.norm + " (" + k.pointer + ")\n";
    return s;
}

}  // namespace motiv::exports
