// Corrections (apps/periods/corrections.hpp): the one reader behind `motiv run-periods
// --corrections` and Python's pay_period(corrections=...).
#include <catch2/catch.hpp>

#include "apps/periods/corrections.hpp"
#include "core/data/csv.hpp"
#include "core/errors.hpp"
#include "tests/apps/periods/periods_support.hpp"

using namespace motiv;
using namespace motiv::test;

TEST_CASE("each correction row is read with the period it corrects, also after a cell spanning lines", "[periods][corrections]") {
    const auto cs = example_scheme("retro");
    // The first row's name spans two lines, so the second row starts on line 4, not 3: a row is
    // found by where it starts, not computed from its line.
    const auto t = data::parse_csv("id,role,name,period,revenue\nh-01,hunter,\"Ann\nLee\",2026-01,600000\nh-02,hunter,Bo,2026-02,700000\n",
                                   "fix.csv");
    const auto fixes = periods::read_corrections(t, *cs);
    REQUIRE(fixes.size() == 2);
    const std::size_t revenue = static_cast<std::size_t>(cs->scheme().find_input("revenue") - cs->scheme().inputs.data());
    CHECK(fixes[0].period == month("2026-01"));
    CHECK(fixes[0].inputs.id == "h-01");
    CHECK(fixes[0].inputs.values[revenue]->to_string() == "600000");
    CHECK(fixes[1].period == month("2026-02"));
    CHECK(fixes[1].inputs.id == "h-02");
    CHECK(fixes[1].inputs.line == 4);
    CHECK(fixes[1].inputs.values[revenue]->to_string() == "700000");
}

TEST_CASE("a corrections table is refused without a period column or with a bad period", "[periods][corrections]") {
    const auto cs = example_scheme("retro");
    CHECK_THROWS_WITH(periods::read_corrections(data::parse_csv("id,role,revenue\nh-01,hunter,1\n", "fix.csv"), *cs),
                      Catch::Contains("[motiv.data_error.301] fix.csv:1") && Catch::Contains("missing required column 'period'"));
    CHECK_THROWS_WITH(periods::read_corrections(data::parse_csv("id,role,period,revenue\nh-01,hunter,2026-13,1\n", "fix.csv"), *cs),
                      Catch::Contains("[motiv.data_error.305] fix.csv:2") && Catch::Contains("expected a period YYYY-MM, got '2026-13'"));
}
