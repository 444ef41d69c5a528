// Decimal: the one exact number type of motiv.
//
// A fixed-point decimal with 9 places held in a 128-bit integer (value = raw / 10^9). Every input,
// parameter, rate and amount is a Decimal; there is no binary floating point anywhere in a pay
// computation. Why fixed scale 9: rates (<= 6 places) times money (2 places) are exact, so rounding
// happens only where a scheme declares it; division is the one inexact operation and rounds
// half-even to 9 places, documented in docs/rule-files.md. Range: |value| < 1.7e29.
//
// Arithmetic never wraps: every operation is checked and reports overflow (or division by zero)
// through an Outcome code, so the evaluator can turn it into an error that names the rule.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/money/fast_division.hpp"

namespace motiv {

__extension__ using int128 = __int128;

// Why a checked operation failed.
enum class Fault : std::uint8_t { none = 0, overflow = 1, division_by_zero = 2, domain = 3 };

class Decimal {
public:
    static constexpr int kPlaces = 9;
    static constexpr std::int64_t kOne = 1'000'000'000;  // 10^kPlaces

    constexpr Decimal() = default;
    static constexpr Decimal from_raw(int128 raw) { Decimal d; d.raw_ = raw; return d; }
    static constexpr Decimal from_int(std::int64_t v) { return from_raw(static_cast<int128>(v) * kOne); }
    // An amount of minor units (kopecks) for a currency with `exponent` decimal places (0..9).
    static Decimal from_minor(std::int64_t minor, int exponent);

    // Parses "-1234.56", "0.15", "1e3", "12.5%" (percent divides by 100). Exact or nothing: more than
    // 9 places, garbage, or out of range gives std::nullopt.
    static std::optional<Decimal> parse(std::string_view text);

    [[nodiscard]] constexpr int128 raw() const { return raw_; }
    [[nodiscard]] constexpr bool is_zero() const { return raw_ == 0; }
    [[nodiscard]] constexpr bool is_negative() const { return raw_ < 0; }
    [[nodiscard]] bool is_integer() const { return raw_ % kOne == 0; }
    // Number of significant decimal places (0..9): 1.50 -> 1, 2 -> 0.
    [[nodiscard]] int places() const;
    // The value in minor units of a currency with `exponent` places; nullopt if not exact or not in int64.
    [[nodiscard]] std::optional<std::int64_t> to_minor(int exponent) const;
    // Truncated integer part; nullopt outside int64.
    [[nodiscard]] std::optional<std::int64_t> to_int64() const;

    // Shortest exact text: "1234.5", "-0.15", "60000". Never uses an exponent.
    [[nodiscard]] std::string to_string() const;
    // Exactly `places` decimals (0..9), which must not lose digits: "60000.00".
    [[nodiscard]] std::string to_string_fixed(int places) const;
    // For explanations: thousands separated, at least `min_places` decimals ("60,000.00").
    [[nodiscard]] std::string to_display(int min_places) const;
    // Approximate double, for plots and diagnostics only -- never for amounts.
    [[nodiscard]] double to_double() const;

    friend constexpr auto operator<=>(Decimal a, Decimal b) = default;

    // Checked arithmetic: on failure `fault` is set and the result is zero.
    static Decimal add(Decimal a, Decimal b, Fault& fault);
    static Decimal sub(Decimal a, Decimal b, Fault& fault);
    static Decimal mul(Decimal a, Decimal b, Fault& fault) {  // rounds half-even to 9 places
        // Inline fast path for operands within 64 bits (every realistic amount and rate): one
        // 64x64->128 multiplication and a division by the constant 10^9.
        if (a.raw_ == static_cast<std::int64_t>(a.raw_) && b.raw_ == static_cast<std::int64_t>(b.raw_)) {
            const auto x = static_cast<std::int64_t>(a.raw_), y = static_cast<std::int64_t>(b.raw_);
            const bool negative = (x < 0) != (y < 0);
            const std::uint64_t ux = x < 0 ? 0 - static_cast<std::uint64_t>(x) : static_cast<std::uint64_t>(x);
            const std::uint64_t uy = y < 0 ? 0 - static_cast<std::uint64_t>(y) : static_cast<std::uint64_t>(y);
            std::uint64_t rem = 0;
            fast::u128 q = fast::divmod_const<1000000000u>(static_cast<fast::u128>(ux) * uy, rem);
            if (rem > 500000000u || (rem == 500000000u && (q & 1) != 0)) ++q;
            const auto v = static_cast<int128>(q);  // < 2^128 / 10^9: fits
            return from_raw(negative ? -v : v);
        }
        return mul_wide(a, b, fault);
    }
    static Decimal div(Decimal a, Decimal b, Fault& fault);  // rounds half-even to 9 places
    static Decimal neg(Decimal a, Fault& fault);

private:
    static Decimal mul_wide(Decimal a, Decimal b, Fault& fault);
    int128 raw_ = 0;
};

// Throwing conveniences for code outside the hot path (loaders, tests). Throw std::overflow_error
// or std::domain_error.
Decimal operator+(Decimal a, Decimal b);
Decimal operator-(Decimal a, Decimal b);
Decimal operator*(Decimal a, Decimal b);
Decimal operator/(Decimal a, Decimal b);
Decimal operator-(Decimal a);

// Decimal literal for tests and code: "0.15"_d. Throws std::invalid_argument on bad text.
Decimal operator""_d(const char* text, std::size_t n);

// Why Decimal::parse refused a text, for error messages that say more than "expected a number".
enum class ParseFailure : std::uint8_t {
    none,          // the text parses
    syntax,        // not written as a number at all ("abc", "1 250 000")
    not_finite,    // "NaN", "inf", "Infinity" (any case, signed): there are no such numbers here
    out_of_range,  // written as a number, but |value| >= 1.7e29 ("1e30", a 40-digit integer)
    too_precise,   // written as a number, but more than 9 decimal places ("1e-12")
    too_long,      // written as a number, but longer than the 200 characters parse() reads
};
ParseFailure parse_failure(std::string_view text);
// "not a finite number", "out of range (|value| must be below 1.7e29)", "more than 9 decimal
// places", "longer than 200 characters"; "" for none and syntax (the caller's "expected ..." says it).
const char* describe(ParseFailure f);

}  // namespace motiv
