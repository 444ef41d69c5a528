// Tiers reached and what the next tier pays, for the reference scheme's hunters and farmers.
#include "apps/export/tier_progress.hpp"

#include <catch2/catch.hpp>

#include "tests/apps/export/export_fixture.hpp"

using namespace motiv;

TEST_CASE("tier progress: the tier reached, the next threshold and the pay there", "[export][tiers]") {
    const auto& cs = *test::three_tier_scheme();
    const auto params = cs.bind(test::kOctober);
    SECTION("h-04: revenue 523,456.78 is in tier 2; at 1,000,000 commission 15,000 + 49,000 = 64,000, total 89,000") {
        const auto t = exports::tier_progress(cs, params, test::example_person("h-04"));
        REQUIRE(t.size() == 1);
        CHECK(t[0].table == "hunter.commission.tiers");
        CHECK(t[0].component == "commission");
        CHECK(t[0].basis == "revenue");
        CHECK(t[0].value.to_string() == "523456.78");
        CHECK(t[0].reached == 1);
        CHECK(t[0].tiers == 3);
        CHECK(t[0].rate.to_string() == "0.07");
        CHECK(t[0].next_from->to_string() == "1000000");
        CHECK(t[0].next_rate->to_string() == "0.1");
        CHECK(*t[0].next_line_minor == 6'400'000);
        CHECK(*t[0].next_total_minor == 8'900'000);
    }
    SECTION("h-01: revenue 1,250,000 is in the highest tier: no next tier") {
        const auto t = exports::tier_progress(cs, params, test::example_person("h-01"));
        REQUIRE(t.size() == 1);
        CHECK(t[0].reached == 2);
        CHECK_FALSE(t[0].next_from);
        CHECK_FALSE(t[0].next_total_minor);
    }
    SECTION("f-03: volume 800,000 in tier 1 (10%); at 1,000,000: 12.5% x 50,000 = 6,250, grown past 800,000 so no cut: 56,250") {
        const auto t = exports::tier_progress(cs, params, test::example_person("f-03"));
        REQUIRE(t.size() == 1);
        CHECK(t[0].table == "farmer.bonus.rate_by_volume");
        CHECK(t[0].component == "bonus");
        CHECK(t[0].line == "Volume bonus");
        CHECK(t[0].reached == 0);
        CHECK(*t[0].next_line_minor == 625'000);
        CHECK(*t[0].next_total_minor == 5'625'000);
    }
    SECTION("operators have no tier tables") {
        CHECK(exports::tier_progress(cs, params, test::example_person("op-01")).empty());
    }
}
