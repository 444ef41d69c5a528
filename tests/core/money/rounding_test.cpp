#include "core/money/rounding.hpp"

#include <boost/multiprecision/cpp_int.hpp>
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <tuple>

using motiv::Decimal;
using motiv::Fault;
using motiv::int128;
using motiv::Rounding;
using motiv::RoundingMode;

namespace {

__extension__ using uint128 = unsigned __int128;
using boost::multiprecision::cpp_int;

constexpr int128 kMaxRaw = static_cast<int128>((~uint128{0}) >> 1);  // 2^127 - 1

constexpr std::array<RoundingMode, 7> kAllModes{RoundingMode::half_up, RoundingMode::half_down,
                                                RoundingMode::half_even, RoundingMode::up,
                                                RoundingMode::down, RoundingMode::ceiling,
                                                RoundingMode::floor};

Decimal dec(std::string_view text) {
    const auto d = Decimal::parse(text);
    INFO("parsing \"" << std::string(text) << "\"");
    REQUIRE(d.has_value());
    return *d;
}

std::string apply(RoundingMode mode, std::string_view step, std::string_view value) {
    Fault f = Fault::none;
    const Decimal r = Rounding{mode, dec(step)}.apply(dec(value), f);
    if (f == Fault::overflow) return "fault:overflow";
    if (f == Fault::domain) return "fault:domain";
    REQUIRE(f == Fault::none);
    return r.to_string();
}

cpp_int to_cpp(int128 v) {
    const bool neg = v < 0;
    const uint128 m = neg ? uint128{0} - static_cast<uint128>(v) : static_cast<uint128>(v);
    cpp_int c = static_cast<std::uint64_t>(m >> 64);
    c <<= 64;
    c += static_cast<std::uint64_t>(m);
    return neg ? cpp_int(-c) : c;
}

// Reference: the two neighbouring multiples lo <= v < hi of the step, picked by distance and
// mode -- a formulation independent of the truncating-division one under test.
cpp_int reference(RoundingMode mode, const cpp_int& v, const cpp_int& step) {
    cpp_int lo = v / step;  // truncates towards zero
    if (v < 0 && lo * step != v) --lo;  // floor
    lo *= step;
    if (lo == v) return v;
    const cpp_int hi = lo + step;
    const cpp_int below = v - lo, above = hi - v;  // distances, both > 0
    const cpp_int& towards_zero = v > 0 ? lo : hi;
    const cpp_int& away_from_zero = v > 0 ? hi : lo;
    switch (mode) {
        case RoundingMode::floor: return lo;
        case RoundingMode::ceiling: return hi;
        case RoundingMode::down: return towards_zero;
        case RoundingMode::up: return away_from_zero;
        case RoundingMode::half_up:
            if (below != above) return below < above ? lo : hi;
            return away_from_zero;
        case RoundingMode::half_down:
            if (below != above) return below < above ? lo : hi;
            return towards_zero;
        case RoundingMode::half_even:
            if (below != above) return below < above ? lo : hi;
            return ((lo / step) & 1) == 0 ? lo : hi;
    }
    return 0;
}

}  // namespace

