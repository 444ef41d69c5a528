// Quarterly and annual bonuses (rules/examples/quarterly_bonus.json). Farmer salary 30,000.
//   quarterly: 1% of the quarter's volume so far, or 2% of all of it from 3,000,000 (retroactive);
//              monthly advance 50% of that minus what was advanced; true-up at quarter end.
//   annual:    0.5% of the year's volume above 10,000,000, halved when this month's retention is
//              below 90%; advanced at 100% monthly; a negative true-up in December is forgiven.
#include "tests/apps/periods/periods_support.hpp"

using namespace motiv;
using namespace motiv::periods;
using namespace motiv::test;

TEST_CASE("quarterly advances trued up at quarter end; annual true-up forgiven when negative", "[periods][bonus]") {
    const auto cs = example_scheme("quarterly_bonus");
    const Scheme& s = cs->scheme();
    struct Row { const char* period; const char* volume; const char* retention; const char* quarterly; const char* annual; const char* total; };
    // Volumes: Jan 1.0M, Feb 1.5M, then 1.0M every month; retention 95% except December (85%).
    // Quarterly:
    //   Jan QTD 1.0M: 10,000 x 50% = 5,000        Feb 2.5M: 25,000 x 50% = 12,500 - 5,000 = 7,500
    //   Mar 3.5M: 2% = 70,000 - 12,500 = 57,500 (true-up)
    //   Apr 1.0M: 5,000   May 2.0M: 10,000 - 5,000 = 5,000   Jun 3.0M: 60,000 - 10,000 = 50,000
    //   ... the same in Q3 and Q4: 5,000, 5,000, 50,000.
    // Annual (YTD volume; 0 up to 10,000,000):
    //   Jan..Sep YTD <= 9.5M: 0.   Oct YTD 10.5M: 0.5% x 500,000 = 2,500 -> advance 2,500.
    //   Nov 11.5M: 7,500 - 2,500 = 5,000.
    //   Dec 12.5M: 12,500, halved (retention 85%) = 6,250; true-up 6,250 - 7,500 = -1,250 -> forgiven: 0.
    // Totals = 30,000 + quarterly + annual.
    const Row rows[] = {
        {"2026-01", "1000000", "0.95", "5000.00", "0.00", "35000.00"},
        {"2026-02", "1500000", "0.95", "7500.00", "0.00", "37500.00"},
        {"2026-03", "1000000", "0.95", "57500.00", "0.00", "87500.00"},
        {"2026-04", "1000000", "0.95", "5000.00", "0.00", "35000.00"},
        {"2026-05", "1000000", "0.95", "5000.00", "0.00", "35000.00"},
        {"2026-06", "1000000", "0.95", "50000.00", "0.00", "80000.00"},
        {"2026-07", "1000000", "0.95", "5000.00", "0.00", "35000.00"},
        {"2026-08", "1000000", "0.95", "5000.00", "0.00", "35000.00"},
        {"2026-09", "1000000", "0.95", "50000.00", "0.00", "80000.00"},
        {"2026-10", "1000000", "0.95", "5000.00", "2500.00", "37500.00"},
        {"2026-11", "1000000", "0.95", "5000.00", "5000.00", "40000.00"},
        {"2026-12", "1000000", "0.85", "50000.00", "0.00", "80000.00"},
    };
    CarriedState state;
    for (const auto& r : rows) {
        INFO(r.period);
        PeriodInputs in;
        in.people = {person(s, "f-01", "farmer", {{"volume", r.volume}, {"retention", r.retention}})};
        PeriodPay pay = pay_period(*cs, month(r.period), in, state);
        CHECK(line_amount(pay, "f-01", "quarterly") == r.quarterly);
        CHECK(line_amount(pay, "f-01", "annual") == r.annual);
        CHECK(total_of(pay, "f-01") == r.total);
        if (std::string(r.period) == "2026-02")
            CHECK(pay.people[0].payslip.line("quarterly")->summary ==
                  "quarterly 2026-Q1 on 2026-01, 2026-02: farmer_quarter pays 25,000.00; advance = max(0.5 x 25,000.00 = 12,500.00 - advanced "
                  "5,000.00, 0) = 7,500.00 (rounded half_up to 0.01)");
        if (std::string(r.period) == "2026-12")
            CHECK_THAT(pay.people[0].payslip.line("annual")->summary,
                       Catch::EndsWith("true-up = 6,250.00 - advances 7,500.00 = -1,250.00, negative: forgiven (/periods/bonuses/annual/negative_true_up) = 0.00"));
        state = std::move(pay.state);
    }
}
