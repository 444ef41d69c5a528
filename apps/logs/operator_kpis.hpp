// An operator's KPIs from the call log for one period: calls, distinct companies reached, talk
// minutes (seconds / 60, rounded once by logs.calls.talk_rounding), working days (the calendar's
// working days the person was employed), talk minutes per working day, meetings booked, sales,
// goals (meetings + sales), effectiveness (goals / calls), script compliance (the mean score of
// the scored calls), refusals by reason code and in all, unanswered calls.
#pragma once

#include "core/calendar/period.hpp"
#include "apps/logs/kpi.hpp"
#include "apps/logs/log_rules.hpp"

namespace motiv::logs {

// Working days of `period` on which `person` was employed (hired..left), by the rules' calendar.
Kpi working_days_kpi(const StaffMember& person, const LogRules& rules, const Period& period);

void add_operator_kpis(PersonKpis& out, const StaffMember& op, const LogSet& logs, const LogRules& rules, const Period& period);

}  // namespace motiv::logs
