// A pay period: one calendar month ("2026-10"). Dates come from Boost.Date_Time, not by hand.
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace motiv {

using Date = boost::gregorian::date;

struct Period {
    int year = 0;
    int month = 0;  // 1..12

    // "2026-10" -> Period; nullopt for anything else (a month out of 1..12, a year out of 1900..9999).
    static std::optional<Period> parse(std::string_view text);
    [[nodiscard]] Date first_day() const;
    [[nodiscard]] Date last_day() const;
    [[nodiscard]] std::string to_string() const;  // "2026-10"
    friend bool operator==(const Period&, const Period&) = default;
};

// "2026-07-01" -> Date; nullopt for an invalid or out-of-range date (strict ISO form only).
std::optional<Date> parse_iso_date(std::string_view text);
std::string to_iso(const Date& d);

}  // namespace motiv
