// Draws: a per-period minimum pay for a role, either advanced against later pay (recoverable) or
// given outright (non-recoverable). The balance of a recoverable draw is carried in PersonState.
//
// Recoverable, for a period whose pay so far (after clawbacks) is E and a draw amount D:
//   E < D: an advance D - E is paid and added to the balance;
//   E > D with a balance: min(balance, E - D, recovery_limit) is recovered, so pay never falls below D.
// The balance is forgiven once it has stood at the end of `forgive_after` consecutive periods, and
// when the person leaves if `forgive_on_leaving`. Non-recoverable: a top-up D - E when E < D, never
// recovered.
#pragma once

#include <optional>
#include <string>

#include "core/engine/payslip.hpp"
#include "apps/periods/figure.hpp"
#include "apps/periods/state.hpp"
#include "core/rules/period_rules.hpp"

namespace motiv::periods {

// The draw line for this period (advance, recovery or top-up), updating the balance; nullopt when
// the draw does not act (pay at or above D and nothing to recover). D and the limit are the
// rule's figures for the period of `figures`.
std::optional<PayLine> draw_line(const DrawRule& rule, const Figures& figures, Decimal pay_so_far, PersonState& state);

// End of period: counts the periods the balance has stood and forgives it after `forgive_after`.
// Returns what happened, for the period's notes ("" when nothing).
std::string draw_period_end(const DrawRule& rule, const Figures& figures, PersonState& state);

// The person left: forgives the balance if the rule says so. Returns a note ("" when no balance).
std::string draw_on_leaving(const DrawRule& rule, PersonState& state, int minor_units);

}  // namespace motiv::periods
