// A farmer's volume and its growth. Volume: the orders (not cancelled, dated in the period, after
// their client's handover point) of the clients the farmer holds in the period (its owned clients
// minus those taken away before the period began, plus those taken away to it). The base: the
// same portfolio's orders in the previous period or the same period a year before
// (logs.growth_base). Growth: volume / base - 1, absent when the base is 0.
#pragma once

#include "apps/logs/credit.hpp"
#include "apps/logs/kpi.hpp"

namespace motiv::logs {

// The period growth is measured against.
Period growth_base_period(const LogRules& rules, const Period& period);

// `portfolio`: the clients the farmer holds in `period` (portfolio_holder), computed once by the caller.
void add_farmer_kpis(PersonKpis& out, const LogSet& logs, const LogRules& rules, const Scheme& scheme,
                     const std::map<std::string, HandoverPoint>& points, const std::vector<const Client*>& portfolio,
                     const Period& period);

}  // namespace motiv::logs
