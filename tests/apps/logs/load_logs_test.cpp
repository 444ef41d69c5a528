// The "logs" section of a rule file (apps/logs/load_logs.cpp): each mistake reported with its id,
// its JSON pointer and what was expected. The checks every section shares (types, keys, roundings,
// exact values) carry the same ids as in the rest of the file; the section's own are .270-.273.
#include <catch2/catch.hpp>

#include "tests/core/support.hpp"

#include <nlohmann/json.hpp>
#include <optional>

#include "core/errors.hpp"
#include "core/io/atomic_file.hpp"
#include "core/rules/json_document.hpp"
#include "apps/logs/load_logs.hpp"

using namespace motiv;

TEST_CASE("logs section: each mistake has its id, its pointer and what was expected", "[rules][logs]") {
    const auto cs = test::three_tier_scheme();
    const std::string good = io::read_file(test::kThreeTier);
    REQUIRE_NOTHROW(load_log_rules(good, "three_tier.json", cs->scheme()));
    struct Case {
        const char* pointer;             // where rules/three_tier.json is changed
        std::optional<const char*> set;  // the new value (JSON text), or none: the key removed
        const char* id;
        const char* where;  // the pointer the issue names
        const char* says;   // part of its message
    };
    const Case c = GENERATE(values<Case>({
        {"/logs/handover", "[60]", "motiv.rule_error.201", "/logs/handover", "expected an object, got an array"},
        {"/logs/handover/days_after_first_deal", std::nullopt, "motiv.rule_error.202", "/logs/handover/days_after_first_deal", "missing required key 'days_after_first_deal'"},
        {"/logs/handover/weeks", "2", "motiv.rule_error.204", "/logs/handover/weeks", "unknown key 'weeks'"},
        {"/logs/collection/pay_on_collection", "\"yes\"", "motiv.rule_error.201", "/logs/collection/pay_on_collection", "expected true or false"},
        {"/logs/credit/rounding/mode", "\"bankers\"", "motiv.rule_error.206", "/logs/credit/rounding/mode", "unknown rounding mode 'bankers'"},
        {"/logs/credit/rounding/step", "\"0.001\"", "motiv.rule_error.210", "/logs/credit/rounding/step", "finer than the currency's minor unit"},
        {"/logs/dormant/reactivation_bonus", "\"3000.005\"", "motiv.rule_error.210", "/logs/dormant/reactivation_bonus", "at most 2 decimal places"},
        {"/logs/dormant/reactivation_bonus", "\"lots\"", "motiv.rule_error.203", "/logs/dormant/reactivation_bonus", "got \"lots\""},
        {"/logs/dormant/reactivation_bonus", "\"-1.00\"", "motiv.rule_error.272", "/logs/dormant/reactivation_bonus", "expected money >= 0, got -1"},
        {"/logs/handover/days_after_first_deal", "40000", "motiv.rule_error.272", "/logs/handover/days_after_first_deal", "from 0 to 36600"},
        {"/logs/growth_base", "\"last_week\"", "motiv.rule_error.272", "/logs/growth_base", "expected \"previous_period\" or \"same_period_last_year\""},
        {"/logs/roles/hunter/0", "\"boss\"", "motiv.rule_error.273", "/logs/roles/hunter/0", "expected a role of scheme three_tier"},
        {"/logs/refusal_reasons/price", "2.5", "motiv.rule_error.201", "/logs/refusal_reasons/price", "expected a description (a string), got a number"},
        {"/logs/takeaway/to", "7", "motiv.rule_error.201", "/logs/takeaway/to", "expected \"pool\", \"team_lead\" or a staff id"},
        {"/logs", std::nullopt, "motiv.rule_error.270", "/logs", "has no \"logs\" section"},
    }));
    auto rules = nlohmann::ordered_json::parse(good);
    const nlohmann::ordered_json::json_pointer at(c.pointer);
    if (c.set) rules[at] = nlohmann::ordered_json::parse(*c.set);
    else rules[at.parent_pointer()].erase(at.back());
    INFO(c.pointer << " = " << (c.set ? *c.set : "(removed)"));
    try {
        (void)load_log_rules(rules.dump(), "bad.json", cs->scheme());
        FAIL("no RuleError");
    } catch (const RuleError& e) {
        REQUIRE(e.issues().size() == 1);
        CHECK(e.issues()[0].id == c.id);
        CHECK(e.issues()[0].file == "bad.json");
        CHECK(e.issues()[0].pointer == c.where);
        CHECK_THAT(e.issues()[0].message, Catch::Contains(c.says));
    }
}
