// KPIs, credit, handovers, takeaways, contact norms, reactivation and pay from a small hand-made set
// of logs under rules/three_tier.json's "logs" section. Every expected figure is worked out by hand
// in the comments next to it.
#include <catch2/catch.hpp>

#include "core/data/csv.hpp"
#include "core/errors.hpp"
#include "apps/logs/derive.hpp"
#include "apps/logs/read_logs.hpp"
#include "apps/logs/report.hpp"
#include "apps/logs/load_logs.hpp"
#include "tests/core/support.hpp"

namespace motiv::logs {
namespace {

using data::parse_csv;

// Operators: op-1 joined on Monday 2026-10-05. Hunters h-1, h-2. Farmers f-1 (team lead f-2).
const char* kStaff =
    "id,name,role,team,hired,left,manager\n"
    "op-1,Op One,operator,calls,2026-10-05,,\n"
    "h-1,Hunter One,hunter,hunt,,,\n"
    "h-2,Hunter Two,hunter,hunt,,,\n"
    "f-1,Farmer One,farmer,farm,,,f-2\n"
    "f-2,Farmer Lead,farmer,farm,,,\n";
const char* kClients =
    "id,name,group,state,owner,handed_over\n"
    "c-1,Alpha,large,active,f-1,2026-10-19\n"  // line 2: handed over on its deadline day
    "c-2,Beta,vip,active,f-1,2026-08-25\n"     // line 3: handover point by the 3rd paid order
    "c-3,Gamma,small,active,h-1,\n"            // line 4: a new client, USD deal, split
    "c-4,Delta,small,dormant,f-1,\n"           // line 5: dormant, reactivated in October
    "c-5,Eps,vip,active,f-1,\n"                // line 6: untouched for exactly 30 days on 2026-10-31
    "c-6,Zeta,vip,active,f-1,\n"               // line 7: untouched for 31 days -> taken away 2026-10-31
    "c-7,Eta,large,active,h-2,\n";             // line 8: held by h-2 past its deadline
const char* kCalls =
    "operator,client,time,duration_sec,outcome,reason,script_score\n"
    "op-1,pr-1,2026-10-05T09:00,600,meeting,,0.90\n"
    "op-1,pr-2,2026-10-05 10:00,90,refusal,price,\n"
    "op-1,pr-1,2026-10-06,0,no_answer,,\n"
    "op-1,pr-3,2026-10-07T11:30:15,1215,sale,,1\n"
    "op-1,pr-4,2026-09-30T09:00,300,refusal,no_need,\n";  // September: not in October's KPIs
const char* kDeals =
    "id,client,date,amount,currency,status,paid_date,credited,product\n"
    "d-1,c-1,2026-08-20,100000.00,,paid,2026-08-25,h-1,\n"        // line 2: c-1's first deal -> deadline 2026-10-19
    "d-2,c-1,2026-10-19,200000.00,,closed,,,\n"                   // line 3: on the deadline: h-1
    "d-3,c-1,2026-10-20,50000.00,,closed,,h-2,\n"                 // line 4: after it: the farmer f-1, whatever the CRM says
    "d-4,c-3,2026-10-10,1234.57,USD,closed,,h-1:60;h-2:40,\n"     // line 5: USD, split
    "d-5,c-3,2026-10-11,70000.00,,cancelled,,h-1,\n"              // line 6: cancelled: nobody
    "d-6,c-2,2026-08-01,10000.00,,paid,2026-08-02,h-2,\n"         // line 7
    "d-7,c-2,2026-08-10,10000.00,,paid,2026-08-12,,\n"            // line 8
    "d-8,c-2,2026-08-20,10000.00,,paid,2026-08-21,,\n"            // line 9: 3rd paid order, paid 08-21 = c-2's deadline
    "d-9,c-2,2026-09-10,80000.00,,paid,2026-09-15,,\n"            // line 10: f-1's September volume
    "d-10,c-2,2026-10-02,90000.00,,paid,2026-10-20,,\n"           // line 11: f-1's October volume
    "d-11,c-4,2025-12-01,5000.00,,paid,2025-12-02,h-2,\n"         // line 12
    "d-12,c-4,2026-10-25,7000.00,,closed,,,\n"                    // line 13: reactivation (328 quiet days >= 180)
    "d-13,c-7,2026-08-01,30000.00,,paid,2026-08-03,h-2,\n";       // line 14: c-7's deadline 2026-09-30
const char* kContacts =
    "manager,client,date,kind\n"
    "h-1,c-1,2026-09-15,meeting\n"
    "f-1,c-2,2026-10-05,call\n"
    "f-1,c-2,2026-10-25,email\n"
    "f-1,c-5,2026-09-15,call\n"
    "f-1,c-5,2026-10-01,call\n"
    "f-1,c-6,2026-09-30,meeting\n"
    "f-1,c-1,2026-10-21,call\n"
    "h-2,c-7,2026-09-10,call\n"
    "h-2,c-7,2026-10-15,call\n";
const char* kRates =
    "date,currency,rate\n"
    "2026-10-01,USD,80.5530\n"
    "2026-10-14,USD,81.2345\n";

struct Fixture {
    std::shared_ptr<const CompiledScheme> cs = test::three_tier_scheme();
    LogRules rules = load_log_rules_file(test::kThreeTier, cs->scheme());
    LogTables tables;
    Fixture() {
        tables.staff = parse_csv(kStaff, "staff.csv");
        tables.clients = parse_csv(kClients, "clients.csv");
        tables.calls = parse_csv(kCalls, "calls.csv");
        tables.deals = parse_csv(kDeals, "deals.csv");
        tables.contacts = parse_csv(kContacts, "contacts.csv");
        tables.rates = parse_csv(kRates, "exchange_rates.csv");
    }
    [[nodiscard]] LogSet logs() const { return read_logs(tables, rules, cs->scheme()); }
};

const Period kOct{2026, 10};

std::string kpi(const Department& d, const char* person, const char* name) {
    const PersonKpis* p = d.person(person);
    REQUIRE(p);
    const Kpi* k = p->find(name);
    if (!k) return "(none)";
    return k->value.to_string();
}

TEST_CASE("operator KPIs from the call log", "[logs]") {
    Fixture f;
    const LogSet logs = f.logs();
    const Department d = derive(logs, f.rules, f.cs->scheme(), kOct);
    const auto [name, value] = GENERATE(table<const char*, const char*>({
        {"calls", "4"},                  // the September call is not counted
        {"companies", "3"},              // pr-1 (twice), pr-2, pr-3
        {"talk_minutes", "31.75"},       // (600 + 90 + 0 + 1215) s = 1905 s / 60 = 31.75
        {"working_days", "20"},          // 2026-10-05..31: 22 weekdays in October less Thu 1st and Fri 2nd
        {"talk_minutes_per_day", "1.5875"},  // 31.75 / 20
        {"meetings", "1"},
        {"sales", "1"},
        {"goals", "2"},
        {"effectiveness", "0.5"},        // 2 goals / 4 calls
        {"scored_calls", "2"},
        {"script_compliance", "0.95"},   // (0.90 + 1) / 2
        {"refusals", "1"},
        {"refusals.price", "1"},
        {"refusals.no_need", "0"},       // the no_need refusal is in September
        {"no_answers", "1"},
    }));
    CAPTURE(name);
    CHECK(kpi(d, "op-1", name) == value);
    // Provenance: the four October calls, lines 2-5 of calls.csv.
    CHECK(describe_rows(d.person("op-1")->find("calls")->rows) == "calls.csv:2-5");
    CHECK(describe_rows(d.person("op-1")->find("script_compliance")->rows) == "calls.csv:2,5");
}

TEST_CASE("hunter credit: handover deadline, currency, split, cancellation", "[logs]") {
    Fixture f;
    const LogSet logs = f.logs();
    const Department d = derive(logs, f.rules, f.cs->scheme(), kOct);
    // d-4: 1234.57 USD x 80.5530 (the rate of 2026-10-01; 2026-10-14's is later) = 99,448.317210
    //      -> 99,448.32 half_up; 60% = 59,668.992 -> 59,668.99; 40% = 39,779.328 -> 39,779.33 (sum 99,448.32).
    // h-1: d-2 200,000.00 (on c-1's deadline 2026-08-20 + 60 days = 2026-10-19: still the hunter's, and
    //      no credited person -> the client's hunter h-1) + 59,668.99 = 259,668.99. d-5 is cancelled.
    CHECK(kpi(d, "h-1", "credited_revenue") == "259668.99");
    CHECK(kpi(d, "h-1", "deals") == "2");
    // h-2: 39,779.33 (d-3 names h-2 but is after c-1's deadline: it credits the farmer).
    CHECK(kpi(d, "h-2", "credited_revenue") == "39779.33");
    CHECK(describe_rows(d.person("h-1")->find("credited_revenue")->rows) == "deals.csv:3,5");
    // c-7: first deal 2026-08-01 + 60 days = 2026-09-30, still held by h-2 on 2026-10-31 -> overdue.
    CHECK(kpi(d, "h-2", "overdue_handovers") == "1");
    CHECK(kpi(d, "h-1", "overdue_handovers") == "0");
    // c-1 handed over on its deadline day 2026-10-19: made, on time.
    CHECK(kpi(d, "h-1", "handovers_made") == "1");
    bool seen_c1 = false, seen_c7 = false;
    for (const auto& h : d.handovers) {
        if (h.point.client == "c-1") {
            seen_c1 = true;
            CHECK(h.state == HandoverState::on_time);
            CHECK(to_iso(h.point.deadline) == "2026-10-19");
        }
        if (h.point.client == "c-7") {
            seen_c7 = true;
            CHECK(h.state == HandoverState::overdue);
        }
    }
    CHECK((seen_c1 && seen_c7));
    // c-2's point is its 3rd paid order (paid 2026-08-21), sooner than 2026-08-01 + 60 days.
    CHECK(to_iso(d.points.at("c-2").deadline) == "2026-08-21");
    CHECK(d.points.at("c-2").deadline_by == "3rd paid order, paid 2026-08-21");
}

TEST_CASE("farmer volume, growth, takeaway, contact norms, reactivation", "[logs]") {
    Fixture f;
    const LogSet logs = f.logs();
    const Department d = derive(logs, f.rules, f.cs->scheme(), kOct);
    // f-1's October portfolio: c-1, c-2, c-4, c-5, c-6 (c-6 is taken away only on 2026-10-31).
    // Orders after their handover point dated in October: d-3 50,000 + d-10 90,000 + d-12 7,000 = 147,000.00
    // (d-2 is on c-1's deadline day: the hunter's). September base: d-9 80,000.00.
    CHECK(kpi(d, "f-1", "volume") == "147000");
    CHECK(kpi(d, "f-1", "volume_base") == "80000");
    CHECK(kpi(d, "f-1", "growth") == "0.8375");  // 147,000 / 80,000 - 1
    CHECK(kpi(d, "f-1", "portfolio_clients") == "5");
    // Takeaway (VIP limit 30 days): c-5 last touched 2026-10-01 -> 30 days on 2026-10-31, kept;
    // c-6 last touched 2026-09-30 -> the 31st day is 2026-10-31: taken away, to f-1's team lead f-2.
    REQUIRE(d.taken.size() == 1);
    const Takeaway& t = d.taken.at("c-6");
    CHECK(to_iso(t.trigger) == "2026-10-31");
    CHECK(t.owner == "f-1");
    CHECK(t.to == "f-2");
    CHECK(kpi(d, "f-1", "takeaways") == "1");
    // From November c-6 is f-2's, not f-1's.
    const Department nov = derive(logs, f.rules, f.cs->scheme(), Period{2026, 11});
    CHECK(kpi(nov, "f-1", "portfolio_clients") == "4");
    CHECK(kpi(nov, "f-2", "portfolio_clients") == "1");
    // Contact norms in October (VIP 2, large 1, small none): c-1 1 of 1 met, c-2 2 of 2 met,
    // c-5 1 of 2 not met, c-6 0 of 2 not met -> 2 / 4 = 0.5.
    CHECK(kpi(d, "f-1", "clients_with_norm") == "4");
    CHECK(kpi(d, "f-1", "contact_compliance") == "0.5");
    CHECK(kpi(d, "h-1", "contact_compliance") == "(none)");  // c-3 is small: no norm
    // c-4 is dormant; its order of 2026-10-25 comes 328 days after 2025-12-01 (>= 180): reactivated,
    // credited to f-1 (after the handover point), bonus 3,000.00 x 100%.
    CHECK(kpi(d, "f-1", "reactivations") == "1");
    CHECK(kpi(d, "f-1", "reactivation_bonus") == "3000");
}

TEST_CASE("growth against the same period last year; taken-away clients to the pool or a named farmer", "[logs]") {
    Fixture f;
    // c-8 (small, f-1's): first deal 2025-08-01 by h-2 -> handover point 2025-09-30; orders after it:
    // 2025-10-15 40,000.00 (October last year) and 2026-10-10 60,000.00. A third farmer f-3.
    f.tables.staff = parse_csv(std::string(kStaff) + "f-3,Farmer Three,farmer,farm,,,\n", "staff.csv");
    f.tables.clients = parse_csv(std::string(kClients) + "c-8,Theta,small,active,f-1,2025-09-01\n", "clients.csv");
    f.tables.deals = parse_csv(std::string(kDeals) +
                                   "d-14,c-8,2025-08-01,10000.00,,paid,2025-08-02,h-2,\n"
                                   "d-15,c-8,2025-10-15,40000.00,,paid,2025-10-20,,\n"
                                   "d-16,c-8,2026-10-10,60000.00,,closed,,,\n",
                               "deals.csv");
    // Contacted every 82-87 days, within the small group's 90: c-8 stays f-1's all year.
    f.tables.contacts = parse_csv(std::string(kContacts) +
                                      "f-1,c-8,2026-01-05,call\nf-1,c-8,2026-04-01,call\nf-1,c-8,2026-06-25,call\nf-1,c-8,2026-09-20,call\n",
                                  "contacts.csv");
    f.rules.growth_base = GrowthBase::same_period_last_year;
    const LogSet logs = f.logs();
    const Department d = derive(logs, f.rules, f.cs->scheme(), kOct);
    // October 2026: 147,000.00 (as in the test above) + d-16 60,000.00 = 207,000.00;
    // October 2025 of the same portfolio: d-15 40,000.00 -> growth 207,000 / 40,000 - 1 = 4.175.
    CHECK(kpi(d, "f-1", "volume") == "207000");
    CHECK(kpi(d, "f-1", "volume_base") == "40000");
    CHECK(kpi(d, "f-1", "growth") == "4.175");
    CHECK(d.person("f-1")->find("volume_base")->formula ==
          "orders dated in 2025-10 of the clients held in 2026-10, after their handover point, cancelled excluded (the same period last year)");

    // c-6 is taken away on 2026-10-31 (test above). To the pool: nobody holds it from November.
    f.rules.takeaway_to = "pool";
    const Department pool = derive(logs, f.rules, f.cs->scheme(), Period{2026, 11});
    CHECK(pool.taken.at("c-6").to.empty());
    CHECK(kpi(pool, "f-1", "portfolio_clients") == "5");  // c-1, c-2, c-4, c-5, c-8
    CHECK(kpi(pool, "f-2", "portfolio_clients") == "0");
    CHECK(kpi(pool, "f-3", "portfolio_clients") == "0");
    // To a named farmer, f-3 (not f-1's team lead f-2).
    f.rules.takeaway_to = "f-3";
    const Department named = derive(logs, f.rules, f.cs->scheme(), Period{2026, 11});
    CHECK(named.taken.at("c-6").to == "f-3");
    CHECK(kpi(named, "f-3", "portfolio_clients") == "1");
    CHECK(kpi(named, "f-2", "portfolio_clients") == "0");
}

TEST_CASE("pay from the logs through the scheme's feed", "[logs]") {
    Fixture f;
    const LogSet logs = f.logs();
    const Department d = derive(logs, f.rules, f.cs->scheme(), kOct);
    const auto run = pay(d, f.rules, *f.cs);
    auto total = [&](const char* id) {
        for (const auto& p : run.payslips)
            if (p.person == id) return p.total.to_string_fixed(2);
        return std::string("(none)");
    };
    // op-1: 4 calls < the 200-call gate: salary only, prorated from the hire date as a CSV row's
    // start_date is: joined Monday 2026-10-05, 20 of October's 22 working days x 42,000.00 = 38,181.82.
    CHECK(total("op-1") == "38181.82");
    // h-1: 25,000.00 + 5% x 259,668.99 = 12,983.4495 -> 12,983.45 => 37,983.45.
    CHECK(total("h-1") == "37983.45");
    // h-2: 25,000.00 + 5% x 39,779.33 = 1,988.97; one overdue handover: -2,000.00 capped at the
    //      commission -> -1,988.97 => 25,000.00.
    CHECK(total("h-2") == "25000.00");
    // f-1: volume 147,000 < 1,000,000 -> 10% x 50,000 = 5,000; it grew (147,000 > 80,000): no cut => 55,000.00.
    CHECK(total("f-1") == "55000.00");
    // f-2 holds nothing in October: volume 0 <= base 0 -> the bonus 5,000 is cut by 50% => 52,500.00.
    CHECK(total("f-2") == "52500.00");
    CHECK(run.payslips.size() == 5);
}

TEST_CASE("report tables", "[logs]") {
    Fixture f;
    const LogSet logs = f.logs();
    const Department d = derive(logs, f.rules, f.cs->scheme(), kOct);
    const auto tables = report(d, logs, f.rules, f.cs->scheme());
    REQUIRE(tables.size() == 9);
    const Table& funnel = tables[1];
    REQUIRE(funnel.name == "funnel");
    // October: 4 calls, 1 meeting, 1 sale; first deals: d-4 (c-3's first) 99,448.32; repeat orders:
    // d-2, d-3, d-10, d-12 = 200,000 + 50,000 + 90,000 + 7,000 = 347,000.00; cancelled: d-5 70,000.00.
    CHECK(funnel.rows[0] == std::vector<std::string>{"2026-10", "calls", "4", "", ""});
    CHECK(funnel.rows[1] == std::vector<std::string>{"2026-10", "meetings booked", "1", "", "0.25"});
    CHECK(funnel.rows[3] == std::vector<std::string>{"2026-10", "first deals", "1", "99448.32", "1"});
    CHECK(funnel.rows[4] == std::vector<std::string>{"2026-10", "repeat orders", "4", "347000.00", "4"});
    CHECK(funnel.rows[5] == std::vector<std::string>{"2026-10", "cancelled deals", "1", "70000.00", ""});
    // Refusals in October: one 'price' (the 'no_need' one is in September); most frequent first.
    const Table& refusals = tables[2];
    REQUIRE(refusals.name == "refusals");
    CHECK(refusals.rows[0] == std::vector<std::string>{"2026-10", "price", "1", "1"});
    CHECK(refusals.rows[1] == std::vector<std::string>{"2026-10", "no_need", "0", "0"});
    const Table& takeaways = tables[4];
    REQUIRE(takeaways.rows.size() == 1);
    CHECK(takeaways.rows[0][0] == "c-6");
    CHECK(takeaways.rows[0][6] == "2026-10-31");
    CHECK(takeaways.rows[0][8] == "2026-11");
    CHECK(to_csv(funnel).substr(0, 52) == "period,stage,count,amount,conversion_from_previous\n2");
}

TEST_CASE("bad log rows are reported with file, line, column and what was expected", "[logs]") {
    const auto [file, text, id, line, field, message] = GENERATE(table<const char*, const char*, const char*, std::size_t, const char*, const char*>({
        {"calls", "operator,client,time,duration_sec,outcome,reason,script_score\nop-1,pr-1,2026-10-05T25:00,60,meeting,,\n",
         "motiv.data_error.402", 2, "time", "expected a time YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DD HH:MM:SS, got '2026-10-05T25:00'"},
        {"calls", "operator,client,time,duration_sec,outcome,reason,script_score\nop-1,pr-1,2026-10-05,60,refusal,rude,\n",
         "motiv.data_error.403", 2, "reason",
         "a refusal needs a reason code declared by the rules (no_need, price, has_supplier, no_budget, not_decision_maker), got 'rude'"},
        {"calls", "operator,client,time,duration_sec,outcome,reason,script_score\nop-9,pr-1,2026-10-05,60,meeting,,\n",
         "motiv.data_error.403", 2, "operator", "unknown staff id 'op-9'"},
        {"calls", "operator,client,time,duration_sec,outcome,reason,script_score\nop-1,pr-1,2026-10-05,60,meeting,,1.5\n",
         "motiv.data_error.402", 2, "script_score", "expected a score from 0 to 1 with at most 4 decimal places, got '1.5'"},
        {"calls", "operator,client,time,duration_sec\n", "motiv.data_error.401", 1, "outcome", "missing required column 'outcome'"},
        {"deals", "id,client,date,amount,status,credited\nd-1,c-1,2026-10-01,100.00,closed,h-1:60;h-2:30\n",
         "motiv.data_error.405", 2, "credited", "credit shares add up to 90%, expected 100%"},
        {"deals", "id,client,date,amount,currency,status\nd-1,c-1,2026-09-01,100.00,USD,closed\n",
         "motiv.data_error.406", 2, "currency", "no USD exchange rate in force on 2026-09-01 in exchange_rates.csv"},
        {"deals", "id,client,date,amount,status,paid_date\nd-1,c-1,2026-10-01,100.005,paid,2026-10-02\n",
         "motiv.data_error.402", 2, "amount", "expected an amount >= 0 with at most 2 decimal places, got '100.005'"},
        {"deals", "id,client,date,amount,status,paid_date\nd-1,c-1,2026-10-01,100.00,paid,\n",
         "motiv.data_error.402", 2, "paid_date", "expected a date YYYY-MM-DD, got ''"},
        {"deals", "id,client,date,amount,status\nd-1,c-9,2026-10-01,100.00,closed\nd-1,c-1,2026-10-01,1.00,closed\n",
         "motiv.data_error.403", 2, "client", "unknown client 'c-9'"},
        {"clients", "id,name,group,state\nc-1,A,gold,active\n", "motiv.data_error.403", 2, "group",
         "unknown client group 'gold'; the rules declare: vip, large, small"},
        {"contacts", "manager,client,date,kind\nf-1,c-1,2026-10-01,fax\n", "motiv.data_error.402", 2, "kind",
         "expected call, meeting or email, got 'fax'"},
    }));
    CAPTURE(file, text);
    Fixture f;
    const std::string name = std::string(file) + ".csv";
    if (std::string(file) == "calls") f.tables.calls = parse_csv(text, name);
    if (std::string(file) == "deals") f.tables.deals = parse_csv(text, name);
    if (std::string(file) == "clients") f.tables.clients = parse_csv(text, name);
    if (std::string(file) == "contacts") f.tables.contacts = parse_csv(text, name);
    try {
        (void)f.logs();
        FAIL("no DataError");
    } catch (const DataError& e) {
        REQUIRE(!e.issues().empty());
        // A bad clients file also breaks the deals and contacts naming its clients: the first issue is the cause.
        const Issue& i = e.issues().front();
        CHECK(i.id == id);
        CHECK(i.file == name);
        CHECK(i.line == line);
        CHECK(i.field == field);
        CHECK(i.message == message);
    }
}

TEST_CASE("bad JSON log rows: the CSV checks and ids, each at its JSON pointer", "[logs][json]") {
    // The same cells as the CSV table above, written as JSON: the same check and id, the place a pointer.
    const auto [file, text, id, pointer, message] = GENERATE(table<const char*, const char*, const char*, const char*, const char*>({
        {"calls", R"([{"operator": "op-1", "client": "pr-1", "time": "2026-10-05", "duration_sec": 60, "outcome": "meeting"},
                      {"operator": "op-1", "client": "pr-1", "time": "2026-10-05", "duration_sec": -5, "outcome": "meeting"}])",
         "motiv.data_error.402", "/1/duration_sec", "expected whole seconds from 0 to 86400, got '-5'"},
        {"calls", R"([{"operator": "op-1", "client": "pr-1", "time": "2026-10-05T25:00", "duration_sec": 60, "outcome": "meeting"}])",
         "motiv.data_error.402", "/0/time", "expected a time YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DD HH:MM:SS, got '2026-10-05T25:00'"},
        {"calls", R"([{"operator": "op-1", "client": "pr-1", "time": "2026-10-05", "duration_sec": 60, "outcome": "refusal", "reason": "rude"}])",
         "motiv.data_error.403", "/0/reason",
         "a refusal needs a reason code declared by the rules (no_need, price, has_supplier, no_budget, not_decision_maker), got 'rude'"},
        {"calls", R"([{"operator": "op-9", "client": "pr-1", "time": "2026-10-05", "duration_sec": 60, "outcome": "meeting"}])",
         "motiv.data_error.403", "/0/operator", "unknown staff id 'op-9'"},
        {"calls", R"([{"operator": "op-1", "client": "pr-1", "time": "2026-10-05", "duration_sec": 60, "outcome": "meeting", "script_score": 1.5}])",
         "motiv.data_error.402", "/0/script_score", "expected a score from 0 to 1 with at most 4 decimal places, got '1.5'"},
        // A required key missing from one row (a CSV would miss the whole column): 401 at the row.
        {"calls", R"([{"operator": "op-1", "client": "pr-1", "time": "2026-10-05", "duration_sec": 60, "outcome": "meeting"},
                      {"operator": "op-1", "client": "pr-1", "time": "2026-10-05", "duration_sec": 60}])",
         "motiv.data_error.401", "/1", "missing required key 'outcome'"},
        {"calls", R"([{"operator": "op-1", "client": "pr-1", "time": "2026-10-05", "duration": 60, "duration_sec": 60, "outcome": "meeting"}])",
         "motiv.data_error.401", "/0/duration",
         "unknown key 'duration'; expected one of: operator, client, time, duration_sec, outcome, reason, script_score"},
        // null is an absent optional value, but not a required one.
        {"calls", R"([{"operator": "op-1", "client": "pr-1", "time": null, "duration_sec": 60, "outcome": "meeting", "reason": null}])",
         "motiv.data_error.401", "/0", "missing required key 'time'"},
        {"deals", R"([{"id": "d-1", "client": "c-1", "date": "2026-10-01", "amount": 100.00, "status": "closed", "credited": "h-1:60;h-2:30"}])",
         "motiv.data_error.405", "/0/credited", "credit shares add up to 90%, expected 100%"},
        {"deals", R"([{"id": "d-1", "client": "c-1", "date": "2026-09-01", "amount": "100.00", "currency": "USD", "status": "closed"}])",
         "motiv.data_error.406", "/0/currency", "no USD exchange rate in force on 2026-09-01 in exchange_rates.csv"},
        // A JSON number is read as its text, exactly: 100.005 is not rounded on the way in.
        {"deals", R"([{"id": "d-1", "client": "c-1", "date": "2026-10-01", "amount": 100.005, "status": "paid", "paid_date": "2026-10-02"}])",
         "motiv.data_error.402", "/0/amount", "expected an amount >= 0 with at most 2 decimal places, got '100.005'"},
        {"deals", R"([{"id": "d-1", "client": "c-1", "date": "2026-10-01", "amount": -1, "status": "closed"}])",
         "motiv.data_error.402", "/0/amount", "expected an amount >= 0 with at most 2 decimal places, got '-1'"},
        {"deals", R"([{"id": "d-1", "client": "c-1", "date": "2026-10-01", "amount": "100.00", "status": "paid"}])",
         "motiv.data_error.402", "/0/paid_date", "expected a date YYYY-MM-DD, got ''"},
        {"deals", R"([{"id": "d-1", "client": "c-1", "date": "2026-10-01", "amount": 1, "status": "closed"},
                      {"id": "d-1", "client": "c-1", "date": "2026-10-01", "amount": 2, "status": "closed"}])",
         "motiv.data_error.404", "/1/id", "duplicate deal id 'd-1'"},
        {"clients", R"([{"id": "c-1", "name": "A", "group": "gold", "state": "active"}])", "motiv.data_error.403", "/0/group",
         "unknown client group 'gold'; the rules declare: vip, large, small"},
        {"contacts", R"([{"manager": "f-1", "client": "c-1", "date": "2026-10-01", "kind": "fax"}])", "motiv.data_error.402", "/0/kind",
         "expected call, meeting or email, got 'fax'"},
        {"staff", R"([{"id": "op-1", "name": "Op", "role": "operator"}, {"id": "x", "name": "X", "role": "boss"}])",
         "motiv.data_error.403", "/1/role", "unknown role 'boss': not a role of scheme three_tier"},
        // The document's own shape.
        {"contacts", R"([{"manager": "f-1", "client": "c-1", "date": "2026-10-01", "kind": ["call"]}])", "motiv.data_error.108", "/0/kind",
         "expected a string or a number, got an array"},
        {"contacts", R"([{"manager": "f-1", "client": "c-1", "date": "2026-10-01", "kind": true}])", "motiv.data_error.108", "/0/kind",
         "expected a string or a number, got a boolean"},
        {"contacts", R"([["f-1", "c-1", "2026-10-01", "call"]])", "motiv.data_error.108", "/0", "expected an object (one row), got an array"},
        {"contacts", R"({"rows": []})", "motiv.data_error.108", "", "expected an array of objects, one per row, got an object"},
        {"contacts", R"([{"manager": "f-1", "client": "c-1", "client": "c-2", "date": "2026-10-01", "kind": "call"}])", "motiv.data_error.102",
         "/0/client", "duplicate key 'client': each name may appear once"},
    }));
    CAPTURE(file, text);
    Fixture f;
    const std::string name = std::string(file) + ".json";
    auto read = [&] { return parse_json_log(text, name); };
    try {
        if (std::string(file) == "calls") f.tables.calls = read();
        if (std::string(file) == "deals") f.tables.deals = read();
        if (std::string(file) == "clients") f.tables.clients = read();
        if (std::string(file) == "contacts") f.tables.contacts = read();
        if (std::string(file) == "staff") f.tables.staff = read();
        (void)f.logs();
        FAIL("no DataError");
    } catch (const DataError& e) {
        REQUIRE(!e.issues().empty());
        const Issue& i = e.issues().front();
        CHECK(i.id == id);
        CHECK(i.file == name);
        CHECK(i.pointer == pointer);
        CHECK(i.line == 0);
        CHECK(i.message == message);
    }
}

