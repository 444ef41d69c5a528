// Team overrides (rules/examples/team_override.json): a head earns 3% of the commission of the
// hunters whose manager column names them. Hunter commission: 5% to 300,000, 10% above.
#include "core/data/people_table.hpp"
#include "tests/apps/periods/periods_support.hpp"

using namespace motiv;
using namespace motiv::periods;
using namespace motiv::test;

TEST_CASE("a head earns a share of the team's commission, naming each member's amount", "[periods][team]") {
    const auto cs = example_scheme("team_override");
    // The manager column comes from the people CSV.
    const auto table = data::parse_csv(
        "id,role,manager,revenue\n"
        "H1,head,,\n"
        "a,hunter,H1,500000\n"   // 15,000 + 20,000 = 35,000
        "b,hunter,H1,200000\n"   // 10,000
        "H2,head,,\n"
        "c,hunter,H2,1000000\n", // 15,000 + 70,000 = 85,000
        "<people>");
    PeriodInputs in;
    in.people = data::read_people(table, *cs, std::nullopt);
    const PeriodPay pay = pay_period(*cs, month("2026-01"), in, {});
    // H1: 3% x (35,000 + 10,000) = 1,350.00 -> 80,000 + 1,350 = 81,350.
    // H2: 3% x 85,000 = 2,550.00 -> 82,550. Hunters get no override line.
    CHECK(line_amount(pay, "H1", "team_commission") == "1350.00");
    CHECK(total_of(pay, "H1") == "81350.00");
    CHECK(line_amount(pay, "H2", "team_commission") == "2550.00");
    CHECK(total_of(pay, "H2") == "82550.00");
    CHECK(line_amount(pay, "a", "team_commission").empty());
    const PayLine& l = *pay.people[0].payslip.line("team_commission");
    CHECK(l.summary == "team_commission = share 0.03 x team commission (35,000.00 + 10,000.00 = 45,000.00) = 1,350.00 (rounded half_up to 0.01)");
    REQUIRE(l.explanation.children.size() == 3);
    CHECK(l.explanation.children[0].label == "a.commission");
    CHECK(l.explanation.children[1].label == "b.commission");
}
