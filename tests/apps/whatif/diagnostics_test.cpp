// Diagnostics of the small scheme (tests/apps/whatif/small_scheme.hpp), every figure by hand.
#include <catch2/catch.hpp>

#include "tests/apps/whatif/small_scheme.hpp"

#include "core/rules/json_document.hpp"
#include "apps/whatif/diagnostics.hpp"

using namespace motiv;

namespace {
whatif::Profiles target_profile(const CompiledScheme& cs, const char* effort = R"(, "effort": {"seller": ["sales", "revenue"]})") {
    return whatif::read_profiles(parse_json_exact(std::string(R"({"target": {"seller": {"sales": 12, "revenue": "10000.00"}})") + effort + "}", "t.json"), cs,
                                 "t.json");
}
}  // namespace

TEST_CASE("diagnostics: pay mix, leverage, monotonicity, cliffs and cost of the small scheme", "[whatif][diagnostics]") {
    const auto cs = test::small_scheme();
    whatif::DiagnosticsOptions opt;
    opt.cliff = Decimal::from_int(100);
    const std::vector<PersonInputs> people{test::seller("p-1", 12, "10000.00"), test::seller("p-2", 5, "2000.00")};
    const auto d = whatif::diagnose(*cs, cs->bind(*Period::parse("2026-10")), target_profile(*cs), opt, &people);

    // Pay mix at target: fixed = the salary line 1,000.00; variable = 500 + 1,000 = 1,500.00 of
    // 2,500.00 -> 0.6000.
    REQUIRE(d.pay_mix.size() == 1);
    CHECK(d.pay_mix[0].fixed == 100000);
    CHECK(d.pay_mix[0].variable == 150000);
    CHECK(d.pay_mix[0].variable_share == *Decimal::parse("0.6"));
    // Leverage at 150%: 18 sales, revenue 15,000.00: 1,000 + 500 (capped) + 1,500 - 3 x 30 = 2,910.00;
    // 2,910 / 2,500 = 1.164 -> 1.1640.
    CHECK(d.leverage[0].at_100 == 250000);
    CHECK(d.leverage[0].at_stress == 291000);
    CHECK(d.leverage[0].leverage == *Decimal::parse("1.164"));

    // Sales are scanned 0..24 (twice the target, step 1): from 15 to 24 every sale costs 30.00 of
    // overload, one range from 2,500.00 down to 2,500 - 9 x 30 = 2,230.00, naming the penalty.
    REQUIRE(d.monotonicity.size() == 1);
    const auto& m = d.monotonicity[0];
    CHECK((m.kpi == "sales" && m.from == Decimal::from_int(15) && m.to == Decimal::from_int(24)));
    CHECK((m.pay_from == 250000 && m.pay_to == 223000));
    CHECK(m.rules == std::vector<std::string>{"overload"});
    CHECK(m.pointers == std::vector<std::string>{"/roles/seller/components/3"});

    // Cliffs over 100.00, narrowed to one unit:
    // - sales 9 -> 10: the gate opens, 10 x 50 = +500.00 (gate_bonus);
    // - revenue 9,999.99 -> 10,000.00 (scanned in steps of 100.00, then bisected to one kopeck):
    //   5% x 9,999.99 = 499.9995 -> 500.00 becomes 10% x 10,000 = 1,000.00: +500.00 (commission).
    REQUIRE(d.cliffs.size() == 2);
    CHECK((d.cliffs[0].kpi == "sales" && d.cliffs[0].from == Decimal::from_int(9) && d.cliffs[0].to == Decimal::from_int(10)));
    CHECK(d.cliffs[0].jump == 50000);
    CHECK(d.cliffs[0].rules == std::vector<std::string>{"gate_bonus"});
    CHECK((d.cliffs[1].kpi == "revenue" && d.cliffs[1].from == *Decimal::parse("9999.99") && d.cliffs[1].to == Decimal::from_int(10000)));
    CHECK(d.cliffs[1].jump == 50000);
    CHECK(d.cliffs[1].rules == std::vector<std::string>{"commission"});

    // Cost, 2 sellers: at target 2 x 2,500 = 5,000.00; now p-1 2,500.00 + p-2 (5 sales, below the
    // gate; 5% x 2,000 = 100) 1,100.00 = 3,600.00; stressed 2 x 2,910 = 5,820.00.
    REQUIRE(d.cost.size() == 3);
    CHECK((d.cost[0].name == "target" && d.cost[0].total == 500000));
    CHECK((d.cost[1].name == "current" && d.cost[1].total == 360000));
    CHECK((d.cost[2].name == "stressed" && d.cost[2].total == 582000));

    const auto w = d.warnings();
    REQUIRE(w.size() == 3);
    CHECK(w[0] == "seller: more sales pays less from 15 to 24 (2500.00 -> 2230.00; rule overload at /roles/seller/components/3)");
    CHECK(w[2] == "seller: revenue 9999.99 -> 10000.00 changes pay by 500.00 (more than 100; rule commission)");
    CHECK(whatif::cost_csv(d) == "case,seller,total\ntarget,5000.00,5000.00\ncurrent,3600.00,3600.00\nstressed,5820.00,5820.00\n");
}

TEST_CASE("diagnostics: default effort, no cliff search, no people", "[whatif][diagnostics]") {
    const auto cs = test::small_scheme();
    // Without "effort": the profile's count and money inputs (sales, revenue) are scanned; no cliff
    // amount: no cliffs; no people: no cost table.
    const auto d = whatif::diagnose(*cs, cs->bind(*Period::parse("2026-10")), target_profile(*cs, ""), {});
    CHECK(d.cliffs.empty());
    CHECK(d.cost.empty());
    CHECK(d.monotonicity.size() == 1);
    CHECK_THROWS_AS(whatif::diagnose(*cs, cs->bind(*Period::parse("2026-10")), whatif::Profiles{}, {}), std::invalid_argument);
}

TEST_CASE("profiles: every problem with the file and its JSON pointer", "[whatif][diagnostics]") {
    const auto cs = test::small_scheme();
    const std::string bad = R"({"target": {"seller": {"sales": "2.5", "revenu": 1}, "buyer": {}}, "effort": {"seller": ["x"]}, "extra": 1})";
    try {
        whatif::read_profiles(parse_json_exact(bad, "t.json"), *cs, "t.json");
        FAIL("no error");
    } catch (const RuleError& e) {
        const std::string what = e.what();
        CHECK_THAT(what, Catch::Contains("[motiv.rule_error.291] t.json (/extra) unknown key 'extra'"));
        CHECK_THAT(what, Catch::Contains("t.json (/target/seller/sales) expected a count (a whole number >= 0), got '2.5'"));
        CHECK_THAT(what, Catch::Contains("t.json (/target/seller/revenu) unknown input 'revenu'"));
        CHECK_THAT(what, Catch::Contains("t.json (/target/buyer) unknown role 'buyer'; the scheme has: seller"));
        CHECK_THAT(what, Catch::Contains("t.json (/effort/seller/0) expected the name of an input, got 'x'"));
    }
}
