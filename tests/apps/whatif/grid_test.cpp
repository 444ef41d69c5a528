// Grid sweeps: each point costs what a scheme with those overrides costs, paid person by person.
#include <catch2/catch.hpp>

#include "tests/core/support.hpp"

#include <stdexcept>

#include "core/data/people_table.hpp"
#include "core/errors.hpp"
#include "core/payroll/payroll.hpp"
#include "apps/whatif/grid.hpp"
#include "apps/whatif/people_columns.hpp"

using namespace motiv;

TEST_CASE("grid: axes from text", "[whatif]") {
    const auto a = whatif::parse_axis("hunter.salary=20000:30000:2500");
    CHECK(a.parameter == "hunter.salary");
    CHECK(a.values == std::vector<Decimal>{"20000"_d, "22500"_d, "25000"_d, "27500"_d, "30000"_d});
    // `to` is included only when a step lands on it.
    CHECK(whatif::parse_axis("r=0.05:0.1:0.02").values == std::vector<Decimal>{"0.05"_d, "0.07"_d, "0.09"_d});
    CHECK(whatif::parse_axis("r=5%").values == std::vector<Decimal>{"0.05"_d});
    const auto bad = GENERATE(as<std::string>{}, "salary", "=1:2:1", "x=1:2", "x=a:2:1", "x=1:2:0", "x=1:2:-1", "x=2:1:1", "x=0:1e9:0.000000001");
    CAPTURE(bad);
    CHECK_THROWS_AS(whatif::parse_axis(bad), std::invalid_argument);
}

TEST_CASE("grid: every point equals a payroll run of the scheme with those overrides", "[whatif]") {
    const auto cs = test::three_tier_scheme();
    const auto period = *Period::parse("2026-10");
    const auto people = data::read_people(data::read_csv_file(test::kExample), *cs, period);
    const whatif::PeopleColumns cols(*cs, people);
    const std::vector<whatif::Axis> axes{{"hunter.salary", {"20000"_d, "30000"_d}}, {"farmer.cut.no_growth", {"0"_d, "0.5"_d, "1"_d}}};
    const auto grid = whatif::run_grid(*cs, cs->bind(period), cols.input(), axes, 2);
    REQUIRE(grid.points.size() == 6);
    CHECK(grid.points[1].values == std::vector<Decimal>{"20000"_d, "0.5"_d});  // the last axis varies fastest
    for (const auto& pt : grid.points) {
        const auto one = CompiledScheme::compile(load_scheme_file(
            test::kThreeTier, {{"hunter.salary", pt.values[0].to_string()}, {"farmer.cut.no_growth", pt.values[1].to_string()}}));
        const auto run = payroll::run(*one, period, people);
        CAPTURE(pt.values[0].to_string(), pt.values[1].to_string());
        CHECK(pt.total == run.total_minor());
        CHECK(pt.failed == 0);
        for (const auto& r : run.by_role()) {
            const auto k = static_cast<std::size_t>(std::find(grid.roles.begin(), grid.roles.end(), r.role) - grid.roles.begin());
            CHECK(pt.role_total.at(k) == r.total_minor);
            CHECK(pt.role_paid.at(k) == r.people);
        }
    }
    // The base point (25,000 salary, 50% cut) is not in this grid; at 20,000 and 50%: 715,977.01 - 5 x 5,000.
    CHECK(grid.points[1].total == 69'097'701);
    const auto csv = whatif::grid_csv(grid);
    CHECK(csv.substr(0, csv.find('\n')) == "hunter.salary,farmer.cut.no_growth,total,operator,hunter,farmer,failed_rows");
}

TEST_CASE("grid: bad sweeps are refused before any work", "[whatif]") {
    const auto cs = test::three_tier_scheme();
    const auto people = data::read_people(data::read_csv_file(test::kExample), *cs, Period::parse("2026-10"));
    const whatif::PeopleColumns cols(*cs, people);
    const auto params = cs->bind(*Period::parse("2026-10"));
    CHECK_THROWS_AS(whatif::run_grid(*cs, params, cols.input(), {}), std::invalid_argument);
    CHECK_THROWS_AS(whatif::run_grid(*cs, params, cols.input(), {{"hunter.salary", {}}}), std::invalid_argument);
    CHECK_THROWS_AS(whatif::run_grid(*cs, params, cols.input(), {{"no.such", {"1"_d}}}), RuleError);
    CHECK_THROWS_AS(whatif::run_grid(*cs, params, cols.input(), {{"hunter.commission.tiers", {"1"_d}}}), RuleError);
    CHECK_THROWS_AS(whatif::run_grid(*cs, params, cols.input(), {{"hunter.salary", {"1"_d}}, {"hunter.salary", {"2"_d}}}), std::invalid_argument);
    const whatif::Axis huge{"hunter.salary", std::vector<Decimal>(5000, "1"_d)};
    CHECK_THROWS_AS(whatif::run_grid(*cs, params, cols.input(), {huge, huge}), std::invalid_argument);  // 25M points
}

