// Dormant base reactivation: a client whose state is dormant and who orders in the period after at
// least logs.dormant.quiet_days without an order is reactivated; each person credited with that
// first order earns logs.dormant.reactivation_bonus times their credit share (rounded by
// logs.credit.rounding). One reactivation per client and period.
#pragma once

#include "apps/logs/credit.hpp"
#include "apps/logs/kpi.hpp"

namespace motiv::logs {

struct Reactivation {
    std::string client, person;
    const Deal* deal = nullptr;
    std::optional<Date> previous_order;  // the last order before, if any
    Decimal bonus;
    std::vector<RowRef> rows;
};

std::vector<Reactivation> reactivations(const LogSet& logs, const LogRules& rules, const std::vector<Credit>& credits, const Period& period);

// Adds reactivations and reactivation_bonus for `out.id`.
void add_reactivation_kpis(PersonKpis& out, const std::vector<Reactivation>& all);

}  // namespace motiv::logs
