// Figures of the "periods" section given as parameters (periods/figure.hpp): the value in force for
// the period paid applies, a what-if override replaces it, and every line names the parameter with
// its value. One inline scheme names a parameter for each figure of clawbacks, bonuses and overrides
// (draws: tests/apps/periods/draw_test.cpp, on rules/examples/draws.json).
//   hunter: salary 20,000 + commission 10% of revenue; head: salary 20,000;
//   bonus (head, quarterly): 1% of the quarter's revenue so far, advance bonus.advance (50%; 80% from 2026-02-01);
//   override: team.share (3%) of the team's commission; clawback: within claw.window (60) days, floor claw.floor (15,000).
#include "tests/apps/periods/periods_support.hpp"

using namespace motiv;
using namespace motiv::periods;
using namespace motiv::test;

namespace {

const char* const kScheme = R"({"motiv": 1, "scheme": {"name": "figures", "version": "1"}, "currency": {"code": "RUB", "minor_units": 2},
  "inputs": {"revenue": {"type": "money", "default": "0"}},
  "parameters": {
    "base.salary": {"type": "money", "value": "20000.00"},
    "bonus.advance": {"type": "ratio", "value": {"2026-01-01": "50%", "2026-02-01": "80%"}},
    "team.share": {"type": "ratio", "value": "3%"},
    "claw.window": {"type": "count", "value": 60},
    "claw.floor": {"type": "money", "value": "15000.00"}},
  "roles": {
    "hunter": {"components": [{"id": "salary", "kind": "fixed", "amount": "base.salary"},
                              {"id": "commission", "kind": "commission", "base": "revenue", "rate": "10%"}]},
    "head": {"components": [{"id": "salary", "kind": "fixed", "amount": "base.salary"}]},
    "quarter": {"components": [{"id": "bonus", "kind": "commission", "base": "revenue", "rate": "1%"}]}},
  "periods": {
    "clawbacks": {"hunter": {"input": "revenue", "components": ["commission"], "within_days": "claw.window", "floor": "claw.floor"}},
    "bonuses": {"qb": {"role": "head", "computed_by": "quarter", "every": "quarter", "totals": ["revenue"], "advance": "bonus.advance"}},
    "team_overrides": {"team": {"role": "head", "share": "team.share", "of": "commission"}}}})";

struct TwoMonths {
    PeriodPay jan, feb;
};

// Jan: h-01 revenue 500,000 (commission 50,000), m-01 (h-01's head) revenue 1,000,000.
// Feb: h-01 revenue 0; deal D-1 of 100,000 paid in January (2026-01-31) cancelled 2026-02-10 (10 days).
TwoMonths pay_two_months(const Overrides& overrides) {
    const auto cs = CompiledScheme::compile(load_scheme(kScheme, "figures.json", overrides));
    const Scheme& s = cs->scheme();
    PeriodInputs jan, feb;
    jan.people = {person(s, "h-01", "hunter", {{"revenue", "500000"}}, "m-01"), person(s, "m-01", "head", {{"revenue", "1000000"}})};
    feb.people = {person(s, "h-01", "hunter", {{"revenue", "0"}}, "m-01"), person(s, "m-01", "head", {{"revenue", "1000000"}})};
    Cancellation d;
    d.deal = "D-1";
    d.person = "h-01";
    d.amount = "100000"_d;
    d.paid_period = month("2026-01");
    d.paid_on = *parse_iso_date("2026-01-31");
    d.cancelled_on = *parse_iso_date("2026-02-10");
    d.source = "<test>";
    feb.cancellations = {d};
    TwoMonths out;
    out.jan = pay_period(*cs, month("2026-01"), jan, {});
    out.feb = pay_period(*cs, month("2026-02"), feb, out.jan.state);
    return out;
}

