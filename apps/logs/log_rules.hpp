// The rules for deriving KPIs from logs: the "logs" section of a rule file (plus its "calendar").
//
// Every figure of the three-tier method that bears on logs lives here, never in code: client groups
// with their takeaway limit and contact norm, refusal reason codes, the handover deadline, the base of
// growth, where taken-away clients go, the dormant reactivation bonus, pay on collection, credit and
// currency rounding, SPIFFs, and which KPI feeds which scheme input of which role.
// Read by rules/load_logs.hpp; see docs/logs.md for the JSON shape.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/calendar/working_calendar.hpp"
#include "core/money/decimal.hpp"
#include "core/money/rounding.hpp"

namespace motiv::logs {

struct ClientGroup {
    std::string name;
    int takeaway_after_days = 0;  // taken away after more than this many days without contact or order
    int contacts_per_month = 0;   // contact norm; 0 = no norm for the group
};

enum class GrowthBase { previous_period, same_period_last_year };

// A one-off bonus per qualifying deal ("each_time") or once per period with any ("once_per_period").
struct Spiff {
    std::string id;
    std::string product;          // empty = any product
    std::optional<Date> from, to; // inclusive window on the deal date; empty = open
    Decimal amount;               // money, per deal or per period; split by credit shares
    bool each_time = true;
    std::string pointer;
};

// A scheme input of a role fed by a KPI ("hunter".revenue <- credited_revenue).
struct FeedEntry {
    std::string role, input, kpi;
    std::string pointer;
};

struct LogRules {
    std::string source;  // the rule file
    std::vector<std::string> operator_roles, hunter_roles, farmer_roles;
    std::vector<ClientGroup> groups;
    std::vector<std::string> refusal_reasons;
    Rounding talk_rounding;                 // talk minutes = seconds / 60, rounded once per person
    int handover_days = 0;                  // deadline: first deal date + this many days ...
    std::optional<int> handover_paid_orders;// ... or the payment date of the k-th paid order, if sooner
    GrowthBase growth_base = GrowthBase::previous_period;
    std::string takeaway_to = "pool";       // "pool", "team_lead" or a staff id
    int dormant_quiet_days = 0;             // a dormant client's order after this many days without one
    Decimal reactivation_bonus;             // money per reactivated client
    bool pay_on_collection = false;         // revenue counts when paid; closed deals are held
    Rounding credit_rounding;               // a split share of a deal, rounded once
    std::string rates_file;                 // exchange rates, relative to the logs directory; empty = one currency
    Rounding conversion_rounding;           // a converted amount, rounded once
    std::vector<Spiff> spiffs;
    std::vector<FeedEntry> feed;
    WorkingCalendar calendar = WorkingCalendar::five_day_week();

    [[nodiscard]] const ClientGroup* find_group(std::string_view name) const;
    [[nodiscard]] bool is_operator(std::string_view role) const;
    [[nodiscard]] bool is_hunter(std::string_view role) const;
    [[nodiscard]] bool is_farmer(std::string_view role) const;
};

// The KPI names derivations produce, for checking the feed ("refusals.<reason>" for each declared reason).
std::vector<std::string> known_kpis(const LogRules& rules);

}  // namespace motiv::logs
