#include "core/calendar/working_calendar.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <string_view>

namespace motiv {

namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {"sunday", "monday", "tuesday", "wednesday",
                                                       "thursday", "friday", "saturday"};

void problem(IssueCollector<RuleError>& issues, const char* id, const std::string& file, std::string pointer,
             std::string message) {
    Issue i;
    i.id = id;
    i.file = file;
    i.pointer = std::move(pointer);
    i.message = std::move(message);
    issues.add(std::move(i));
}

}  // namespace

WorkingCalendar WorkingCalendar::five_day_week() {
    WorkingCalendar c;
    c.weekend[0] = c.weekend[6] = true;
    return c;
}

bool WorkingCalendar::is_working_day(const Date& d) const {
    const bool weekend_day = weekend[d.day_of_week().as_number()];
    if (weekend_day) return working_weekends.contains(d);
    return !holidays.contains(d);
}

int WorkingCalendar::working_days(const Date& from, const Date& to) const {
    if (to < from) return 0;
    // Whole weeks have a fixed count; only the remainder and the listed exceptions need a look.
    int weekly = 0;
    for (bool w : weekend) weekly += w ? 0 : 1;
    const long days = (to - from).days() + 1;
    const long weeks = days / 7;
    long count = weeks * weekly;
    for (Date d = from + boost::gregorian::days(weeks * 7); d <= to; d += boost::gregorian::days(1))
        count += weekend[d.day_of_week().as_number()] ? 0 : 1;
    for (auto it = holidays.lower_bound(from); it != holidays.end() && *it <= to; ++it)
        if (!weekend[it->day_of_week().as_number()]) --count;
    for (auto it = working_weekends.lower_bound(from); it != working_weekends.end() && *it <= to; ++it)
        if (weekend[it->day_of_week().as_number()]) ++count;
    return static_cast<int>(count);
}

int calendar_days(const Date& from, const Date& to) {
    return to < from ? 0 : static_cast<int>((to - from).days() + 1);
}

WorkingCalendar read_working_calendar(const nlohmann::json& j, const std::string& file, const std::string& pointer,
                                      IssueCollector<RuleError>& issues) {
    WorkingCalendar cal = WorkingCalendar::five_day_week();
    if (!j.is_object()) {
        problem(issues, "motiv.rule_error.260", file, pointer,
                "expected a calendar object {\"weekend\": [...], \"holidays\": [...], \"working_weekends\": [...]}");
        return cal;
    }
    for (const auto& [key, value] : j.items()) {
        if (key != "weekend" && key != "holidays" && key != "working_weekends" && key != "description")
            problem(issues, "motiv.rule_error.260", file, pointer + "/" + key,
                    "unknown calendar key '" + key + "'; expected weekend, holidays, working_weekends or description");
    }
    if (j.contains("description") && !j["description"].is_string())
        problem(issues, "motiv.rule_error.260", file, pointer + "/description", "expected a description (a string)");
    if (j.contains("weekend")) {
        const auto& w = j["weekend"];
        const std::string p = pointer + "/weekend";
        if (!w.is_array()) {
            problem(issues, "motiv.rule_error.260", file, p, "expected an array of weekday names, e.g. [\"saturday\", \"sunday\"]");
        } else {
            cal.weekend = {};
            for (std::size_t i = 0; i < w.size() && i < 7; ++i) {
                const std::string ip = p + "/" + std::to_string(i);
                std::size_t day = 7;
                if (w[i].is_string())
                    for (std::size_t k = 0; k < 7; ++k)
                        if (w[i].get_ref<const std::string&>() == kWeekdays[k]) day = k;
                if (day == 7)
                    problem(issues, "motiv.rule_error.261", file, ip, "expected a weekday name in lower case (monday ... sunday)");
                else if (cal.weekend[day])
                    problem(issues, "motiv.rule_error.261", file, ip, "weekday '" + std::string(kWeekdays[day]) + "' listed twice");
                else
                    cal.weekend[day] = true;
            }
            if (w.size() > 7) problem(issues, "motiv.rule_error.261", file, p, "a week has 7 days; got " + std::to_string(w.size()) + " names");
        }
    }
    std::size_t dates = 0;
    auto read_dates = [&](const char* key, std::set<Date>& out, bool want_weekend) {
        if (!j.contains(key)) return;
        const auto& a = j[key];
        const std::string p = pointer + "/" + key;
        if (!a.is_array()) {
            problem(issues, "motiv.rule_error.260", file, p, "expected an array of dates \"YYYY-MM-DD\"");
            return;
        }
        for (std::size_t i = 0; i < a.size(); ++i) {
            const std::string ip = p + "/" + std::to_string(i);
            if (++dates > kCalendarMaxDates) {
                problem(issues, "motiv.rule_error.262", file, ip,
                        "a calendar may list at most " + std::to_string(kCalendarMaxDates) + " dates");
                return;
            }
            std::optional<Date> d;
            if (a[i].is_string()) d = parse_iso_date(a[i].get_ref<const std::string&>());
            if (!d) {
                problem(issues, "motiv.rule_error.261", file, ip, "expected a date \"YYYY-MM-DD\"");
                continue;
            }
            const bool weekend_day = cal.weekend[d->day_of_week().as_number()];
            if (!out.insert(*d).second)
                problem(issues, "motiv.rule_error.261", file, ip, "date " + to_iso(*d) + " listed twice");
            else if (weekend_day != want_weekend)
                problem(issues, "motiv.rule_error.261", file, ip,
                        want_weekend ? "date " + to_iso(*d) + " is already a working day; a working weekend must fall on a weekend day"
                                     : "date " + to_iso(*d) + " is a weekend day already; a holiday must fall on a working weekday");
        }
    };
    read_dates("holidays", cal.holidays, false);
    read_dates("working_weekends", cal.working_weekends, true);
    return cal;
}

}  // namespace motiv
