// Payslips from rules/three_tier.json, worked out by hand from the rule file, then the errors a
// valid scheme can still meet on valid data.
//
// Every expected amount in the table below was computed by hand from these figures (the working is
// in the comment above each row) before it was compared with the engine; for the fourteen people
// of the example department the hand totals agree with the department's published totals.
//
// The figures of rules/three_tier.json used below (read off the file):
//   operator: salary 40,000.00 from 2026-01-01, 42,000.00 from 2026-07-01.
//     gates (all needed for any bonus): calls >= 200, talk_minutes / days_worked >= 120,
//       script_compliance >= 80%.
//     targets (+1% each): calls >= 250, talk per day >= 150, meetings >= 20,
//       meetings / calls >= 15%, script_compliance >= 95%.
//     bonus = min(10% + 1% * targets, 15%) * salary, when every gate is passed.
//   hunter: salary 25,000.00; commission graduated on revenue: 5% of 0..300,000, 7% of
//     300,000..1,000,000, 10% above; penalty 2,000.00 per overdue handover (default 0), capped by
//     the commission, when overdue_handovers > 0.
//   farmer: salary 50,000.00; bonus = rate_at(volume) * salary with rates 10% from 0, 12.5% from
//     1,000,000, 15% from 2,000,000; cut = -(50% * bonus) when volume <= volume_prev.
//   Every line is rounded half_up to 0.01.
#include "core/engine/compute.hpp"

#include <catch2/catch.hpp>

#include "tests/core/support.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/io/atomic_file.hpp"
#include "core/io/sha256.hpp"
#include "core/rules/loader.hpp"

using motiv::CompiledScheme;
using motiv::Decimal;
using motiv::Payslip;
using motiv::PersonInputs;

