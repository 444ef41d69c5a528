#include "apps/logs/contact_norms.hpp"

namespace motiv::logs {

std::vector<NormCheck> contact_norms(const LogSet& logs, const LogRules& rules, const std::map<std::string, Takeaway>& taken,
                                     const Period& period) {
    std::vector<NormCheck> out;
    for (const auto& c : logs.clients) {
        const ClientGroup* g = rules.find_group(c.group);
        const std::string holder = portfolio_holder(c, taken, period);
        if (!g || g->contacts_per_month == 0 || holder.empty()) continue;
        NormCheck n{holder, c.id, c.group, g->contacts_per_month, 0, false, {c.row}};
        for (const std::size_t i : logs.contacts_of(c.id)) {
            const Contact& k = logs.contacts[i];
            if ( k.manager != holder || k.date < period.first_day() || period.last_day() < k.date) continue;
            ++n.contacts;
            n.rows.push_back(k.row);
        }
        n.met = n.contacts >= n.norm;
        out.push_back(std::move(n));
    }
    return out;
}

void add_contact_kpis(PersonKpis& out, const std::vector<NormCheck>& checks) {
    Kpi with{"clients_with_norm", Decimal(), "count", "clients held whose group has a contact norm", {}};
    Kpi meeting{"clients_meeting_norm", Decimal(), "count", "of those, clients contacted at least as often as the norm", {}};
    for (const auto& n : checks) {
        if (n.manager != out.id) continue;
        with.value = with.value + Decimal::from_int(1);
        with.rows.insert(with.rows.end(), n.rows.begin(), n.rows.end());
        if (n.met) {
            meeting.value = meeting.value + Decimal::from_int(1);
            meeting.rows.insert(meeting.rows.end(), n.rows.begin(), n.rows.end());
        }
    }
    if (!with.value.is_zero())
        out.set({"contact_compliance", meeting.value / with.value, "ratio", "clients_meeting_norm / clients_with_norm", with.rows});
    out.set(std::move(with));
    out.set(std::move(meeting));
}

}  // namespace motiv::logs
