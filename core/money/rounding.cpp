#include "core/money/rounding.hpp"

#include <array>
#include <utility>

namespace motiv {

namespace {
constexpr std::array<std::pair<std::string_view, RoundingMode>, 7> kModes{{
    {"half_up", RoundingMode::half_up},
    {"half_down", RoundingMode::half_down},
    {"half_even", RoundingMode::half_even},
    {"up", RoundingMode::up},
    {"down", RoundingMode::down},
    {"ceiling", RoundingMode::ceiling},
    {"floor", RoundingMode::floor},
}};
}  // namespace

std::optional<RoundingMode> parse_rounding_mode(std::string_view name) {
    for (const auto& [n, m] : kModes)
        if (n == name) return m;
    return std::nullopt;
}

std::string_view to_string(RoundingMode mode) {
    for (const auto& [n, m] : kModes)
        if (m == mode) return n;
    return "?";
}

std::string rounding_mode_names() {
    std::string s;
    for (const auto& [n, m] : kModes) {
        if (!s.empty()) s += ", ";
        s += n;
    }
    return s;
}

Decimal Rounding::apply(Decimal value, Fault& fault) const {
    const int128 step_raw = step.raw();
    if (step_raw <= 0) {
        fault = Fault::domain;
        return {};
    }
    const int128 v = value.raw();
    // Truncating division: q towards zero, r has the sign of v.
    int128 q = v / step_raw;
    const int128 r = v % step_raw;
    if (r == 0) return value;
    const bool negative = v < 0;
    const int128 rabs = negative ? -r : r;
    const int128 other = step_raw - rabs;  // distance to the next multiple away from zero
    // Compare rabs with step - rabs instead of 2 * rabs with step: doubling overflows for steps
    // above 2^126 raw (about 8.5e28).
    bool away = false;  // move one step away from zero?
    switch (mode) {
        case RoundingMode::half_up: away = rabs >= other; break;
        case RoundingMode::half_down: away = rabs > other; break;
        case RoundingMode::half_even:
            away = rabs > other || (rabs == other && (q % 2) != 0);
            break;
        case RoundingMode::up: away = true; break;
        case RoundingMode::down: away = false; break;
        case RoundingMode::ceiling: away = !negative; break;
        case RoundingMode::floor: away = negative; break;
    }
    if (away) q += negative ? -1 : 1;
    int128 out;
    if (__builtin_mul_overflow(q, step_raw, &out)) {
        fault = Fault::overflow;
        return {};
    }
    return Decimal::from_raw(out);
}

std::string Rounding::describe() const { return std::string(to_string(mode)) + " to " + step.to_string(); }

}  // namespace motiv
