// Clawbacks: a deal cancelled within the rule's window takes back what it earned, in a later period.
//
// What it earned is a retro recomputation of the period that paid it, so tiers are honoured: the
// rule's components as recomputed with the input reduced by the deals already cancelled, minus the
// same with this deal's amount taken off too. The period's clawback line takes the amounts due (and
// any still pending) but never takes the pay below the rule's floor; the rest stays pending.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/engine/compiled_scheme.hpp"
#include "apps/periods/cancellation.hpp"
#include "apps/periods/figure.hpp"
#include "apps/periods/retro.hpp"
#include "apps/periods/state.hpp"
#include "core/rules/period_rules.hpp"

namespace motiv::periods {

struct ClawbackDue {
    std::string deal;
    Decimal amount;       // >= 0; zero when outside the window
    bool in_window = true;
    Explanation why;      // the recomputation, or why nothing is due
};

// What `deal` takes back from `record` (the person's record of the deal's paid period), marking it
// cancelled there. Outside the window (the rule's within_days for the period of `figures`), nothing
// is due (in_window false). check_rules applies.
ClawbackDue clawback_due(const CompiledScheme& scheme, const Figures& figures, const ClawbackRule& rule, PeriodRecord& record, const Cancellation& deal,
                         const std::optional<RulesChange>& accepted);

// The clawback line for this period: -(pending + sum of `dues`), limited so that `pay_so_far` does
// not fall below the rule's floor; what is not taken becomes `state.clawback_pending`. nullopt when
// nothing is pending or due.
std::optional<PayLine> clawback_line(const ClawbackRule& rule, const Figures& figures, const std::vector<ClawbackDue>& dues, Decimal pay_so_far,
                                     PersonState& state);

}  // namespace motiv::periods
