#include "core/calendar/working_calendar.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace motiv;

namespace {
Date D(const char* iso) { return *parse_iso_date(iso); }

WorkingCalendar read(const char* text, std::vector<Issue>* out = nullptr) {
    IssueCollector<RuleError> issues;
    auto cal = read_working_calendar(nlohmann::json::parse(text), "cal.json", "/calendar", issues);
    try {
        issues.throw_if_any();
    } catch (const RuleError& e) {
        if (!out) throw;
        *out = e.issues();
    }
    return cal;
}
}  // namespace

TEST_CASE("working days: a table of spans worked out on a wall calendar", "[calendar]") {
    // 2026-11-01 is a Sunday: four whole weeks (20 days) + Sun 29 + Mon 30 = 21 working days.
    // 2026-11-04 (Wednesday) as a holiday takes one away: 20.
    // December 2026 starts on a Tuesday: 4 weeks (20) + Tue 29, Wed 30, Thu 31 = 23; with the 31st a
    // holiday and Saturday the 26th a working weekend: 23 - 1 + 1 = 23.
    // 15..31 October 2026 (Thursday..Saturday): 2 weeks (10) + Thu 29, Fri 30 = 12.
    auto cal = read(R"({"holidays": ["2026-11-04", "2026-12-31"], "working_weekends": ["2026-12-26"]})");
    const auto plain = WorkingCalendar::five_day_week();
    struct Case { const char* from; const char* to; int plain_days; int cal_days; int calendar; };
    const Case cases[] = {
        {"2026-11-01", "2026-11-30", 21, 20, 30},
        {"2026-12-01", "2026-12-31", 23, 23, 31},
        {"2026-10-15", "2026-10-31", 12, 12, 17},
        {"2026-11-04", "2026-11-04", 1, 0, 1},
        {"2026-12-26", "2026-12-26", 0, 1, 1},
        {"2026-11-30", "2026-11-01", 0, 0, 0},  // an empty span
    };
    for (const auto& c : cases) {
        CAPTURE(c.from, c.to);
        CHECK(plain.working_days(D(c.from), D(c.to)) == c.plain_days);
        CHECK(cal.working_days(D(c.from), D(c.to)) == c.cal_days);
        CHECK(calendar_days(D(c.from), D(c.to)) == c.calendar);
    }
    CHECK(cal.working_days(*Period::parse("2026-11")) == 20);
}

TEST_CASE("working days agree with a day-by-day count on every span of a year", "[calendar]") {
    auto cal = read(R"({"weekend": ["friday", "saturday"], "holidays": ["2026-03-02", "2026-06-11"],
                        "working_weekends": ["2026-03-06"]})");
    const Date start = D("2026-01-01");
    for (int a = 0; a < 365; a += 11) {
        for (int len = 0; len < 120; len += 7) {
            const Date from = start + boost::gregorian::days(a), to = from + boost::gregorian::days(len);
            int slow = 0;
            for (Date d = from; d <= to; d += boost::gregorian::days(1)) slow += cal.is_working_day(d) ? 1 : 0;
            REQUIRE(cal.working_days(from, to) == slow);
        }
    }
}

TEST_CASE("a broken calendar names each problem by JSON pointer", "[calendar]") {
    struct Case { const char* json; const char* id; const char* pointer; };
    const Case cases[] = {
        {R"([1])", "motiv.rule_error.260", "/calendar"},
        {R"({"weekends": []})", "motiv.rule_error.260", "/calendar/weekends"},
        {R"({"weekend": "sunday"})", "motiv.rule_error.260", "/calendar/weekend"},
        {R"({"weekend": ["Sunday"]})", "motiv.rule_error.261", "/calendar/weekend/0"},
        {R"({"weekend": ["sunday", "sunday"]})", "motiv.rule_error.261", "/calendar/weekend/1"},
        {R"({"holidays": ["2026-02-30"]})", "motiv.rule_error.261", "/calendar/holidays/0"},
        {R"({"holidays": ["2026-11-04", "2026-11-04"]})", "motiv.rule_error.261", "/calendar/holidays/1"},
        {R"({"holidays": ["2026-11-01"]})", "motiv.rule_error.261", "/calendar/holidays/0"},           // a Sunday
        {R"({"working_weekends": ["2026-11-02"]})", "motiv.rule_error.261", "/calendar/working_weekends/0"},  // a Monday
    };
    for (const auto& c : cases) {
        CAPTURE(c.json);
        std::vector<Issue> issues;
        read(c.json, &issues);
        REQUIRE(issues.size() == 1);
        CHECK(issues[0].id == c.id);
        CHECK(issues[0].pointer == c.pointer);
        CHECK(issues[0].file == "cal.json");
    }
}

TEST_CASE("a calendar refuses more than its limit of dates", "[calendar]") {
    nlohmann::json j = {{"holidays", nlohmann::json::array()}};
    Date d = D("2000-01-03");
    while (j["holidays"].size() <= kCalendarMaxDates) {
        if (d.day_of_week().as_number() != 0 && d.day_of_week().as_number() != 6) j["holidays"].push_back(to_iso(d));
        d += boost::gregorian::days(1);
    }
    IssueCollector<RuleError> issues;
    read_working_calendar(j, "cal.json", "", issues);
    REQUIRE_THROWS_AS(issues.throw_if_any(), RuleError);
}
