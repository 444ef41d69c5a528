// The plan linter: one fixture with one mistake of each kind; the example schemes have none.
#include <catch2/catch.hpp>

#include "apps/plantest/lint.hpp"
#include "core/rules/loader.hpp"

using namespace motiv;

TEST_CASE("the linter flags each kind of likely mistake at its pointer", "[plan][lint]") {
    const auto cs = CompiledScheme::compile(load_scheme_file(std::string(MOTIV_SOURCE_DIR) + "/tests/apps/plantest/fixtures/lint_warnings.json"));
    const auto report = plantest::lint(*cs);
    std::vector<std::pair<std::string, std::string>> got;
    for (const auto& w : report.warnings) got.emplace_back(w.id, w.pointer);
    const std::vector<std::pair<std::string, std::string>> want = {
        {"motiv.lint.601", "/parameters/falling/value/1"},      // 7% then 5%: a falling rate
        {"motiv.lint.601", "/parameters/falling/value/2"},      // 5% twice
        {"motiv.lint.602", "/parameters/by_att/value/1"},       // ratio threshold 50 = 5000%
        {"motiv.lint.603", "/parameters/sagging/value/2"},      // curve 100% at 100%, 90% at 120%
        {"motiv.lint.604", "/roles/rep/components/2/when"},     // script_compliance > 1, max 1
        {"motiv.lint.604", "/roles/rep/components/3/cap"},      // cap of a parameter 0.00
        {"motiv.lint.605", "/roles/rep/components/4/when"},     // calls >= talk_minutes
        {"motiv.lint.606", "/on_target/rep/earnings"},          // 102,000.00 paid, 100,000.00 declared
        {"motiv.lint.606", "/on_target/rep/fixed_share"},       // 40,000 / 102,000 = 39.22%, 50% declared
    };
    CHECK(got == want);
    // 40,000 salary + 100,000 x 7% + 100,000 x 5% + 800,000 x 5% (= 52,000) + 1,000,000 x 1% (= 10,000)
    REQUIRE(report.notes.size() == 1);
    CHECK(report.notes[0].find("rep is paid 102,000.00") != std::string::npos);
    CHECK(report.notes[0].find("DIFFERS") != std::string::npos);
}

TEST_CASE("the example schemes lint clean and the on-target example agrees", "[plan][lint]") {
    const std::string name = GENERATE("quota_attainment", "attainment_tiers", "pay_curve", "scorecard", "guaranteed_minimum", "proration",
                                      "proration_calendar_days", "effective_dating", "on_target");
    const auto cs = CompiledScheme::compile(load_scheme_file(std::string(MOTIV_SOURCE_DIR) + "/rules/examples/" + name + ".json"));
    const auto report = plantest::lint(*cs);
    INFO(name);
    for (const auto& w : report.warnings) INFO(w.id << " " << w.pointer << " " << w.message);
    CHECK(report.warnings.empty());
    if (name == std::string("on_target")) {
        // 30,000 + 1,000,000 x 6% = 90,000.00; fixed 30,000 / 90,000 = 33.33%
        REQUIRE(report.notes.size() == 1);
        CHECK(report.notes[0] ==
              "on target: hunter is paid 90,000.00 at the declared inputs in 2026-10 (declared 90,000.00, tolerance 1%): ok; "
              "pay mix: fixed 30,000.00 = 33.33% of the total (declared 33.33%): ok");
    }
}
