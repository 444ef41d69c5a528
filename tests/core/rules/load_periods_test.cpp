// The "periods" section of a rule file: one bad case per failure mode, with its id, pointer and
// message pinned. Each case is a minimal valid scheme plus one bad "periods" section.
#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "core/rules/loader.hpp"

using namespace motiv;

namespace {

std::string scheme_with(const std::string& periods) {
    return R"({"motiv": 1, "scheme": {"name": "t", "version": "1"}, "currency": {"code": "RUB", "minor_units": 2},
      "inputs": {"revenue": {"type": "money"}},
      "parameters": {"base.salary": {"type": "money", "value": "100.00"}},
      "roles": {"hunter": {"components": [{"id": "salary", "kind": "fixed", "amount": "base.salary"},
                                          {"id": "commission", "kind": "commission", "base": "revenue", "rate": "5%"}]}},
      "periods": )" + periods + "}";
}

}  // namespace

TEST_CASE("a valid periods section is read with every figure", "[rules][periods]") {
    const Scheme s = load_scheme(scheme_with(R"({
        "draws": {"hunter": {"kind": "recoverable", "amount": "500.00", "recovery_limit": 100, "forgive_after": 6, "forgive_on_leaving": true}},
        "clawbacks": {"hunter": {"input": "revenue", "components": ["commission"], "within_days": 90, "floor": "50.00"}},
        "bonuses": {"q": {"role": "hunter", "computed_by": "hunter", "every": "year", "totals": ["revenue"], "advance": "50%", "negative_true_up": "forgive"}},
        "team_overrides": {"o": {"role": "hunter", "share": 0.02, "of": "total"}}})"),
                                 "<t>");
    REQUIRE(s.periods.draws.size() == 1);
    CHECK(s.periods.draws[0].amount == "500"_d);
    CHECK(s.periods.draws[0].recovery_limit == "100"_d);
    CHECK(s.periods.draws[0].forgive_after == 6);
    CHECK(s.periods.draws[0].forgive_on_leaving);
    CHECK(s.periods.clawback("hunter")->within_days == 90);
    CHECK(s.periods.clawback("hunter")->floor == "50"_d);
    CHECK(s.periods.bonuses[0].every == BonusRule::Span::year);
    CHECK(s.periods.bonuses[0].advance == "0.5"_d);
    CHECK(s.periods.bonuses[0].negative == BonusRule::Negative::forgive);
    CHECK(s.periods.team_overrides[0].share == "0.02"_d);
}