TEST_CASE("a JSON log reads as the same records as its CSV", "[logs][json]") {
    Fixture f;
    const LogSet from_csv = f.logs();
    // kDeals's d-4 and d-5, and kCalls's first call, as JSON: numbers as literals, an empty cell as null or left out.
    f.tables.deals = parse_json_log(R"([
        {"id": "d-4", "client": "c-3", "date": "2026-10-10", "amount": 1234.57, "currency": "USD", "status": "closed", "paid_date": null,
         "credited": "h-1:60;h-2:40"},
        {"id": "d-5", "client": "c-3", "date": "2026-10-11", "amount": "70000.00", "status": "cancelled", "credited": "h-1", "product": ""}])",
                                    "deals.json");
    f.tables.calls = parse_json_log(R"([{"operator": "op-1", "client": "pr-1", "time": "2026-10-05T09:00", "duration_sec": 600,
                                         "outcome": "meeting", "script_score": 0.90}])", "calls.json");
    const LogSet from_json = f.logs();
    REQUIRE(from_json.deals.size() == 2);
    const Deal& a = from_json.deals[0];
    const Deal& b = from_csv.deals[3];
    CHECK(a.id == b.id);
    CHECK(a.amount == b.amount);  // 1234.57 exactly
    CHECK(a.currency == b.currency);
    CHECK(a.status == b.status);
    CHECK(!a.paid);
    CHECK(a.credited.size() == 2);
    CHECK(a.credited[1].person == "h-2");
    CHECK(a.credited[1].percent == b.credited[1].percent);
    CHECK(a.row == RowRef{"deals.json", 0, true});
    CHECK(a.row.to_string() == "deals.json#/0");
    CHECK(from_json.deals[1].status == DealStatus::cancelled);
    REQUIRE(from_json.calls.size() == 1);
    CHECK(from_json.calls[0].seconds == 600);
    CHECK(from_json.calls[0].script_score == from_csv.calls[0].script_score);  // 0.90
    CHECK(describe_rows({from_json.calls[0].row, from_json.deals[1].row, from_json.deals[0].row}) == "calls.json#/0; deals.json#/0-1");
}

