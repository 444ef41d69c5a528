#include "apps/logs/handover.hpp"

#include <algorithm>

namespace motiv::logs {

namespace {
std::string ordinal(int k) {
    const int t = k % 100;
    const char* suf = (t >= 11 && t <= 13) ? "th" : k % 10 == 1 ? "st" : k % 10 == 2 ? "nd" : k % 10 == 3 ? "rd" : "th";
    return std::to_string(k) + suf;
}
}  // namespace

std::map<std::string, HandoverPoint> handover_points(const LogSet& logs, const LogRules& rules) {
    std::map<std::string, std::vector<const Deal*>> by_client;
    for (const auto& d : logs.deals)
        if (d.status != DealStatus::cancelled) by_client[d.client].push_back(&d);
    std::map<std::string, HandoverPoint> out;
    for (auto& [client, deals] : by_client) {
        // Earliest deal first; equal dates keep file order, so the point is the same on every run.
        std::stable_sort(deals.begin(), deals.end(), [](const Deal* a, const Deal* b) { return a->date < b->date; });
        const Deal* first = deals.front();
        HandoverPoint p;
        p.client = client;
        p.hunter = first->credited.empty() ? std::string() : first->credited.front().person;
        p.first_deal = first->date;
        p.deadline = first->date + boost::gregorian::days(rules.handover_days);
        p.deadline_by = "first deal " + to_iso(first->date) + " + " + std::to_string(rules.handover_days) + " days";
        p.rows.push_back(first->row);
        if (rules.handover_paid_orders) {
            std::vector<const Deal*> paid;
            for (const Deal* d : deals)
                if (d->status == DealStatus::paid && d->paid) paid.push_back(d);
            std::stable_sort(paid.begin(), paid.end(), [](const Deal* a, const Deal* b) { return *a->paid < *b->paid; });
            const auto k = static_cast<std::size_t>(*rules.handover_paid_orders);
            if (paid.size() >= k && *paid[k - 1]->paid < p.deadline) {
                p.deadline = *paid[k - 1]->paid;
                p.deadline_by = ordinal(*rules.handover_paid_orders) + " paid order, paid " + to_iso(p.deadline);
                p.rows.push_back(paid[k - 1]->row);
            }
        }
        out.emplace(client, std::move(p));
    }
    return out;
}

std::string holder_on(const Client& client, const HandoverPoint* point, const Date& day) {
    if (point && !point->hunter.empty() && client.handed_over && day < *client.handed_over) return point->hunter;
    return client.owner;
}

const char* to_string(HandoverState s) {
    switch (s) {
        case HandoverState::on_time: return "on_time";
        case HandoverState::late: return "late";
        case HandoverState::overdue: return "overdue";
        case HandoverState::pending: return "pending";
    }
    return "?";
}

std::vector<HandoverStatus> handover_report(const LogSet& logs, const LogRules& rules,
                                            const std::map<std::string, HandoverPoint>& points, const Period& period) {
    std::vector<HandoverStatus> out;
    const Date last = period.last_day();
    for (const auto& c : logs.clients) {
        auto it = points.find(c.id);
        if (it == points.end() || it->second.hunter.empty()) continue;
        const HandoverPoint& p = it->second;
        if (p.first_deal > last) continue;
        HandoverStatus s{p, holder_on(c, &p, last), c.handed_over, HandoverState::pending, p.rows};
        s.rows.push_back(c.row);
        const StaffMember* h = logs.find_staff(s.holder);
        const bool held_by_hunter = h && rules.is_hunter(h->role);
        if (c.handed_over && !(*c.handed_over < period.first_day()) && !(last < *c.handed_over)) {
            s.state = *c.handed_over <= p.deadline ? HandoverState::on_time : HandoverState::late;
        } else if (held_by_hunter && p.deadline < last) {
            s.state = HandoverState::overdue;
        } else if (held_by_hunter) {
            s.state = HandoverState::pending;
        } else {
            continue;  // handed over in an earlier period: nothing to report
        }
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace motiv::logs
