// A pay statement: one person's pay for one period, made to be read by that person.
//
// Every line with its amount, description and the inputs it used; the KPIs against their norms
// (kpi_norms.hpp); the tiers reached and what the next tier would pay (tier_progress.hpp); then, in
// a footer, the technical provenance: scheme, version, SHA-256 of rules and data, each line's rule
// (JSON pointer) and formula, the norms' parameter names. Rendered as plain text for the terminal
// (statement_text.hpp) and as a self-contained HTML page readable on a phone (statement_html.hpp),
// in English or Russian (translations.hpp): the statement's words, month names and number format
// from the translation table, labels and descriptions in the rule file's text for that language.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/engine/compute.hpp"
#include "apps/export/kpi_norms.hpp"
#include "apps/export/provenance.hpp"
#include "apps/export/tier_progress.hpp"
#include "apps/export/translations.hpp"

namespace motiv::exports {

struct Statement {
    Payslip payslip;  // with explanations
    // For each payslip line, the inputs its derivation read: (input name, value as shown).
    std::vector<std::vector<std::pair<std::string, std::string>>> line_inputs;
    std::vector<KpiNorm> kpis;
    std::vector<TierProgress> tiers;
    Provenance provenance;
    const Scheme* scheme = nullptr;  // for labels per language; the CompiledScheme must outlive the Statement
};

// Pays `person` (compute_payslip, with explanations: its errors propagate) and gathers the rest.
Statement build_statement(const CompiledScheme& scheme, const BoundParameters& params, const PersonInputs& person, Provenance provenance);

// Phrases both renderers share, so the text and the HTML say the same thing.
// An amount in minor units with the payslip's currency, spelled for `lang`: "1,250,000.00 RUB" / "1 250 000,00 ₽".
std::string money_text(const Payslip& slip, std::int64_t minor, Lang lang);
// The rule file's texts in `lang` (its translation, else its default text): the role's label, a
// line's label and description, an input's or variable's label (else its name as written), the
// description of a KPI's norm.
std::string role_text(const Statement& st, Lang lang);
std::string line_label(const Statement& st, const PayLine& line, Lang lang);
std::string line_description(const Statement& st, const PayLine& line, Lang lang);
std::string value_label(const Statement& st, const std::string& name, Lang lang);
std::string norm_description(const Statement& st, const KpiNorm& k, Lang lang);
// "Cold calls: 260, norm ≥ 200": the KPI, its value, its norm.
std::string kpi_text(const Statement& st, const KpiNorm& k, Lang lang);
// "met; required for: KPI bonus" / "not met; counts towards: KPI bonus".
std::string kpi_status_text(const Statement& st, const KpiNorm& k, Lang lang);
// The tier reached and, when there is one, the next tier and what it would pay.
std::string tier_text(const Statement& st, const TierProgress& t, Lang lang);
// Each input the line read as "Cold calls 260, Talk minutes 2,880", or "" when none.
std::string inputs_text(const Statement& st, std::size_t line, Lang lang);

}  // namespace motiv::exports
