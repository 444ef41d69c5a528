#include "core/money/decimal.hpp"

#include <boost/multiprecision/cpp_int.hpp>
#include <catch2/catch.hpp>

#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>

using motiv::Decimal;
using motiv::Fault;
using motiv::int128;
using motiv::operator""_d;

namespace {

__extension__ using uint128 = unsigned __int128;
using boost::multiprecision::cpp_int;

constexpr int128 kMaxRaw = static_cast<int128>((~uint128{0}) >> 1);  // 2^127 - 1
constexpr int128 kMinRaw = -kMaxRaw - 1;
constexpr std::string_view kMaxText = "170141183460469231731687303715.884105727";

std::string raw_str(int128 v) {
    if (v == 0) return "0";
    uint128 m = v < 0 ? uint128{0} - static_cast<uint128>(v) : static_cast<uint128>(v);
    std::string s;
    while (m != 0) {
        s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(m % 10)));
        m /= 10;
    }
    return (v < 0 ? "-" : "") + s;
}

Decimal dec(std::string_view text) {
    const auto d = Decimal::parse(text);
    INFO("parsing \"" << std::string(text) << "\"");
    REQUIRE(d.has_value());
    return *d;
}

// "7800" or "fault:overflow": one string per outcome makes every arithmetic case one table row.
std::string outcome(Decimal r, Fault f) {
    switch (f) {
        case Fault::none: return r.to_string();
        case Fault::overflow: return "fault:overflow";
        case Fault::division_by_zero: return "fault:division_by_zero";
        case Fault::domain: return "fault:domain";
    }
    return "fault:?";
}

std::string run(Decimal (*op)(Decimal, Decimal, Fault&), std::string_view a, std::string_view b) {
    Fault f = Fault::none;
    const Decimal r = op(dec(a), dec(b), f);
    if (f != Fault::none) CHECK(r.is_zero());  // contract: the result is zero on failure
    return outcome(r, f);
}

cpp_int to_cpp(int128 v) {
    const bool neg = v < 0;
    const uint128 m = neg ? uint128{0} - static_cast<uint128>(v) : static_cast<uint128>(v);
    cpp_int c = static_cast<std::uint64_t>(m >> 64);
    c <<= 64;
    c += static_cast<std::uint64_t>(m);
    return neg ? cpp_int(-c) : c;
}

// The independent reference: n / d on exact integers, rounded half-even (on magnitudes; half-even
// is symmetric, so the sign goes back on afterwards).
cpp_int div_half_even(const cpp_int& n, const cpp_int& d) {
    const bool neg = (n < 0) != (d < 0);
    const cpp_int an = abs(n), ad = abs(d);
    cpp_int q = an / ad;
    const cpp_int r = an % ad;
    if (r * 2 > ad || (r * 2 == ad && (q & 1) != 0)) ++q;
    return neg ? cpp_int(-q) : q;
}

// A raw value of a random bit length (so small, medium and huge magnitudes all appear) and sign.
int128 random_raw(std::mt19937_64& rng, int max_bits) {
    std::uniform_int_distribution<int> bits_dist(0, max_bits);
    const int bits = bits_dist(rng);
    uint128 m = (static_cast<uint128>(rng()) << 64) | rng();
    m = bits == 0 ? 0 : m >> (128 - bits);
    const auto v = static_cast<int128>(m);
    return (rng() & 1) != 0 ? -v : v;
}

}  // namespace

TEST_CASE("Decimal::parse accepts exact text", "[decimal][parse]") {
    auto [text, expected] = GENERATE(table<std::string_view, std::string_view>({
        {"0", "0"},
        {"-0", "0"},
        {"+5", "5"},
        {"-1234.56", "-1234.56"},
        {"0.15", "0.15"},
        {"007", "7"},
        {".5", "0.5"},
        {"5.", "5"},
        {"1e3", "1000"},
        {"1E3", "1000"},
        {"1e+2", "100"},
        {"1.5e-3", "0.0015"},
        {"-2.5E1", "-25"},
        {"1e-9", "0.000000001"},
        {"0.000000001", "0.000000001"},
        {"1.0000000000", "1"},  // trailing zeros beyond 9 places lose nothing
        {"1.000000000000000000000000000000000000000000000000", "1"},
        {"12345678901234567890.1234567890000000000000", "12345678901234567890.123456789"},
        {"10000000000000000000000000000000000000000e-20", "100000000000000000000"},
        {"0e200", "0"},
        {"12.5%", "0.125"},
        {"-12.5%", "-0.125"},
        {"100%", "1"},
        {"0.0000001%", "0.000000001"},
        {"1e2%", "1"},
        {"100000000000000000000000000000", "100000000000000000000000000000"},  // 1e29 < 1.7e29
        {kMaxText, kMaxText},
        {"-170141183460469231731687303715.884105727", "-170141183460469231731687303715.884105727"},
    }));
    INFO("text: " << std::string(text));
    const auto d = Decimal::parse(text);
    REQUIRE(d.has_value());
    CHECK(d->to_string() == expected);
}