namespace {

using motiv::test::kThreeTier;

const CompiledScheme& three_tier() { return *motiv::test::three_tier_scheme(); }

using Values = std::vector<std::pair<std::string, std::string>>;

PersonInputs person(const motiv::Scheme& s, std::string id, std::string role, const Values& values) {
    PersonInputs p;
    p.id = std::move(id);
    p.role = std::move(role);
    p.source = "people.csv";
    p.line = 7;
    p.values.assign(s.inputs.size(), std::nullopt);
    for (const auto& [name, text] : values) {
        const motiv::InputDecl* in = s.find_input(name);
        REQUIRE(in);
        const auto v = Decimal::parse(text);
        REQUIRE(v);
        p.values[static_cast<std::size_t>(in - s.inputs.data())] = v;
    }
    return p;
}

Payslip pay(const std::string& id, const std::string& role, const std::string& period, const Values& values) {
    return motiv::compute_payslip(three_tier(), *motiv::Period::parse(period), person(three_tier().scheme(), id, role, values));
}

struct PayCase {
    std::string id;  // the example person, or a name for an edge case
    std::string role;
    std::string period;
    Values inputs;
    std::vector<std::pair<std::string, std::string>> lines;  // component -> amount, payslip order
    std::string total;
    std::vector<std::string> not_applied;  // components whose `when` did not hold
};

Values op(const char* calls, const char* talk, const char* days, const char* meetings, const char* script) {
    return {{"calls", calls}, {"talk_minutes", talk}, {"days_worked", days}, {"meetings", meetings}, {"script_compliance", script}};
}
Values hunter(const char* revenue, const char* overdue) {
    if (overdue[0] == '\0') return {{"revenue", revenue}};  // left empty: the default 0
    return {{"revenue", revenue}, {"overdue_handovers", overdue}};
}
Values farmer(const char* volume, const char* prev) { return {{"volume", volume}, {"volume_prev", prev}}; }

const std::vector<PayCase> kCases = {
    // ---- every person of examples/department/people_2026-10.csv (period 2026-10: salary 42,000.00)
    // op-01: 260 calls >= 200; 2880 / 22 = 130.9 min/day >= 120; 96% >= 80%: gates passed.
    //   targets: 260 >= 250 yes; 130.9 >= 150 no; 25 >= 20 yes; 25 / 260 = 9.6% no; 96% >= 95% yes
    //   = 3 -> 13%; bonus 13% * 42,000.00 = 5,460.00; total 47,460.00.
    {"op-01", "operator", "2026-10", op("260", "2880", "22", "25", "0.96"), {{"salary", "42000.00"}, {"bonus", "5460.00"}}, "47460.00", {}},
    // op-02: 180 calls < 200: no bonus; total 42,000.00.
    {"op-02", "operator", "2026-10", op("180", "2700", "21", "12", "0.90"), {{"salary", "42000.00"}, {"bonus", "0.00"}}, "42000.00", {"bonus"}},
    // op-03: 300 calls; 3520 / 22 = 160 min/day; 97%: gates passed. targets: 300 >= 250, 160 >= 150,
    //   46 >= 20, 46 / 300 = 15.3% >= 15%, 97% >= 95% = 5 -> 10% + 5% = 15% (= the cap);
    //   bonus 15% * 42,000.00 = 6,300.00; total 48,300.00.
    {"op-03", "operator", "2026-10", op("300", "3520", "22", "46", "0.97"), {{"salary", "42000.00"}, {"bonus", "6300.00"}}, "48300.00", {}},
    // op-04: 220 calls; 2520 / 21 = 120 min/day exactly (passes); 85%: gates passed. targets: none
    //   (220 < 250, 120 < 150, 18 < 20, 18 / 220 = 8.2%, 85% < 95%) -> 10%; bonus 4,200.00; total 46,200.00.
    {"op-04", "operator", "2026-10", op("220", "2520", "21", "18", "0.85"), {{"salary", "42000.00"}, {"bonus", "4200.00"}}, "46200.00", {}},
    // op-05: 79% < 80% script compliance: no bonus despite 36 meetings; total 42,000.00.
    {"op-05", "operator", "2026-10", op("240", "2860", "22", "36", "0.79"), {{"salary", "42000.00"}, {"bonus", "0.00"}}, "42000.00", {"bonus"}},
    // h-01: 300,000 * 5% = 15,000 + 700,000 * 7% = 49,000 + 250,000 * 10% = 25,000 -> 89,000.00;
    //   penalty 2 * 2,000.00 = 4,000.00 (under the 89,000.00 cap); 25,000 + 89,000 - 4,000 = 110,000.00.
    {"h-01", "hunter", "2026-10", hunter("1250000.00", "2"),
     {{"salary", "25000.00"}, {"commission", "89000.00"}, {"handover_penalty", "-4000.00"}}, "110000.00", {}},
    // h-02: 300,000 * 5% = 15,000.00; nothing overdue; total 40,000.00.
    {"h-02", "hunter", "2026-10", hunter("300000.00", "0"),
     {{"salary", "25000.00"}, {"commission", "15000.00"}, {"handover_penalty", "0.00"}}, "40000.00", {"handover_penalty"}},
    // h-03: 40,000 * 5% = 2,000.00; penalty 4,000.00 capped by the commission at 2,000.00; total 25,000.00.
    {"h-03", "hunter", "2026-10", hunter("40000.00", "2"),
     {{"salary", "25000.00"}, {"commission", "2000.00"}, {"handover_penalty", "-2000.00"}}, "25000.00", {}},
    // h-04: 15,000 + 223,456.78 * 7% = 15,641.9746 -> 30,641.9746, rounded half_up 30,641.97; total 55,641.97.
    {"h-04", "hunter", "2026-10", hunter("523456.78", "0"),
     {{"salary", "25000.00"}, {"commission", "30641.97"}, {"handover_penalty", "0.00"}}, "55641.97", {"handover_penalty"}},
    // h-05: 15,000 + 0.50 * 7% = 15,000.035, a tie, half_up -> 15,000.04; overdue left empty = 0;
    //   total 40,000.04.
    {"h-05", "hunter", "2026-10", hunter("300000.50", ""),
     {{"salary", "25000.00"}, {"commission", "15000.04"}, {"handover_penalty", "0.00"}}, "40000.04", {"handover_penalty"}},
    // f-01: 1,250,000 reaches 12.5%: 6,250.00; 1,250,000 <= 1,300,000 (shrank): cut 50% = 3,125.00;
    //   50,000 + 6,250 - 3,125 = 53,125.00.
    {"f-01", "farmer", "2026-10", farmer("1250000.00", "1300000.00"),
     {{"salary", "50000.00"}, {"bonus", "6250.00"}, {"no_growth_cut", "-3125.00"}}, "53125.00", {}},
    // f-02: 2,400,000 reaches 15%: 7,500.00; grew: no cut; total 57,500.00.
    {"f-02", "farmer", "2026-10", farmer("2400000.00", "2100000.00"),
     {{"salary", "50000.00"}, {"bonus", "7500.00"}, {"no_growth_cut", "0.00"}}, "57500.00", {"no_growth_cut"}},
    // f-03: 800,000 -> 10%: 5,000.00; flat (800,000 <= 800,000): cut 2,500.00; total 52,500.00.
    {"f-03", "farmer", "2026-10", farmer("800000.00", "800000.00"),
     {{"salary", "50000.00"}, {"bonus", "5000.00"}, {"no_growth_cut", "-2500.00"}}, "52500.00", {}},
    // f-04: 1,000,000 is the tier's own threshold (inclusive): 12.5% -> 6,250.00; grew; total 56,250.00.
    {"f-04", "farmer", "2026-10", farmer("1000000.00", "900000.00"),
     {{"salary", "50000.00"}, {"bonus", "6250.00"}, {"no_growth_cut", "0.00"}}, "56250.00", {"no_growth_cut"}},

    // ---- hunter tier edges (nothing overdue)
    // 299,999.99 * 5% = 14,999.9995 -> half_up 15,000.00.
    {"tier 1 top", "hunter", "2026-10", hunter("299999.99", "0"),
     {{"salary", "25000.00"}, {"commission", "15000.00"}, {"handover_penalty", "0.00"}}, "40000.00", {"handover_penalty"}},
    // 300,000.00: all of it in tier 1 -> 15,000.00 exactly.
    {"tier 2 threshold", "hunter", "2026-10", hunter("300000.00", "0"),
     {{"salary", "25000.00"}, {"commission", "15000.00"}, {"handover_penalty", "0.00"}}, "40000.00", {"handover_penalty"}},
    // 300,000.01: 15,000 + 0.01 * 7% = 15,000.0007 -> 15,000.00.
    {"just into tier 2", "hunter", "2026-10", hunter("300000.01", "0"),
     {{"salary", "25000.00"}, {"commission", "15000.00"}, {"handover_penalty", "0.00"}}, "40000.00", {"handover_penalty"}},
    // 1,000,000.00: 15,000 + 700,000 * 7% = 64,000.00; tier 3 adds nothing yet.
    {"tier 3 threshold", "hunter", "2026-10", hunter("1000000.00", "0"),
     {{"salary", "25000.00"}, {"commission", "64000.00"}, {"handover_penalty", "0.00"}}, "89000.00", {"handover_penalty"}},
    // 1,000,100.00: 64,000 + 100 * 10% = 64,010.00.
    {"into tier 3", "hunter", "2026-10", hunter("1000100.00", "0"),
     {{"salary", "25000.00"}, {"commission", "64010.00"}, {"handover_penalty", "0.00"}}, "89010.00", {"handover_penalty"}},
    // No revenue, one overdue client: the 2,000.00 penalty is capped by a zero commission. The
    // condition holds (applied), the line is 0.00.
    {"penalty capped to zero", "hunter", "2026-10", hunter("0", "1"),
     {{"salary", "25000.00"}, {"commission", "0.00"}, {"handover_penalty", "0.00"}}, "25000.00", {}},

    // ---- operator gates exactly at their thresholds (200 calls, 2400 / 20 = 120 min/day, 80%):
    //   all pass; no target met -> 10% * 42,000.00 = 4,200.00.
    {"gates at threshold", "operator", "2026-10", op("200", "2400", "20", "10", "0.80"), {{"salary", "42000.00"}, {"bonus", "4200.00"}}, "46200.00", {}},
    // 199 calls, everything else passing: no bonus.
    {"calls 199", "operator", "2026-10", op("199", "2400", "20", "10", "0.80"), {{"salary", "42000.00"}, {"bonus", "0.00"}}, "42000.00", {"bonus"}},
    // 2399 / 20 = 119.95 min/day: no bonus.
    {"talk 119.95 per day", "operator", "2026-10", op("200", "2399", "20", "10", "0.80"), {{"salary", "42000.00"}, {"bonus", "0.00"}}, "42000.00", {"bonus"}},
    // No days worked: talk per day is 0 by the formula's guard, not a division by zero; gate fails.
    {"no days worked", "operator", "2026-10", op("200", "2400", "0", "10", "0.80"), {{"salary", "42000.00"}, {"bonus", "0.00"}}, "42000.00", {"bonus"}},
    // Targets exactly met: 3300 / 22 = 150 min/day, 20 meetings, 95%; 20 / 260 = 7.7% misses,
    //   260 >= 250 -> 4 targets -> 14% * 42,000.00 = 5,880.00.
    {"targets at threshold", "operator", "2026-10", op("260", "3300", "22", "20", "0.95"), {{"salary", "42000.00"}, {"bonus", "5880.00"}}, "47880.00", {}},
    // Effectiveness exactly 15%: 30 / 200 = 0.15 (exact), plus 30 >= 20 -> 2 targets -> 12% = 5,040.00.
    {"effectiveness at 15%", "operator", "2026-10", op("200", "2400", "20", "30", "0.80"), {{"salary", "42000.00"}, {"bonus", "5040.00"}}, "47040.00", {}},

    // ---- the dated salary: op-01's KPIs (13%) before and after the July raise
    // 2026-06: 40,000.00 + 13% = 5,200.00 -> 45,200.00.
    {"op-01 in June", "operator", "2026-06", op("260", "2880", "22", "25", "0.96"), {{"salary", "40000.00"}, {"bonus", "5200.00"}}, "45200.00", {}},
    // 2026-07: 42,000.00 + 5,460.00 = 47,460.00.
    {"op-01 in July", "operator", "2026-07", op("260", "2880", "22", "25", "0.96"), {{"salary", "42000.00"}, {"bonus", "5460.00"}}, "47460.00", {}},

    // ---- farmer growth edges
    // volume == previous (1,500,000.00): no growth -> 12.5% = 6,250.00, cut 3,125.00.
    {"volume equals previous", "farmer", "2026-10", farmer("1500000.00", "1500000.00"),
     {{"salary", "50000.00"}, {"bonus", "6250.00"}, {"no_growth_cut", "-3125.00"}}, "53125.00", {}},
    // one kopeck more than previous: growth, no cut.
    {"volume one kopeck up", "farmer", "2026-10", farmer("1500000.01", "1500000.00"),
     {{"salary", "50000.00"}, {"bonus", "6250.00"}, {"no_growth_cut", "0.00"}}, "56250.00", {"no_growth_cut"}},
    // 999,999.99 stays at 10%: 5,000.00.
    {"volume just under 1M", "farmer", "2026-10", farmer("999999.99", "0"),
     {{"salary", "50000.00"}, {"bonus", "5000.00"}, {"no_growth_cut", "0.00"}}, "55000.00", {"no_growth_cut"}},
    // 2,000,000.00 reaches 15% = 7,500.00, but did not grow: cut 3,750.00.
    {"volume at 2M, flat", "farmer", "2026-10", farmer("2000000.00", "2000000.00"),
     {{"salary", "50000.00"}, {"bonus", "7500.00"}, {"no_growth_cut", "-3750.00"}}, "53750.00", {}},
};

}  // namespace

