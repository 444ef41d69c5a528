// Everything derived from a department's logs for one period, and the pay computed from it.
//
// derive() applies every rule of logs::LogRules to the logs: per person the KPIs with their
// provenance, and the department-level facts the report lists (credits, handovers, takeaways,
// contact norms, reactivations, SPIFFs). feed_inputs() turns KPIs into the scheme's inputs through
// the rule file's feed (role -> input -> KPI), and pay() runs the ordinary payroll on them
// (core/payroll), so pay from logs is computed by exactly the code that pays a typed-in KPI table.
#pragma once

#include <vector>

#include "core/engine/compiled_scheme.hpp"
#include "core/engine/compute.hpp"
#include "apps/logs/contact_norms.hpp"
#include "apps/logs/credit.hpp"
#include "apps/logs/dormant.hpp"
#include "apps/logs/handover.hpp"
#include "apps/logs/kpi.hpp"
#include "apps/logs/spiffs.hpp"
#include "apps/logs/takeaway.hpp"
#include "core/payroll/payroll.hpp"

namespace motiv::logs {

struct Department {
    Period period;
    std::vector<PersonKpis> people;                // staff employed in the period, in staff.csv order
    std::map<std::string, HandoverPoint> points;   // by client
    std::vector<Credit> credits;                   // every deal's credits (all periods)
    std::map<std::string, Takeaway> taken;         // takeaways triggered up to the period's end
    std::vector<HandoverStatus> handovers;         // the period's handover report
    std::vector<NormCheck> norms;
    std::vector<Reactivation> reactivations;
    std::vector<SpiffAward> spiffs;

    [[nodiscard]] const PersonKpis* person(std::string_view id) const;
};

// Throws EvalError motiv.eval_error.502 when a sum overflows (amounts near 10^29).
Department derive(const LogSet& logs, const LogRules& rules, const Scheme& scheme, const Period& period);

// One PersonInputs per person whose role the feed names or the scheme has, inputs filled from the
// KPIs the feed maps (a KPI that was not derived leaves the input empty: its default, or an error
// naming the person if it is required). DataError motiv.data_error.407 when a KPI's value is not
// acceptable for its input (e.g. money with more places than the currency).
std::vector<PersonInputs> feed_inputs(const Department& dept, const LogRules& rules, const Scheme& scheme);

// feed_inputs, then payroll::run with explanations.
payroll::PayrollRun pay(const Department& dept, const LogRules& rules, const CompiledScheme& scheme);

}  // namespace motiv::logs
