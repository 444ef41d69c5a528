// Cancelled deals, the events that trigger clawbacks (periods/clawback.hpp), read from CSV.
//
// Columns (all required, any order): deal_id, person, amount, paid_period, payment_date,
// cancel_date. One row per cancelled deal: its id, who was paid for it, its amount (as counted in
// the clawback's input, e.g. revenue), the period whose pay included it, the date that pay was
// made and the date the deal was cancelled. Every problem is reported at once, with row and column.
#pragma once

#include <string>
#include <vector>

#include "core/calendar/period.hpp"
#include "core/data/csv.hpp"
#include "core/money/decimal.hpp"

namespace motiv::periods {

struct Cancellation {
    std::string deal;
    std::string person;
    Decimal amount;
    Period paid_period;
    Date paid_on;
    Date cancelled_on;
    std::string source;    // the file, for errors
    std::size_t line = 0;  // its line there
};

// Throws DataError (motiv.data_error.3NN) listing every bad row: a missing column, an empty deal
// id or person, a duplicate deal id, an amount that is not exact money > 0 with at most
// `minor_units` places, a bad period or date, a cancel date before the payment date.
std::vector<Cancellation> read_cancellations(const data::CsvTable& table, int minor_units);

}  // namespace motiv::periods