TEST_CASE("three_tier payslips, worked out by hand", "[compute]") {
    const PayCase c = GENERATE(from_range(kCases));
    CAPTURE(c.id, c.period);
    const Payslip p = pay(c.id, c.role, c.period, c.inputs);

    std::vector<std::pair<std::string, std::string>> lines;
    for (const auto& l : p.lines) lines.emplace_back(l.component, l.amount.to_string_fixed(2));
    CHECK(lines == c.lines);
    CHECK(p.total.to_string_fixed(2) == c.total);

    // The lines add up to the total exactly, in minor units and as decimals.
    const std::int64_t sum = std::accumulate(p.lines.begin(), p.lines.end(), std::int64_t{0}, [](std::int64_t s, const auto& l) { return s + l.minor; });
    CHECK(p.total_minor == sum);
    CHECK(Decimal::from_minor(p.total_minor, 2) == p.total);
    for (const auto& l : p.lines) {
        CAPTURE(l.component);
        CHECK(Decimal::from_minor(l.minor, 2) == l.amount);
        const bool applied = std::find(c.not_applied.begin(), c.not_applied.end(), l.component) == c.not_applied.end();
        CHECK(l.applied == applied);
        if (!l.applied) CHECK(l.minor == 0);
    }

    CHECK(p.person == c.id);
    CHECK(p.role == c.role);
    CHECK(p.period == c.period);
    CHECK(p.scheme == "three_tier");
    CHECK(p.version == "2026.2");
    CHECK(p.currency == "RUB");
    CHECK(p.minor_units == 2);
}

