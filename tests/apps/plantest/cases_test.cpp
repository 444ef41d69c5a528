// Plan tests as data: every rule file in rules/ ships with a cases file, and all its cases pass;
// a wrong expectation is reported as a difference naming the line, both amounts and the gap.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "core/errors.hpp"
#include "apps/plantest/cases.hpp"

using namespace motiv;
namespace fs = std::filesystem;

TEST_CASE("every rule file in rules/ ships with passing cases", "[plan][cases]") {
    std::size_t files = 0;
    for (const auto& dir : {fs::path(MOTIV_SOURCE_DIR) / "rules", fs::path(MOTIV_SOURCE_DIR) / "rules" / "examples"}) {
        for (const auto& e : fs::directory_iterator(dir)) {
            const std::string p = e.path().string();
            if (e.path().extension() != ".json" || p.find(".cases.json") != std::string::npos) continue;
            INFO(p);
            const std::string cases = plantest::default_cases_path(p);
            REQUIRE(fs::exists(cases));
            const auto report = plantest::run_cases(p, cases);
            for (const auto& r : report.results) {
                INFO(r.name);
                for (const auto& d : r.differences) INFO(d);
                CHECK(r.passed);
            }
            CHECK(!report.results.empty());
            ++files;
        }
    }
    CHECK(files >= 9);
}

TEST_CASE("a failing case lists each difference", "[plan][cases]") {
    const fs::path dir = fs::temp_directory_path() / "motiv_cases_test";
    fs::create_directories(dir);
    const std::string cases = (dir / "wrong.cases.json").string();
    std::ofstream(cases) << R"({"motiv_cases": 1, "period": "2026-10", "cases": [
        {"name": "wrong", "role": "graduated_rep", "inputs": {"revenue": "1300000.00"},
         "expect": {"lines": {"commission": "40000.00", "nope": "1.00"}, "total": "41000.01"}},
        {"name": "right", "role": "retroactive_rep", "inputs": {"revenue": "800000.00"}, "expect": {"total": "32000.00"}},
        {"name": "error expected, none", "role": "retroactive_rep", "inputs": {"revenue": "1.00"}, "expect_error": "motiv.eval_error.501"}]})";
    const auto report = plantest::run_cases(std::string(MOTIV_SOURCE_DIR) + "/rules/examples/attainment_tiers.json", cases);
    REQUIRE(report.results.size() == 3);
    CHECK(report.failed() == 2);
    const auto& d = report.results[0].differences;
    REQUIRE(d.size() == 3);
    // 41,000.00 paid (500,000 x 4% + 200,000 x 6% + 100,000 x 9%) against 40,000.00 expected.
    CHECK(d[0] == "line commission: expected 40,000.00, got 41,000.00 (off by 1,000.00)");
    CHECK(d[1] == "line nope: expected 1.00, but role graduated_rep has no such line");
    CHECK(d[2] == "total: expected 41,000.01, got 41,000.00 (off by -0.01)");
    CHECK(report.results[1].passed);
    // 1.00 x 0 (below the 50% threshold) = 0.00
    CHECK(report.results[2].differences == std::vector<std::string>{"expected error motiv.eval_error.501, but it paid 0.00"});
}

TEST_CASE("a malformed cases file is a RuleError naming the pointer", "[plan][cases]") {
    const fs::path dir = fs::temp_directory_path() / "motiv_cases_test";
    fs::create_directories(dir);
    const std::string cases = (dir / "bad.cases.json").string();
    std::ofstream(cases) << R"({"motiv_cases": 1, "cases": [{"name": "x", "role": "rep", "inputs": {"revenu": "1"}, "expect": {"total": "abc"}}]})";
    try {
        plantest::run_cases(std::string(MOTIV_SOURCE_DIR) + "/rules/examples/quota_attainment.json", cases);
        FAIL("no error");
    } catch (const RuleError& e) {
        const std::string w = e.what();
        CHECK(w.find("/cases/0/period") != std::string::npos);
        CHECK(w.find("(/cases/0/inputs/revenu) unknown input 'revenu'") != std::string::npos);
        CHECK(w.find("(/cases/0/expect/total) expected an amount") != std::string::npos);
    }
}

