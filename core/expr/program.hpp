// A compiled formula program and the vectorised interpreter that runs it.
//
// Formulas of a role are compiled once into a flat list of instructions over numbered slots
// (one slot per value: inputs, parameters, constants, every sub-expression). The interpreter runs
// each instruction over a block of lanes (rows) before moving to the next, so dispatch is paid once
// per block, not per row: the one-person path is simply a block of width 1, which is why batch and
// single results can never differ.
//
// Faults (division by zero, overflow) do not throw in the hot loop: each lane carries a fault code
// per slot that propagates like a NaN; `if`, `and` and `or` drop the fault of a branch not taken,
// so `if(calls > 0, meetings / calls, 0)` is safe. The engine reports a fault left in a pay line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/money/decimal.hpp"
#include "core/money/rounding.hpp"

namespace motiv::expr {

using Slot = std::uint32_t;

// Static type of a value. `untyped` is a bare number literal, which adapts to money or number.
enum class ValueType : std::uint8_t { money, number, boolean, tiers, untyped };
const char* to_string(ValueType t);

enum class OpCode : std::uint8_t {
    add, sub, mul, div, neg,
    lt, le, gt, ge, eq, ne,
    and_, or_, not_,
    select,     // dst = a ? b : c
    min, max, abs,
    graduated,  // dst = sum over tiers of rate * part of a in the tier       (tables[aux])
    retro,      // dst = rate of the highest tier reached by a, times a       (tables[aux])
    rate_at,    // dst = rate of the highest tier reached by a                (tables[aux])
    // The same three with every threshold scaled by b (a quota): a table by attainment applied
    // to an amount, e.g. 7% from 100% of quota; b must be > 0 (0: division by zero, < 0: domain).
    graduated_scaled, retro_scaled, rate_at_scaled,
    curve,      // dst = the pay curve tables[aux] at a (linear between points)
    round,      // dst = roundings[aux].apply(a)
    zero_unless,// dst = a ? b : 0, and a's fault only (the `when` of a component)
    copy,
};

struct Instr {
    OpCode op;
    Slot dst = 0, a = 0, b = 0, c = 0;
    std::uint32_t aux = 0;
};

// A rate table: tier k applies from `from[k]` (inclusive) up to from[k+1]; from[0] is the lowest.
// A pay curve is held in the same shape: points (from[k], rate[k]) with rising x, joined by lines.
struct TierTable {
    std::vector<Decimal> from;
    std::vector<Decimal> rate;
    // Pay curves only: past the last point, continue the last segment's slope (else stay at the
    // last point's value), and the rounding of an interpolated value.
    bool extrapolate = false;
    Rounding rounding{RoundingMode::half_up, Decimal::from_raw(1)};  // 1e-9: no further rounding
    // Index of the tier that `x` reaches, or -1 below the first tier. With `scale`, every
    // threshold is multiplied by it first (a table by attainment against a quota).
    [[nodiscard]] int tier_of(Decimal x) const;
    [[nodiscard]] int tier_of(Decimal x, Decimal scale, Fault& fault) const;
};

// Values and fault codes of every slot for `width` lanes; slot s of lane i is at s*width + i.
struct Frame {
    std::size_t width = 0;
    std::vector<Decimal> values;
    std::vector<std::uint8_t> faults;
    Frame(std::size_t slot_count, std::size_t lanes) : width(lanes), values(slot_count * lanes), faults(slot_count * lanes) {}
    Decimal* value(Slot s) { return values.data() + std::size_t{s} * width; }
    std::uint8_t* fault(Slot s) { return faults.data() + std::size_t{s} * width; }
    [[nodiscard]] const Decimal* value(Slot s) const { return values.data() + std::size_t{s} * width; }
    [[nodiscard]] const std::uint8_t* fault(Slot s) const { return faults.data() + std::size_t{s} * width; }
    // Sets every lane of slot s to v (constants and parameters).
    void broadcast(Slot s, Decimal v);
};

struct Program {
    std::size_t slot_count = 0;
    std::vector<std::pair<Slot, Decimal>> constants;
    std::vector<Instr> code;
    std::vector<Rounding> roundings;
    std::vector<Slot> sources;  // slots the code reads but never writes (inputs, parameters, constants)

    // Writes the constants into every lane of the frame (once per frame, not per block).
    void load_constants(Frame& frame) const;
    // Runs the code over lanes [0, n) of `frame`; `tables` are the tier tables in force.
    void run(Frame& frame, std::size_t n, std::span<const TierTable> tables) const;
};

// Sum over tiers of rate x the part of x inside the tier (marginal). `parts` receives, per tier,
// the amount of x inside it (for explanations) when non-null.
// With `scale` (a quota), every threshold is multiplied by it first.
Decimal graduated_amount(const TierTable& t, Decimal x, Fault& fault, std::vector<Decimal>* parts = nullptr,
                         const Decimal* scale = nullptr);

// The value of pay curve `t` at x: the first point's value below it, linear between points
// (y0 + (y1 - y0) * (x - x0) / (x1 - x0), the division to 9 places half-even), past the last point
// that point's value or the last slope continued (t.extrapolate); then t.rounding.
Decimal curve_value(const TierTable& t, Decimal x, Fault& fault);

}  // namespace motiv::expr
