// The acceptance test of the multi-period engine: one hunter and one farmer paid across the 12
// months of 2026 (rules/examples/periods_year.json, examples/periods/*.csv), with a recoverable
// draw, clawbacks of cancelled deals and a quarterly bonus advanced monthly and trued up. Every
// month's pay and the carried state are worked out by hand below; the state goes through JSON
// between months, as a payroll pipeline would store it.
#include <catch2/catch.hpp>

#include "core/data/people_table.hpp"
#include "apps/periods/period_run.hpp"
#include "tests/core/support.hpp"

using namespace motiv;
using namespace motiv::periods;

namespace {

const std::string kDir = std::string(MOTIV_SOURCE_DIR) + "/examples/periods/";
const std::string kRules = std::string(MOTIV_SOURCE_DIR) + "/rules/examples/periods_year.json";

struct Month {
    const char* period;
    // hunter h-01
    const char* h_total;
    const char* h_clawback;  // the clawback line, "" when there is none
    const char* h_draw;      // the draw line, "" when there is none
    const char* h_balance;   // draw balance carried after the month
    int h_outstanding;       // months the balance has stood
    const char* h_pending;   // clawback still to take
    // farmer f-01
    const char* f_bonus;     // the quarterly bonus line (advance or true-up)
    const char* f_total;
};

const PayLine* line_of_kind(const Payslip& p, std::string_view kind) {
    for (const auto& l : p.lines)
        if (l.kind == kind) return &l;
    return nullptr;
}

}  // namespace

