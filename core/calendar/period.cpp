#include "core/calendar/period.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <cstdio>

namespace motiv {

namespace {
// Parses exactly `n` digits at s[pos..]; -1 if not digits.
int digits(std::string_view s, std::size_t pos, std::size_t n) {
    if (pos + n > s.size()) return -1;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}
}  // namespace

std::optional<Period> Period::parse(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') return std::nullopt;
    const int y = digits(text, 0, 4), m = digits(text, 5, 2);
    if (y < 1900 || y > 9999 || m < 1 || m > 12) return std::nullopt;
    return Period{y, m};
}

Date Period::first_day() const {
    return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), 1);
}

Date Period::last_day() const { return first_day().end_of_month(); }

std::string Period::to_string() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
}

std::optional<Date> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const int y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
    if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return std::nullopt;
    const int last = boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y), static_cast<unsigned short>(m));
    if (d > last) return std::nullopt;
    return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

std::string to_iso(const Date& d) { return boost::gregorian::to_iso_extended_string(d); }

}  // namespace motiv