TEST_CASE("the example department totals 715,977.01", "[compute]") {
    // The first fourteen rows of the table are the people of the example CSV.
    const std::vector<std::string> ids = {"op-01", "op-02", "op-03", "op-04", "op-05", "h-01", "h-02",
                                          "h-03", "h-04", "h-05", "f-01", "f-02", "f-03", "f-04"};
    std::map<std::string, std::int64_t> by_role;
    std::int64_t total = 0;
    for (std::size_t k = 0; k < ids.size(); ++k) {
        const PayCase& c = kCases.at(k);
        REQUIRE(c.id == ids[k]);
        const std::int64_t t = pay(c.id, c.role, c.period, c.inputs).total_minor;
        by_role[c.role] += t;
        total += t;
    }
    CHECK(by_role == std::map<std::string, std::int64_t>{{"farmer", 21'937'500}, {"hunter", 27'064'201}, {"operator", 22'596'000}});
    CHECK(total == 71'597'701);
}

TEST_CASE("a new joiner's salary is prorated by working days, and says so", "[compute][proration]") {
    // October 2026 has 22 working days (1-2, 5-9, 12-16, 19-23, 26-30; no holiday). From Monday the
    // 19th: 10 of them. 10 / 22 = 0.454545455 (9 places, half-even) x 42,000.00 = 19,090.90911
    // -> 19,090.91. The bonus is 13% of the salary line (op-01's KPIs): 2,481.8183 -> 2,481.82.
    motiv::PersonInputs p = person(three_tier().scheme(), "op-new", "operator", op("260", "1300", "10", "25", "0.96"));
    p.start = motiv::parse_iso_date("2026-10-19");
    const Payslip slip = motiv::compute_payslip(three_tier(), *motiv::Period::parse("2026-10"), p);
    REQUIRE(slip.line("salary"));
    CHECK(slip.line("salary")->amount.to_string_fixed(2) == "19090.91");
    CHECK(slip.line("bonus")->amount.to_string_fixed(2) == "2481.82");
    CHECK(slip.total.to_string_fixed(2) == "21572.73");
    CHECK(slip.line("salary")->summary ==
          "salary = (operator.salary 42,000.00) * prorata 45.4545455% (10 of 22 working days, 2026-10-19 to 2026-10-31) = 19,090.90911 "
          "-> rounded half_up to 0.01 = 19,090.91");
    // A leaver on Friday 9 October: 1-2, 5-9 = 7 of 22; 7 / 22 = 0.318181818 x 42,000 = 13,363.636356 -> 13,363.64.
    p.start.reset();
    p.end = motiv::parse_iso_date("2026-10-09");
    CHECK(motiv::compute_payslip(three_tier(), *motiv::Period::parse("2026-10"), p).line("salary")->amount.to_string_fixed(2) == "13363.64");
}