TEST_CASE("Decimal::parse refuses anything inexact, malformed or out of range", "[decimal][parse]") {
    auto text = GENERATE(as<std::string_view>{}, "", "-", "+", ".", "-.", "%", "e5", "1.2.3", "1e", "1e+", "1e-",
                         "1e%", "1e+%", "1e3.5", "1%%", "--1", "+-1", "abc", "1a", " 1", "1 ", "1,000", "0x10",
                         "0.0000000001", "1e-10", "0.00000001%", "-0.0000000001", "1.0000000001",
                         "170141183460469231731687303715.884105728", "-170141183460469231731687303715.884105728",
                         "200000000000000000000000000000", "1e30", "1e29%0", "99999999999999999999999999999999999999999",
                         "1e101", "1e-101");
    INFO("text: \"" << std::string(text) << "\"");
    CHECK_FALSE(Decimal::parse(text).has_value());
}

TEST_CASE("_d literal", "[decimal][parse]") {
    CHECK("0.15"_d == Decimal::from_raw(150'000'000));
    CHECK("-3"_d == Decimal::from_int(-3));
    CHECK_THROWS_AS("1.2.3"_d, std::invalid_argument);
    CHECK_THROWS_AS(""_d, std::invalid_argument);
}

TEST_CASE("Decimal::to_string is the shortest exact text", "[decimal][format]") {
    auto [raw, expected] = GENERATE(table<std::int64_t, std::string_view>({
        {0, "0"},
        {1, "0.000000001"},
        {-1, "-0.000000001"},
        {1'500'000'000, "1.5"},
        {-150'000'000, "-0.15"},
        {60'000'000'000'000, "60000"},
        {1'234'500'000'000, "1234.5"},
        {123'456'789, "0.123456789"},
        {-1'000'000'000, "-1"},
    }));
    CHECK(Decimal::from_raw(raw).to_string() == expected);
    CHECK(Decimal::from_raw(kMaxRaw).to_string() == kMaxText);
    CHECK(Decimal::from_raw(kMinRaw).to_string() == "-170141183460469231731687303715.884105728");
}

TEST_CASE("Decimal::to_string_fixed", "[decimal][format]") {
    auto [text, places, expected] = GENERATE(table<std::string_view, int, std::string_view>({
        {"60000", 2, "60000.00"},
        {"60000", 0, "60000"},
        {"-0.15", 4, "-0.1500"},
        {"0", 2, "0.00"},
        {"0", 9, "0.000000000"},
        {"0.000000001", 9, "0.000000001"},
        {"-1234.5", 2, "-1234.50"},
        {"1.5", 12, "1.500000000"},  // clamped to 9
    }));
    CHECK(dec(text).to_string_fixed(places) == expected);
}

TEST_CASE("Decimal::to_display groups thousands", "[decimal][format]") {
    auto [text, min_places, expected] = GENERATE(table<std::string_view, int, std::string_view>({
        {"1234567.5", 2, "1,234,567.50"},
        {"-1234567.5", 2, "-1,234,567.50"},
        {"60000", 2, "60,000.00"},
        {"999", 0, "999"},
        {"-999", 0, "-999"},
        {"1000", 0, "1,000"},
        {"-100000", 0, "-100,000"},
        {"123456", 1, "123,456.0"},
        {"0", 2, "0.00"},
        {"0.123", 2, "0.123"},  // never drops digits
        {"-1234.5678", 0, "-1,234.5678"},
        {"1000000000", 0, "1,000,000,000"},
        {kMaxText, 0, "170,141,183,460,469,231,731,687,303,715.884105727"},
    }));
    CHECK(dec(text).to_display(min_places) == expected);
}

TEST_CASE("Decimal::places and predicates", "[decimal]") {
    auto [text, places, integer] = GENERATE(table<std::string_view, int, bool>({
        {"1.50", 1, false},
        {"2", 0, true},
        {"0", 0, true},
        {"0.000000001", 9, false},
        {"-12.340", 2, false},
        {"100", 0, true},
        {"-100.000000010", 8, false},
        {kMaxText, 9, false},
    }));
    const Decimal d = dec(text);
    CHECK(d.places() == places);
    CHECK(d.is_integer() == integer);
    CHECK(Decimal::from_raw(kMinRaw).places() == 9);
    CHECK(Decimal{}.is_zero());
    CHECK_FALSE("0.000000001"_d.is_zero());
    CHECK("-0.000000001"_d.is_negative());
    CHECK_FALSE("0"_d.is_negative());
    CHECK("-1"_d < "0.5"_d);
    CHECK("2.50"_d == "2.5"_d);
}

TEST_CASE("Decimal::to_minor is exact or nothing", "[decimal][minor]") {
    auto [text, exponent, expected] = GENERATE(table<std::string_view, int, std::optional<std::int64_t>>({
        {"12.34", 2, 1234},
        {"12.345", 2, std::nullopt},
        {"-0.01", 2, -1},
        {"-12.345", 2, std::nullopt},
        {"0", 2, 0},
        {"5", 0, 5},
        {"5.5", 0, std::nullopt},
        {"12.345", 3, 12345},
        {"0.000000001", 9, 1},
        {"9223372036.854775807", 9, std::numeric_limits<std::int64_t>::max()},
        {"-9223372036.854775808", 9, std::numeric_limits<std::int64_t>::min()},
        {"9223372036.854775808", 9, std::nullopt},
        {"1e20", 2, std::nullopt},
        {"1", 10, std::nullopt},
        {"1", -1, std::nullopt},
    }));
    INFO(std::string(text) << " with exponent " << exponent);
    CHECK(dec(text).to_minor(exponent) == expected);
}

TEST_CASE("Decimal::from_minor", "[decimal][minor]") {
    auto [minor, exponent, expected] = GENERATE(table<std::int64_t, int, std::string_view>({
        {1234, 2, "12.34"},
        {-1, 2, "-0.01"},
        {-5, 0, "-5"},
        {0, 2, "0"},
        {1, 9, "0.000000001"},
        {12345, 3, "12.345"},
        {std::numeric_limits<std::int64_t>::min(), 0, "-9223372036854775808"},
        {std::numeric_limits<std::int64_t>::max(), 0, "9223372036854775807"},
    }));
    const Decimal d = Decimal::from_minor(minor, exponent);
    CHECK(d.to_string() == expected);
    CHECK(d.to_minor(exponent) == minor);  // round trip
    CHECK_THROWS_AS(Decimal::from_minor(1, 10), std::invalid_argument);
    CHECK_THROWS_AS(Decimal::from_minor(1, -1), std::invalid_argument);
}

TEST_CASE("Decimal::to_int64 truncates", "[decimal]") {
    CHECK("12.9"_d.to_int64() == 12);
    CHECK("-12.9"_d.to_int64() == -12);
    CHECK("0.999999999"_d.to_int64() == 0);
    CHECK("9223372036854775807.5"_d.to_int64() == std::numeric_limits<std::int64_t>::max());
    CHECK("9223372036854775808"_d.to_int64() == std::nullopt);
    CHECK("-9223372036854775809"_d.to_int64() == std::nullopt);
    CHECK("1.5"_d.to_double() == 1.5);
}

TEST_CASE("Decimal::add and sub are exact and checked", "[decimal][arith]") {
    auto [a, b, sum, difference] = GENERATE(table<std::string_view, std::string_view, std::string_view, std::string_view>({
        {"1.5", "2.25", "3.75", "-0.75"},
        {"-1.5", "2.25", "0.75", "-3.75"},
        {"0.000000001", "-0.000000001", "0", "0.000000002"},
        {"0", "0", "0", "0"},
        {"60000", "0.01", "60000.01", "59999.99"},
        {kMaxText, "0", kMaxText, kMaxText},
        {kMaxText, "0.000000001", "fault:overflow", "170141183460469231731687303715.884105726"},
        {kMaxText, kMaxText, "fault:overflow", "0"},
        {"-170141183460469231731687303715.884105727", "0.000000002", "-170141183460469231731687303715.884105725",
         "fault:overflow"},
    }));
    INFO(std::string(a) << " and " << std::string(b));
    CHECK(run(&Decimal::add, a, b) == sum);
    CHECK(run(&Decimal::sub, a, b) == difference);
}

TEST_CASE("Decimal::mul rounds half-even to 9 places", "[decimal][arith]") {
    auto [a, b, expected] = GENERATE(table<std::string_view, std::string_view, std::string_view>({
        {"1.5", "2", "3"},
        {"-1.5", "2", "-3"},
        {"-1.5", "-2", "3"},
        {"1.5", "-2", "-3"},
        {"0", "-7", "0"},
        {"60000", "0.13", "7800"},
        {"0.333333333", "3", "0.999999999"},
        {"0.000000001", "0.000000001", "0"},
        // ties on the 9th place: 0.5e-9 -> 0, 1.5e-9 -> 2e-9, 2.5e-9 -> 2e-9, and the mirror images
        {"0.000000001", "0.5", "0"},
        {"0.000000003", "0.5", "0.000000002"},
        {"0.000000005", "0.5", "0.000000002"},
        {"0.000000007", "0.5", "0.000000004"},
        {"-0.000000001", "0.5", "0"},
        {"-0.000000003", "0.5", "-0.000000002"},
        {"-0.000000005", "0.5", "-0.000000002"},
        {"0.000000005", "-0.5", "-0.000000002"},
        {"0.000000006", "0.5", "0.000000003"},   // not a tie
        {"0.000000001", "0.500000001", "0.000000001"},  // just above the tie
        {"0.000000001", "0.499999999", "0"},  // just below the tie
        {"123456789012.345678901", "98765432.123456789", "12193263115378753061.705229107"},
        {"-123456789012.345678901", "98765432.123456789", "-12193263115378753061.705229107"},
        // wide path: raw x*y overflows 128 bits but the result fits
        {"1000000000000000", "1000000", "1000000000000000000000"},
        {"-1000000000000000", "1000000", "-1000000000000000000000"},
        {"1000000000000000.000000001", "1000000.5", "1000000500000000000000.001"},  // tie, even stays
        {"1000000000000000.000000003", "1000000.5", "1000000500000000000000.003000002"},  // tie, odd goes up
        {kMaxText, "1", kMaxText},
        {kMaxText, "-1", "-170141183460469231731687303715.884105727"},
        {kMaxText, "0.5", "85070591730234615865843651857.942052864"},
        {kMaxText, "-0.999999999", "-170141183290328048271218071984.196802011"},
        // overflow
        {kMaxText, "1.000000001", "fault:overflow"},
        {"1000000000000000", "1000000000000000", "fault:overflow"},
        {"-100000000000000000000", "10000000000", "fault:overflow"},
        {"100000000000000000000000000000", "100000000000000000000000000000", "fault:overflow"},
        {"13043817825332782212.349571076", "13043817825332782212.349571076", "fault:overflow"},
    }));
    INFO(std::string(a) << " * " << std::string(b));
    CHECK(run(&Decimal::mul, a, b) == expected);
    CHECK(run(&Decimal::mul, b, a) == expected);  // commutative, including the wide path
}

TEST_CASE("Decimal::div rounds half-even to 9 places", "[decimal][arith]") {
    auto [a, b, expected] = GENERATE(table<std::string_view, std::string_view, std::string_view>({
        {"1", "3", "0.333333333"},
        {"2", "3", "0.666666667"},
        {"-2", "3", "-0.666666667"},
        {"2", "-3", "-0.666666667"},
        {"-2", "-3", "0.666666667"},
        {"7", "-0.5", "-14"},
        {"1", "0.000000001", "1000000000"},
        {"0", "5", "0"},
        {"60000", "12", "5000"},
        // ties on the 9th place
        {"0.000000001", "2", "0"},
        {"0.000000003", "2", "0.000000002"},
        {"0.000000005", "2", "0.000000002"},
        {"-0.000000005", "2", "-0.000000002"},
        {"0.000000005", "-2", "-0.000000002"},
        {"0.000000001", "4", "0"},  // 0.25e-9: below the tie
        {"0.000000003", "4", "0.000000001"},  // 0.75e-9: above the tie
        {"1", kMaxText, "0"},
        // division by zero
        {"1", "0", "fault:division_by_zero"},
        {"0", "0", "fault:division_by_zero"},
        {"-1", "0", "fault:division_by_zero"},
        // long division: the dividend times 10^9 does not fit 128 bits
        {"1000000000000000000000", "3", "333333333333333333333.333333333"},
        {"1000000000000000000000", "7", "142857142857142857142.857142857"},
        {"-1000000000000000000000", "7", "-142857142857142857142.857142857"},
        {"1000000000000000000000", "-7", "-142857142857142857142.857142857"},
        {"1000000000000000000000.000000001", "2", "500000000000000000000"},  // tie, even stays
        {"1000000000000000000000.000000003", "2", "500000000000000000000.000000002"},  // tie, odd goes up
        {"1000000000000000000000", "1000000000000000000000", "1"},
        {"10000000000000000000000000000", "20000000000000000000000000000", "0.5"},
        {"10000000000000000000000000000", "30000000000000000000000000000", "0.333333333"},
        {"100000000000000000000000000000", "150000000000000000000000000000", "0.666666667"},
        {kMaxText, kMaxText, "1"},
        {kMaxText, "2", "85070591730234615865843651857.942052864"},
        {kMaxText, "3", "56713727820156410577229101238.628035242"},
        {kMaxText, "-1", "-170141183460469231731687303715.884105727"},
        {kMaxText, "85070591730234615865843651857.942052864", "2"},
        {"-170141183460469231731687303715.884105727", kMaxText, "-1"},
        // overflow
        {kMaxText, "0.999999999", "fault:overflow"},
        {"100000000000000000000000000000", "0.5", "fault:overflow"},
        {"100000000000000000000000000000", "0.000000001", "fault:overflow"},
        {"1000000000000000000000", "0.000000001", "fault:overflow"},
        {"1000000000", "0.000000001", "1000000000000000000"},
    }));
    INFO(std::string(a) << " / " << std::string(b));
    CHECK(run(&Decimal::div, a, b) == expected);
}

TEST_CASE("Decimal::neg and the throwing operators", "[decimal][arith]") {
    Fault f = Fault::none;
    CHECK(Decimal::neg("1.5"_d, f) == "-1.5"_d);
    CHECK(Decimal::neg(Decimal{}, f) == Decimal{});
    CHECK(Decimal::neg(Decimal::from_raw(kMaxRaw), f).raw() == -kMaxRaw);
    CHECK(f == Fault::none);
    CHECK(Decimal::neg(Decimal::from_raw(kMinRaw), f).is_zero());
    CHECK(f == Fault::overflow);

    CHECK("1.5"_d + "2"_d == "3.5"_d);
    CHECK("1.5"_d - "2"_d == "-0.5"_d);
    CHECK("1.5"_d * "2"_d == "3"_d);
    CHECK("1"_d / "8"_d == "0.125"_d);
    CHECK(-"1.5"_d == "-1.5"_d);
    CHECK_THROWS_AS("1"_d / "0"_d, std::domain_error);
    const Decimal max = Decimal::from_raw(kMaxRaw);
    CHECK_THROWS_AS(max + "1"_d, std::overflow_error);
    CHECK_THROWS_AS(-max - "1"_d, std::overflow_error);
    CHECK_THROWS_AS(max * "2"_d, std::overflow_error);
    CHECK_THROWS_AS(max / "0.5"_d, std::overflow_error);
    CHECK_THROWS_AS(-Decimal::from_raw(kMinRaw), std::overflow_error);
}

TEST_CASE("Decimal::mul and div agree with exact big-integer arithmetic", "[decimal][arith][random]") {
    std::mt19937_64 rng(20240611);
    const cpp_int one = Decimal::kOne;
    const cpp_int max = to_cpp(kMaxRaw);
    int fast = 0, wide = 0, overflowed = 0, ties = 0;
    for (int i = 0; i < 4000; ++i) {
        // Half the cases pair a random value with a "round" factor (0.5, 0.25, 2.5...) to hit ties.
        const int128 x = random_raw(rng, 127);
        int128 y = random_raw(rng, i % 3 == 0 ? 127 : 80);
        if (i % 2 == 1) {
            static constexpr std::int64_t kRound[] = {500'000'000, 250'000'000, 2'500'000'000, 125'000'000,
                                                      -500'000'000, 1'000'000'000'000'500'000};
            y = kRound[static_cast<std::size_t>(i / 2) % std::size(kRound)];
        }
        const cpp_int cx = to_cpp(x), cy = to_cpp(y);
        {
            Fault f = Fault::none;
            const Decimal r = Decimal::mul(Decimal::from_raw(x), Decimal::from_raw(y), f);
            const cpp_int expected = div_half_even(cx * cy, one);
            INFO(raw_str(x) << " * " << raw_str(y) << " (raw)");
            if (abs(expected) > max) {
                ++overflowed;
                REQUIRE(f == Fault::overflow);
                REQUIRE(r.is_zero());
            } else {
                REQUIRE(f == Fault::none);
                REQUIRE(to_cpp(r.raw()) == expected);
            }
            if (abs(cx * cy) >= (cpp_int(1) << 128)) ++wide; else ++fast;
            if ((abs(cx * cy) % one) * 2 == one) ++ties;
        }
        if (y != 0) {
            Fault f = Fault::none;
            const Decimal r = Decimal::div(Decimal::from_raw(x), Decimal::from_raw(y), f);
            const cpp_int expected = div_half_even(cx * one, cy);
            INFO(raw_str(x) << " / " << raw_str(y) << " (raw)");
            if (abs(expected) > max) {
                REQUIRE(f == Fault::overflow);
                REQUIRE(r.is_zero());
            } else {
                REQUIRE(f == Fault::none);
                REQUIRE(to_cpp(r.raw()) == expected);
            }
        }
    }
    // The sample must exercise every path, or the cross-check proves less than it claims.
    CHECK(fast > 500);
    CHECK(wide > 500);
    CHECK(overflowed > 100);
    CHECK(ties > 50);
}

TEST_CASE("Decimal::div long division agrees with big integers for huge operands", "[decimal][arith][random]") {
    // Dividend above 3.4e20 (so x * 10^9 does not fit 128 bits) against divisors of every size,
    // including ones above 1.7e28 where the quotient is small.
    std::mt19937_64 rng(7);
    const cpp_int one = Decimal::kOne;
    const cpp_int max = to_cpp(kMaxRaw);
    for (int i = 0; i < 3000; ++i) {
        int128 x = random_raw(rng, 127);
        if ((x < 0 ? -x : x) < (static_cast<int128>(1) << 99)) x = (x < 0 ? -1 : 1) * (kMaxRaw - (x < 0 ? -x : x));
        int128 y = random_raw(rng, 127);
        if (y == 0) y = 1;
        const cpp_int cx = to_cpp(x), cy = to_cpp(y);
        Fault f = Fault::none;
        const Decimal r = Decimal::div(Decimal::from_raw(x), Decimal::from_raw(y), f);
        const cpp_int expected = div_half_even(cx * one, cy);
        INFO(raw_str(x) << " / " << raw_str(y) << " (raw)");
        if (abs(expected) > max) {
            REQUIRE(f == Fault::overflow);
        } else {
            REQUIRE(f == Fault::none);
            REQUIRE(to_cpp(r.raw()) == expected);
        }
    }
}

TEST_CASE("Decimal::parse and to_string round-trip random values", "[decimal][parse][random]") {
    std::mt19937_64 rng(99);
    for (int i = 0; i < 2000; ++i) {
        int128 raw = random_raw(rng, 127);
        if (raw == kMinRaw) raw = kMaxRaw;
        const Decimal d = Decimal::from_raw(raw);
        const std::string s = d.to_string();
        INFO(s);
        const auto back = Decimal::parse(s);
        REQUIRE(back.has_value());
        REQUIRE(back->raw() == raw);
        REQUIRE(s.find('e') == std::string::npos);
        // The percent form and an exponent form say the same number.
        const auto pct = Decimal::parse(s + "e2%");
        REQUIRE(pct.has_value());
        REQUIRE(pct->raw() == raw);
    }
}
