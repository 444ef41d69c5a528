// Scenario comparison: figures worked out by hand on the example department
// (examples/department/people_2026-10.csv, rules/three_tier.json, 2026-10).
#include <catch2/catch.hpp>

#include "tests/core/support.hpp"

#include <limits>
#include <stdexcept>

#include "core/data/csv.hpp"
#include "core/errors.hpp"
#include "apps/whatif/comparison.hpp"

using namespace motiv;

namespace {

const whatif::Comparison& salary_rise() {
    // What-if: hunters' salary 25,000.00 -> 30,000.00; nothing else changes.
    static const auto cmp = [] {
        const auto after = CompiledScheme::compile(load_scheme_file(test::kThreeTier, {{"hunter.salary", "30000.00"}}));
        return whatif::compare_table(*test::three_tier_scheme(), *after, data::read_csv_file(test::kExample), *Period::parse("2026-10"));
    }();
    return cmp;
}

const whatif::GroupChange& group(const whatif::Comparison& c, const std::string& role) {
    for (const auto& g : c.roles)
        if (g.role == role) return g;
    FAIL("no role " << role);
    return c.all;
}

}  // namespace

TEST_CASE("comparison: each person's pay before and after", "[whatif]") {
    const auto& c = salary_rise();
    REQUIRE(c.people.size() == 14);
    // h-01: 25,000 salary + 89,000 graduated commission on 1,250,000 - 2 x 2,000 overdue = 110,000.00;
    // after: the salary is 30,000, so 115,000.00 (+5,000.00). Fixed pay is the salary line.
    const auto& h1 = c.people[5];
    CHECK(h1.person == "h-01");
    CHECK(h1.before == 11'000'000);
    CHECK(h1.after == 11'500'000);
    CHECK(h1.delta() == 500'000);
    CHECK(h1.before_fixed == 2'500'000);
    CHECK(h1.after_fixed == 3'000'000);
    // op-01: salary 42,000 + 13% bonus = 47,460.00 before and after: an operator is untouched.
    CHECK(c.people[0].before == 4'746'000);
    CHECK(c.people[0].delta() == 0);
}

TEST_CASE("comparison: per role and in total", "[whatif]") {
    const auto& c = salary_rise();
    // Hunters: 110,000.00 + 40,000.00 + 25,000.00 + 55,641.97 + 40,000.04 = 270,642.01; +5 x 5,000.00.
    const auto& h = group(c, "hunter");
    CHECK(h.before.people == 5);
    CHECK(h.before.cost == 27'064'201);
    CHECK(h.after.cost == 29'564'201);
    CHECK(h.before.fixed == 12'500'000);
    CHECK(h.before.mean == "54128.402"_d);      // 270,642.01 / 5
    CHECK(h.before.median == "40000.04"_d);     // sorted: 25,000; 40,000; 40,000.04; 55,641.97; 110,000
    CHECK(h.after.median == "45000.04"_d);
    CHECK(h.gainers == 5);
    CHECK(h.losers == 0);
    // Farmers: 53,125 + 57,500 + 52,500 + 56,250; an even count: median (53,125 + 56,250) / 2.
    const auto& f = group(c, "farmer");
    CHECK(f.before.median == "54687.5"_d);
    CHECK(f.gainers + f.losers == 0);
    CHECK(c.all.before.cost == 71'597'701);  // the README's 715,977.01
    CHECK(c.all.after.cost == 74'097'701);
    CHECK(c.roles.size() == 3);
}

TEST_CASE("comparison: CSV exports", "[whatif]") {
    const auto& c = salary_rise();
    const auto people = data::parse_csv(whatif::people_csv(c), "people");
    REQUIRE(people.rows.size() == 14);
    CHECK(people.rows[5] == std::vector<std::string>{"h-01", "Егор Лебедев", "hunter", "110000.00", "115000.00", "5000.00", "gain",
                                                     "25000.00", "85000.00", "30000.00", "85000.00"});
    const auto roles = data::parse_csv(whatif::roles_csv(c), "roles");
    REQUIRE(roles.rows.size() == 4);
    // Variable share of hunters before: (270,642.01 - 125,000) / 270,642.01 = 0.53814... -> 0.5381;
    // after: (295,642.01 - 150,000) / 295,642.01 = 0.49263... -> 0.4926.
    CHECK(roles.rows[1] == std::vector<std::string>{"hunter", "5", "270642.01", "295642.01", "25000.00", "54128.40", "59128.40",
                                                    "40000.04", "45000.04", "125000.00", "150000.00", "0.5381", "0.4926", "5", "0"});
    CHECK(roles.rows[3][0] == "all");
}

TEST_CASE("comparison: runs of different people are refused", "[whatif]") {
    payroll::PayrollRun a, b;
    a.payslips.resize(1);
    a.payslips[0].person = "x";
    CHECK_THROWS_AS(whatif::compare(a, b), std::invalid_argument);
    b.payslips.resize(1);
    b.payslips[0].person = "y";
    CHECK_THROWS_AS(whatif::compare(a, b), std::invalid_argument);
}

TEST_CASE("comparison: sums out of int64 are an error, not a wrapped number", "[whatif]") {
    const std::int64_t big = std::numeric_limits<std::int64_t>::max() / 2 + 1;
    std::vector<whatif::PersonChange> people(2, whatif::PersonChange{"p", "", "r", big, big, 0, 0});
    people[1].person = "q";
    CHECK_THROWS_AS(whatif::summarise(people, "2026-10", "RUB", 2), EvalError);
}

TEST_CASE("comparison: schemes in different currencies are not compared", "[whatif]") {
    std::string text = read_rule_file(test::kThreeTier);
    const auto at = text.find("\"RUB\"");
    REQUIRE(at != std::string::npos);
    text.replace(at, 5, "\"EUR\"");
    const auto eur = CompiledScheme::compile(load_scheme(text, "eur.json"));
    try {
        whatif::compare_table(*test::three_tier_scheme(), *eur, data::read_csv_file(test::kExample), *Period::parse("2026-10"));
        FAIL("compared RUB with EUR");
    } catch (const RuleError& e) {
        CHECK(e.issues().at(0).id == "motiv.rule_error.290");
        CHECK(e.issues().at(0).pointer == "/currency");
    }
}
