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
    std::size_t failed_rows = 0;           // rows whose status is not ok (counted as they fail)
    [[nodiscard]] std::size_t failed() const { return failed_rows; }
};

// Caller-owned arrays for compute_into, each of input.role.size() elements (amounts: rows x
// result_components(scheme).size(), row-major). Why: a what-if sweep, a Monte Carlo run or a
// monthly re-run pays the same shape again and again, and a fresh result costs the kernel's
// zeroing of every page it maps (~20% of a one-thread batch, and the part that does not scale
// over threads; docs/performance.md). Every element is overwritten -- status and bad_input
// included -- unless `zeroed` promises they are all zero already (freshly mapped memory), in which
// case only non-zero values are written.
struct Output {
    std::span<std::int64_t> amounts;
    std::span<std::int64_t> total;
    std::span<RowStatus> status;
    std::span<std::uint32_t> bad_input;  // meaningful only where status is missing/invalid_input
    bool zeroed = false;
};

// The result's pay columns: every role's component ids, once each, in scheme order.
std::vector<std::string> result_components(const CompiledScheme& scheme);

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

// As compute(), into the caller's arrays; returns the number of rows that failed. Amounts are
// identical to compute()'s. Throws std::invalid_argument, before writing anything, when an array
// has the wrong length.
std::size_t compute_into(const CompiledScheme& scheme, const BoundParameters& params, const Input& input, const Output& out,
                         const Options& options = {});

// Throws DataError / EvalError describing up to `max_rows` failed rows (row numbers 0-based).
void check(const Result& result, const CompiledScheme& scheme, const Input& input, std::size_t max_rows = 20);
void check(std::span<const RowStatus> status, std::span<const std::uint32_t> bad_input, const CompiledScheme& scheme, const Input& input,
           std::size_t max_rows = 20);

}  // namespace motiv::batch