TEST_CASE("bad logs sections are reported with their JSON pointer", "[logs]") {
    const auto cs = test::three_tier_scheme();
    const auto [logs_json, pointer, message] = GENERATE(table<const char*, const char*, const char*>({
        {R"({"roles": {"operator": ["operator"], "hunter": ["hunter"], "farmer": ["farmer"]}, "client_groups": {"vip": {"takeaway_after_days": -1, "contacts_per_month": 2}},
            "refusal_reasons": {}, "handover": {"days_after_first_deal": 60}, "growth_base": "previous_period", "takeaway": {"to": "pool"}, "feed": {}})",
         "/logs/client_groups/vip/takeaway_after_days", "expected a whole number from 0 to 36600, got -1"},
        {R"({"roles": {"operator": ["operator"], "hunter": ["boss"], "farmer": ["farmer"]}, "client_groups": {"vip": {"takeaway_after_days": 30, "contacts_per_month": 2}},
            "refusal_reasons": {}, "handover": {"days_after_first_deal": 60}, "growth_base": "previous_period", "takeaway": {"to": "pool"}, "feed": {}})",
         "/logs/roles/hunter/0", "expected a role of scheme three_tier, got \"boss\""},
        {R"({"roles": {"operator": ["operator"], "hunter": ["hunter"], "farmer": ["farmer"]}, "client_groups": {"vip": {"takeaway_after_days": 30, "contacts_per_month": 2}},
            "refusal_reasons": {}, "handover": {"days_after_first_deal": 60}, "growth_base": "last_week", "takeaway": {"to": "pool"}, "feed": {}})",
         "/logs/growth_base", "expected \"previous_period\" or \"same_period_last_year\", got \"last_week\""},
        {R"({"roles": {"operator": ["operator"], "hunter": ["hunter"], "farmer": ["farmer"]}, "client_groups": {"vip": {"takeaway_after_days": 30, "contacts_per_month": 2}},
            "refusal_reasons": {}, "handover": {"days_after_first_deal": 60}, "growth_base": "previous_period", "takeaway": {"to": "pool"},
            "feed": {"hunter": {"revenue": "revenue_of_deals"}}})",
         "/logs/feed/hunter/revenue", ""},
        {R"({"roles": {"operator": ["operator"], "hunter": ["hunter"], "farmer": ["farmer"]}, "client_groups": {"vip": {"takeaway_after_days": 30, "contacts_per_month": 2}},
            "refusal_reasons": {}, "handover": {"days_after_first_deal": 60}, "growth_base": "previous_period", "takeaway": {"to": "pool"},
            "feed": {"hunter": {"revenu": "credited_revenue"}}})",
         "/logs/feed/hunter/revenu", "unknown input 'revenu' of scheme three_tier"},
    }));
    const std::string text = std::string(R"({"logs": )") + logs_json + "}";
    try {
        (void)load_log_rules(text, "bad.json", cs->scheme());
        FAIL("no RuleError");
    } catch (const RuleError& e) {
        REQUIRE(e.issues().size() == 1);
        CHECK(e.issues()[0].pointer == pointer);
        if (std::string(message).empty())
            CHECK(e.issues()[0].message.rfind("expected the name of a KPI derived from logs, got \"revenue_of_deals\"", 0) == 0);
        else
            CHECK(e.issues()[0].message == message);
    }
    CHECK_THROWS_AS(load_log_rules(R"({"motiv": 1})", "none.json", cs->scheme()), RuleError);
}

}  // namespace
}  // namespace motiv::logs
