#include "core/engine/outside_period.hpp"

namespace motiv {

std::optional<std::string> outside_period(const Period& period, const std::optional<Date>& start, const std::optional<Date>& end) {
    if (start && period.last_day() < *start)
        return "start_date " + to_iso(*start) + " is after period " + period.to_string() + ": the person was not in the role this period; remove the row or give the period's dates";
    if (end && *end < period.first_day())
        return "end_date " + to_iso(*end) + " is before period " + period.to_string() + ": the person was not in the role this period; remove the row or give the period's dates";
    return std::nullopt;
}

}  // namespace motiv
