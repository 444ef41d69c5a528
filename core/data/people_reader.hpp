// The one reader of people: the rules that decide, for any people source, which rows are paid and
// as whom -- a CSV file, a DataFrame's cells, NumPy columns, the periods runner.
//
// Every door (motiv payroll / explain / statements / whatif / run-periods, Python's compute_frame,
// compute_batch, compute_arrays, sweeps, Monte Carlo, Dask) reads people through this file, so the
// same row is kept, refused or prorated the same way whichever door it came through:
//   - columns: `id` and `role` required (motiv.data_error.301); `name`, `period`, `manager`,
//     `start_date`, `end_date` known; every other column must be a scheme input -- an unknown or
//     misspelt column is refused, with the closest input named (302): a typo must not drop a KPI;
//     start_date / end_date need the scheme's "proration" section (302);
//   - rows of another `period` are skipped; a malformed period is 305;
//   - ids are trimmed; an empty id is 304; two rows whose ids are equal after trimming and ASCII case
//     folding (`h-01`, ` h-01 `, `H-01`) are one person: an error (303) unless both rows carry
//     start/end dates whose ranges do not overlap (a role change within the period);
//   - an unknown role is 201;
//   - dates: malformed 304, end before start 308, a range wholly outside the period paid 309 (the
//     person was not in the role this period: paying them 0 or in full would both be a guess);
//     otherwise the share of the period (engine/proration.hpp) becomes the built-in `prorata` input.
// Input values (kinds, ranges, defaults) are checked by data/input_values.hpp, for text cells here
// and for integer columns by the batch kernel with the same declarations.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/calendar/period.hpp"
#include "core/engine/compiled_scheme.hpp"
#include "core/errors.hpp"
#include "core/money/decimal.hpp"

namespace motiv::data {

// Which column of a source holds what, by 0-based position in its header.
struct ColumnMap {
    std::optional<std::size_t> id, role, name, period, manager, start, end;
    std::vector<std::optional<std::size_t>> input;  // per header column: the scheme input it feeds
};

// Checks a header against the scheme and maps it; adds every problem (301, 302) to `issues`
// (line 1, the column's 1-based index).
ColumnMap map_columns(const Scheme& scheme, const std::vector<std::string>& header, const std::string& source,
                      IssueCollector<DataError>& issues);

// The person id as paid: the cell without surrounding spaces and tabs.
std::string_view trim_id(std::string_view id);

// The share of `period` a person with these dates is paid for under the scheme's proration (the
// built-in `prorata` input); nullopt without dates or without a proration section.
std::optional<Decimal> period_share(const Scheme& scheme, const Period& period, const std::optional<Date>& start, const std::optional<Date>& end);

// What the reader decided for one kept row.
struct RowKey {
    std::size_t row = 0;  // position in the source
    std::string id;       // trimmed
    std::uint32_t role = 0;
    std::optional<Date> start, end;
    std::optional<Decimal> share;  // with dates and a period: the prorata share (0..1, 9 places)
};

// Reads the key cells (id, role, period, dates) of a source's rows, one row at a time, remembering
// ids to find duplicates. `period` nullopt keeps every row (the periods runner reads all months,
// then each month again with its period).
class KeyReader {
public:
    KeyReader(const CompiledScheme& scheme, const std::optional<Period>& period, const ColumnMap& columns, std::string source,
              IssueCollector<DataError>& issues);

    // `cell(col)` is the text of column `col` in this row. nullopt when the row belongs to another
    // period (skipped) or was refused (its problems added to the issues).
    std::optional<RowKey> read(std::size_t row, std::size_t line, const std::function<std::string_view(std::size_t)>& cell);

private:
    struct Seen {
        std::size_t line;
        std::optional<Date> start, end;
    };
    void issue(const char* id, std::size_t line, std::optional<std::size_t> col, const std::string& field, const std::string& person,
               std::string message);

    const CompiledScheme& scheme_;
    std::optional<Period> period_;
    const ColumnMap& cols_;
    std::string source_;
    IssueCollector<DataError>& issues_;
    std::unordered_map<std::string, std::vector<Seen>> seen_;  // folded id -> its rows
};

}  // namespace motiv::data