// In the style of QuantLib's rounding test: each input with its expected result under every mode.
// Columns: step, input, half_up, half_down, half_even, up, down, ceiling, floor.
TEST_CASE("Rounding::apply: every mode, every step", "[rounding]") {
    using S = std::string_view;
    auto row = GENERATE(table<S, S, S, S, S, S, S, S, S>({
        // step 0.01 (kopecks)
        {"0.01", "0", "0", "0", "0", "0", "0", "0", "0"},
        {"0.01", "2.345", "2.35", "2.34", "2.34", "2.35", "2.34", "2.35", "2.34"},
        {"0.01", "-2.345", "-2.35", "-2.34", "-2.34", "-2.35", "-2.34", "-2.34", "-2.35"},
        {"0.01", "2.355", "2.36", "2.35", "2.36", "2.36", "2.35", "2.36", "2.35"},
        {"0.01", "-2.355", "-2.36", "-2.35", "-2.36", "-2.36", "-2.35", "-2.35", "-2.36"},
        {"0.01", "2.341", "2.34", "2.34", "2.34", "2.35", "2.34", "2.35", "2.34"},
        {"0.01", "-2.341", "-2.34", "-2.34", "-2.34", "-2.35", "-2.34", "-2.34", "-2.35"},
        {"0.01", "2.349", "2.35", "2.35", "2.35", "2.35", "2.34", "2.35", "2.34"},
        {"0.01", "-2.349", "-2.35", "-2.35", "-2.35", "-2.35", "-2.34", "-2.34", "-2.35"},
        {"0.01", "1.23", "1.23", "1.23", "1.23", "1.23", "1.23", "1.23", "1.23"},
        {"0.01", "-1.23", "-1.23", "-1.23", "-1.23", "-1.23", "-1.23", "-1.23", "-1.23"},
        {"0.01", "0.005", "0.01", "0", "0", "0.01", "0", "0.01", "0"},
        {"0.01", "-0.005", "-0.01", "0", "0", "-0.01", "0", "0", "-0.01"},
        {"0.01", "0.015", "0.02", "0.01", "0.02", "0.02", "0.01", "0.02", "0.01"},
        {"0.01", "-0.015", "-0.02", "-0.01", "-0.02", "-0.02", "-0.01", "-0.01", "-0.02"},
        {"0.01", "0.004", "0", "0", "0", "0.01", "0", "0.01", "0"},
        {"0.01", "-0.006", "-0.01", "-0.01", "-0.01", "-0.01", "0", "0", "-0.01"},
        {"0.01", "1234567.891", "1234567.89", "1234567.89", "1234567.89", "1234567.9", "1234567.89", "1234567.9",
         "1234567.89"},
        {"0.01", "0.000000001", "0", "0", "0", "0.01", "0", "0.01", "0"},
        {"0.01", "-0.000000001", "0", "0", "0", "-0.01", "0", "0", "-0.01"},
        {"0.01", "99.995", "100", "99.99", "100", "100", "99.99", "100", "99.99"},
        {"0.01", "-99.995", "-100", "-99.99", "-100", "-100", "-99.99", "-99.99", "-100"},
        // step 1
        {"1", "0", "0", "0", "0", "0", "0", "0", "0"},
        {"1", "0.5", "1", "0", "0", "1", "0", "1", "0"},
        {"1", "-0.5", "-1", "0", "0", "-1", "0", "0", "-1"},
        {"1", "1.5", "2", "1", "2", "2", "1", "2", "1"},
        {"1", "-1.5", "-2", "-1", "-2", "-2", "-1", "-1", "-2"},
        {"1", "2.5", "3", "2", "2", "3", "2", "3", "2"},
        {"1", "-2.5", "-3", "-2", "-2", "-3", "-2", "-2", "-3"},
        {"1", "2.499999999", "2", "2", "2", "3", "2", "3", "2"},
        {"1", "-2.500000001", "-3", "-3", "-3", "-3", "-2", "-2", "-3"},
        {"1", "7", "7", "7", "7", "7", "7", "7", "7"},
        {"1", "-7", "-7", "-7", "-7", "-7", "-7", "-7", "-7"},
        {"1", "1.000000001", "1", "1", "1", "2", "1", "2", "1"},
        {"1", "-1.000000001", "-1", "-1", "-1", "-2", "-1", "-1", "-2"},
        {"1", "123.6", "124", "124", "124", "124", "123", "124", "123"},
        {"1", "-123.6", "-124", "-124", "-124", "-124", "-123", "-123", "-124"},
        // step 0.05 (a step that is not a power of ten: half_even looks at the parity of the multiple)
        {"0.05", "0", "0", "0", "0", "0", "0", "0", "0"},
        {"0.05", "0.025", "0.05", "0", "0", "0.05", "0", "0.05", "0"},
        {"0.05", "-0.025", "-0.05", "0", "0", "-0.05", "0", "0", "-0.05"},
        {"0.05", "0.075", "0.1", "0.05", "0.1", "0.1", "0.05", "0.1", "0.05"},
        {"0.05", "-0.075", "-0.1", "-0.05", "-0.1", "-0.1", "-0.05", "-0.05", "-0.1"},
        {"0.05", "1.125", "1.15", "1.1", "1.1", "1.15", "1.1", "1.15", "1.1"},
        {"0.05", "-1.125", "-1.15", "-1.1", "-1.1", "-1.15", "-1.1", "-1.1", "-1.15"},
        {"0.05", "1.1", "1.1", "1.1", "1.1", "1.1", "1.1", "1.1", "1.1"},
        {"0.05", "-1.15", "-1.15", "-1.15", "-1.15", "-1.15", "-1.15", "-1.15", "-1.15"},
        {"0.05", "1.12", "1.1", "1.1", "1.1", "1.15", "1.1", "1.15", "1.1"},
        {"0.05", "-1.13", "-1.15", "-1.15", "-1.15", "-1.15", "-1.1", "-1.1", "-1.15"},
        {"0.05", "0.05", "0.05", "0.05", "0.05", "0.05", "0.05", "0.05", "0.05"},
        {"0.05", "0.124999999", "0.1", "0.1", "0.1", "0.15", "0.1", "0.15", "0.1"},
        {"0.05", "0.000000001", "0", "0", "0", "0.05", "0", "0.05", "0"},
        // step 100
        {"100", "0", "0", "0", "0", "0", "0", "0", "0"},
        {"100", "50", "100", "0", "0", "100", "0", "100", "0"},
        {"100", "-50", "-100", "0", "0", "-100", "0", "0", "-100"},
        {"100", "150", "200", "100", "200", "200", "100", "200", "100"},
        {"100", "-150", "-200", "-100", "-200", "-200", "-100", "-100", "-200"},
        {"100", "250", "300", "200", "200", "300", "200", "300", "200"},
        {"100", "-250", "-300", "-200", "-200", "-300", "-200", "-200", "-300"},
        {"100", "1234.56", "1200", "1200", "1200", "1300", "1200", "1300", "1200"},
        {"100", "-1234.56", "-1200", "-1200", "-1200", "-1300", "-1200", "-1200", "-1300"},
        {"100", "500", "500", "500", "500", "500", "500", "500", "500"},
        {"100", "-500", "-500", "-500", "-500", "-500", "-500", "-500", "-500"},
        {"100", "49.999999999", "0", "0", "0", "100", "0", "100", "0"},
        {"100", "-50.000000001", "-100", "-100", "-100", "-100", "0", "0", "-100"},
        {"100", "123456789012345678950", "123456789012345679000", "123456789012345678900", "123456789012345679000",
         "123456789012345679000", "123456789012345678900", "123456789012345679000", "123456789012345678900"},
    }));
    const auto step = std::get<0>(row);
    const auto value = std::get<1>(row);
    const std::array<S, 7> expected{std::get<2>(row), std::get<3>(row), std::get<4>(row), std::get<5>(row),
                                    std::get<6>(row), std::get<7>(row), std::get<8>(row)};
    for (std::size_t m = 0; m < kAllModes.size(); ++m) {
        INFO(std::string(value) << " rounded " << std::string(motiv::to_string(kAllModes[m])) << " to "
                                << std::string(step));
        CHECK(apply(kAllModes[m], step, value) == expected[m]);
    }
}