TEST_CASE("a bad periods section: every problem with its pointer", "[rules][periods]") {
    struct Case { const char* periods; const char* id; const char* pointer; const char* message; };
    const Case cases[] = {
        {R"([])", "motiv.rule_error.201", "/periods", "expected an object, got an array"},
        {R"({"draw": {}})", "motiv.rule_error.204", "/periods/draw", "unknown key 'draw'; expected one of: draws, clawbacks, bonuses, team_overrides, description"},
        {R"({"draws": {"closer": {"amount": "1.00"}}})", "motiv.rule_error.301", "/periods/draws/closer", "unknown role 'closer'; the scheme has: hunter"},
        {R"({"draws": {"hunter": {"kind": "recoverable"}}})", "motiv.rule_error.202", "/periods/draws/hunter/amount", "missing required key 'amount'"},
        {R"({"draws": {"hunter": {"kind": "recoverable", "amount": "-5.00"}}})", "motiv.rule_error.210", "/periods/draws/hunter/amount",
         "expected money >= 0 (e.g. \"60000.00\") with at most 2 decimal places, got \"-5.00\""},
        {R"({"draws": {"hunter": {"kind": "recoverable", "amount": "1.005"}}})", "motiv.rule_error.210", "/periods/draws/hunter/amount",
         "expected money >= 0 (e.g. \"60000.00\") with at most 2 decimal places, got \"1.005\""},
        {R"({"draws": {"hunter": {"kind": "recoverable", "amount": "lots"}}})", "motiv.rule_error.203", "/periods/draws/hunter/amount",
         "expected money >= 0 (e.g. \"60000.00\") with at most 2 decimal places, got \"lots\""},
        {R"({"draws": {"hunter": {"kind": "sometimes", "amount": "1.00"}}})", "motiv.rule_error.206", "/periods/draws/hunter/kind",
         "unknown kind 'sometimes'; expected one of: recoverable, non_recoverable"},
        {R"({"draws": {"hunter": {"kind": "non_recoverable", "amount": "1.00", "recovery_limit": "1.00"}}})", "motiv.rule_error.204",
         "/periods/draws/hunter/recovery_limit", "'recovery_limit' applies only to a recoverable draw"},
        {R"({"draws": {"hunter": {"kind": "recoverable", "amount": "1.00", "forgive_after": 0}}})", "motiv.rule_error.210", "/periods/draws/hunter/forgive_after",
         "expected a whole number from 1 to 1200, got 0"},
        {R"({"draws": {"hunter": {"kind": "recoverable", "amount": "1.00", "forgive_on_leaving": "yes"}}})", "motiv.rule_error.201", "/periods/draws/hunter/forgive_on_leaving",
         "expected true or false, got a string"},
        {R"({"clawbacks": {"hunter": {"input": "volume", "components": ["commission"], "within_days": 30, "floor": "0"}}})", "motiv.rule_error.301",
         "/periods/clawbacks/hunter/input", "unknown input 'volume'"},
        {R"({"clawbacks": {"hunter": {"input": "revenue", "components": ["bonus"], "within_days": 30, "floor": "0"}}})", "motiv.rule_error.301",
         "/periods/clawbacks/hunter/components/0", "role hunter has no component 'bonus'"},
        {R"({"clawbacks": {"hunter": {"input": "revenue", "components": ["commission"], "within_days": 99999, "floor": "0"}}})", "motiv.rule_error.210",
         "/periods/clawbacks/hunter/within_days", "expected a whole number from 0 to 3660, got 99999"},
        {R"({"clawbacks": {"hunter": {"input": "revenue", "components": [], "within_days": 30, "floor": "0"}}})", "motiv.rule_error.201",
         "/periods/clawbacks/hunter/components", "expected a list of 1 to 64 names, got an array"},
        {R"({"bonuses": {"q": {"role": "hunter", "computed_by": "hunter", "every": "week", "totals": ["revenue"]}}})", "motiv.rule_error.206",
         "/periods/bonuses/q/every", "unknown every 'week'; expected one of: quarter, year"},
        {R"({"bonuses": {"q": {"role": "hunter", "computed_by": "plan", "every": "quarter", "totals": ["revenue"]}}})", "motiv.rule_error.301",
         "/periods/bonuses/q/computed_by", "unknown role 'plan'; the scheme has: hunter"},
        {R"({"bonuses": {"q": {"role": "hunter", "computed_by": "hunter", "every": "quarter", "totals": ["revenue"], "advance": "150%"}}})",
         "motiv.rule_error.210", "/periods/bonuses/q/advance", "expected a ratio from 0 to 1 (e.g. \"0.5\" or \"50%\"), got \"150%\""},
        {R"({"bonuses": {"q": {"role": "hunter", "computed_by": "hunter", "every": "quarter", "totals": ["revenue"], "negative_true_up": "ignore"}}})",
         "motiv.rule_error.206", "/periods/bonuses/q/negative_true_up", "unknown negative_true_up 'ignore'; expected one of: recover, forgive"},
        {R"({"team_overrides": {"o": {"role": "hunter", "share": "3%", "of": "margin"}}})", "motiv.rule_error.301", "/periods/team_overrides/o/of",
         "no role has a component 'margin'; expected a component id or \"total\""},
        {R"({"team_overrides": {"9o": {"role": "hunter", "share": "3%", "of": "total"}}})", "motiv.rule_error.205", "/periods/team_overrides/9o",
         "invalid override id '9o': use letters, digits and _, starting with a letter"},
    };
    for (const auto& c : cases) {
        INFO(c.periods);
        try {
            (void)load_scheme(scheme_with(c.periods), "bad.json");
            FAIL("loaded");
        } catch (const RuleError& e) {
            REQUIRE(e.issues().size() >= 1);
            CHECK(e.issues()[0].id == c.id);
            CHECK(e.issues()[0].file == "bad.json");
            CHECK(e.issues()[0].pointer == c.pointer);
            CHECK(e.issues()[0].message == c.message);
        }
    }
}