TEST_CASE("a line's summary shows the values it was computed from", "[compute][explain]") {
    const auto [name, role, inputs, component, expected] = GENERATE(table<std::string, std::string, Values, std::string, std::string>({
        {"graduated commission", "hunter", hunter("1250000.00", "2"), "commission",
         "commission = graduated(hunter.commission.tiers, revenue 1,250,000.00, quota hunter.quota 1,000,000.00) = 89,000.00"},
        {"a penalty under its cap", "hunter", hunter("1250000.00", "2"), "handover_penalty",
         "handover_penalty = -(overdue_handovers 2 * hunter.handover.penalty_per_client 2,000.00) = -4,000.00 (when overdue_handovers 2 > 0: true)"},
        {"a penalty bounded by its cap", "hunter", hunter("40000.00", "2"), "handover_penalty",
         "handover_penalty = -(overdue_handovers 2 * hunter.handover.penalty_per_client 2,000.00) = -4,000.00 -> bounded by cap commission 2,000.00 "
         "= -2,000.00 (when overdue_handovers 2 > 0: true)"},
        // A zero penalty reads 0.00, never -0.00.
        {"a penalty not applied", "hunter", hunter("300000.00", "0"), "handover_penalty",
         "handover_penalty = -(overdue_handovers 0 * hunter.handover.penalty_per_client 2,000.00) = 0.00; not applied, line = 0.00 "
         "(when overdue_handovers 0 > 0: false)"},
        {"a penalty capped to zero", "hunter", hunter("0", "1"), "handover_penalty",
         "handover_penalty = -(overdue_handovers 1 * hunter.handover.penalty_per_client 2,000.00) = -2,000.00 -> bounded by cap commission 0.00 "
         "= 0.00 (when overdue_handovers 1 > 0: true)"},
        {"a rounded line", "hunter", hunter("523456.78", "0"), "commission",
         "commission = graduated(hunter.commission.tiers, revenue 523,456.78, quota hunter.quota 1,000,000.00) = 30,641.9746 -> rounded half_up to 0.01 = 30,641.97"},
        {"a percent of a tier rate", "farmer", farmer("1250000.00", "1300000.00"), "bonus",
         "bonus = rate_at(farmer.bonus.rate_by_volume, volume 1,250,000.00) * salary 50,000.00 = 6,250.00"},
        {"a cut of another line", "farmer", farmer("1250000.00", "1300000.00"), "no_growth_cut",
         "no_growth_cut = -(farmer.cut.no_growth 50% * bonus 6,250.00) = -3,125.00 (when volume 1,250,000.00 <= volume_prev 1,300,000.00: true)"},
        {"a gate not passed", "operator", op("180", "2700", "21", "12", "0.90"), "bonus",
         "bonus = bonus_rate 0.1 * salary 42,000.00 = 4,200.00; not applied, line = 0.00 (when gates_passed false: false)"},
        {"a fixed line", "operator", op("180", "2700", "21", "12", "0.90"), "salary", "salary = operator.salary 42,000.00 = 42,000.00"},
    }));
    CAPTURE(name);
    const Payslip p = pay("x-1", role, "2026-10", inputs);
    const motiv::PayLine* l = p.line(component);
    REQUIRE(l);
    CHECK(l->summary == expected);
    CHECK(l->explanation.detail == expected);
    CHECK(l->explanation.label == component);
}

TEST_CASE("explanations name the rule each value comes from", "[compute][explain]") {
    const Payslip p = pay("h-01", "hunter", "2026-10", hunter("1250000.00", "2"));
    const motiv::PayLine* l = p.line("commission");
    REQUIRE(l);
    CHECK(l->pointer == "/roles/hunter/components/1");
    CHECK(l->kind == "commission");
    CHECK(l->label == "Commission on deals");
    const motiv::Explanation& e = l->explanation;
    CHECK(e.value == "89,000.00");
    REQUIRE(e.children.size() == 4);  // base, quota, the tier table, rounding
    CHECK(e.children[0].label == "base");
    CHECK(e.children[0].pointer == "/roles/hunter/components/1/base");
    REQUIRE(e.children[0].children.size() == 1);
    CHECK(e.children[0].children[0].pointer == "/inputs/revenue");
    CHECK(e.children[0].children[0].value == "1,250,000.00");
    CHECK(e.children[1].label == "quota");
    CHECK(e.children[1].value == "1,000,000.00");
    const motiv::Explanation& tiers = e.children[2];
    CHECK(tiers.label == "hunter.commission.tiers");
    CHECK(tiers.pointer == "/parameters/hunter.commission.tiers");
    CHECK(tiers.value == "tier 3 reached");
    REQUIRE(tiers.children.size() == 3);
    // Thresholds by attainment, with the amount each is of the 1,000,000.00 quota.
    CHECK(tiers.children[0].label == "tier 1: from 0% of quota (0.00) to 30% of quota (300,000.00) at 5%");
    CHECK(tiers.children[0].value == "15,000.00");
    CHECK(tiers.children[1].detail == "700,000.00 * 7%");
    CHECK(tiers.children[1].value == "49,000.00");
    CHECK(tiers.children[2].label == "tier 3: from 100% of quota (1,000,000.00) and above at 10%");
    CHECK(tiers.children[2].value == "25,000.00");
    CHECK(e.children[3].label == "rounding");
    CHECK(e.children[3].formula == "half_up to 0.01");

    // A role variable is expanded into its own derivation.
    const Payslip o = pay("op-01", "operator", "2026-10", op("260", "2880", "22", "25", "0.96"));
    const motiv::Explanation& when = o.line("bonus")->explanation.children.at(0);
    CHECK(when.label == "when");
    CHECK(when.value == "true");
    REQUIRE(when.children.size() == 1);
    CHECK(when.children[0].label == "gates_passed");
    CHECK(when.children[0].pointer == "/roles/operator/variables/gates_passed");
    CHECK_FALSE(when.children[0].children.empty());
    const std::string text = o.to_text(true);
    CHECK_THAT(text, Catch::Contains("talk_per_day"));
    CHECK_THAT(text, Catch::Contains("47,460.00 RUB"));
}