TEST_CASE("a sequence case pays months with carried state and names the month of each difference", "[plan][cases]") {
    const fs::path dir = fs::temp_directory_path() / "motiv_cases_test";
    fs::create_directories(dir);
    const std::string cases = (dir / "draws_wrong.cases.json").string();
    // draws.json: hunter pay 20,000 + 5% to 300,000 + 10% above, recoverable draw 40,000 (limit 10,000).
    // Jan 100,000: earned 25,000 -> advance 15,000, balance 15,000 (right).
    // Feb 900,000: earned 95,000 -> recovery 10,000, pay 85,000, balance 5,000 (the case expects 80,000 and 0).
    std::ofstream(cases) << R"({"motiv_cases": 1, "cases": [
        {"name": "draw", "people": {"h-01": {"role": "hunter"}},
         "months": [
           {"period": "2026-01", "inputs": {"h-01": {"revenue": "100000"}}, "expect": {"h-01": {"total": "40000.00", "draw_balance": "15000.00"}}},
           {"period": "2026-02", "inputs": {"h-01": {"revenue": "900000"}},
            "expect": {"h-01": {"lines": {"draw_recovery": "-10000.00"}, "total": "80000.00", "draw_balance": "0"}}}]}]})";
    const auto report = plantest::run_cases(std::string(MOTIV_SOURCE_DIR) + "/rules/examples/draws.json", cases);
    REQUIRE(report.results.size() == 1);
    CHECK(report.results[0].differences == std::vector<std::string>{
        "2026-02 h-01: total: expected 80,000.00, got 85,000.00 (off by 5,000.00)",
        "2026-02 h-01: draw_balance: expected 0.00, got 5,000.00 (off by 5,000.00)"});

    // Mistakes in a sequence, each at its pointer.
    std::ofstream(cases) << R"({"motiv_cases": 1, "cases": [
        {"name": "bad", "people": {"h-01": {"role": "hunter", "boss": "x"}},
         "cancellations": [{"deal": "D-1", "person": "nobody", "amount": "1.00", "paid_period": "2026-01", "payment_date": "2026-01-31", "cancel_date": "2026-02-01"}],
         "months": [
           {"period": "2026-13", "inputs": {"h-02": {}}, "expect": {"h-01": {"draw": "1"}}},
           {"period": "2026-02", "inputs": {"h-01": {"revenue": "x"}}, "corrections": [{"period": "2026-01", "person": "h-01", "inputs": {}}], "expect": {}}]}]})";
    try {
        plantest::run_cases(std::string(MOTIV_SOURCE_DIR) + "/rules/examples/draws.json", cases);
        FAIL("no error");
    } catch (const RuleError& e) {
        const std::string w = e.what();
        for (const char* at : {"(/cases/0/people/h-01/boss) unknown key 'boss'", "(/cases/0/cancellations/0/person) no person 'nobody'",
                               "(/cases/0/months/0/period) expected a period YYYY-MM", "(/cases/0/months/0/inputs/h-02) no person 'h-02'",
                               "(/cases/0/months/0/expect/h-01/draw) unknown key 'draw'", "(/cases/0/months/1/inputs/h-01/revenue)",
                               "(/cases/0/months/1/expect) expected {person id"}) {
            INFO(at);
            CHECK(w.find(at) != std::string::npos);
        }
    }
}

TEST_CASE("default cases path", "[plan][cases]") {
    CHECK(plantest::default_cases_path("rules/three_tier.json") == "rules/three_tier.cases.json");
    CHECK(plantest::default_cases_path("plan") == "plan.cases.json");
}
