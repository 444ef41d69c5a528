// Plan diff: exactly the changes made, no more.
#include <catch2/catch.hpp>

#include "tests/core/support.hpp"

#include "core/rules/loader.hpp"
#include "apps/whatif/plan_diff.hpp"

using namespace motiv;

namespace {

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("plan diff: a scheme against itself has no changes", "[whatif]") {
    const Scheme s = load_scheme_file(test::kThreeTier);
    CHECK(whatif::diff_plans(s, s).empty());
    CHECK(whatif::plan_diff_text({}) == "Plan diff: no changes\n");
}

TEST_CASE("plan diff: overridden parameters and tier tables", "[whatif]") {
    const Scheme a = load_scheme_file(test::kThreeTier);
    const Scheme b = load_scheme_file(test::kThreeTier, {{"hunter.salary", "30000.00"},
                                                         {"farmer.cut.no_growth", "0.5"},  // the same 50%: no change
                                                         {"hunter.commission.tiers", nlohmann::json::array({{{"from", "0"}, {"rate", "6%"}}})}});
    const auto d = whatif::diff_plans(a, b);
    REQUIRE(d.size() == 2);
    CHECK(d[0].area == "parameter");
    CHECK(d[0].name == "hunter.salary");
    CHECK(d[0].field == "value");
    CHECK(d[0].before == "25000.00");
    CHECK(d[0].after == "30000.00");
    CHECK(d[0].pointer == "/parameters/hunter.salary");
    CHECK(d[1].name == "hunter.commission.tiers");
    CHECK(d[1].before == "from 0 at 0.05, from 0.3 at 0.07, from 1 at 0.1");
    CHECK(d[1].after == "from 0 at 0.06");
    CHECK(whatif::plan_diff_text(d) ==
          "Plan diff: 2 changes\n"
          "  parameter hunter.salary value: 25000.00 -> 30000.00\n"
          "  parameter hunter.commission.tiers value: from 0 at 0.05, from 0.3 at 0.07, from 1 at 0.1 -> from 0 at 0.06\n");
}

TEST_CASE("plan diff: components changed, removed and added", "[whatif]") {
    const std::string text = read_rule_file(test::kThreeTier);
    const Scheme a = load_scheme(text, "a.json");
    // Retroactive instead of graduated commission, and the farmers' no-growth cut replaced by a bonus.
    std::string t = replaced(text, "\"mode\": \"graduated\"", "\"mode\": \"retroactive\"");
    t = replaced(t, "\"id\": \"no_growth_cut\"", "\"id\": \"growth_cut\"");
    const Scheme b = load_scheme(t, "b.json");
    const auto d = whatif::diff_plans(a, b);
    REQUIRE(d.size() == 3);
    CHECK(d[0].area == "component");
    CHECK(d[0].name == "hunter/commission");
    CHECK(d[0].field == "mode");
    CHECK(d[0].before == "graduated");
    CHECK(d[0].after == "retroactive");
    CHECK(d[1].name == "farmer/no_growth_cut");
    CHECK(d[1].change == "removed");
    CHECK(d[1].before == "kind=penalty; mode=flat; rate=farmer.cut.no_growth; of=bonus; when=volume <= volume_prev; label=No-growth cut");
    CHECK(d[2].name == "farmer/growth_cut");
    CHECK(d[2].change == "added");
    CHECK(d[2].pointer == "/roles/farmer/components/2");
    const auto csv = whatif::plan_diff_csv(d);
    CHECK(csv.substr(0, csv.find('\n')) == "area,name,field,change,before,after,pointer");
}