TEST_CASE("Payslip::to_json names the exact rules it was computed with", "[compute][json]") {
    const Payslip p = pay("h-01", "hunter", "2026-10", hunter("1250000.00", "2"));
    const nlohmann::json j = p.to_json();
    CHECK(j.at("person") == "h-01");
    CHECK(j.at("role") == "hunter");
    CHECK(j.at("period") == "2026-10");
    CHECK(j.at("currency") == "RUB");
    CHECK(j.at("scheme").at("name") == "three_tier");
    CHECK(j.at("scheme").at("version") == "2026.2");
    CHECK(j.at("scheme").at("sha256") == motiv::io::sha256_hex(motiv::io::read_file(kThreeTier)));
    CHECK(j.at("scheme").at("sha256").get<std::string>().size() == 64);
    CHECK(j.at("total") == "110000.00");
    CHECK(j.at("total_minor") == 11'000'000);
    CHECK(j.at("inputs") == nlohmann::json{{"overdue_handovers", "2"}, {"prorata", "1"}, {"revenue", "1250000"}});
    const auto& lines = j.at("lines");
    REQUIRE(lines.size() == 3);
    CHECK(lines[1].at("component") == "commission");
    CHECK(lines[1].at("amount") == "89000.00");
    CHECK(lines[1].at("amount_minor") == 8'900'000);
    CHECK(lines[1].at("applied") == true);
    CHECK(lines[1].at("kind") == "commission");
    CHECK(lines[1].at("pointer") == "/roles/hunter/components/1");
    CHECK(lines[2].at("amount") == "-4000.00");
    CHECK(lines[2].at("summary").get<std::string>().find("-4,000.00") != std::string::npos);
    CHECK(lines[1].at("explanation").at("label") == "commission");
    CHECK(lines[1].at("explanation").at("children").size() == 4);
}

TEST_CASE("inputs a role needs must be given: data_error.202 per missing input", "[compute][errors]") {
    try {
        (void)pay("op-9", "operator", "2026-10", {{"calls", "250"}, {"talk_minutes", "3000"}, {"script_compliance", "0.9"}});
        FAIL("expected DataError");
    } catch (const motiv::DataError& e) {
        CHECK(e.id() == "motiv.data_error.202");
        REQUIRE(e.issues().size() == 2);  // both missing inputs, together
        const motiv::Issue& i = e.issues()[0];
        CHECK(i.person == "op-9");
        CHECK(i.field == "days_worked");
        CHECK(i.file == "people.csv");
        CHECK(i.line == 7);
        CHECK(i.message == "missing required input 'days_worked' (count) for role operator");
        CHECK(e.issues()[1].field == "meetings");
        CHECK_THAT(std::string(e.what()), Catch::Contains("person 'op-9'") && Catch::Contains("'meetings'"));
    }
    // An input with a default may be left out; one the role never reads is not needed.
    CHECK(pay("h-9", "hunter", "2026-10", {{"revenue", "0"}}).total_minor == 2'500'000);
}

TEST_CASE("an unknown role is data_error.201 naming the person and the roles there are", "[compute][errors]") {
    try {
        (void)pay("x-1", "closer", "2026-10", {});
        FAIL("expected DataError");
    } catch (const motiv::DataError& e) {
        REQUIRE(e.issues().size() == 1);
        const motiv::Issue& i = e.issues()[0];
        CHECK(i.id == "motiv.data_error.201");
        CHECK(i.person == "x-1");
        CHECK(i.field == "role");
        CHECK(i.message == "unknown role 'closer'; the scheme has: operator, hunter, farmer");
    }
}

TEST_CASE("PersonInputs must hold one value per scheme input", "[compute][errors]") {
    PersonInputs p = person(three_tier().scheme(), "h-1", "hunter", {{"revenue", "1"}});
    p.values.pop_back();
    CHECK_THROWS_AS(motiv::compute_payslip(three_tier(), *motiv::Period::parse("2026-10"), p), std::invalid_argument);
}

