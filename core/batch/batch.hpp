// The columnar batch engine: pay many person-periods of one scheme at once.
//
// Input is a struct of arrays: a role index per row and one int64 column per scheme input holding
// the value scaled by 10^scale (money in minor units with scale 2, counts with scale 0, a ratio
// 0.9650 as 9650 with scale 4). Rows are grouped by role and run a block at a time through
// the role's program lowered to int64 arithmetic at static decimal scales (lowered_program.hpp),
// falling back to the very Program of the one-person path (engine/compute.hpp) for any block or
// row the lowering cannot vouch for, so results are identical to the kopeck -- and tested to be. No string or map look-up,
// allocation or virtual call happens per row: buffers are sized once per thread.
//
// Large batches are split across threads by contiguous row ranges; each row's result depends on
// that row alone, so results do not depend on the thread count.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/batch/large_buffer.hpp"
#include "core/engine/compiled_scheme.hpp"

namespace motiv::batch {

inline constexpr std::size_t kBlock = 1024;

// One input column. `present` (optional, one byte per row, nonzero = given) marks missing values,
// which take the input's default or are an error when the role requires the input.
struct Column {
    std::span<const std::int64_t> values;
    int scale = 0;  // decimal places of the values, 0..9
    std::span<const std::uint8_t> present;
};

struct Input {
    std::span<const std::uint32_t> role;  // index into CompiledScheme::roles()
    std::vector<Column> columns;          // one per scheme input, in Scheme::inputs order;
                                          // an empty `values` span means "column absent"
};

// Why a row could not be paid (0 = paid).
enum class RowStatus : std::uint8_t { ok = 0, missing_input = 1, invalid_input = 2, division_by_zero = 3, overflow = 4, bad_role = 5 };
const char* to_string(RowStatus s);

struct Result {
    std::size_t rows = 0;
    int minor_units = 2;                   // amounts are int64 in units of 10^-minor_units
    std::vector<std::string> components;   // the pay columns (component ids across roles, scheme order)
    LargeBuffer<std::int64_t> amounts;     // rows x components, row-major; 0 where the role has no such component
    LargeBuffer<std::int64_t> total;       // per row, the sum of its lines
    LargeBuffer<RowStatus> status;         // per row
    LargeBuffer<std::uint32_t> bad_input;  // per row: the input index behind missing/invalid_input
    [[nodiscard]] std::size_t failed() const;
};

struct Options {
    unsigned threads = 0;                 // 0 = all hardware threads
    std::size_t min_rows_per_thread = 65536;
    // Run roles through their int64 lowering (core/batch/lowered_program.hpp) where it applies.
    // Amounts are identical either way; false runs only the Decimal program (for tests and
    // diagnosis).
    bool lower = true;
};

// Pays every row. Never throws for a bad row: its status says why (use check() to throw).
// Throws std::invalid_argument when the columns do not match the scheme (count, lengths, scales).
Result compute(const CompiledScheme& scheme, const BoundParameters& params, const Input& input, const Options& options = {});

// Throws DataError / EvalError describing up to `max_rows` failed rows (row numbers 0-based).
void check(const Result& result, const CompiledScheme& scheme, const Input& input, std::size_t max_rows = 20);

}  // namespace motiv::batch
