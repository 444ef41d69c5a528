// Draws (rules/examples/draws.json): a hunter's recoverable draw of 40,000 (45,000 from July 2026:
// the dated parameter hunter.draw.amount; recovered at most 10,000 a month, forgiven after 3 months
// outstanding or on leaving) and a closer's non-recoverable 30,000.
// Hunter pay = 20,000 + 5% of revenue to 300,000 + 10% above; closer pay = 8% of revenue.
#include "tests/apps/periods/periods_support.hpp"

using namespace motiv;
using namespace motiv::periods;
using namespace motiv::test;

TEST_CASE("recoverable draw: advances, a limited recovery, forgiveness after 3 months", "[periods][draw]") {
    const auto cs = example_scheme("draws");
    const Scheme& s = cs->scheme();
    struct Row { const char* period; const char* revenue; const char* line_id; const char* line; const char* total; const char* balance; int outstanding; };
    // Jan 100,000: earned 25,000 < 40,000 -> advance 15,000, balance 15,000, 1 month outstanding.
    // Feb 900,000: earned 20,000 + 15,000 + 60,000 = 95,000 -> recover min(15,000, 55,000, limit 10,000)
    //              = 10,000 -> pay 85,000, balance 5,000, 2 months.
    // Mar 100,000: earned 25,000 -> advance 15,000, balance 20,000, 3 months -> forgiven: balance 0.
    // Apr 400,000: earned 45,000, balance 0 -> no draw line, pay 45,000.
    const Row rows[] = {
        {"2026-01", "100000", "draw_advance", "15000.00", "40000.00", "15000.00", 1},
        {"2026-02", "900000", "draw_recovery", "-10000.00", "85000.00", "5000.00", 2},
        {"2026-03", "100000", "draw_advance", "15000.00", "40000.00", "0.00", 0},
        {"2026-04", "400000", "draw_advance", "", "45000.00", "0.00", 0},
    };
    CarriedState state;
    for (const auto& r : rows) {
        INFO(r.period);
        PeriodInputs in;
        in.people = {person(s, "h-01", "hunter", {{"revenue", r.revenue}})};
        PeriodPay pay = pay_period(*cs, month(r.period), in, state);
        CHECK(line_amount(pay, "h-01", r.line_id) == r.line);
        CHECK(total_of(pay, "h-01") == r.total);
        CHECK(pay.state.person("h-01")->draw_balance.to_string_fixed(2) == r.balance);
        CHECK(pay.state.person("h-01")->draw_periods_outstanding == r.outstanding);
        if (std::string(r.period) == "2026-03") {
            REQUIRE(pay.people[0].notes.size() == 1);
            CHECK(pay.people[0].notes[0] == "draw balance 20,000.00 forgiven after 3 periods outstanding (/periods/draws/hunter/forgive_after)");
        }
        if (std::string(r.period) == "2026-02")
            CHECK(pay.people[0].payslip.line("draw_recovery")->summary ==
                  "draw_recovery = -min(balance 15,000.00, pay so far 95,000.00 - draw hunter.draw.amount 40,000.00, limit hunter.draw.recovery_limit 10,000.00) = "
                  "-10,000.00 (balance 15,000.00 -> 5,000.00)");
        state = std::move(pay.state);
    }
}

TEST_CASE("recoverable draw: forgiven when the person leaves", "[periods][draw]") {
    const auto cs = example_scheme("draws");
    const Scheme& s = cs->scheme();
    PeriodInputs jan;
    jan.people = {person(s, "h-01", "hunter", {{"revenue", "100000"}}), person(s, "h-02", "hunter", {{"revenue", "500000"}})};
    const PeriodPay p1 = pay_period(*cs, month("2026-01"), jan, {});
    CHECK(p1.state.person("h-01")->draw_balance == "15000"_d);  // 40,000 - 25,000
    // February: h-01 is no longer in the data -- left; the 15,000 is forgiven (forgive_on_leaving).
    PeriodInputs feb;
    feb.people = {person(s, "h-02", "hunter", {{"revenue", "500000"}})};
    const PeriodPay p2 = pay_period(*cs, month("2026-02"), feb, p1.state);
    CHECK(p2.state.person("h-01")->left == "2026-02");
    CHECK(p2.state.person("h-01")->draw_balance.is_zero());
    REQUIRE(p2.notes.size() == 1);
    CHECK(p2.notes[0] == "h-01 not paid in 2026-02: left; draw balance 15,000.00 forgiven on leaving (/periods/draws/hunter/forgive_on_leaving)");
}