namespace {

// A one-role scheme ("r") over inputs revenue (money), calls and meetings (counts).
std::shared_ptr<const CompiledScheme> custom(const std::string& variables, const std::string& components) {
    const std::string text = R"({
  "motiv": 1, "scheme": {"name": "custom", "version": "0"}, "currency": {"code": "RUB", "minor_units": 2},
  "inputs": {"revenue": {"type": "money"}, "calls": {"type": "count"}, "meetings": {"type": "count"}},
  "parameters": {},
  "roles": {"r": {"variables": )" + variables + R"(, "components": )" + components + "}}\n}";
    return CompiledScheme::compile(motiv::load_scheme(text, "custom.json"));
}

Payslip pay_custom(const CompiledScheme& cs, const Values& values) {
    return motiv::compute_payslip(cs, *motiv::Period::parse("2026-10"), person(cs.scheme(), "p-1", "r", values));
}

}  // namespace

TEST_CASE("evaluation errors name the person, the component and the formula", "[compute][errors]") {
    const auto [name, variables, components, values, id, message] = GENERATE(table<std::string, std::string, std::string, Values, std::string, std::string>({
        {"division by zero", "{}", R"([{"id": "per_call", "kind": "formula", "amount": "revenue / calls"}])",
         {{"revenue", "1000.00"}, {"calls", "0"}}, "motiv.eval_error.501",
         "[motiv.eval_error.501] custom.json (/roles/r/components/0) person 'p-1': component 'per_call' cannot be computed: division by zero "
         "in 'revenue / calls' (/roles/r/components/0/amount)"},
        {"division by zero inside a larger formula", "{}", R"([{"id": "x", "kind": "formula", "amount": "100.00 + revenue / calls * 2"}])",
         {{"revenue", "1000.00"}, {"calls", "0"}}, "motiv.eval_error.501",
         "[motiv.eval_error.501] custom.json (/roles/r/components/0) person 'p-1': component 'x' cannot be computed: division by zero "
         "in 'revenue / calls' (/roles/r/components/0/amount: 100.00 + revenue / calls * 2)"},
        {"division by zero in a variable", R"({"effectiveness": "meetings / calls"})",
         R"([{"id": "bonus", "kind": "fixed", "amount": "1000.00", "when": "effectiveness > 0.1"}])",
         {{"meetings", "3"}, {"calls", "0"}}, "motiv.eval_error.501",
         "[motiv.eval_error.501] custom.json (/roles/r/components/0) person 'p-1': component 'bonus' cannot be computed: division by zero "
         "in 'meetings / calls' (/roles/r/variables/effectiveness)"},
        {"division by zero in another component", "{}",
         R"([{"id": "a", "kind": "formula", "amount": "revenue / calls"}, {"id": "b", "kind": "percent", "rate": "10%", "of": "a"}])",
         {{"revenue", "1.00"}, {"calls", "0"}}, "motiv.eval_error.501",
         "[motiv.eval_error.501] custom.json (/roles/r/components/0) person 'p-1': component 'a' cannot be computed: division by zero "
         "in 'revenue / calls' (/roles/r/components/0/amount)"},
        // 10^18 * 10^12 = 10^30 exceeds Decimal's range (1.7e29).
        {"overflow in a formula", "{}", R"([{"id": "big", "kind": "formula", "amount": "revenue * 1000000000000"}])",
         {{"revenue", "1000000000000000000"}}, "motiv.eval_error.502",
         "[motiv.eval_error.502] custom.json (/roles/r/components/0) person 'p-1': component 'big' cannot be computed: amount out of range (overflow) "
         "in 'revenue * 1000000000000' (/roles/r/components/0/amount)"},
        // 10^17 is a Decimal, but 10^19 kopecks is not an int64.
        {"a line beyond int64 kopecks", "{}", R"([{"id": "big", "kind": "fixed", "amount": "revenue"}])",
         {{"revenue", "100000000000000000"}}, "motiv.eval_error.502",
         "[motiv.eval_error.502] custom.json (/roles/r/components/0) person 'p-1': component 'big' is out of range (overflow)"},
        // Each line fits (5 * 10^18 kopecks), their sum does not.
        {"a total beyond int64 kopecks", "{}",
         R"([{"id": "a", "kind": "fixed", "amount": "revenue"}, {"id": "b", "kind": "fixed", "amount": "revenue"}])",
         {{"revenue", "50000000000000000"}}, "motiv.eval_error.502",
         "[motiv.eval_error.502] custom.json (/roles/r/components/1) person 'p-1': the payslip total is out of range (overflow)"},
    }));
    CAPTURE(name);
    const auto cs = custom(variables, components);
    try {
        (void)pay_custom(*cs, values);
        FAIL("expected EvalError");
    } catch (const motiv::EvalError& e) {
        CHECK(e.id() == id);
        CHECK(std::string(e.what()) == message);
        CHECK_THAT(message, Catch::Contains("(" + e.pointer() + ")"));
    }
}

