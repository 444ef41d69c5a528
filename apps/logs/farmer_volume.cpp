#include "apps/logs/farmer_volume.hpp"

namespace motiv::logs {

Period growth_base_period(const LogRules& rules, const Period& period) {
    if (rules.growth_base == GrowthBase::same_period_last_year) return Period{period.year - 1, period.month};
    return period.month == 1 ? Period{period.year - 1, 12} : Period{period.year, period.month - 1};
}

namespace {

bool in_period(const Date& d, const Period& p) { return !(d < p.first_day()) && !(p.last_day() < d); }

// The farmer-phase orders of the farmer's portfolio (as held in `portfolio_period`) dated in `when`.
Kpi volume_of(const std::string& name, const LogSet& logs, const LogRules& rules, const Scheme& scheme,
              const std::map<std::string, HandoverPoint>& points, const std::vector<const Client*>& portfolio,
              const Period& portfolio_period, const Period& when) {
    Kpi k{name, Decimal(), "money", "", {}};
    for (const Client* c : portfolio) {
        for (const std::size_t i : logs.deals_of(c->id)) {
        const Deal& d = logs.deals[i];
        if (d.status == DealStatus::cancelled || !in_period(d.date, when)) continue;
        auto p = points.find(d.client);
        if (p != points.end() && !(p->second.deadline < d.date)) continue;  // still the hunter's
        k.value = k.value + deal_value(d, logs, rules, scheme);
        k.rows.push_back(d.row);
        }
    }
    k.formula = "orders dated in " + when.to_string() + " of the clients held in " + portfolio_period.to_string() +
                ", after their handover point, cancelled excluded";
    return k;
}

}  // namespace

void add_farmer_kpis(PersonKpis& out, const LogSet& logs, const LogRules& rules, const Scheme& scheme,
                     const std::map<std::string, HandoverPoint>& points, const std::vector<const Client*>& portfolio,
                     const Period& period) {
    Kpi held{"portfolio_clients", Decimal::from_int(static_cast<std::int64_t>(portfolio.size())), "count",
             "clients held in " + period.to_string() + " (owned, less those taken away, plus those taken away to the person)", {}};
    for (const Client* c : portfolio) held.rows.push_back(c->row);
    out.set(std::move(held));
    Kpi volume = volume_of("volume", logs, rules, scheme, points, portfolio, period, period);
    const Period base_period = growth_base_period(rules, period);
    Kpi base = volume_of("volume_base", logs, rules, scheme, points, portfolio, period, base_period);
    base.formula += rules.growth_base == GrowthBase::previous_period ? " (the previous period)" : " (the same period last year)";
    if (!base.value.is_zero()) {
        std::vector<RowRef> rows = volume.rows;
        rows.insert(rows.end(), base.rows.begin(), base.rows.end());
        out.set({"growth", volume.value / base.value - Decimal::from_int(1), "ratio", "volume / volume_base - 1", rows});
    }
    out.set(std::move(volume));
    out.set(std::move(base));
}

}  // namespace motiv::logs