TEST_CASE("non-recoverable draw: a top-up never taken back", "[periods][draw]") {
    const auto cs = example_scheme("draws");
    const Scheme& s = cs->scheme();
    // Jan 200,000: 8% = 16,000 < 30,000 -> guarantee 14,000, pay 30,000.
    // Feb 500,000: 8% = 40,000 >= 30,000 -> no line, nothing recovered, pay 40,000.
    PeriodInputs jan, feb;
    jan.people = {person(s, "c-01", "closer", {{"revenue", "200000"}})};
    feb.people = {person(s, "c-01", "closer", {{"revenue", "500000"}})};
    const PeriodPay p1 = pay_period(*cs, month("2026-01"), jan, {});
    CHECK(line_amount(p1, "c-01", "draw_guarantee") == "14000.00");
    CHECK(total_of(p1, "c-01") == "30000.00");
    CHECK(p1.state.person("c-01")->draw_balance.is_zero());
    const PeriodPay p2 = pay_period(*cs, month("2026-02"), feb, p1.state);
    CHECK(p2.people[0].payslip.lines.size() == 1);
    CHECK(total_of(p2, "c-01") == "40000.00");
}

TEST_CASE("the draw amount is a dated parameter: each month pays the value in force then, and says so", "[periods][draw]") {
    const auto cs = example_scheme("draws");
    const Scheme& s = cs->scheme();
    // Revenue 100,000 every month: earned 20,000 + 5% x 100,000 = 25,000.
    // Jun: draw 40,000 (from 2026-01-01) -> advance 15,000, balance 15,000.
    // Jul: draw 45,000 (from 2026-07-01) -> advance 20,000, balance 35,000.
    PeriodInputs in;
    in.people = {person(s, "h-01", "hunter", {{"revenue", "100000"}})};
    const PeriodPay jun = pay_period(*cs, month("2026-06"), in, {});
    const PeriodPay jul = pay_period(*cs, month("2026-07"), in, jun.state);
    CHECK(line_amount(jun, "h-01", "draw_advance") == "15000.00");
    CHECK(line_amount(jul, "h-01", "draw_advance") == "20000.00");
    CHECK(total_of(jul, "h-01") == "45000.00");
    CHECK(jul.state.person("h-01")->draw_balance == "35000"_d);
    const PayLine& line = *jul.people[0].payslip.line("draw_advance");
    CHECK(line.summary == "draw_advance = draw hunter.draw.amount 45,000.00 - pay so far 25,000.00 = 20,000.00 (recoverable; balance 15,000.00 -> 35,000.00)");
    const Explanation& amount = line.explanation.children.at(0);
    CHECK(amount.label == "draw amount");
    CHECK(amount.value == "45,000.00");
    CHECK(amount.formula == "hunter.draw.amount");
    CHECK(amount.detail == "hunter.draw.amount in force from 2026-07-01");
    CHECK(amount.pointer == "/parameters/hunter.draw.amount");
    CHECK(jun.people[0].payslip.line("draw_advance")->explanation.children.at(0).detail == "hunter.draw.amount in force from 2026-01-01");
}

TEST_CASE("a what-if override of a draw figure changes the pay", "[periods][draw][whatif]") {
    const std::string path = std::string(MOTIV_SOURCE_DIR) + "/rules/examples/draws.json";
    struct Row { const char* parameter; const char* value; const char* jan_advance; const char* feb_recovery; const char* feb_balance; };
    // Jan revenue 100,000: earned 25,000; Feb revenue 900,000: earned 95,000.
    const Row rows[] = {
        // As filed: draw 40,000 -> advance 15,000; recover min(15,000, 95,000 - 40,000, 10,000) = 10,000, balance 5,000.
        {nullptr, nullptr, "15000.00", "-10000.00", "5000.00"},
        // Draw 50,000 (all dates) -> advance 25,000; recover min(25,000, 95,000 - 50,000, 10,000) = 10,000, balance 15,000.
        {"hunter.draw.amount", "50000.00", "25000.00", "-10000.00", "15000.00"},
        // Limit 2,000 -> advance 15,000; recover min(15,000, 55,000, 2,000) = 2,000, balance 13,000.
        {"hunter.draw.recovery_limit", "2000.00", "15000.00", "-2000.00", "13000.00"},
    };
    for (const auto& r : rows) {
        INFO((r.parameter ? r.parameter : "as filed"));
        const auto cs = CompiledScheme::compile(load_scheme_file(path, r.parameter ? Overrides{{r.parameter, r.value}} : Overrides::object()));
        const Scheme& s = cs->scheme();
        PeriodInputs jan, feb;
        jan.people = {person(s, "h-01", "hunter", {{"revenue", "100000"}})};
        feb.people = {person(s, "h-01", "hunter", {{"revenue", "900000"}})};
        const PeriodPay p1 = pay_period(*cs, month("2026-01"), jan, {});
        const PeriodPay p2 = pay_period(*cs, month("2026-02"), feb, p1.state);
        CHECK(line_amount(p1, "h-01", "draw_advance") == r.jan_advance);
        CHECK(line_amount(p2, "h-01", "draw_recovery") == r.feb_recovery);
        CHECK(p2.state.person("h-01")->draw_balance.to_string_fixed(2) == r.feb_balance);
    }
}
