#include "apps/logs/log_rules.hpp"

#include <algorithm>

namespace motiv::logs {

const ClientGroup* LogRules::find_group(std::string_view name) const {
    for (const auto& g : groups)
        if (g.name == name) return &g;
    return nullptr;
}

namespace {
bool in(const std::vector<std::string>& v, std::string_view s) { return std::find(v.begin(), v.end(), s) != v.end(); }
}  // namespace

bool LogRules::is_operator(std::string_view role) const { return in(operator_roles, role); }
bool LogRules::is_hunter(std::string_view role) const { return in(hunter_roles, role); }
bool LogRules::is_farmer(std::string_view role) const { return in(farmer_roles, role); }

std::vector<std::string> known_kpis(const LogRules& rules) {
    std::vector<std::string> k = {
        // operators (operator_kpis.hpp)
        "calls", "companies", "talk_minutes", "working_days", "talk_minutes_per_day", "meetings", "sales", "goals",
        "effectiveness", "scored_calls", "script_compliance", "no_answers", "refusals",
        // credit (credit.hpp), handovers, dormant base, SPIFFs
        "deals", "credited_revenue", "held_revenue", "reversed_revenue", "overdue_handovers", "handovers_made", "reactivations",
        "reactivation_bonus", "spiff_bonus",
        // farmers (farmer_volume.hpp), takeaways, contact norms
        "volume", "volume_base", "growth", "portfolio_clients", "takeaways", "clients_with_norm", "clients_meeting_norm",
        "contact_compliance"};
    for (const auto& r : rules.refusal_reasons) k.push_back("refusals." + r);
    return k;
}

}  // namespace motiv::logs
