#include "apps/logs/dormant.hpp"

#include <unordered_map>

namespace motiv::logs {

std::vector<Reactivation> reactivations(const LogSet& logs, const LogRules& rules, const std::vector<Credit>& credits, const Period& period) {
    std::vector<Reactivation> out;
    if (rules.reactivation_bonus.is_zero() && rules.dormant_quiet_days == 0) return out;
    std::unordered_map<const Deal*, std::vector<const Credit*>> credits_of;
    for (const auto& cr : credits) credits_of[cr.deal].push_back(&cr);
    for (const auto& c : logs.clients) {
        if (c.state != "dormant") continue;
        const Deal* first_in = nullptr;
        for (const std::size_t i : logs.deals_of(c.id))
            if (const Deal& d = logs.deals[i]; d.status != DealStatus::cancelled && !(d.date < period.first_day()) && !(period.last_day() < d.date) &&
                (!first_in || d.date < first_in->date))
                first_in = &d;
        if (!first_in) continue;
        std::optional<Date> before;
        const Deal* before_deal = nullptr;
        for (const std::size_t i : logs.deals_of(c.id))
            if (const Deal& d = logs.deals[i]; d.status != DealStatus::cancelled && d.date < first_in->date && (!before || *before < d.date)) {
                before = d.date;
                before_deal = &d;
            }
        if (before && (first_in->date - *before).days() < rules.dormant_quiet_days) continue;
        for (const Credit* crp : credits_of[first_in]) {
            const Credit& cr = *crp;
            if (cr.person.empty()) continue;
            Fault f = Fault::none;
            Reactivation r{c.id, cr.person, first_in, before,
                           rules.credit_rounding.apply(rules.reactivation_bonus * cr.percent / Decimal::from_int(100), f), {c.row, first_in->row}};
            if (before_deal) r.rows.push_back(before_deal->row);
            out.push_back(std::move(r));
        }
    }
    return out;
}

void add_reactivation_kpis(PersonKpis& out, const std::vector<Reactivation>& all) {
    Kpi n{"reactivations", Decimal(), "count", "dormant clients whose first order in the period came after the quiet days", {}};
    Kpi bonus{"reactivation_bonus", Decimal(), "money", "reactivation bonus x credit share, per reactivated client", {}};
    for (const auto& r : all) {
        if (r.person != out.id) continue;
        n.value = n.value + Decimal::from_int(1);
        bonus.value = bonus.value + r.bonus;
        n.rows.insert(n.rows.end(), r.rows.begin(), r.rows.end());
    }
    bonus.rows = n.rows;
    out.set(std::move(n));
    out.set(std::move(bonus));
}

}  // namespace motiv::logs
