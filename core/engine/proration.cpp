#include "core/engine/proration.hpp"

#include <algorithm>
#include <stdexcept>

namespace motiv {

std::optional<ProrataShare> prorata_share(const Proration& proration, const Period& period, const std::optional<Date>& start,
                                          const std::optional<Date>& end) {
    if (!start && !end) return std::nullopt;
    if (start && end && *end < *start)
        throw std::invalid_argument("end_date " + to_iso(*end) + " is before start_date " + to_iso(*start));
    const Date first = period.first_day(), last = period.last_day();
    const Date from = start ? std::max(*start, first) : first;
    const Date to = end ? std::min(*end, last) : last;
    const bool working = proration.basis == Proration::Basis::working_days;
    ProrataShare out;
    out.days = working ? proration.calendar.working_days(from, to) : calendar_days(from, to);
    out.total = working ? proration.calendar.working_days(first, last) : calendar_days(first, last);
    Fault f = Fault::none;
    out.share = out.total == 0 ? Decimal{} : Decimal::div(Decimal::from_int(out.days), Decimal::from_int(out.total), f);
    out.note = std::to_string(out.days) + " of " + std::to_string(out.total) + (working ? " working days" : " calendar days") +
               (to < from ? std::string(", not in the role this period") : ", " + to_iso(from) + " to " + to_iso(to));
    return out;
}

}  // namespace motiv
