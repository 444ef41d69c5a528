// The deal-level plan features of rules/examples/: credit split by declared percentages, deals in
// other currencies, SPIFFs. Each rule file pays three reps a 30,000.00 salary plus 10% of credited
// revenue (half_up to kopecks); the logs are inline, every amount worked out by hand beside it.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/data/csv.hpp"
#include "core/errors.hpp"
#include "apps/logs/derive.hpp"
#include "apps/logs/read_logs.hpp"
#include "apps/logs/report.hpp"
#include "apps/logs/load_logs.hpp"
#include "core/rules/loader.hpp"

namespace motiv::logs {
namespace {

struct Example {
    std::shared_ptr<const CompiledScheme> cs;
    LogRules rules;
    LogTables tables;

    Example(const char* file, const char* deals, const char* rates = nullptr) {
        const std::string path = std::string(MOTIV_SOURCE_DIR) + "/rules/examples/" + file;
        cs = CompiledScheme::compile(load_scheme_file(path));
        rules = load_log_rules_file(path, cs->scheme());
        tables.staff = data::parse_csv("id,name,role\na,Rep A,rep\nb,Rep B,rep\nc,Rep C,rep\n", "staff.csv");
        tables.clients = data::parse_csv("id,name,group,state,owner\nk-1,Client,small,active,a\n", "clients.csv");
        tables.calls = data::parse_csv("operator,client,time,duration_sec,outcome\n", "calls.csv");
        tables.contacts = data::parse_csv("manager,client,date,kind\n", "contacts.csv");
        tables.deals = data::parse_csv(deals, "deals.csv");
        if (rates) tables.rates = data::parse_csv(rates, "rates.csv");
    }
    // person -> (credited_revenue, payslip total) for October 2026 (or `period`)
    std::map<std::string, std::pair<std::string, std::string>> october(Period period = Period{2026, 10}) const {
        const LogSet logs = read_logs(tables, rules, cs->scheme());
        const Department d = derive(logs, rules, cs->scheme(), period);
        const auto run = pay(d, rules, *cs);
        std::map<std::string, std::pair<std::string, std::string>> out;
        for (const auto& p : run.payslips)
            out[p.person] = {d.person(p.person)->find("credited_revenue")->value.to_string_fixed(2), p.total.to_string_fixed(2)};
        return out;
    }
};

TEST_CASE("credit split between several people by declared percentages", "[logs][plan]") {
    Example ex("logs_credit_split.json",
               "id,client,date,amount,status,credited\n"
               "d-1,k-1,2026-10-05,100000.01,closed,a:50;b:50\n"
               "d-2,k-1,2026-10-06,1000.00,closed,a:33.33;b:33.33;c:33.34\n");
    const auto pay = ex.october();
    // d-1: 50% of 100,000.01 = 50,000.005 -> 50,000.01 twice = 100,000.02, one kopeck too many: the
    //      first person listed (a) gives it back -> a 50,000.00, b 50,000.01 (they add up to the deal).
    // d-2: 1,000.00 x 33.33% = 333.30 (a, b), x 33.34% = 333.40 (c); sum 1,000.00.
    // a: 50,000.00 + 333.30 = 50,333.30 -> 30,000 + 5,033.33 (5,033.330) = 35,033.33
    // b: 50,000.01 + 333.30 = 50,333.31 -> 30,000 + 5,033.33 (5,033.331) = 35,033.33
    // c: 333.40 -> 30,000 + 33.34 = 30,033.34
    CHECK(pay.at("a") == std::pair<std::string, std::string>{"50333.30", "35033.33"});
    CHECK(pay.at("b") == std::pair<std::string, std::string>{"50333.31", "35033.33"});
    CHECK(pay.at("c") == std::pair<std::string, std::string>{"333.40", "30033.34"});
}

TEST_CASE("deals in other currencies at the dated rate, rounding declared", "[logs][plan]") {
    Example ex("logs_currencies.json",
               "id,client,date,amount,currency,status,credited\n"
               "d-1,k-1,2026-10-05,1000.00,USD,closed,a\n"
               "d-2,k-1,2026-10-16,333.33,USD,closed,a\n"
               "d-3,k-1,2026-10-20,10.03,EUR,closed,a\n"
               "d-4,k-1,2026-10-21,5000.00,,closed,a\n",
               "date,currency,rate\n"
               "2026-10-01,USD,90.1234\n"
               "2026-10-16,USD,91\n"
               "2026-09-15,EUR,99.5\n");
    const auto pay = ex.october();
    // d-1: 1,000.00 USD x 90.1234 (rate of 2026-10-01) = 90,123.40
    // d-2: 333.33 USD x 91 (rate of 2026-10-16, in force on its own day) = 30,333.03
    // d-3: 10.03 EUR x 99.5 = 997.985 -> half_even 997.98 (half_up would give 997.99)
    // d-4: 5,000.00 RUB as is.  Sum 126,454.41; 10% = 12,645.441 -> 12,645.44; + 30,000 = 42,645.44
    CHECK(pay.at("a") == std::pair<std::string, std::string>{"126454.41", "42645.44"});
    // No rate in force before the first one: the deal is refused, naming the row.
    ex.tables.deals = data::parse_csv("id,client,date,amount,currency,status,credited\nd-1,k-1,2026-09-30,1.00,USD,closed,a\n", "deals.csv");
    CHECK_THROWS_WITH(ex.october(), Catch::Contains("deals.csv:2") && Catch::Contains("no USD exchange rate in force on 2026-09-30 in rates.csv"));
}

TEST_CASE("SPIFFs each time vs once per period", "[logs][plan]") {
    Example ex("logs_spiffs.json",
               "id,client,date,amount,status,credited,product\n"
               "d-1,k-1,2026-10-03,20000.00,closed,a,X-200\n"
               "d-2,k-1,2026-10-10,10000.00,closed,a:50;b:50,X-200\n"
               "d-3,k-1,2026-10-20,8000.00,closed,a,X-200\n"
               "d-4,k-1,2026-09-30,5000.00,closed,b,X-200\n");
    const auto pay = ex.october();
    // autumn_x200 (each time, X-200, 1-15 Oct, 1,500.00): d-1 -> a 1,500; d-2 -> a 750, b 750 (50% each);
    //   d-3 is after the window, d-4 in September.
    // october_any (once per period, 2,000.00): a once, b once (d-2).
    // a: revenue 20,000 + 5,000 + 8,000 = 33,000 -> 3,300; SPIFFs 1,500 + 750 + 2,000 = 4,250 => 37,550.00
    // b: revenue 5,000 -> 500; SPIFFs 750 + 2,000 = 2,750 => 33,250.00.  c: salary only.
    CHECK(pay.at("a") == std::pair<std::string, std::string>{"33000.00", "37550.00"});
    CHECK(pay.at("b") == std::pair<std::string, std::string>{"5000.00", "33250.00"});
    CHECK(pay.at("c") == std::pair<std::string, std::string>{"0.00", "30000.00"});
}

TEST_CASE("pay on collection: held until paid, released in the period of payment", "[logs][plan]") {
    Example ex("logs_pay_on_collection.json",
               "id,client,date,amount,status,paid_date,credited\n"
               "d-1,k-1,2026-09-20,10000.00,paid,2026-10-05,a\n"   // closed in September, paid in October
               "d-2,k-1,2026-10-10,20000.00,paid,2026-10-25,a\n"
               "d-3,k-1,2026-10-15,30000.00,closed,,a\n"           // not paid yet: held
               "d-4,k-1,2026-10-18,40000.00,cancelled,,a\n"        // cancelled: never earned
               "d-5,k-1,2026-10-20,50000.00,paid,2026-11-02,b\n"); // paid in November
    // September: nothing paid yet (d-1 held) -> a 30,000.00.
    CHECK(ex.october(Period{2026, 9}).at("a") == std::pair<std::string, std::string>{"0.00", "30000.00"});
    // October: a is paid for d-1 and d-2 = 30,000 -> 3,000 commission => 33,000.00; d-3 is held.
    //          b: d-5 is held until its payment => 30,000.00.
    const auto oct = ex.october();
    CHECK(oct.at("a") == std::pair<std::string, std::string>{"30000.00", "33000.00"});
    CHECK(oct.at("b") == std::pair<std::string, std::string>{"0.00", "30000.00"});
    // November: b's 50,000 is released -> 5,000 => 35,000.00; a's d-3 is still held.
    const auto nov = ex.october(Period{2026, 11});
    CHECK(nov.at("b") == std::pair<std::string, std::string>{"50000.00", "35000.00"});
    CHECK(nov.at("a") == std::pair<std::string, std::string>{"0.00", "30000.00"});
    // The held amounts at the end of October: a 30,000 (d-3), b 50,000 (d-5).
    const LogSet logs = read_logs(ex.tables, ex.rules, ex.cs->scheme());
    const Department d = derive(logs, ex.rules, ex.cs->scheme(), Period{2026, 10});
    CHECK(d.person("a")->find("held_revenue")->value.to_string_fixed(2) == "30000.00");
    CHECK(d.person("b")->find("held_revenue")->value.to_string_fixed(2) == "50000.00");
}

TEST_CASE("pay on collection: a deal cancelled after its commission was paid takes it back then", "[logs][plan]") {
    Example ex("logs_pay_on_collection.json",
               "id,client,date,amount,status,paid_date,cancelled_date,credited\n"
               "d-1,k-1,2026-09-10,50000.00,cancelled,2026-09-20,2026-10-12,a\n"  // paid for in September, cancelled in October
               "d-2,k-1,2026-10-01,20000.00,paid,2026-10-05,,a\n"
               "d-3,k-1,2026-10-02,30000.00,cancelled,2026-10-03,2026-10-20,a\n"  // paid and cancelled in October: never counts
               "d-4,k-1,2026-09-01,10000.00,cancelled,2026-09-02,,a\n"            // no cancellation date: never counts (as before)
               "d-5,k-1,2026-09-25,40000.00,cancelled,,2026-10-03,b\n");          // held, never paid, cancelled: nothing to take back
    // September: a is paid for d-1: 30,000 + 10% x 50,000 = 35,000.00 (what was paid stays what was paid).
    CHECK(ex.october(Period{2026, 9}).at("a") == std::pair<std::string, std::string>{"50000.00", "35000.00"});
    // October: a is paid for d-2: 10% x 20,000 = 2,000; d-1's 5,000 commission is taken back:
    //          30,000 + 2,000 - 5,000 = 27,000.00.  b: salary only (d-5 was only ever held).
    const auto oct = ex.october();
    CHECK(oct.at("a") == std::pair<std::string, std::string>{"20000.00", "27000.00"});
    CHECK(oct.at("b") == std::pair<std::string, std::string>{"0.00", "30000.00"});
    // November: nothing counts, nothing is taken back.
    CHECK(ex.october(Period{2026, 11}).at("a") == std::pair<std::string, std::string>{"0.00", "30000.00"});

    const LogSet logs = read_logs(ex.tables, ex.rules, ex.cs->scheme());
    const Department d = derive(logs, ex.rules, ex.cs->scheme(), Period{2026, 10});
    const Kpi* rev = d.person("a")->find("reversed_revenue");
    REQUIRE(rev);
    CHECK(rev->value.to_string_fixed(2) == "50000.00");
    CHECK(describe_rows(rev->rows) == "deals.csv:2");
    CHECK(rev->formula == "credited amounts taken back: deals counted in an earlier period and cancelled in this one: "
                         "d-1 50000 (counted 2026-09-20, paid 2026-09-20, cancelled 2026-10-12)");
    const auto run = pay(d, ex.rules, *ex.cs);
    const PayLine* back = run.payslips[0].line("reversal");
    REQUIRE(back);
    CHECK(back->amount.to_string_fixed(2) == "-5000.00");
    CHECK(back->summary == "reversal = -(rep.commission.rate 10% * reversed_revenue 50,000.00) = -5,000.00 (when reversed_revenue 50,000.00 > 0: true)");
    // The department report lists it as taken back, with when it counted and when it was cancelled.
    const auto tables = report(d, logs, ex.rules, ex.cs->scheme());
    const auto credits = std::find_if(tables.begin(), tables.end(), [](const Table& t) { return t.name == "credits"; });
    REQUIRE(credits != tables.end());
    std::vector<std::string> taken_back;
    for (const auto& r : credits->rows)
        if (r[7] == "taken_back") taken_back = r;
    CHECK(taken_back == std::vector<std::string>{"d-1", "k-1", "2026-09-10", "a", "hunter", "100", "-50000.00", "taken_back", "2026-10",
                                                 "counted on 2026-09-20 (2026-09), cancelled on 2026-10-12", "deals.csv:2"});
    // A cancellation date on a deal that is not cancelled, or before its payment, is refused.
    ex.tables.deals = data::parse_csv("id,client,date,amount,status,paid_date,cancelled_date,credited\n"
                                      "d-1,k-1,2026-09-10,1.00,paid,2026-09-20,2026-10-12,a\n"
                                      "d-2,k-1,2026-09-10,1.00,cancelled,2026-09-20,2026-09-19,a\n", "deals.csv");
    try {
        (void)read_logs(ex.tables, ex.rules, ex.cs->scheme());
        FAIL("no DataError");
    } catch (const DataError& e) {
        REQUIRE(e.issues().size() == 2);
        CHECK(e.issues()[0].message == "expected no cancellation date unless the status is cancelled, got '2026-10-12'");
        CHECK(e.issues()[1].message == "expected a cancellation date on or after the payment date, got '2026-09-19'");
        CHECK(e.issues()[1].id == "motiv.data_error.402");
    }
}

TEST_CASE("sums of hostile amounts overflow into an EvalError, not a crash", "[logs][plan]") {
    Example ex("logs_credit_split.json",
               "id,client,date,amount,status,credited\n"
               "d-1,k-1,2026-10-05,100000000000000000000000000000.00,closed,a\n"
               "d-2,k-1,2026-10-06,100000000000000000000000000000.00,closed,a\n");
    // Each 10^29 is a valid amount; their sum is past Decimal's range (1.7 x 10^29).
    try {
        (void)ex.october();
        FAIL("no EvalError");
    } catch (const EvalError& e) {
        CHECK(e.id() == "motiv.eval_error.502");
    }
}

}  // namespace
}  // namespace motiv::logs
