#include "core/money/rounding.hpp"

#include <array>
#include <utility>

#include "core/money/fast_division.hpp"

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
// `x` (raw, within 64 bits) rounded to a multiple of the constant P by `mode`.
template <std::int64_t P>
Decimal round64(std::int64_t x, RoundingMode mode) {
    std::int64_t q = x / P;
    const std::int64_t r = x % P;
    if (r == 0) return Decimal::from_raw(x);
    const bool negative = x < 0;
    const std::int64_t rabs = negative ? -r : r;
    if (rounds_away_from_zero<std::int64_t>(mode, negative, rabs, P - rabs, q)) q += negative ? -1 : 1;
    return Decimal::from_raw(static_cast<int128>(q) * P);
}

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

int Rounding::step_pow10() const { return step.raw() > 0 ? fast::log10_exact(static_cast<fast::u128>(step.raw())) : -1; }

Decimal Rounding::apply(Decimal value, int k, Fault& fault) const {
    const int128 step_raw = step.raw();
    if (step_raw <= 0) {
        fault = Fault::domain;
        return {};
    }
    const int128 v = value.raw();
    // Truncating division: q towards zero, r has the sign of v. Steps that are powers of ten
    // (0.01, 1, ...) take a division by a constant instead of libgcc's 128-bit division.
    int128 q, r;
    if (k >= 0 && v > INT64_MIN && v <= INT64_MAX) {
        // Most amounts fit in 64 bits: a division by a constant, and no 128-bit overflow check
        // (|q| * step <= |v| + step fits easily).
        const auto x = static_cast<std::int64_t>(v);
        switch (k) {
#define MOTIV_POW10_CASE(K, P) case K: return round64<P>(x, mode);
            MOTIV_POW10_CASE(0, 1) MOTIV_POW10_CASE(1, 10) MOTIV_POW10_CASE(2, 100) MOTIV_POW10_CASE(3, 1000)
            MOTIV_POW10_CASE(4, 10000) MOTIV_POW10_CASE(5, 100000) MOTIV_POW10_CASE(6, 1000000)
            MOTIV_POW10_CASE(7, 10000000) MOTIV_POW10_CASE(8, 100000000) MOTIV_POW10_CASE(9, 1000000000)
#undef MOTIV_POW10_CASE
            default: break;
        }
    }
    if (k >= 0) {
        const fast::u128 mag = v < 0 ? fast::u128(0) - static_cast<fast::u128>(v) : static_cast<fast::u128>(v);
        fast::u128 uq = 0;
        std::uint64_t urem = 0;
        fast::divmod_pow10(mag, k, uq, urem);
        q = v < 0 ? -static_cast<int128>(uq) : static_cast<int128>(uq);
        r = v < 0 ? -static_cast<int128>(urem) : static_cast<int128>(urem);
    } else {
        q = v / step_raw;
        r = v % step_raw;
    }
    if (r == 0) return value;
    const bool negative = v < 0;
    const int128 rabs = negative ? -r : r;
    const int128 other = step_raw - rabs;  // distance to the next multiple away from zero
    // Compare rabs with step - rabs instead of 2 * rabs with step: doubling overflows for steps
    // above 2^126 raw (about 8.5e28).
    const bool away = rounds_away_from_zero<int128>(mode, negative, rabs, other, q);
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
