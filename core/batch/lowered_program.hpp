// The batch engine's fast path: a role's Program lowered to int64 arithmetic with a static decimal
// scale per slot.
//
// The one-person Program holds every value as a 128-bit Decimal with 9 places, so money times a
// rate costs a 128-bit product and a division by 10^9. In a batch the scale of every value is
// known before the first row: an input column's scale is declared (kopecks: 2), a parameter's or
// constant's is its number of places (0.05: 2), and each operation fixes its result's (a product
// adds its operands' scales, a rounding to 0.01 gives 2, a quotient keeps Decimal's 9). Lowered,
// money x rate is one int64 multiplication and a rounding is a division by a constant power of ten.
//
// Exactness is not traded for speed: every lowered operation computes exactly what the Decimal
// operation computes (same rounding of products beyond 9 places, of quotients, of declared
// roundings), provided no int64 overflows and no divisor is zero. Both are checked cheaply:
// - range: in_range() propagates a bound on |value| through the code from the inputs' bounds
//   (measured per block while gathering) and refuses a block unless every intermediate value stays
//   below 2^62; the caller then runs that block through the Decimal Program;
// - zero divisors: run() marks the lanes that divided by zero, and the caller re-runs those rows
//   through the Decimal Program, which reports (or, behind an `if`, discards) the fault exactly.
// Anything the lowering does not know -- an opcode added later, a value beyond int64 at its scale,
// a tier table that does not rise -- makes lower() return nullopt, and the role keeps the Decimal
// Program. Parameters are folded in as constants, so a program is lowered per bound period (cheap:
// microseconds), never per row.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/expr/program.hpp"
#include "core/money/rounding.hpp"

namespace motiv::batch {

// Bounds on |value| at or above this are refused: kernels may add two bounded values, or a
// bounded value and a divisor, without overflowing int64.
inline constexpr std::uint64_t kLoweredLimit = std::uint64_t{1} << 62;

// Where a slot of the original Program lives after lowering: a constant, or a lane array of the
// frame; either way an int64 holding value x 10^scale.
struct LoweredValue {
    enum class Kind : std::uint8_t { none, constant, lane };
    Kind kind = Kind::none;
    int scale = 0;
    std::uint32_t lane = 0;   // Kind::lane
    std::int64_t value = 0;   // Kind::constant
};

class LoweredProgram {
public:
    // An input slot of the program and the scale its lane will hold (the gather rescales to it).
    struct Input {
        expr::Slot slot = 0;
        int scale = 0;
    };

    // Lowers `program`: `known` gives the value of every parameter slot (program constants come
    // from the program itself), `inputs` the scale of every input slot, `tables` the tier tables
    // in force. `results`, when not empty, are the only slots the caller will read (the pay lines):
    // code none of them needs is dropped (e.g. a role's attainment, computed for explanations;
    // the engine reports faults of pay lines only, so a dropped division by zero changes nothing).
    // nullopt when the program cannot be lowered exactly (see the file comment).
    static std::optional<LoweredProgram> lower(const expr::Program& program, std::span<const std::pair<expr::Slot, Decimal>> known,
                                               std::span<const Input> inputs, std::span<const expr::TierTable> tables,
                                               std::span<const expr::Slot> results = {});

    [[nodiscard]] const LoweredValue& value(expr::Slot s) const { return values_[s]; }
    [[nodiscard]] std::size_t lane_count() const { return lanes_; }

    // `bounds[lane]` must hold a bound on |value| over the block for every input lane; fills in
    // the bound of every other lane. False when some value could reach kLoweredLimit: the block
    // must then run through the Decimal Program.
    [[nodiscard]] bool in_range(std::vector<std::uint64_t>& bounds) const;

    // Runs the code over lanes [0, n) of `frame` (lane l of row k at frame[l * width + k]). Sets
    // redo[k] = 1 for a row that divided by zero (its values are then meaningless); leaves the
    // other entries of `redo` alone. Exact for every other row when in_range() held. `bounds`, the
    // lane bounds in_range() computed for this block (or empty), lets a division whose operands
    // are small enough take a faster exact path.
    void run(std::int64_t* frame, std::size_t width, std::size_t n, std::uint8_t* redo, std::span<const std::uint64_t> bounds = {}) const;

    // An operand of a lowered instruction: a lane, or a constant already at the scale the
    // instruction needs.
    struct Operand {
        bool is_const = false;
        std::uint32_t lane = 0;
        std::int64_t value = 0;
    };
    enum class Op : std::uint8_t {
        add, sub, mul, neg, abs, min, max,
        div,          // a x 10^k / b rounded half-even (Decimal's quotient); b == 0 marks the row for redo
        lt, le, gt, ge, eq, ne, and_, or_, not_,
        select,       // a ? b : c
        zero_unless,  // a ? b : 0
        scale_up,     // a x 10^k
        round_pow10,  // a / 10^k rounded by `mode` (the result has k places fewer)
        round_step,   // a rounded by `mode` to a multiple of `step` (same scale)
        rate_at, graduated, retro,  // tables_[table], thresholds at a's scale
    };
    struct Instr {
        Op op = Op::add;
        RoundingMode mode = RoundingMode::half_even;
        int k = 0;
        std::uint32_t dst = 0;
        Operand a, b, c;
        std::int64_t step = 0;
        std::uint32_t table = 0;
    };
    // A tier table with thresholds at the scale of the value it measures and rates at `rate_scale`.
    struct Table {
        std::vector<std::int64_t> from, rate;
        std::uint64_t max_from = 0, max_rate = 0, sum_rate = 0;  // magnitudes, for in_range()
    };

    // The lowered code, in order (for tests and diagnosis).
    [[nodiscard]] std::span<const Instr> code() const { return code_; }

private:
    void drop_dead_code(std::span<const expr::Slot> results);

    std::vector<LoweredValue> values_;  // per original slot
    std::vector<Instr> code_;
    std::vector<Table> tables_;
    std::size_t lanes_ = 0;
};

}  // namespace motiv::batch