TEST_CASE("a guarded division by zero is no error", "[compute][errors]") {
    const auto [name, variables, components, values, total] = GENERATE(table<std::string, std::string, std::string, Values, std::string>({
        // if() keeps the fault of the branch it does not take to itself.
        {"guarded by if", R"j({"effectiveness": "if(calls > 0, meetings / calls, 0)"})j",
         R"([{"id": "bonus", "kind": "fixed", "amount": "1000.00", "when": "effectiveness >= 0"}])", {{"meetings", "3"}, {"calls", "0"}}, "1000.00"},
        {"guarded by if, taken", R"j({"effectiveness": "if(calls > 0, meetings / calls, 0)"})j",
         R"([{"id": "bonus", "kind": "formula", "amount": "revenue * effectiveness"}])", {{"meetings", "3"}, {"calls", "4"}, {"revenue", "100.00"}}, "75.00"},
        // A line whose `when` is false is zero, whatever its formula would have done.
        {"guarded by when", "{}", R"([{"id": "per_call", "kind": "formula", "amount": "revenue / calls", "when": "calls > 0"}])",
         {{"revenue", "1000.00"}, {"calls", "0"}}, "0.00"},
        // `and` settles on a false operand.
        {"guarded by and", "{}", R"([{"id": "x", "kind": "fixed", "amount": "1.00", "when": "calls > 0 and meetings / calls > 0.1"}])",
         {{"meetings", "3"}, {"calls", "0"}}, "0.00"},
    }));
    CAPTURE(name);
    const auto cs = custom(variables, components);
    Payslip p;
    REQUIRE_NOTHROW(p = pay_custom(*cs, values));
    CHECK(p.total.to_string_fixed(2) == total);
}

TEST_CASE("a component's own rounding and bounds apply once, in order", "[compute]") {
    // 1,234.56 * 3.3% = 40.74048 in each line. Cap and floor bound the amount before its one
    // rounding: a: floor to tens -> 40.00; b: min(40.74048, 35.00) = 35.00, floor to tens -> 30.00;
    // c: max(40.74048, 50.00) = 50.00; d: to the nearest 0.05 (814.8096 steps -> 815) = 40.75.
    const auto cs = custom("{}", R"([
        {"id": "a", "kind": "percent", "rate": "3.3%", "of": "revenue", "rounding": {"mode": "floor", "step": "10"}},
        {"id": "b", "kind": "percent", "rate": "3.3%", "of": "revenue", "cap": "35.00", "rounding": {"mode": "floor", "step": "10"}},
        {"id": "c", "kind": "percent", "rate": "3.3%", "of": "revenue", "floor": "50.00"},
        {"id": "d", "kind": "percent", "rate": "3.3%", "of": "revenue", "rounding": {"mode": "half_even", "step": "0.05"}}
    ])");
    const Payslip p = pay_custom(*cs, {{"revenue", "1234.56"}});
    CHECK(p.line("a")->amount.to_string_fixed(2) == "40.00");
    CHECK(p.line("b")->amount.to_string_fixed(2) == "30.00");
    CHECK(p.line("c")->amount.to_string_fixed(2) == "50.00");  // raised by the floor
    CHECK(p.line("d")->amount.to_string_fixed(2) == "40.75");  // 40.74048 to the nearest 0.05
    CHECK(p.total_minor == 4000 + 3000 + 5000 + 4075);
}

TEST_CASE("compute_payslip gives the same payslip from a period or from bound parameters", "[compute]") {
    const auto& cs = three_tier();
    const auto bound = cs.bind(*motiv::Period::parse("2026-10"));
    const PersonInputs h = person(cs.scheme(), "h-04", "hunter", hunter("523456.78", "0"));
    CHECK(motiv::compute_payslip(cs, bound, h).to_json() == motiv::compute_payslip(cs, *motiv::Period::parse("2026-10"), h).to_json());
}

TEST_CASE("format_value shows money, ratios, numbers and conditions for people", "[compute][explain]") {
    using motiv::Kind;
    using motiv::expr::ValueType;
    const auto [value, type, kind, expected] = GENERATE(table<std::string, ValueType, Kind, std::string>({
        {"1250000", ValueType::money, Kind::money, "1,250,000.00"},
        {"-4000", ValueType::money, Kind::money, "-4,000.00"},
        {"30641.9746", ValueType::money, Kind::money, "30,641.9746"},
        {"0.125", ValueType::number, Kind::ratio, "12.5%"},
        {"0.15", ValueType::number, Kind::ratio, "15%"},
        {"130.909090909", ValueType::number, Kind::number, "130.909090909"},
        {"200", ValueType::number, Kind::count, "200"},
        {"1", ValueType::boolean, Kind::number, "true"},
        {"0", ValueType::boolean, Kind::number, "false"},
    }));
    CAPTURE(value);
    CHECK(motiv::format_value(*Decimal::parse(value), type, kind, 2) == expected);
}
