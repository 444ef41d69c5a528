// Contact norms per client group ("VIP at least twice a month"): for each client a manager holds in
// the period whose group has a norm (logs.client_groups.<g>.contacts_per_month > 0), the manager's
// contacts with it dated in the period are counted; compliance = clients meeting the norm / clients
// with a norm (absent when the manager holds no client with a norm).
#pragma once

#include "apps/logs/kpi.hpp"
#include "apps/logs/takeaway.hpp"

namespace motiv::logs {

struct NormCheck {
    std::string manager, client, group;
    int norm = 0, contacts = 0;
    bool met = false;
    std::vector<RowRef> rows;  // the client's row and the contacts counted
};

std::vector<NormCheck> contact_norms(const LogSet& logs, const LogRules& rules, const std::map<std::string, Takeaway>& taken,
                                     const Period& period);

// Adds clients_with_norm, clients_meeting_norm and contact_compliance for `out.id` from `checks`.
void add_contact_kpis(PersonKpis& out, const std::vector<NormCheck>& checks);

}  // namespace motiv::logs
