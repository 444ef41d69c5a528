// Retro recalculation (rules/examples/retro.json, and retro_v2.json: the rate above 300,000
// corrected from 10% to 12%). Hunter pay = 20,000 + 5% of revenue to 300,000 + the rate above.
#include "tests/apps/periods/periods_support.hpp"

using namespace motiv;
using namespace motiv::periods;
using namespace motiv::test;

TEST_CASE("a corrected input of a past month is paid as a retro line now", "[periods][retro]") {
    const auto v1 = example_scheme("retro");
    const Scheme& s = v1->scheme();
    // Jan: revenue 500,000 -> 20,000 + 15,000 + 20,000 = 55,000 paid.
    PeriodInputs jan;
    jan.people = {person(s, "h-01", "hunter", {{"revenue", "500000"}})};
    const PeriodPay p1 = pay_period(*v1, month("2026-01"), jan, {});
    CHECK(total_of(p1, "h-01") == "55000.00");
    // Feb: revenue 200,000 -> 30,000; January's revenue corrected to 600,000 -> 20,000 + 15,000 +
    // 30,000 = 65,000, paid 55,000 -> retro +10,000; Feb pays 40,000.
    PeriodInputs feb;
    feb.people = {person(s, "h-01", "hunter", {{"revenue", "200000"}})};
    feb.corrections = {{month("2026-01"), person(s, "h-01", "hunter", {{"revenue", "600000"}})}};
    const PeriodPay p2 = pay_period(*v1, month("2026-02"), feb, p1.state);
    CHECK(line_amount(p2, "h-01", "retro_2026-01") == "10000.00");
    CHECK(total_of(p2, "h-01") == "40000.00");
    CHECK(p2.people[0].payslip.line("retro_2026-01")->summary ==
          "retro 2026-01 = recomputed 65,000.00 - paid 55,000.00 = 10,000.00 (inputs corrected: revenue 500,000 -> 600,000; same rules sha256 " +
              s.sha256.substr(0, 12) + ")");
    // The record now holds what is known: revenue 600,000, paid 65,000.
    const PeriodRecord& jan_rec = *p2.state.person("h-01")->record("2026-01");
    CHECK(jan_rec.total == "65000"_d);
    CHECK(jan_rec.inputs == NamedValues{{"revenue", "600000"_d}});

    // March, with the corrected rule file (12% above 300,000): recomputing January is refused
    // unless the change from v1 to v2 is accepted by name.
    const auto v2 = example_scheme("retro_v2");
    PeriodInputs mar;
    mar.people = {person(v2->scheme(), "h-01", "hunter", {{"revenue", "0"}})};
    mar.recompute = {month("2026-01")};
    try {
        (void)pay_period(*v2, month("2026-03"), mar, p2.state);
        FAIL("recomputed with another rule file");
    } catch (const RuleError& e) {
        CHECK(e.issues()[0].id == "motiv.rule_error.501");
        CHECK_THAT(e.issues()[0].message, Catch::Contains("it was paid with rules sha256 " + s.sha256) &&
                                              Catch::Contains("this rule file is sha256 " + v2->scheme().sha256));
    }
    mar.accept_rules_change = RulesChange{v2->scheme().sha256, s.sha256};  // the wrong way round
    CHECK_THROWS_AS(pay_period(*v2, month("2026-03"), mar, p2.state), RuleError);
    // Accepted: January at 600,000 under 12% = 20,000 + 15,000 + 36,000 = 71,000 vs 65,000 -> +6,000.
    // March: 20,000 + 0 + 6,000 = 26,000.
    mar.accept_rules_change = RulesChange{s.sha256, v2->scheme().sha256};
    const PeriodPay p3 = pay_period(*v2, month("2026-03"), mar, p2.state);
    CHECK(line_amount(p3, "h-01", "retro_2026-01") == "6000.00");
    CHECK(total_of(p3, "h-01") == "26000.00");
    CHECK(p3.state.person("h-01")->record("2026-01")->rules_sha256 == v2->scheme().sha256);
    CHECK(p3.state.person("h-01")->record("2026-02")->rules_sha256 == s.sha256);  // untouched
}

TEST_CASE("a retro correction lowering pay is recovered; corrections must be for a paid past period", "[periods][retro]") {
    const auto cs = example_scheme("retro");
    const Scheme& s = cs->scheme();
    PeriodInputs jan;
    jan.people = {person(s, "h-01", "hunter", {{"revenue", "500000"}})};  // 55,000
    const PeriodPay p1 = pay_period(*cs, month("2026-01"), jan, {});
    // January corrected to 300,000: 20,000 + 15,000 = 35,000 -> retro -20,000; Feb 300,000 -> 35,000 - 20,000 = 15,000.
    PeriodInputs feb;
    feb.people = {person(s, "h-01", "hunter", {{"revenue", "300000"}})};
    feb.corrections = {{month("2026-01"), person(s, "h-01", "hunter", {{"revenue", "300000"}})}};
    const PeriodPay p2 = pay_period(*cs, month("2026-02"), feb, p1.state);
    CHECK(line_amount(p2, "h-01", "retro_2026-01") == "-20000.00");
    CHECK(total_of(p2, "h-01") == "15000.00");
    // A correction of a month never paid, or of the current month, is refused.
    feb.corrections = {{month("2025-12"), person(s, "h-01", "hunter", {{"revenue", "1"}})}};
    CHECK_THROWS_WITH(pay_period(*cs, month("2026-02"), feb, p1.state), Catch::Contains("no stored pay for h-01 in 2025-12 to correct"));
    feb.corrections = {{month("2026-02"), person(s, "h-01", "hunter", {{"revenue", "1"}})}};
    CHECK_THROWS_WITH(pay_period(*cs, month("2026-02"), feb, p1.state), Catch::Contains("a correction must be for a period before 2026-02"));
}
