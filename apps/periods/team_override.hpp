// Team and manager overrides: a manager earns a declared share of the team's result, computed in a
// second pass once every member's own pay is known. The team is the people of the period whose
// `manager` column names the manager; the result is each member's `of` line (or engine total).
#pragma once

#include <string>
#include <vector>

#include "core/engine/payslip.hpp"
#include "core/money/rounding.hpp"
#include "apps/periods/figure.hpp"
#include "core/rules/period_rules.hpp"

namespace motiv::periods {

struct TeamMember {
    std::string id;
    Decimal amount;  // the member's `of` line (0 when the member's role has none)
};

// The members' `of` amounts, from their payslips.
std::vector<TeamMember> team_of(const TeamOverrideRule& rule, const std::vector<const Payslip*>& members);

// share (the rule's figure for the period of `figures`) x the members' sum, rounded by `rounding`;
// the line names every member's amount.
PayLine team_override_line(const TeamOverrideRule& rule, const Figures& figures, const std::vector<TeamMember>& members, const Rounding& rounding);

}  // namespace motiv::periods
