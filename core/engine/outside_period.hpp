// Whether a person's dates in a role miss a period entirely.
//
// A row whose start is after the period's last day, or whose end is before its first, was not in
// the role that period at all. Every door refuses it (motiv.data_error.309): paying it 0 or in full
// would both be a guess. One rule, used by the reader (data/people_reader.hpp) and by compute_payslip
// for a person given directly.
#pragma once

#include <optional>
#include <string>

#include "core/calendar/period.hpp"

namespace motiv {

// Why the range [start, end] (inclusive, either open) misses `period`, or nullopt when it does not.
std::optional<std::string> outside_period(const Period& period, const std::optional<Date>& start, const std::optional<Date>& end);

}  // namespace motiv