TEST_CASE("Rounding::apply: a value already on the step is returned unchanged", "[rounding]") {
    const auto mode = GENERATE(from_range(kAllModes));
    const auto step = GENERATE(as<std::string_view>{}, "0.01", "1", "0.05", "100", "0.000000001");
    for (const std::string_view value : {"0", "0.05", "-0.05", "100", "-300", "12.35", "-1000000"}) {
        const Decimal v = dec(value), s = dec(step);
        if (v.raw() % s.raw() != 0) continue;
        Fault f = Fault::none;
        CHECK(Rounding{mode, s}.apply(v, f) == v);
        CHECK(f == Fault::none);
    }
}

TEST_CASE("Rounding::apply: faults", "[rounding]") {
    const auto mode = GENERATE(from_range(kAllModes));
    INFO(std::string(motiv::to_string(mode)));
    CHECK(apply(mode, "0", "1.5") == "fault:domain");
    CHECK(apply(mode, "-0.01", "1.5") == "fault:domain");
    // Rounding away from zero at the edge of the range overflows rather than wraps.
    const std::string_view max = "170141183460469231731687303715.884105727";
    const std::string_view min = "-170141183460469231731687303715.884105727";
    // The maximum ends in .884..., so every mode but down and floor moves it up, past the range.
    const bool up_overflows = mode != RoundingMode::down && mode != RoundingMode::floor;
    const bool down_overflows = mode != RoundingMode::down && mode != RoundingMode::ceiling;
    CHECK((apply(mode, "1", max) == "fault:overflow") == up_overflows);
    CHECK((apply(mode, "1", min) == "fault:overflow") == down_overflows);
    CHECK(apply(mode, "0.000000001", max) == std::string(max));
    CHECK((apply(mode, "100000000000000000000000000000", max) == "fault:overflow") ==
          (mode != RoundingMode::down && mode != RoundingMode::floor));
    // A huge step: twice the remainder no longer fits 128 bits, yet the answer is well defined.
    const std::string_view big_step = "150000000000000000000000000000";
    const std::string expected = mode == RoundingMode::down || mode == RoundingMode::floor ? "0" : std::string(big_step);
    CHECK(apply(mode, big_step, "90000000000000000000000000000") == expected);
    CHECK(apply(mode, big_step, "75000000000000000000000000000") ==
          (mode == RoundingMode::half_up || mode == RoundingMode::up || mode == RoundingMode::ceiling
               ? std::string(big_step)
               : std::string("0")));
}

