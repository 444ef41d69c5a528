// Decimal: the one exact number type of motiv.
//
// A fixed-point decimal with 9 places held in a 128-bit integer (value = raw / 10^9). Every input,
// parameter, rate and amount is a Decimal; there is no binary floating point anywhere in a pay
// computation. Why fixed scale 9: rates (<= 6 places) times money (2 places) are exact, so rounding
// happens only where a scheme declares it; division is the one inexact operation and rounds
// half-even to 9 places, documented in the README. Range: |value| < 1.7e29.
//
// Arithmetic never wraps: every operation is checked and reports overflow (or division by zero)
// through an Outcome code, so the evaluator can turn it into an error that names the rule.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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
    static Decimal mul(Decimal a, Decimal b, Fault& fault);  // rounds half-even to 9 places
    static Decimal div(Decimal a, Decimal b, Fault& fault);  // rounds half-even to 9 places
    static Decimal neg(Decimal a, Fault& fault);

private:
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

}  // namespace motiv
