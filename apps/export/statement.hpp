// A pay statement: one person's pay for one period, made to be read by that person.
//
// Every line with its rule (JSON pointer), formula (the one-line derivation) and the inputs it used;
// the KPIs against their norms (kpi_norms.hpp); the tiers reached and what the next tier would pay
// (tier_progress.hpp); the provenance (scheme, version, SHA-256 of rules and data). Rendered as
// plain text for the terminal (statement_text.hpp) and as a self-contained HTML page
// (statement_html.hpp), in English or Russian (translations.hpp).
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
};

// Pays `person` (compute_payslip, with explanations: its errors propagate) and gathers the rest.
Statement build_statement(const CompiledScheme& scheme, const BoundParameters& params, const PersonInputs& person, Provenance provenance);

// Phrases both renderers share, so the text and the HTML say the same thing.
// An amount in minor units, spelled for `lang`, without the currency: "1,250,000.00" / "1 250 000,00".
std::string money_text(std::int64_t minor, int minor_units, Lang lang);
// "calls 260 / 200 (>=)": the KPI, its value, its norm.
std::string kpi_text(const KpiNorm& k, Lang lang);
// "met; required for: KPI bonus" / "not met; counts towards: KPI bonus".
std::string kpi_status_text(const KpiNorm& k, Lang lang);
// The tier reached and, when there is one, the next tier and what it would pay.
std::string tier_text(const TierProgress& t, const Payslip& slip, Lang lang);

}  // namespace motiv::exports
