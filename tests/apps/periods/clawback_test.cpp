// Clawbacks (rules/examples/clawback.json): within 60 days of payment, the commission recomputed
// through the tiers (5% to 300,000, 10% above), pay never below 20,000, the rest carried forward.
// Hunter pay = 20,000 + commission.
#include "core/data/csv.hpp"
#include "tests/apps/periods/periods_support.hpp"

using namespace motiv;
using namespace motiv::periods;
using namespace motiv::test;

namespace {
std::vector<Cancellation> deals(const std::string& rows) {
    return read_cancellations(data::parse_csv("deal_id,person,amount,paid_period,payment_date,cancel_date\n" + rows, "<deals>"), 2);
}
}  // namespace

TEST_CASE("clawback: recomputed through the tiers, held by the floor, carried forward", "[periods][clawback]") {
    const auto cs = example_scheme("clawback");
    const Scheme& s = cs->scheme();
    // C-1: 300,000 of January, paid 02-01, cancelled 02-20 (19 days): January's commission at
    //      500,000 = 15,000 + 20,000 = 35,000; at 200,000 = 10,000 -> due 25,000.
    // C-2: 100,000 of January, paid 02-01, cancelled 03-15 (42 days): at 200,000 (after C-1) 10,000;
    //      at 100,000 5,000 -> due 5,000 (the tiers are honoured: not 10% of 100,000).
    // C-3: 50,000 of January, paid 02-01, cancelled 04-02 (60 days): inside the window (<= 60),
    //      at 100,000 5,000; at 50,000 2,500 -> due 2,500.
    // C-4: 40,000 of January, paid 02-01, cancelled 04-03 (61 days): outside; nothing.
    const auto events = deals(
        "C-1,h-01,300000.00,2026-01,2026-02-01,2026-02-20\n"
        "C-2,h-01,100000.00,2026-01,2026-02-01,2026-03-15\n"
        "C-3,h-01,50000.00,2026-01,2026-02-01,2026-04-02\n"
        "C-4,h-01,40000.00,2026-01,2026-02-01,2026-04-03\n");
    struct Row { const char* period; const char* revenue; const char* clawback; const char* total; const char* pending; };
    // Jan 500,000: 55,000, no clawback.
    // Feb 100,000: earned 25,000; C-1 due 25,000, room 25,000 - 20,000 = 5,000 -> -5,000, pending 20,000.
    // Mar 400,000: earned 45,000; due 20,000 + C-2 5,000 = 25,000, room 25,000 -> -25,000, pay 20,000.
    // Apr 300,000: earned 35,000; C-3 due 2,500, room 15,000 -> -2,500, pay 32,500; C-4 refused.
    const Row rows[] = {
        {"2026-01", "500000", "", "55000.00", "0.00"},
        {"2026-02", "100000", "-5000.00", "20000.00", "20000.00"},
        {"2026-03", "400000", "-25000.00", "20000.00", "0.00"},
        {"2026-04", "300000", "-2500.00", "32500.00", "0.00"},
    };
    CarriedState state;
    for (const auto& r : rows) {
        INFO(r.period);
        PeriodInputs in;
        in.people = {person(s, "h-01", "hunter", {{"revenue", r.revenue}})};
        in.cancellations = events;
        PeriodPay pay = pay_period(*cs, month(r.period), in, state);
        CHECK(line_amount(pay, "h-01", "clawback") == r.clawback);
        CHECK(total_of(pay, "h-01") == r.total);
        CHECK(pay.state.person("h-01")->clawback_pending.to_string_fixed(2) == r.pending);
        if (std::string(r.period) == "2026-02") {
            const PayLine& l = *pay.people[0].payslip.line("clawback");
            CHECK(l.summary == "clawback = -min(due 25,000.00, pay so far 25,000.00 - floor 20,000.00) = -5,000.00; carried forward 20,000.00");
            CHECK_THAT(l.explanation.children[0].value, Catch::Contains("commission of 2026-01 with revenue less 0.00: 35,000.00; less 300,000.00"));
        }
        if (std::string(r.period) == "2026-04") {
            REQUIRE(pay.people[0].notes.size() == 1);
            CHECK_THAT(pay.people[0].notes[0], Catch::Contains("deal C-4: cancelled 61 days after payment"));
        }
        state = std::move(pay.state);
    }
    CHECK(state.person("h-01")->record("2026-01")->cancelled == NamedValues{{"revenue", "450000"_d}});
}

TEST_CASE("clawback: a deal with no stored pay to claw back from is an error naming the row", "[periods][clawback]") {
    const auto cs = example_scheme("clawback");
    PeriodInputs in;
    in.people = {person(cs->scheme(), "h-01", "hunter", {{"revenue", "100000"}})};
    in.cancellations = deals("C-9,h-01,1000.00,2025-12,2026-01-05,2026-01-10\n");
    try {
        (void)pay_period(*cs, month("2026-01"), in, {});
        FAIL("no error");
    } catch (const DataError& e) {
        CHECK(e.issues()[0].id == "motiv.data_error.504");
        CHECK(e.issues()[0].line == 2);
        CHECK(e.issues()[0].message == "deal C-9: no stored pay for h-01 in 2025-12 to claw back from");
    }
}

TEST_CASE("cancellations CSV: every bad cell reported with its row and column", "[periods][clawback]") {
    try {
        (void)deals("C-1,h-01,-5,2026-13,2026-02-30,2026-01-01\nC-1,,10.001,2026-01,2026-02-01,2026-01-01\n");
        FAIL("no error");
    } catch (const DataError& e) {
        std::vector<std::string> got;
        for (const auto& i : e.issues()) got.push_back(std::to_string(i.line) + ":" + i.field + ": " + i.message);
        CHECK(got == std::vector<std::string>{
                         "2:amount: expected an amount > 0 with at most 2 decimal places, got '-5'",
                         "2:paid_period: expected a period YYYY-MM, got '2026-13'",
                         "2:payment_date: expected a date YYYY-MM-DD, got '2026-02-30'",
                         "3:deal_id: duplicate deal id 'C-1' (first on line 2)",
                         "3:person: empty person id",
                         "3:amount: expected an amount > 0 with at most 2 decimal places, got '10.001'",
                         "3:cancel_date: the deal is cancelled (2026-01-01) before it was paid (2026-02-01)",
                     });
    }
}

TEST_CASE("clawback: huge cancelled amounts are an error naming the rule, never an overflow", "[periods][clawback][hostile]") {
    const auto cs = example_scheme("clawback");
    const Scheme& s = cs->scheme();
    PeriodInputs jan;
    jan.people = {person(s, "h-01", "hunter", {{"revenue", "500000"}})};
    const PeriodPay p1 = pay_period(*cs, month("2026-01"), jan, {});
    // Two deals of 1e29 each: their sum (2e29) is beyond Decimal's range (1.7e29).
    PeriodInputs feb;
    feb.people = {person(s, "h-01", "hunter", {{"revenue", "0"}})};
    feb.cancellations = deals(
        "X-1,h-01,100000000000000000000000000000.00,2026-01,2026-02-01,2026-02-02\n"
        "X-2,h-01,100000000000000000000000000000.00,2026-01,2026-02-01,2026-02-02\n");
    try {
        (void)pay_period(*cs, month("2026-02"), feb, p1.state);
        FAIL("no error");
    } catch (const EvalError& e) {
        CHECK(e.id() == "motiv.eval_error.502");
        CHECK(e.pointer() == "/periods/clawbacks/hunter");
    }
}