TEST_CASE("grid: a failure in any sweep thread stops the sweep and reaches the caller", "[whatif]") {
    const auto cs = test::three_tier_scheme();
    const auto period = *Period::parse("2026-10");
    const auto people = data::read_people(data::read_csv_file(test::kExample), *cs, period);
    const whatif::PeopleColumns cols(*cs, people);
    const auto params = cs->bind(period);
    std::vector<Decimal> salaries;
    for (int k = 0; k < 40; ++k) salaries.push_back(Decimal::from_int(20000 + k));
    const batch::SweepProgress fail_at_3 = [](std::size_t done) {
        if (done == 3) throw std::runtime_error("stop");
    };
    CHECK_THROWS_AS(whatif::run_grid(*cs, params, cols.input(), {{"hunter.salary", salaries}}, 2, fail_at_3), std::runtime_error);
    // 5 hunters at a salary of 5e16 RUB: each payslip (5e18 kopecks) fits in int64, their sum does not.
    CHECK_THROWS_AS(whatif::run_grid(*cs, params, cols.input(), {{"hunter.salary", {"50000000000000000"_d}}}, 2), EvalError);
}

TEST_CASE("grid: one cell of a tier table (a threshold or a rate) is swept like a scalar", "[whatif]") {
    const auto cs = test::three_tier_scheme();
    const auto period = *Period::parse("2026-10");
    const auto people = data::read_people(data::read_csv_file(test::kExample), *cs, period);
    const whatif::PeopleColumns cols(*cs, people);
    const auto params = cs->bind(period);
    // Hunters' commission by attainment of a 1,000,000 quota: 5% to 30%, 7% to 100%, 10% above.
    // The top rate 10% -> 12%: only h-01 sells above quota, 250,000 x 2% = +5,000.00:
    // 715,977.01 -> 720,977.01.
    const auto rate = whatif::run_grid(*cs, params, cols.input(), {{"hunter.commission.tiers[2].rate", {"0.10"_d, "0.12"_d}}}, 2);
    CHECK(rate.points[0].total == 71'597'701);
    CHECK(rate.points[1].total == 72'097'701);
    // The 7% tier starting at 50% instead of 30% of quota: 200,000 more at 5% instead of 7% (-4,000.00)
    // for h-01 and h-04; h-05's 0.50 above 300,000: 15,000.035 -> 15,000.04 becomes 15,000.025 ->
    // 15,000.03 (half up), -0.01; h-02 (exactly 300,000) and h-03 below: none. -8,000.01.
    const auto from = whatif::run_grid(*cs, params, cols.input(), {{"hunter.commission.tiers[1].from", {"0.3"_d, "0.5"_d}}}, 1);
    CHECK(from.points[1].total - from.points[0].total == -800'001);
    CHECK(whatif::grid_csv(from).substr(0, 40) == "hunter.commission.tiers[1].from,total,op");
    // Bad cells and thresholds that would not rise.
    CHECK_THROWS_WITH(whatif::run_grid(*cs, params, cols.input(), {{"hunter.commission.tiers[3].rate", {"0.1"_d}}}),
                      Catch::Contains("has 3 tiers in force (0 to 2)"));
    CHECK_THROWS_WITH(whatif::run_grid(*cs, params, cols.input(), {{"hunter.commission.tiers[1].size", {"0.1"_d}}}),
                      Catch::Contains("a tier cell is NAME[K].from or NAME[K].rate"));
    CHECK_THROWS_WITH(whatif::run_grid(*cs, params, cols.input(), {{"hunter.salary[1].rate", {"0.1"_d}}}), Catch::Contains("is not a tier table"));
    CHECK_THROWS_WITH(whatif::run_grid(*cs, params, cols.input(), {{"hunter.commission.tiers[1].from", {"0.5"_d, "1.2"_d}}}),
                      Catch::Contains("sweep point 2: the thresholds of hunter.commission.tiers would not rise (1.2 then 1)"));
}
