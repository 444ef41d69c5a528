// Rounding: the only place where an amount loses precision, always declared by the rule file.
//
// A Rounding is a mode and a step: {"mode": "half_up", "step": "0.01"} rounds to kopecks,
// {"mode": "floor", "step": "100"} to whole hundreds. A scheme declares a default; any component
// may declare its own. Every payslip line is rounded exactly once, and the total is the sum of
// the rounded lines, so lines always add up to the total.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/money/decimal.hpp"

namespace motiv {

enum class RoundingMode {
    half_up,    // ties away from zero: 2.345 -> 2.35, -2.345 -> -2.35 (the payroll default)
    half_down,  // ties towards zero:   2.345 -> 2.34
    half_even,  // ties to the even neighbour (banker's): 2.345 -> 2.34, 2.355 -> 2.36
    up,         // away from zero:      2.341 -> 2.35, -2.341 -> -2.35
    down,       // towards zero (truncate): 2.349 -> 2.34, -2.349 -> -2.34
    ceiling,    // towards +infinity:   2.341 -> 2.35, -2.349 -> -2.34
    floor,      // towards -infinity:   2.349 -> 2.34, -2.341 -> -2.35
};

// "half_up" <-> RoundingMode::half_up; nullopt for an unknown name.
std::optional<RoundingMode> parse_rounding_mode(std::string_view name);
std::string_view to_string(RoundingMode mode);
// Every accepted name, comma separated, for error messages.
std::string rounding_mode_names();

// Whether `mode` moves a truncated quotient q one step away from zero, given the remainder's
// magnitude `rabs` (0 < rabs < step) and `other` = step - rabs, the distance to the next multiple.
// Shared by Rounding::apply, Decimal-free int64 paths (the batch engine) and any caller that
// divides by the step itself: one definition of what each mode does with a remainder.
template <class I>
constexpr bool rounds_away_from_zero(RoundingMode mode, bool negative, I rabs, I other, I q) {
    switch (mode) {
        case RoundingMode::half_up: return rabs >= other;
        case RoundingMode::half_down: return rabs > other;
        case RoundingMode::half_even: return rabs > other || (rabs == other && (q % 2) != 0);
        case RoundingMode::up: return true;
        case RoundingMode::down: return false;
        case RoundingMode::ceiling: return !negative;
        case RoundingMode::floor: return negative;
    }
    return false;
}

struct Rounding {
    RoundingMode mode = RoundingMode::half_up;
    Decimal step = Decimal::from_raw(Decimal::kOne / 100);  // 0.01

    // `value` rounded to a whole multiple of `step` (step > 0) by `mode`. Sets fault on overflow.
    [[nodiscard]] Decimal apply(Decimal value, Fault& fault) const { return apply(value, step_pow10(), fault); }
    // The same, with step_pow10() computed once by the caller (the batch engine's hot loop).
    [[nodiscard]] Decimal apply(Decimal value, int step_pow10, Fault& fault) const;
    // k when step == 10^(k-9) for k in 0..9 (0.01 gives 7), else -1.
    [[nodiscard]] int step_pow10() const;
    // "half_up to 0.01"
    [[nodiscard]] std::string describe() const;
};

}  // namespace motiv
