// Pay curves: one person's pay as one KPI varies, by the batch engine, line by line.
#include <catch2/catch.hpp>

#include "tests/apps/whatif/small_scheme.hpp"

#include <stdexcept>

#include "core/errors.hpp"
#include "apps/whatif/grid.hpp"
#include "apps/whatif/pay_curve.hpp"

using namespace motiv;

TEST_CASE("pay curve: a seller's pay as sales vary, every line", "[whatif][curve]") {
    const auto cs = test::small_scheme();
    const auto params = cs->bind(*Period::parse("2026-10"));
    const auto values = whatif::stepped_values(Decimal::from_int(8), Decimal::from_int(17), Decimal::from_int(3), 100, "sales");
    REQUIRE(values == std::vector<Decimal>{Decimal::from_int(8), Decimal::from_int(11), Decimal::from_int(14), Decimal::from_int(17)});
    const auto c = whatif::pay_curve(*cs, params, test::seller("s-1", 0, "10000.00"), "sales", values, 2);
    CHECK(c.components == std::vector<std::string>{"salary", "gate_bonus", "commission", "overload"});
    // Revenue 10,000.00: commission 10% = 1,000.00 throughout.
    //   8 sales: below the gate                      1,000 +   0 + 1,000 -  0 = 2,000.00
    //  11 sales: 11 x 50 = 550, capped at 500        1,000 + 500 + 1,000 -  0 = 2,500.00
    //  14 sales: 700 capped at 500                   2,500.00
    //  17 sales: (17 - 15) x 30 = 60 of overload     2,500 - 60 = 2,440.00
    CHECK(c.total == std::vector<std::int64_t>{200000, 250000, 250000, 244000});
    CHECK(c.amounts[0] == std::vector<std::int64_t>{100000, 0, 100000, 0});
    CHECK(c.amounts[3] == std::vector<std::int64_t>{100000, 50000, 100000, -6000});
    const auto csv = whatif::curve_csv(c, c);
    CHECK(csv.substr(0, csv.find('\n')) == "person,role,kpi,value,before,after,salary,gate_bonus,commission,overload");
    CHECK(csv.find("s-1,seller,sales,17,2440.00,2440.00,1000.00,500.00,1000.00,-60.00") != std::string::npos);
}

TEST_CASE("pay curve: bad requests", "[whatif][curve]") {
    const auto cs = test::small_scheme();
    const auto params = cs->bind(*Period::parse("2026-10"));
    const auto s = test::seller("s-1", 12, "10000.00");
    CHECK_THROWS_WITH(whatif::pay_curve(*cs, params, s, "revenu", {Decimal{}}), Catch::Contains("unknown input 'revenu'"));
    CHECK_THROWS_AS(whatif::pay_curve(*cs, params, s, "sales", {}), std::invalid_argument);
    // A count of 2.5 is not a valid input: the engine says which row.
    CHECK_THROWS_AS(whatif::pay_curve(*cs, params, s, "sales", {*Decimal::parse("2.5")}), DataError);
    CHECK_THROWS_WITH(whatif::stepped_values(Decimal::from_int(0), Decimal::from_int(1'000'000), Decimal::from_int(1), whatif::kMaxCurvePoints, "--curve sales"),
                      Catch::Contains("more than 100000 values"));
}
