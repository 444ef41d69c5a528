#include "apps/logs/operator_kpis.hpp"

#include <set>

namespace motiv::logs {

namespace {
bool in_period(const Date& d, const Period& p) { return !(d < p.first_day()) && !(p.last_day() < d); }
Decimal count(std::size_t n) { return Decimal::from_int(static_cast<std::int64_t>(n)); }
}  // namespace

Kpi working_days_kpi(const StaffMember& person, const LogRules& rules, const Period& period) {
    Date from = period.first_day(), to = period.last_day();
    if (person.hired && from < *person.hired) from = *person.hired;
    if (person.left && *person.left < to) to = *person.left;
    const int n = rules.calendar.working_days(from, to);
    return Kpi{"working_days", Decimal::from_int(n), "days",
               "working days from " + to_iso(from) + " to " + to_iso(to) + " by the rules' calendar", {person.row}};
}

void add_operator_kpis(PersonKpis& out, const StaffMember& op, const LogSet& logs, const LogRules& rules, const Period& period) {
    std::vector<RowRef> all, meetings, sales, scored, no_answer, refusals;
    std::map<std::string, std::vector<RowRef>> by_reason;
    std::set<std::string> companies;
    std::int64_t seconds = 0;
    Decimal score_sum;
    for (const std::size_t i : logs.calls_of(op.id)) {
        const Call& c = logs.calls[i];
        if (!in_period(c.date, period)) continue;
        all.push_back(c.row);
        companies.insert(c.client);
        seconds += c.seconds;
        if (c.script_score) {
            scored.push_back(c.row);
            score_sum = score_sum + *c.script_score;
        }
        switch (c.outcome) {
            case CallOutcome::meeting: meetings.push_back(c.row); break;
            case CallOutcome::sale: sales.push_back(c.row); break;
            case CallOutcome::no_answer: no_answer.push_back(c.row); break;
            case CallOutcome::refusal:
                refusals.push_back(c.row);
                by_reason[c.reason].push_back(c.row);
                break;
        }
    }
    out.set({"calls", count(all.size()), "count", "calls in the period", all});
    out.set({"companies", count(companies.size()), "count", "distinct companies called", all});
    Fault f = Fault::none;
    const Decimal minutes = rules.talk_rounding.apply(Decimal::from_int(seconds) / Decimal::from_int(60), f);
    out.set({"talk_minutes", minutes, "minutes",
             std::to_string(seconds) + " s / 60, " + rules.talk_rounding.describe(), all});
    Kpi days = working_days_kpi(op, rules, period);
    if (!days.value.is_zero())
        out.set({"talk_minutes_per_day", minutes / days.value, "minutes", "talk_minutes / working_days (" + days.formula + ")", all});
    out.set(std::move(days));
    out.set({"meetings", count(meetings.size()), "count", "calls with outcome meeting", meetings});
    out.set({"sales", count(sales.size()), "count", "calls with outcome sale", sales});
    std::vector<RowRef> goals = meetings;
    goals.insert(goals.end(), sales.begin(), sales.end());
    out.set({"goals", count(goals.size()), "count", "meetings + sales", goals});
    if (!all.empty()) out.set({"effectiveness", count(goals.size()) / count(all.size()), "ratio", "goals / calls", all});
    if (!scored.empty())
        out.set({"script_compliance", score_sum / count(scored.size()), "ratio", "mean script score of the scored calls", scored});
    out.set({"scored_calls", count(scored.size()), "count", "calls with a script score", scored});
    out.set({"no_answers", count(no_answer.size()), "count", "calls with outcome no_answer", no_answer});
    out.set({"refusals", count(refusals.size()), "count", "calls with outcome refusal", refusals});
    for (const auto& r : rules.refusal_reasons) {
        const auto& rows = by_reason[r];
        out.set({"refusals." + r, count(rows.size()), "count", "refusals with reason " + r, rows});
    }
}

}  // namespace motiv::logs
