#include "apps/export/statement_html.hpp"

namespace motiv::exports {

namespace {

constexpr const char* kStyle = R"(
body { font: 14px/1.45 "DejaVu Sans", Arial, sans-serif; color: #111; margin: 2em auto; max-width: 60em; padding: 0 1em; }
h1 { font-size: 1.5em; margin: 0 0 .4em; }
h2 { font-size: 1.15em; margin: 1.6em 0 .5em; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .3em .5em; border-bottom: 1px solid #ddd; }
td.amount, th.amount { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; border-top: 2px solid #111; }
.meta td:first-child { color: #555; width: 14em; }
.hash { font-family: "DejaVu Sans Mono", monospace; font-size: .85em; word-break: break-all; }
.detail { color: #444; font-size: .9em; }
.formula { font-family: "DejaVu Sans Mono", monospace; font-size: .85em; }
.met { color: #075e07; } .not-met { color: #9b1111; }
.note { color: #555; font-size: .85em; margin-top: 2em; }
@media print { body { margin: 0; max-width: none; font-size: 11px; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
)";

}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string statement_html(const Statement& st, Lang lang) {
    const Payslip& p = st.payslip;
    const Provenance& pv = st.provenance;
    auto e = [](const std::string& s) { return html_escape(s); };
    auto money = [&](std::int64_t minor) { return e(money_text(minor, p.minor_units, lang)) + " " + e(p.currency); };
    const std::string title = tr(lang, "title") + " " + p.period + " — " + p.person + (p.name.empty() ? "" : " " + p.name);

    std::string h = "<!DOCTYPE html>\n<html lang=\"" + std::string(lang_code(lang)) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    h += "<meta name=\"generator\" content=\"motiv\">\n<title>" + e(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
    h += "<h1>" + e(tr(lang, "title")) + " " + e(p.period) + "</h1>\n<table class=\"meta\">\n";
    auto meta = [&](const std::string& k, const std::string& v, const char* cls = "") {
        h += "<tr><td>" + e(k) + "</td><td class=\"" + cls + "\">" + e(v) + "</td></tr>\n";
    };
    meta(tr(lang, "person"), p.person + (p.name.empty() ? "" : " " + p.name));
    meta(tr(lang, "role"), p.role);
    meta(tr(lang, "period"), p.period);
    meta(tr(lang, "scheme"), pv.scheme + " " + pv.version);
    meta(tr(lang, "rules_sha256"), pv.rules_sha256, "hash");
    meta(tr(lang, "data_sha256"), pv.data_sha256, "hash");
    h += "</table>\n";

    h += "<h2>" + e(tr(lang, "lines")) + "</h2>\n<table class=\"lines\">\n<tr><th>" + e(tr(lang, "line")) + "</th><th>" + e(tr(lang, "rule")) + " / " +
         e(tr(lang, "formula")) + " / " + e(tr(lang, "inputs")) + "</th><th class=\"amount\">" + e(tr(lang, "amount")) + "</th></tr>\n";
    for (std::size_t i = 0; i < p.lines.size(); ++i) {
        const PayLine& l = p.lines[i];
        std::string inputs;
        for (const auto& [name, value] : st.line_inputs[i]) inputs += (inputs.empty() ? "" : ", ") + name + " " + localize_number(value, lang);
        h += "<tr class=\"line\" id=\"line-" + e(l.component) + "\"><td>" + e(l.label) + "</td><td class=\"detail\">";
        h += "<div>" + e(tr(lang, "rule")) + ": " + e(l.component) + " (" + e(l.kind) + ") <span class=\"formula\">" + e(l.pointer) + "</span></div>";
        h += "<div>" + e(tr(lang, "formula")) + ": <span class=\"formula\">" + e(l.summary) + "</span></div>";
        h += "<div>" + e(tr(lang, "inputs")) + ": " + e(inputs.empty() ? tr(lang, "none") : inputs) + "</div>";
        if (!l.applied) h += "<div class=\"not-met\">" + e(tr(lang, "not_applied")) + "</div>";
        h += "</td><td class=\"amount\">" + money(l.minor) + "</td></tr>\n";
    }
    h += "<tr class=\"total\"><td>" + e(tr(lang, "total")) + "</td><td></td><td class=\"amount\" id=\"total\">" + money(p.total_minor) + "</td></tr>\n</table>\n";

    h += "<h2>" + e(tr(lang, "kpis")) + "</h2>\n";
    if (st.kpis.empty()) {
        h += "<p>" + e(tr(lang, "no_kpis")) + "</p>\n";
    } else {
        h += "<table class=\"kpis\">\n<tr><th>" + e(tr(lang, "kpi")) + "</th><th>" + e(tr(lang, "norm")) + "</th><th>" + e(tr(lang, "result")) + "</th></tr>\n";
        for (const auto& k : st.kpis)
            h += "<tr><td>" + e(kpi_text(k, lang)) + "</td><td><span class=\"formula\">" + e(k.norm) + "</span><div class=\"detail\">" + e(k.description) +
                 "</div></td><td class=\"" + (k.met ? "met" : "not-met") + "\">" + e(kpi_status_text(k, lang)) + "</td></tr>\n";
        h += "</table>\n";
    }

    h += "<h2>" + e(tr(lang, "tiers")) + "</h2>\n";
    if (st.tiers.empty()) h += "<p>" + e(tr(lang, "no_tiers")) + "</p>\n";
    else {
        h += "<ul class=\"tiers\">\n";
        for (const auto& t : st.tiers) h += "<li>" + e(tier_text(t, p, lang)) + "</li>\n";
        h += "</ul>\n";
    }
    h += "<p class=\"note\">" + e(tr(lang, "generated")) + "</p>\n</body>\n</html>\n";
    return h;
}

}  // namespace motiv::exports
