// Takeaway: "if a manager does not work a client (no purchase for long, no contact for long), the
// client is taken away". A client with neither a contact nor an order for more than its group's
// limit (rules: client_groups.<g>.takeaway_after_days) is taken away on the first day past the limit
// (the trigger date); from the next period it counts for the recipient the rules name (takeaway.to:
// "pool" = nobody, "team_lead" = the owner's manager, or a staff id), not for its owner.
// Untouched for exactly the limit is not yet taken away. Only active clients are taken away: dormant
// ones are the base to reactivate (dormant.hpp). The client is taken from whoever holds it on the
// trigger date (its hunter before the handover, else its owner).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar/period.hpp"
#include "apps/logs/handover.hpp"
#include "apps/logs/log_rules.hpp"
#include "apps/logs/records.hpp"

namespace motiv::logs {

struct Takeaway {
    std::string client, group, owner;    // owner: the holder on the trigger date
    std::string to;                      // the recipient's staff id, empty for the pool
    int limit_days = 0;
    std::optional<Date> last_contact, last_order;  // the last activity before the trigger
    Date trigger;                        // last activity + limit + 1 day
    std::vector<RowRef> rows;            // the client's row and the last contact / order rows
};

// The first takeaway of each owned client triggered on or before `horizon`. Activity: contacts by
// anyone and orders that are not cancelled; a client with no activity at all is never taken away
// (there is no date to measure from).
std::map<std::string, Takeaway> takeaways(const LogSet& logs, const LogRules& rules, const std::map<std::string, HandoverPoint>& points,
                                          const Date& horizon);

// Who counts `client` in `period`: the recipient when it was taken away before the period began,
// else its owner (clients.csv). Empty = nobody (the pool).
std::string portfolio_holder(const Client& client, const std::map<std::string, Takeaway>& taken, const Period& period);

}  // namespace motiv::logs
