// SPIFFs: one-off bonuses for a product, a campaign or a date window (logs.spiffs). A deal qualifies
// when it counts in the period (credit.hpp), matches the SPIFF's product (any, when none is given)
// and its date lies in the window. "each_time": every qualifying deal pays the amount, split by the
// credit shares (each share rounded by logs.credit.rounding); "once_per_period": a person with any
// qualifying credit earns the amount once.
#pragma once

#include "apps/logs/credit.hpp"
#include "apps/logs/kpi.hpp"

namespace motiv::logs {

struct SpiffAward {
    std::string spiff, person;
    Decimal amount;
    std::vector<RowRef> rows;  // the qualifying deals
};

std::vector<SpiffAward> spiff_awards(const LogRules& rules, const std::vector<Credit>& credits, const Period& period);

// Adds spiff_bonus (the sum of the person's awards) for `out.id`.
void add_spiff_kpis(PersonKpis& out, const std::vector<SpiffAward>& awards);

}  // namespace motiv::logs
