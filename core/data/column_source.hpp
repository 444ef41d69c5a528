// People given as columns (a DataFrame or NumPy arrays handed to the batch engine), read by the one
// reader (data/people_reader.hpp): the same rows are kept, refused and prorated as from a CSV file.
//
// Integer input columns stay where they are (the caller gathers the kept rows; the batch kernel
// checks their values against the same declarations); text cells -- key columns and input columns
// of str / Decimal / bool / out-of-range values -- are parsed here by data/input_values.hpp, so a
// bad cell gets the id and message it gets in a CSV. Row r of the source is reported as line r + 2,
// the line it would have in a CSV with a header.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/calendar/period.hpp"
#include "core/engine/compiled_scheme.hpp"

namespace motiv::data {

struct ColumnsSource {
    std::string source = "<DataFrame>";
    std::vector<std::string> header;  // every column the caller has, in its order (typed ones included)
    std::size_t rows = 0;
    // Text cells by column name: id, role and the other key columns present, and input columns that
    // are not integers. Each holds `rows` cells; "" is not given.
    std::unordered_map<std::string, std::vector<std::string>> text;
};

// An input column converted from text (or the prorata share from the dates), for the kept rows.
struct ConvertedColumn {
    std::vector<std::int64_t> values;  // scaled by 10^scale
    std::vector<std::uint8_t> present;
    int scale = 0;
};

struct KeptRows {
    std::vector<std::int64_t> rows;    // positions of the rows to pay, in source order
    std::vector<std::uint32_t> role;   // their role indices
    std::vector<std::string> ids;      // their trimmed ids
    // By scheme input index, for the text input columns and `prorata` when dates gave a share;
    // absent otherwise (integer columns: the caller's own).
    std::unordered_map<std::size_t, ConvertedColumn> columns;
};

// Reads the source for `period`; throws DataError listing every problem (people_reader.hpp's ids,
// 304 for a text cell that is not a value of its input; a missing required value is the batch
// kernel's 202). EvalError 502 when a text value does not fit int64 at its column's scale.
KeptRows read_columns(const CompiledScheme& scheme, const Period& period, const ColumnsSource& source);

}  // namespace motiv::data