const PayLine& line_of(const PeriodPay& pay, const std::string& person, const std::string& id) {
    for (const auto& pp : pay.people)
        if (pp.payslip.person == person)
            if (const PayLine* l = pp.payslip.line(id)) return *l;
    FAIL("no line " << id << " for " << person);
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("periods figures given as parameters: the value in force each month, named in every line", "[periods][figures]") {
    const TwoMonths p = pay_two_months(Overrides::object());
    // Bonus, Jan: 1% x 1,000,000 = 10,000; advance 50% -> 5,000.
    // Bonus, Feb: 1% x 2,000,000 = 20,000; advance 80% (from 2026-02-01) -> 16,000 - 5,000 = 11,000.
    CHECK(line_amount(p.jan, "m-01", "qb") == "5000.00");
    CHECK(line_amount(p.feb, "m-01", "qb") == "11000.00");
    CHECK(line_of(p.feb, "m-01", "qb").summary ==
          "qb 2026-Q1 on 2026-01, 2026-02: quarter pays 20,000.00; advance = max(bonus.advance 0.8 x 20,000.00 = 16,000.00 - advanced 5,000.00, 0) = "
          "11,000.00 (rounded half_up to 0.01)");
    // Override, Jan: 3% x 50,000 = 1,500.
    CHECK(line_amount(p.jan, "m-01", "team") == "1500.00");
    CHECK(line_of(p.jan, "m-01", "team").summary == "team = share team.share 0.03 x team commission (50,000.00 = 50,000.00) = 1,500.00 (rounded half_up to 0.01)");
    // Clawback, Feb: commission of January at 500,000 = 50,000, at 400,000 = 40,000 -> due 10,000;
    // pay so far 20,000, floor 15,000 -> room 5,000: taken 5,000, 5,000 carried forward.
    CHECK(line_amount(p.feb, "h-01", "clawback") == "-5000.00");
    CHECK(p.feb.state.person("h-01")->clawback_pending == "5000"_d);
    const PayLine& claw = line_of(p.feb, "h-01", "clawback");
    CHECK(claw.summary == "clawback = -min(due 10,000.00, pay so far 20,000.00 - floor claw.floor 15,000.00) = -5,000.00; carried forward 5,000.00");
    const Explanation& deal = claw.explanation.children.at(0);
    CHECK(deal.value.find("window claw.window 60 days") != std::string::npos);
    const Explanation& floor = claw.explanation.children.at(1);
    CHECK(floor.label == "floor");
    CHECK(floor.formula == "claw.floor");
    CHECK(floor.detail == "claw.floor");  // undated: no date in force from
    CHECK(floor.pointer == "/parameters/claw.floor");
}

TEST_CASE("a what-if override of a periods figure changes the pay", "[periods][figures][whatif]") {
    struct Row { const char* parameter; nlohmann::json value; const char* person; const char* period; const char* line; const char* amount; };
    const Row rows[] = {
        // Advance 100% in every month: Jan 10,000; Feb 20,000 - 10,000 = 10,000.
        {"bonus.advance", "100%", "m-01", "2026-01", "qb", "10000.00"},
        {"bonus.advance", "100%", "m-01", "2026-02", "qb", "10000.00"},
        // Share 10%: 10% x 50,000 = 5,000.
        {"team.share", "10%", "m-01", "2026-01", "team", "5000.00"},
        // Floor 12,000: room 8,000, taken 8,000.
        {"claw.floor", "12000.00", "h-01", "2026-02", "clawback", "-8000.00"},
        // Window 5 days: the deal, cancelled 10 days after payment, is outside it: no clawback line.
        {"claw.window", 5, "h-01", "2026-02", "clawback", ""},
    };
    for (const auto& r : rows) {
        INFO(r.parameter << " in " << r.period);
        const TwoMonths p = pay_two_months(Overrides{{r.parameter, r.value}});
        CHECK(line_amount(std::string(r.period) == "2026-01" ? p.jan : p.feb, r.person, r.line) == r.amount);
    }
}