TEST_CASE("Rounding::apply agrees with a big-integer reference on random values", "[rounding][random]") {
    std::mt19937_64 rng(42);
    const std::array<int128, 7> steps{10'000'000, 1'000'000'000, 50'000'000, 100'000'000'000, 1, 3'000'000'000,
                                      static_cast<int128>(1'000'000'000'000'000'000) * 100'000'000'000};
    const cpp_int max = to_cpp(kMaxRaw);
    for (int i = 0; i < 3000; ++i) {
        // Mostly values near a multiple of the step so ties and near-ties are common.
        const int128 step = steps[static_cast<std::size_t>(i) % steps.size()];
        const auto k = static_cast<std::int64_t>(rng() % 2'000'001) - 1'000'000;
        int128 v = static_cast<int128>(k) * step;
        switch (rng() % 4) {
            case 0: v += step / 2; break;
            case 1: v -= step / 2; break;
            case 2: v += static_cast<int128>(rng() % 1000) - 500; break;
            default: v = static_cast<int128>(rng() >> 1) * ((rng() & 1) != 0 ? 1 : -1); break;
        }
        for (const RoundingMode mode : kAllModes) {
            Fault f = Fault::none;
            const Decimal r = Rounding{mode, Decimal::from_raw(step)}.apply(Decimal::from_raw(v), f);
            const cpp_int expected = reference(mode, to_cpp(v), to_cpp(step));
            INFO("raw " << std::string(Decimal::from_raw(v).to_string()) << " step "
                        << Decimal::from_raw(step).to_string() << " " << std::string(motiv::to_string(mode)));
            if (abs(expected) > max) {
                REQUIRE(f == Fault::overflow);
            } else {
                REQUIRE(f == Fault::none);
                REQUIRE(to_cpp(r.raw()) == expected);
            }
        }
    }
}

TEST_CASE("Rounding mode names", "[rounding]") {
    const auto mode = GENERATE(from_range(kAllModes));
    const auto name = motiv::to_string(mode);
    CHECK(motiv::parse_rounding_mode(name) == mode);
    CHECK(motiv::rounding_mode_names().find(std::string(name)) != std::string::npos);
    CHECK(Rounding{mode, dec("0.05")}.describe() == std::string(name) + " to 0.05");

    CHECK(motiv::rounding_mode_names() == "half_up, half_down, half_even, up, down, ceiling, floor");
    CHECK_FALSE(motiv::parse_rounding_mode("HALF_UP").has_value());
    CHECK_FALSE(motiv::parse_rounding_mode("").has_value());
    CHECK_FALSE(motiv::parse_rounding_mode("banker").has_value());
    CHECK(Rounding{}.describe() == "half_up to 0.01");
    CHECK(Rounding{RoundingMode::floor, dec("100")}.describe() == "floor to 100");
}