TEST_CASE("a hunter and a farmer across 12 months: draw, clawbacks, quarterly true-up", "[periods][acceptance]") {
    // Hunter: salary 20,000 + commission graduated 5% up to 300,000 of revenue, 10% above:
    //   c(R) = 5% R for R <= 300,000, else 15,000 + 10% (R - 300,000).
    // Earned = 20,000 + c(revenue):
    //   Jan 200k: 10,000 -> 30,000   Feb 500k: 35,000 -> 55,000   Mar 900k: 75,000 -> 95,000
    //   Apr 100k:  5,000 -> 25,000   May 600k: 45,000 -> 65,000   Jun 700k: 55,000 -> 75,000
    //   Jul 300k: 15,000 -> 35,000   Aug 800k: 65,000 -> 85,000   Sep 0:         0 -> 20,000
    //   Oct 400k: 25,000 -> 45,000   Nov 1M:   85,000 -> 105,000  Dec 500k: 35,000 -> 55,000
    // Draw (recoverable): at least 40,000 a month; recovered from pay above 40,000, at most 10,000 a
    // month; forgiven after 6 months outstanding (never reached here). Clawbacks first, then the draw.
    // Clawbacks (within 90 days, pay never below 20,000):
    //   D-1 (250,000 of March, paid 04-05, cancelled 05-20: 45 days) in May:
    //       March commission at 900,000 = 75,000; at 650,000 = 15,000 + 35,000 = 50,000 -> due 25,000.
    //   D-3 (50,000 of February, paid 03-05, cancelled 08-01: 149 days) in August: outside, nothing.
    //   D-2 (100,000 of June, paid 07-05, cancelled 09-10: 67 days) in September:
    //       June at 700,000 = 55,000; at 600,000 = 45,000 -> due 10,000.
    // Month by month (E = earned, B = draw balance):
    //   Jan E 30,000 < 40,000: advance 10,000, B 10,000 (1 month)             -> 40,000
    //   Feb E 55,000: recover min(10,000, 15,000, 10,000) = 10,000, B 0        -> 45,000
    //   Mar E 95,000, B 0: no draw line                                        -> 95,000
    //   Apr E 25,000: advance 15,000, B 15,000 (1)                             -> 40,000
    //   May E 65,000, clawback min(25,000, 65,000 - 20,000) = 25,000 -> 40,000 = the draw: no draw
    //       line, B 15,000 (2)                                                 -> 40,000
    //   Jun E 75,000: recover min(15,000, 35,000, 10,000) = 10,000, B 5,000 (3) -> 65,000
    //   Jul E 35,000: advance 5,000, B 10,000 (4)                              -> 40,000
    //   Aug E 85,000 (D-3 refused): recover 10,000, B 0                        -> 75,000
    //   Sep E 20,000, clawback min(10,000, 20,000 - 20,000 = 0) = 0, pending 10,000;
    //       advance 20,000, B 20,000 (1)                                       -> 40,000
    //   Oct E 45,000, clawback min(10,000, 25,000) = 10,000 -> 35,000, pending 0;
    //       advance 5,000, B 25,000 (2)                                        -> 40,000
    //   Nov E 105,000: recover min(25,000, 65,000, 10,000) = 10,000, B 15,000 (3) -> 95,000
    //   Dec E 55,000: recover min(15,000, 15,000, 10,000) = 10,000, B 5,000 (4)   -> 45,000
    //
    // Farmer: salary 30,000. Quarterly bonus = the farmer_quarter role on the quarter's volume so far:
    // 1% of it, or 2% of all of it from 3,000,000 (retroactive), cut 50% when this month's retention
    // < 90%. Monthly advance = 60% x bonus so far - advances so far (never negative); the quarter's
    // last month pays bonus - advances (a negative true-up is recovered).
    //   Q1 volumes 1.0M, 1.2M, 1.1M:
    //     Jan 1.0M: 10,000 x 60% = 6,000                                  -> 36,000
    //     Feb 2.2M: 22,000 x 60% = 13,200 - 6,000 = 7,200                 -> 37,200
    //     Mar 3.3M: 2% = 66,000 - 13,200 = 52,800                         -> 82,800
    //   Q2 volumes 1.5M, 2.0M, 0.1M; June retention 85%:
    //     Apr 1.5M: 15,000 x 60% = 9,000                                  -> 39,000
    //     May 3.5M: 70,000 x 60% = 42,000 - 9,000 = 33,000                -> 63,000
    //     Jun 3.6M: 72,000 - cut 36,000 = 36,000 - 42,000 = -6,000 (recovered) -> 24,000
    //   Q3 volumes 0.8M, 0.9M, 0.7M:
    //     Jul 0.8M: 8,000 x 60% = 4,800                                   -> 34,800
    //     Aug 1.7M: 17,000 x 60% = 10,200 - 4,800 = 5,400                 -> 35,400
    //     Sep 2.4M: 24,000 - 10,200 = 13,800                              -> 43,800
    //   Q4 volumes 1.0M each:
    //     Oct 1.0M: 6,000                                                 -> 36,000
    //     Nov 2.0M: 12,000 - 6,000 = 6,000                                -> 36,000
    //     Dec 3.0M: 2% = 60,000 - 12,000 = 48,000                         -> 78,000
    const Month months[] = {
        {"2026-01", "40000.00", "", "10000.00", "10000.00", 1, "0.00", "6000.00", "36000.00"},
        {"2026-02", "45000.00", "", "-10000.00", "0.00", 0, "0.00", "7200.00", "37200.00"},
        {"2026-03", "95000.00", "", "", "0.00", 0, "0.00", "52800.00", "82800.00"},
        {"2026-04", "40000.00", "", "15000.00", "15000.00", 1, "0.00", "9000.00", "39000.00"},
        {"2026-05", "40000.00", "-25000.00", "", "15000.00", 2, "0.00", "33000.00", "63000.00"},
        {"2026-06", "65000.00", "", "-10000.00", "5000.00", 3, "0.00", "-6000.00", "24000.00"},
        {"2026-07", "40000.00", "", "5000.00", "10000.00", 4, "0.00", "4800.00", "34800.00"},
        {"2026-08", "75000.00", "", "-10000.00", "0.00", 0, "0.00", "5400.00", "35400.00"},
        {"2026-09", "40000.00", "0.00", "20000.00", "20000.00", 1, "10000.00", "13800.00", "43800.00"},
        {"2026-10", "40000.00", "-10000.00", "5000.00", "25000.00", 2, "0.00", "6000.00", "36000.00"},
        {"2026-11", "95000.00", "", "-10000.00", "15000.00", 3, "0.00", "6000.00", "36000.00"},
        {"2026-12", "45000.00", "", "-10000.00", "5000.00", 4, "0.00", "48000.00", "78000.00"},
    };
    const auto cs = CompiledScheme::compile(load_scheme_file(kRules));
    const auto table = data::read_csv_file(kDir + "people_2026.csv");
    const auto cancellations = read_cancellations(data::read_csv_file(kDir + "cancellations.csv"), 2);
    CarriedState state;
    for (const auto& m : months) {
        INFO(m.period);
        const Period period = *Period::parse(m.period);
        PeriodInputs in;
        in.people = data::read_people(table, *cs, period);
        in.cancellations = cancellations;
        PeriodPay pay = pay_period(*cs, period, in, state);
        REQUIRE(pay.people.size() == 2);
        const Payslip& h = pay.people[0].payslip;
        const Payslip& f = pay.people[1].payslip;
        CHECK(h.total.to_string_fixed(2) == m.h_total);
        const PayLine* claw = line_of_kind(h, "clawback");
        CHECK((claw ? claw->amount.to_string_fixed(2) : std::string()) == m.h_clawback);
        const PayLine* draw = line_of_kind(h, "draw");
        CHECK((draw ? draw->amount.to_string_fixed(2) : std::string()) == m.h_draw);
        const PersonState& hs = *pay.state.person("h-01");
        CHECK(hs.draw_balance.to_string_fixed(2) == m.h_balance);
        CHECK(hs.draw_periods_outstanding == m.h_outstanding);
        CHECK(hs.clawback_pending.to_string_fixed(2) == m.h_pending);
        const PayLine* bonus = f.line("farmer_quarterly");
        REQUIRE(bonus);
        CHECK(bonus->amount.to_string_fixed(2) == m.f_bonus);
        CHECK(f.total.to_string_fixed(2) == m.f_total);
        // Lines add up to the total, to the kopeck.
        for (const Payslip* p : {&h, &f}) {
            std::int64_t sum = 0;
            for (const auto& l : p->lines) sum += l.minor;
            CHECK(sum == p->total_minor);
        }
        // Every result names the rule file it was computed with.
        CHECK(h.rules_sha256 == cs->scheme().sha256);
        CHECK(hs.history.back().rules_sha256 == cs->scheme().sha256);
        if (std::string(m.period) == "2026-08") {
            REQUIRE(pay.people[0].notes.size() == 1);
            CHECK_THAT(pay.people[0].notes[0], Catch::Contains("deal D-3: cancelled 149 days after payment"));
        }
        // The state is a value: through JSON and back it is the same state.
        const auto json = pay.state.to_json(2);
        state = CarriedState::from_json(json, "<state>", 2);
        CHECK(state.to_json(2) == json);
    }
    // At the year's end: the carried state, by hand from the table above.
    CHECK(state.last_period == "2026-12");
    CHECK(state.handled_deals == std::vector<std::string>{"D-1", "D-3", "D-2"});
    const PersonState& h = *state.person("h-01");
    CHECK(h.history.size() == 12);
    // March's record remembers the 250,000 clawed back from its revenue, June's the 100,000.
    CHECK(h.record("2026-03")->cancelled == NamedValues{{"revenue", "250000"_d}});
    CHECK(h.record("2026-06")->cancelled == NamedValues{{"revenue", "100000"_d}});
    CHECK(h.record("2026-02")->cancelled.empty());  // D-3 was outside the window
    // The farmer's Q4 was closed in December: nothing advanced into a next span.
    const PersonState& f = *state.person("f-01");
    REQUIRE(f.bonuses.size() == 1);
    CHECK(f.bonuses[0].advanced.is_zero());
}

TEST_CASE("periods are paid in order, each once", "[periods]") {
    const auto cs = CompiledScheme::compile(load_scheme_file(kRules));
    const auto table = data::read_csv_file(kDir + "people_2026.csv");
    PeriodInputs jan;
    jan.people = data::read_people(table, *cs, *Period::parse("2026-01"));
    const PeriodPay pay = pay_period(*cs, *Period::parse("2026-01"), jan, CarriedState{});
    // Paying January again, or skipping to March, is refused with the next period to pay.
    for (const char* p : {"2026-01", "2026-03"}) {
        PeriodInputs in;
        in.people = data::read_people(table, *cs, *Period::parse(p));
        CHECK_THROWS_WITH(pay_period(*cs, *Period::parse(p), in, pay.state),
                          Catch::Contains("the state ends with 2026-01, so the next period to pay is 2026-02, not " + std::string(p)));
    }
}
