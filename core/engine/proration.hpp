// The share of a period a person was in a role, for components marked `prorate`.
//
// A person who joins on the 17th of a 31-day month was in the role 15 of 31 calendar days; by
// working days, the working days from the 17th to the 31st over the month's working days (the
// scheme's calendar: weekends, holidays, transferred working days). The share is days / total
// to 9 decimal places, half-even (Decimal division); the prorated line is then rounded once as
// any other. A start before the period or an end after it counts from / to the period's edge.
#pragma once

#include <optional>
#include <string>

#include "core/calendar/period.hpp"
#include "core/money/decimal.hpp"
#include "core/rules/scheme.hpp"

namespace motiv {

struct ProrataShare {
    Decimal share;     // 0..1
    int days = 0;      // days in the role within the period
    int total = 0;     // days in the period (of the scheme's basis)
    std::string note;  // "15 of 31 calendar days, 2026-10-17 to 2026-10-31"
};

// nullopt when neither date is given (the whole period). Throws std::invalid_argument when
// end < start (callers turn it into a DataError naming the row).
std::optional<ProrataShare> prorata_share(const Proration& proration, const Period& period, const std::optional<Date>& start,
                                          const std::optional<Date>& end);

}  // namespace motiv
