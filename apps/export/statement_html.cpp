#include "apps/export/statement_html.hpp"

namespace motiv::exports {

namespace {

// Phone first: one column of text, each amount on its own line beside its label and never wrapped
// or cut (white-space: nowrap, the label column takes what is left); long technical strings (hashes,
// formulas) break anywhere. Wider screens and print only get margins.
constexpr const char* kStyle = R"(
* { box-sizing: border-box; }
body { font: 15px/1.45 "DejaVu Sans", Arial, sans-serif; color: #111; margin: 0 auto; max-width: 48em; padding: .75em; }
h1 { font-size: 1.4em; margin: .2em 0 0; }
.period { font-size: 1.15em; margin: 0 0 .6em; }
h2 { font-size: 1.1em; margin: 1.4em 0 .4em; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; }
td { text-align: left; vertical-align: top; padding: .25em .3em; }
td.label { overflow-wrap: anywhere; }
td.amount { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; width: 1%; }
tr.line td { border-top: 1px solid #ddd; padding-top: .45em; font-weight: 600; }
tr.total td { font-weight: bold; border-top: 2px solid #111; }
.meta td:first-child { color: #555; width: 1%; white-space: nowrap; padding-right: 1em; }
.detail { color: #444; font-size: .9em; overflow-wrap: anywhere; }
ul { padding-left: 1.2em; margin: .3em 0; } li { margin: .3em 0; overflow-wrap: anywhere; }
.met { color: #075e07; } .not-met { color: #9b1111; }
footer { margin-top: 2em; color: #555; font-size: .8em; overflow-wrap: anywhere; }
footer h2 { font-size: 1.1em; color: #555; }
.code { font-family: "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; word-break: break-all; }
@media print { body { max-width: none; font-size: 11px; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
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
    auto money = [&](std::int64_t minor) { return e(money_text(p, minor, lang)); };
    const std::string who = p.person + (p.name.empty() ? "" : " " + p.name);
    const std::string period = period_text(p.period, lang);

    std::string h = "<!DOCTYPE html>\n<html lang=\"" + std::string(lang_code(lang)) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"motiv\">\n";
    h += "<title>" + e(tr(lang, "title") + " — " + period + " — " + who) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
    h += "<h1>" + e(tr(lang, "title")) + "</h1>\n<p class=\"period\">" + e(period) + "</p>\n<table class=\"meta\">\n";
    h += "<tr><td>" + e(tr(lang, "person")) + "</td><td>" + e(who) + "</td></tr>\n";
    h += "<tr><td>" + e(tr(lang, "role")) + "</td><td>" + e(role_text(st, lang)) + "</td></tr>\n</table>\n";

    h += "<h2>" + e(tr(lang, "lines")) + "</h2>\n<table class=\"lines\">\n";
    for (std::size_t i = 0; i < p.lines.size(); ++i) {
        const PayLine& l = p.lines[i];
        h += "<tr class=\"line\" id=\"line-" + e(l.component) + "\"><td class=\"label\">" + e(line_label(st, l, lang)) + "</td><td class=\"amount\">" +
             money(l.minor) + "</td></tr>\n";
        std::string detail;
        if (const std::string d = line_description(st, l, lang); !d.empty()) detail += "<div>" + e(d) + "</div>";
        if (const std::string in = inputs_text(st, i, lang); !in.empty()) detail += "<div>" + e(tr(lang, "inputs")) + ": " + e(in) + "</div>";
        if (!l.applied) detail += "<div class=\"not-met\">" + e(tr(lang, "not_applied")) + "</div>";
        if (!detail.empty()) h += "<tr><td class=\"detail\" colspan=\"2\">" + detail + "</td></tr>\n";
    }
    h += "<tr class=\"total\"><td>" + e(tr(lang, "total")) + "</td><td class=\"amount\" id=\"total\">" + money(p.total_minor) + "</td></tr>\n</table>\n";

    h += "<h2>" + e(tr(lang, "kpis")) + "</h2>\n";
    if (st.kpis.empty()) {
        h += "<p>" + e(tr(lang, "no_kpis")) + "</p>\n";
    } else {
        h += "<ul class=\"kpis\">\n";
        for (const auto& k : st.kpis) {
            const std::string about = norm_description(st, k, lang);
            h += "<li>" + e(kpi_text(st, k, lang)) + " — <span class=\"" + (k.met ? "met" : "not-met") + "\">" + e(kpi_status_text(st, k, lang)) + "</span>" +
                 (about.empty() ? "" : "<div class=\"detail\">" + e(about) + "</div>") + "</li>\n";
        }
        h += "</ul>\n";
    }

    h += "<h2>" + e(tr(lang, "tiers")) + "</h2>\n";
    if (st.tiers.empty()) h += "<p>" + e(tr(lang, "no_tiers")) + "</p>\n";
    else {
        h += "<ul class=\"tiers\">\n";
        for (const auto& t : st.tiers) h += "<li>" + e(tier_text(st, t, lang)) + "</li>\n";
        h += "</ul>\n";
    }

    // The technical footer: what identifies the computation exactly, for whoever checks it.
    h += "<footer class=\"provenance\">\n<h2>" + e(tr(lang, "technical")) + "</h2>\n<ul>\n";
    h += "<li>" + e(tr(lang, "scheme")) + ": " + e(pv.scheme + " " + tr(lang, "version", {pv.version})) + "</li>\n";
    h += "<li>" + e(tr(lang, "rules_sha256")) + ": <span class=\"code\">" + e(pv.rules_sha256) + "</span></li>\n";
    h += "<li>" + e(tr(lang, "data_sha256")) + ": <span class=\"code\">" + e(pv.data_sha256) + "</span></li>\n";
    for (const auto& l : p.lines)
        h += "<li>" + e(tr(lang, "rule")) + " " + e(l.component) + " (" + e(l.kind) + ") <span class=\"code\">" + e(l.pointer) + "</span>: <span class=\"code\">" +
             e(l.summary) + "</span></li>\n";
    for (const auto& k : st.kpis)
        h += "<li>" + e(tr(lang, "norms")) + ": <span class=\"code\">" + e(k.kpi + " " + k.op + " " + k.norm) + "</span> (<span class=\"code\">" + e(k.pointer) +
             "</span>)</li>\n";
    h += "</ul>\n<p>" + e(tr(lang, "generated")) + "</p>\n</footer>\n</body>\n</html>\n";
    return h;
}

}  // namespace motiv::exports
