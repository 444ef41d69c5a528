// Working days: which dates are paid working days, for proration by working days and for KPIs
// normalised per working day (talk minutes a day).
//
// A calendar is weekend weekdays plus dated exceptions: public holidays (a weekday that is not
// worked) and transferred working days (a weekend day that is worked, as Russian production
// calendars have). The figures come from a rule file or a separate calendar file, never from code:
// the only built-in calendar is the plain Monday-to-Friday week.
//
// JSON shape (a "calendar" object in a rule file, or a whole calendar file):
//   { "weekend": ["saturday", "sunday"],
//     "holidays": ["2026-11-04", "2026-12-31"],
//     "working_weekends": ["2026-12-27"] }
// Every key is optional; "weekend" defaults to Saturday and Sunday.
#pragma once

#include <array>
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <set>
#include <string>

#include "core/calendar/period.hpp"
#include "core/errors.hpp"

namespace motiv {

// At most this many dated exceptions in one calendar (untrusted input must not grow without bound).
inline constexpr std::size_t kCalendarMaxDates = 10'000;

struct WorkingCalendar {
    std::array<bool, 7> weekend{};  // indexed by weekday, 0 = Sunday (Boost's numbering)
    std::set<Date> holidays;        // not worked although a weekday
    std::set<Date> working_weekends;// worked although a weekend day

    // Monday to Friday, no holidays.
    static WorkingCalendar five_day_week();

    [[nodiscard]] bool is_working_day(const Date& d) const;
    // Working days from `from` to `to`, both included; 0 when to < from.
    [[nodiscard]] int working_days(const Date& from, const Date& to) const;
    [[nodiscard]] int working_days(const Period& p) const { return working_days(p.first_day(), p.last_day()); }
    friend bool operator==(const WorkingCalendar&, const WorkingCalendar&) = default;
};

// Calendar days from `from` to `to`, both included; 0 when to < from.
int calendar_days(const Date& from, const Date& to);

// Reads the JSON shape above. Problems go to `issues` as motiv.rule_error.260 (not an object, an
// unknown key, a wrong type), .261 (an unknown weekday name, a date that is not YYYY-MM-DD, a date
// listed twice, a date both holiday and working weekend, a holiday on a weekend day, a working
// weekend on a working day), .262 (more than kCalendarMaxDates dates), each with `file` and the JSON
// pointer below `pointer`. Returns what could be read.
WorkingCalendar read_working_calendar(const nlohmann::json& j, const std::string& file, const std::string& pointer,
                                      IssueCollector<RuleError>& issues);

}  // namespace motiv
