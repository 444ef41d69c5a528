// A payroll run over the example department and its summary (its exports: tests/apps/export).
#include "core/payroll/payroll.hpp"

#include <catch2/catch.hpp>

#include "tests/core/support.hpp"

#include <string>
#include <vector>

#include "core/data/csv.hpp"
#include "core/data/people_table.hpp"
#include "core/errors.hpp"
#include "core/rules/loader.hpp"

using motiv::Period;
using motiv::payroll::PayrollRun;

namespace {

using motiv::test::kExample;
using motiv::test::kThreeTier;

const motiv::CompiledScheme& three_tier() {
    return *motiv::test::three_tier_scheme();
}

const PayrollRun& example_run() {
    static const PayrollRun run = [] {
        const auto period = *Period::parse("2026-10");
        const auto people = motiv::data::read_people(motiv::data::read_csv_file(kExample), three_tier(), period);
        return motiv::payroll::run(three_tier(), period, people);
    }();
    return run;
}

}  // namespace

TEST_CASE("the example payroll totals 715,977.01", "[payroll]") {
    const PayrollRun& run = example_run();
    CHECK(run.period == "2026-10");
    CHECK(run.currency == "RUB");
    CHECK(run.minor_units == 2);
    REQUIRE(run.payslips.size() == 14);
    CHECK(run.payslips.front().person == "op-01");  // input order
    CHECK(run.payslips.back().person == "f-04");
    CHECK(run.total_minor() == 71'597'701);
    // Component columns across roles, each once, in the order the rule file lists them: operator
    // (salary, bonus), hunter (salary, commission, handover_penalty), farmer (salary, bonus, no_growth_cut).
    CHECK(run.columns == std::vector<std::string>{"salary", "bonus", "commission", "handover_penalty", "no_growth_cut"});
}

TEST_CASE("by_role sums people, totals and components per role", "[payroll]") {
    const auto roles = example_run().by_role();
    REQUIRE(roles.size() == 3);
    using Components = std::vector<std::pair<std::string, std::int64_t>>;
    CHECK(roles[0].role == "farmer");
    CHECK(roles[0].people == 4);
    CHECK(roles[0].total_minor == 21'937'500);  // 53,125 + 57,500 + 52,500 + 56,250
    CHECK(roles[0].components == Components{{"salary", 20'000'000}, {"bonus", 2'500'000}, {"no_growth_cut", -562'500}});
    CHECK(roles[1].role == "hunter");
    CHECK(roles[1].people == 5);
    CHECK(roles[1].total_minor == 27'064'201);  // 110,000 + 40,000 + 25,000 + 55,641.97 + 40,000.04
    CHECK(roles[1].components == Components{{"salary", 12'500'000}, {"commission", 15'164'201}, {"handover_penalty", -600'000}});
    CHECK(roles[2].role == "operator");
    CHECK(roles[2].people == 5);
    CHECK(roles[2].total_minor == 22'596'000);  // 47,460 + 42,000 + 48,300 + 46,200 + 42,000
    CHECK(roles[2].components == Components{{"salary", 21'000'000}, {"bonus", 1'596'000}});
    CHECK(roles[0].total_minor + roles[1].total_minor + roles[2].total_minor == example_run().total_minor());
}

TEST_CASE("summary_text shows people, totals and component sums by role", "[payroll]") {
    const std::string text = motiv::payroll::summary_text(example_run());
    CHECK(text ==
          "Payroll 2026-10 (RUB)\n"
          "  role         people             total         average\n"
          "  farmer            4        219,375.00       54,843.75\n"
          "      salary                     200,000.00\n"
          "      bonus                       25,000.00\n"
          "      no_growth_cut               -5,625.00\n"
          "  hunter            5        270,642.01       54,128.40\n"
          "      salary                     125,000.00\n"
          "      commission                 151,642.01\n"
          "      handover_penalty            -6,000.00\n"
          "  operator          5        225,960.00       45,192.00\n"
          "      salary                     210,000.00\n"
          "      bonus                       15,960.00\n"
          "  all              14        715,977.01\n");
}

TEST_CASE("a payroll with a bad person fails before any output", "[payroll]") {
    const auto& s = three_tier().scheme();
    motiv::PersonInputs ok;
    ok.id = "h-1";
    ok.role = "hunter";
    ok.values.assign(s.inputs.size(), std::nullopt);
    ok.values[static_cast<std::size_t>(s.find_input("revenue") - s.inputs.data())] = motiv::Decimal::parse("1.00");
    motiv::PersonInputs missing = ok;
    missing.id = "h-2";
    missing.values.assign(s.inputs.size(), std::nullopt);
    try {
        (void)motiv::payroll::run(three_tier(), *Period::parse("2026-10"), {ok, missing});
        FAIL("expected DataError");
    } catch (const motiv::DataError& e) {
        CHECK(e.id() == "motiv.data_error.202");
        CHECK(e.issues().at(0).person == "h-2");
    }
    // A period the dated salary does not cover cannot be paid at all.
    CHECK_THROWS_AS(motiv::payroll::run(three_tier(), *Period::parse("2025-12"), {ok}), motiv::RuleError);
    // An empty table is an empty payroll.
    const PayrollRun none = motiv::payroll::run(three_tier(), *Period::parse("2026-10"), {});
    CHECK(none.total_minor() == 0);
    CHECK(none.payslips.empty());
}

TEST_CASE("a payroll whose sum would overflow is refused: eval_error.502", "[payroll]") {
    // Each payslip is 5 * 10^18 kopecks, within int64; two of them are not.
    const auto cs = motiv::CompiledScheme::compile(motiv::load_scheme(R"({
      "motiv": 1, "scheme": {"name": "big", "version": "1"}, "currency": {"code": "RUB", "minor_units": 2},
      "inputs": {"revenue": {"type": "money"}}, "parameters": {},
      "roles": {"r": {"components": [{"id": "pay", "kind": "fixed", "amount": "revenue"}]}}
    })", "big.json"));
    std::vector<motiv::PersonInputs> people(2);
    for (std::size_t k = 0; k < people.size(); ++k) {
        people[k].id = "p-" + std::to_string(k + 1);
        people[k].role = "r";
        people[k].values = {motiv::Decimal::parse("50000000000000000")};
    }
    try {
        (void)motiv::payroll::run(*cs, *Period::parse("2026-10"), people);
        FAIL("expected EvalError");
    } catch (const motiv::EvalError& e) {
        CHECK(e.id() == "motiv.eval_error.502");
        CHECK(std::string(e.what()) == "[motiv.eval_error.502] big.json payroll 2026-10: the total of all payslips is out of range (overflow)");
    }
    people.pop_back();
    CHECK(motiv::payroll::run(*cs, *Period::parse("2026-10"), people).total_minor() == 5'000'000'000'000'000'000);
}
