#include "apps/logs/takeaway.hpp"

#include <algorithm>

namespace motiv::logs {

namespace {
struct Activity {
    Date date;
    bool order;
    RowRef row;
};
}  // namespace

std::map<std::string, Takeaway> takeaways(const LogSet& logs, const LogRules& rules, const std::map<std::string, HandoverPoint>& points,
                                          const Date& horizon) {
    std::map<std::string, std::vector<Activity>> acts;
    for (const auto& c : logs.contacts) acts[c.client].push_back({c.date, false, c.row});
    for (const auto& d : logs.deals)
        if (d.status != DealStatus::cancelled) acts[d.client].push_back({d.date, true, d.row});
    std::map<std::string, Takeaway> out;
    for (const auto& c : logs.clients) {
        const ClientGroup* g = rules.find_group(c.group);
        auto it = acts.find(c.id);
        if (c.owner.empty() || c.state != "active" || !g || it == acts.end()) continue;
        const auto point = points.find(c.id);
        auto& a = it->second;
        std::stable_sort(a.begin(), a.end(), [](const Activity& x, const Activity& y) { return x.date < y.date; });
        const auto limit = boost::gregorian::days(g->takeaway_after_days);
        for (std::size_t i = 0; i < a.size(); ++i) {
            const Date trigger = a[i].date + limit + boost::gregorian::days(1);
            const bool next_in_time = i + 1 < a.size() && a[i + 1].date < trigger;
            if (next_in_time || horizon < trigger) continue;
            const std::string holder = holder_on(c, point == points.end() ? nullptr : &point->second, trigger);
            Takeaway t{c.id, c.group, holder, "", g->takeaway_after_days, std::nullopt, std::nullopt, trigger, {c.row}};
            for (std::size_t j = 0; j <= i; ++j) {  // the last contact and the last order before the trigger
                auto& slot = a[j].order ? t.last_order : t.last_contact;
                slot = a[j].date;
            }
            for (std::size_t j = i + 1; j-- > 0;) {
                if ((a[j].order && a[j].date == *t.last_order) || (!a[j].order && t.last_contact && a[j].date == *t.last_contact)) {
                    t.rows.push_back(a[j].row);
                    if (t.rows.size() >= 3) break;
                }
            }
            if (rules.takeaway_to == "team_lead") {
                const StaffMember* o = logs.find_staff(holder);
                t.to = o ? o->manager : std::string();
            } else if (rules.takeaway_to != "pool") {
                t.to = rules.takeaway_to;
            }
            out.emplace(c.id, std::move(t));
            break;
        }
    }
    return out;
}

std::string portfolio_holder(const Client& client, const std::map<std::string, Takeaway>& taken, const Period& period) {
    auto it = taken.find(client.id);
    if (it != taken.end() && it->second.trigger < period.first_day()) return it->second.to;
    return client.owner;
}

}  // namespace motiv::logs
