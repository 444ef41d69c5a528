// The hunter's handover deadline (the source's "contribution trap"): a hunter is credited with a
// client's deals from its first deal up to the handover point, the earlier of
//   - the first deal's date + N days (rules: handover.days_after_first_deal), and
//   - the payment date of the k-th paid order (rules: handover.paid_orders, optional);
// deals dated after it credit the farmer. A client still held by a hunter after its deadline is an
// overdue handover. Cancelled deals never count.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar/period.hpp"
#include "apps/logs/log_rules.hpp"
#include "apps/logs/records.hpp"

namespace motiv::logs {

struct HandoverPoint {
    std::string client;
    std::string hunter;        // the first credited person of the first deal (empty when none)
    Date first_deal;
    Date deadline;             // deals dated on or before it credit the hunter
    std::string deadline_by;   // "first deal + 60 days" or "3rd paid order"
    std::vector<RowRef> rows;  // the deals that fixed the point
};

// One point per client with at least one deal that is not cancelled.
std::map<std::string, HandoverPoint> handover_points(const LogSet& logs, const LogRules& rules);

// Who holds `client` at the end of `day`: its hunter until the client is handed over (handed_over
// after `day`, or the owner is a hunter), then its owner.
std::string holder_on(const Client& client, const HandoverPoint* point, const Date& day);

enum class HandoverState { on_time, late, overdue, pending };
const char* to_string(HandoverState s);

// A row of the handover report for a period.
struct HandoverStatus {
    HandoverPoint point;
    std::string holder;                 // who holds the client at the end of the period
    std::optional<Date> handed_over;
    HandoverState state = HandoverState::pending;
    std::vector<RowRef> rows;           // the point's deals and the client's row
};

// Handovers made in `period` (on time: on or before the deadline; late: after it), clients held by a
// hunter past their deadline at the period's end (overdue), and deadlines falling later that a hunter
// still holds (pending, deadline in the period or after).
std::vector<HandoverStatus> handover_report(const LogSet& logs, const LogRules& rules,
                                            const std::map<std::string, HandoverPoint>& points, const Period& period);

}  // namespace motiv::logs
