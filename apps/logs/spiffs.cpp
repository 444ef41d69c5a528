#include "apps/logs/spiffs.hpp"

namespace motiv::logs {

std::vector<SpiffAward> spiff_awards(const LogRules& rules, const std::vector<Credit>& credits, const Period& period) {
    std::vector<SpiffAward> out;
    for (const auto& s : rules.spiffs) {
        std::map<std::string, std::size_t> once;  // person -> index in out, for once_per_period
        for (const auto& c : credits) {
            const Deal& d = *c.deal;
            if (c.person.empty() || !counts_in(c, period)) continue;
            if (!s.product.empty() && d.product != s.product) continue;
            if ((s.from && d.date < *s.from) || (s.to && *s.to < d.date)) continue;
            if (s.each_time) {
                Fault f = Fault::none;
                out.push_back({s.id, c.person, rules.credit_rounding.apply(s.amount * c.percent / Decimal::from_int(100), f), {d.row}});
                continue;
            }
            auto [it, fresh] = once.try_emplace(c.person, out.size());
            if (fresh) out.push_back({s.id, c.person, s.amount, {}});
            out[it->second].rows.push_back(d.row);
        }
    }
    return out;
}

void add_spiff_kpis(PersonKpis& out, const std::vector<SpiffAward>& awards) {
    Kpi k{"spiff_bonus", Decimal(), "money", "", {}};
    for (const auto& a : awards) {
        if (a.person != out.id) continue;
        k.value = k.value + a.amount;
        k.rows.insert(k.rows.end(), a.rows.begin(), a.rows.end());
        k.formula += (k.formula.empty() ? "" : " + ") + a.spiff + " " + a.amount.to_string();
    }
    if (k.formula.empty()) k.formula = "no qualifying deal";
    out.set(std::move(k));
}

}  // namespace motiv::logs
