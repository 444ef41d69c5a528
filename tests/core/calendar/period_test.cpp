// Pay periods ("2026-10") and ISO dates ("2026-07-01"): strict forms only, real calendar days.
#include "core/calendar/period.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>

using motiv::Period;

TEST_CASE("Period::parse accepts YYYY-MM and nothing else", "[period]") {
    // expected: "" when the text must be refused, else the period's to_string().
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"2026-10", "2026-10"},
        {"2026-01", "2026-01"},
        {"2026-12", "2026-12"},
        {"1900-01", "1900-01"},  // the range's ends
        {"9999-12", "9999-12"},
        {"2026-00", ""},   // months 1..12 only
        {"2026-13", ""},
        {"1899-12", ""},   // years 1900..9999 only
        {"0000-01", ""},
        {"2026-1", ""},    // two-digit month
        {"26-10", ""},
        {"2026/10", ""},
        {"2026-10-01", ""},  // a date is not a period
        {"202610", ""},
        {" 2026-10", ""},  // no trimming
        {"2026-10 ", ""},
        {"2026-+1", ""},
        {"2026--1", ""},
        {"+026-10", ""},
        {"2026-1a", ""},
        {"", ""},
        {"October", ""},
    }));
    CAPTURE(text);
    const auto p = Period::parse(text);
    if (expected.empty()) {
        CHECK_FALSE(p.has_value());
    } else {
        REQUIRE(p.has_value());
        CHECK(p->to_string() == expected);
    }
}

TEST_CASE("a period's first and last days", "[period]") {
    const auto [text, first, last] = GENERATE(table<std::string, std::string, std::string>({
        {"2026-10", "2026-10-01", "2026-10-31"},
        {"2026-02", "2026-02-01", "2026-02-28"},
        {"2024-02", "2024-02-01", "2024-02-29"},  // leap year
        {"2000-02", "2000-02-01", "2000-02-29"},  // divisible by 400: leap
        {"1900-02", "1900-02-01", "1900-02-28"},  // divisible by 100 only: not leap
        {"2026-04", "2026-04-01", "2026-04-30"},
        {"2026-12", "2026-12-01", "2026-12-31"},
    }));
    CAPTURE(text);
    const Period p = *Period::parse(text);
    CHECK(motiv::to_iso(p.first_day()) == first);
    CHECK(motiv::to_iso(p.last_day()) == last);
}

TEST_CASE("periods compare by year and month", "[period]") {
    CHECK(*Period::parse("2026-10") == Period{2026, 10});
    CHECK_FALSE(*Period::parse("2026-10") == Period{2026, 9});
    CHECK_FALSE(*Period::parse("2026-10") == Period{2025, 10});
    CHECK(Period{2026, 3}.to_string() == "2026-03");
}

TEST_CASE("parse_iso_date accepts real calendar days in YYYY-MM-DD only", "[period]") {
    const auto [text, valid] = GENERATE(table<std::string, bool>({
        {"2026-07-01", true},
        {"2026-01-31", true},
        {"2026-04-30", true},
        {"2026-12-31", true},
        {"2024-02-29", true},   // 2024 is a leap year
        {"2000-02-29", true},   // so is 2000 (divisible by 400)
        {"2026-02-28", true},
        {"1900-01-01", true},
        {"9999-12-31", true},
        {"2026-02-29", false},  // 2026 is not
        {"1900-02-29", false},  // nor is 1900 (divisible by 100)
        {"2026-04-31", false},  // April has 30 days
        {"2026-01-32", false},
        {"2026-01-00", false},
        {"2026-00-10", false},
        {"2026-13-01", false},
        {"1899-12-31", false},
        {"2026-7-1", false},    // strict: two-digit month and day
        {"2026-07-1", false},
        {"2026/07/01", false},
        {"20260701", false},
        {"2026-07-01T00:00", false},
        {" 2026-07-01", false},
        {"2026-07-0a", false},
        {"2026-07", false},
        {"", false},
    }));
    CAPTURE(text);
    const auto d = motiv::parse_iso_date(text);
    CHECK(d.has_value() == valid);
    if (valid) CHECK(motiv::to_iso(*d) == text);  // round-trips
}
