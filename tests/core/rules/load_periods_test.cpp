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
      "parameters": {"base.salary": {"type": "money", "value": "100.00"},
                     "base.rate": {"type": "ratio", "value": "5%"},
                     "base.tiers": {"type": "tiers", "value": [{"from": "0", "rate": "5%"}]},
                     "draw.amount": {"type": "money", "value": {"2026-01-01": "500.00", "2026-07-01": "600.00"}},
                     "draw.loss": {"type": "money", "value": {"2026-01-01": "500.00", "2026-07-01": "-1.00"}},
                     "team.share": {"type": "ratio", "value": {"2026-01-01": "3%", "2026-07-01": "150%"}},
                     "window.days": {"type": "count", "value": 90},
                     "window.long": {"type": "count", "value": 99999},
                     "window.none": {"type": "count", "value": 0}},
      "roles": {"hunter": {"components": [{"id": "salary", "kind": "fixed", "amount": "base.salary"},
                                          {"id": "commission", "kind": "commission", "base": "revenue", "rate": "5%"}]}},
      "periods": )" + periods + "}";
}

struct Case { const char* periods; const char* id; const char* pointer; const char* message; };

// Each case fails to load with its first issue as given.
void check_cases(const std::vector<Case>& cases);

template <std::size_t N>
void check_cases(const Case (&cases)[N]) {
    check_cases(std::vector<Case>(cases, cases + N));
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
    CHECK(s.periods.draws[0].amount.literal == "500"_d);
    CHECK(s.periods.draws[0].amount.parameter.empty());
    CHECK(s.periods.draws[0].recovery_limit->literal == "100"_d);
    CHECK(s.periods.draws[0].forgive_after->literal == "6"_d);
    CHECK(s.periods.draws[0].forgive_on_leaving);
    CHECK(s.periods.clawback("hunter")->within_days.literal == "90"_d);
    CHECK(s.periods.clawback("hunter")->floor.literal == "50"_d);
    CHECK(s.periods.bonuses[0].every == BonusRule::Span::year);
    CHECK(s.periods.bonuses[0].advance.literal == "0.5"_d);
    CHECK(s.periods.bonuses[0].negative == BonusRule::Negative::forgive);
    CHECK(s.periods.team_overrides[0].share.literal == "0.02"_d);
}

TEST_CASE("periods figures given as parameters keep the parameter's name, index and the figure's pointer", "[rules][periods]") {
    const Scheme s = load_scheme(scheme_with(R"({
        "draws": {"hunter": {"kind": "recoverable", "amount": "draw.amount", "recovery_limit": "base.salary", "forgive_after": "window.days"}},
        "clawbacks": {"hunter": {"input": "revenue", "components": ["commission"], "within_days": "window.days", "floor": "base.salary"}},
        "bonuses": {"q": {"role": "hunter", "computed_by": "hunter", "every": "quarter", "totals": ["revenue"], "advance": "base.rate"}},
        "team_overrides": {"o": {"role": "hunter", "share": "base.rate", "of": "total"}}})"),
                                 "<t>");
    struct Row { const Figure& figure; const char* parameter; const char* pointer; };
    const Row rows[] = {
        {s.periods.draws[0].amount, "draw.amount", "/periods/draws/hunter/amount"},
        {*s.periods.draws[0].recovery_limit, "base.salary", "/periods/draws/hunter/recovery_limit"},
        {*s.periods.draws[0].forgive_after, "window.days", "/periods/draws/hunter/forgive_after"},
        {s.periods.clawbacks[0].within_days, "window.days", "/periods/clawbacks/hunter/within_days"},
        {s.periods.clawbacks[0].floor, "base.salary", "/periods/clawbacks/hunter/floor"},
        {s.periods.bonuses[0].advance, "base.rate", "/periods/bonuses/q/advance"},
        {s.periods.team_overrides[0].share, "base.rate", "/periods/team_overrides/o/share"},
    };
    for (const auto& r : rows) {
        INFO(r.pointer);
        CHECK(r.figure.parameter == r.parameter);
        CHECK(s.parameters.at(r.figure.index).name == r.parameter);
        CHECK(r.figure.pointer == r.pointer);
    }
}

TEST_CASE("a bad periods section: every problem with its pointer", "[rules][periods]") {
    const Case cases[] = {
        {R"([])", "motiv.rule_error.201", "/periods", "expected an object, got an array"},
        {R"({"draw": {}})", "motiv.rule_error.204", "/periods/draw", "unknown key 'draw'; expected one of: draws, clawbacks, bonuses, team_overrides, description"},
        {R"({"draws": {"closer": {"amount": "1.00"}}})", "motiv.rule_error.301", "/periods/draws/closer", "unknown role 'closer'; the scheme has: hunter"},
        {R"({"draws": {"hunter": {"kind": "recoverable"}}})", "motiv.rule_error.202", "/periods/draws/hunter/amount", "missing required key 'amount'"},
        {R"({"draws": {"hunter": {"kind": "recoverable", "amount": "-5.00"}}})", "motiv.rule_error.210", "/periods/draws/hunter/amount",
         "expected money >= 0 (e.g. \"60000.00\"), got -5"},
        {R"({"draws": {"hunter": {"kind": "recoverable", "amount": "1.005"}}})", "motiv.rule_error.210", "/periods/draws/hunter/amount",
         "expected money with at most 2 decimal places, got 1.005"},
        {R"({"draws": {"hunter": {"kind": "recoverable", "amount": "12,5"}}})", "motiv.rule_error.203", "/periods/draws/hunter/amount",
         "expected money >= 0 (e.g. \"60000.00\") or the name of a money parameter, got \"12,5\" (an exact decimal with at most 9 places, e.g. \"0.15\" or \"15%\")"},
        {R"({"draws": {"hunter": {"kind": "recoverable", "amount": true}}})", "motiv.rule_error.201", "/periods/draws/hunter/amount",
         "expected money >= 0 (e.g. \"60000.00\") or the name of a money parameter, got a boolean"},
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
         "motiv.rule_error.210", "/periods/bonuses/q/advance", "expected a ratio from 0 to 1 (e.g. \"0.5\" or \"50%\"), got 1.5"},
        {R"({"bonuses": {"q": {"role": "hunter", "computed_by": "hunter", "every": "quarter", "totals": ["revenue"], "negative_true_up": "ignore"}}})",
         "motiv.rule_error.206", "/periods/bonuses/q/negative_true_up", "unknown negative_true_up 'ignore'; expected one of: recover, forgive"},
        {R"({"team_overrides": {"o": {"role": "hunter", "share": "3%", "of": "margin"}}})", "motiv.rule_error.301", "/periods/team_overrides/o/of",
         "no role has a component 'margin'; expected a component id or \"total\""},
        {R"({"team_overrides": {"9o": {"role": "hunter", "share": "3%", "of": "total"}}})", "motiv.rule_error.205", "/periods/team_overrides/9o",
         "invalid override id '9o': use letters, digits and _, starting with a letter"},
    };
    check_cases(cases);
}

// A figure given as a parameter's name: the parameter must exist, be of the figure's kind (money for
// amounts, ratio for shares, count for days and periods), and every dated value of it must lie in the
// figure's range.
TEST_CASE("a bad periods figure given as a parameter: its kind and values, at the figure's pointer", "[rules][periods]") {
    const Case cases[] = {
        {R"({"draws": {"hunter": {"kind": "recoverable", "amount": "lots"}}})", "motiv.rule_error.301", "/periods/draws/hunter/amount",
         "unknown parameter 'lots'; expected money >= 0 (e.g. \"60000.00\") or the name of a money parameter"},
        {R"({"draws": {"hunter": {"kind": "recoverable", "amount": "draw.amonut"}}})", "motiv.rule_error.301", "/periods/draws/hunter/amount",
         "unknown parameter 'draw.amonut'; expected money >= 0 (e.g. \"60000.00\") or the name of a money parameter"},
        {R"({"draws": {"hunter": {"kind": "recoverable", "amount": "base.rate"}}})", "motiv.rule_error.301", "/periods/draws/hunter/amount",
         "'base.rate' is not a money parameter (its type is ratio)"},
        {R"({"draws": {"hunter": {"kind": "recoverable", "amount": "base.tiers"}}})", "motiv.rule_error.301", "/periods/draws/hunter/amount",
         "'base.tiers' is not a money parameter (its type is tiers)"},
        {R"({"draws": {"hunter": {"kind": "recoverable", "amount": "draw.loss"}}})", "motiv.rule_error.210", "/periods/draws/hunter/amount",
         "parameter 'draw.loss' is -1 from 2026-07-01; expected money >= 0 (e.g. \"60000.00\")"},
        {R"({"draws": {"hunter": {"kind": "recoverable", "amount": "draw.amount", "recovery_limit": "window.days"}}})", "motiv.rule_error.301",
         "/periods/draws/hunter/recovery_limit", "'window.days' is not a money parameter (its type is count)"},
        {R"({"draws": {"hunter": {"kind": "recoverable", "amount": "draw.amount", "forgive_after": "window.none"}}})", "motiv.rule_error.210",
         "/periods/draws/hunter/forgive_after", "parameter 'window.none' is 0; expected a whole number from 1 to 1200"},
        {R"({"draws": {"hunter": {"kind": "recoverable", "amount": "draw.amount", "forgive_after": "base.salary"}}})", "motiv.rule_error.301",
         "/periods/draws/hunter/forgive_after", "'base.salary' is not a count parameter (its type is money)"},
        {R"({"draws": {"hunter": {"kind": "recoverable", "amount": "draw.amount", "forgive_after": "3 months"}}})", "motiv.rule_error.203",
         "/periods/draws/hunter/forgive_after",
         "expected a whole number from 1 to 1200 or the name of a count parameter, got \"3 months\" (an exact decimal with at most 9 places, e.g. \"0.15\" or \"15%\")"},
        {R"({"draws": {"hunter": {"kind": "recoverable", "amount": "draw.amount", "forgive_after": 1.5}}})", "motiv.rule_error.210",
         "/periods/draws/hunter/forgive_after", "expected a count (a whole number >= 0), got 1.5"},
        {R"({"clawbacks": {"hunter": {"input": "revenue", "components": ["commission"], "within_days": "window.long", "floor": "0"}}})",
         "motiv.rule_error.210", "/periods/clawbacks/hunter/within_days", "parameter 'window.long' is 99999; expected a whole number from 0 to 3660"},
        {R"({"clawbacks": {"hunter": {"input": "revenue", "components": ["commission"], "within_days": "base.rate", "floor": "0"}}})",
         "motiv.rule_error.301", "/periods/clawbacks/hunter/within_days", "'base.rate' is not a count parameter (its type is ratio)"},
        {R"({"clawbacks": {"hunter": {"input": "revenue", "components": ["commission"], "within_days": 30, "floor": "base.rate"}}})",
         "motiv.rule_error.301", "/periods/clawbacks/hunter/floor", "'base.rate' is not a money parameter (its type is ratio)"},
        {R"({"bonuses": {"q": {"role": "hunter", "computed_by": "hunter", "every": "quarter", "totals": ["revenue"], "advance": "base.salary"}}})",
         "motiv.rule_error.301", "/periods/bonuses/q/advance", "'base.salary' is not a ratio parameter (its type is money)"},
        {R"({"team_overrides": {"o": {"role": "hunter", "share": "team.share", "of": "total"}}})", "motiv.rule_error.210", "/periods/team_overrides/o/share",
         "parameter 'team.share' is 1.5 from 2026-07-01; expected a ratio from 0 to 1 (e.g. \"0.5\" or \"50%\")"},
        {R"({"team_overrides": {"o": {"role": "hunter", "share": "team.sahre", "of": "total"}}})", "motiv.rule_error.301", "/periods/team_overrides/o/share",
         "unknown parameter 'team.sahre'; expected a ratio from 0 to 1 (e.g. \"0.5\" or \"50%\") or the name of a ratio parameter"},
    };
    check_cases(cases);
}

TEST_CASE("a what-if override that puts a periods figure out of range is refused at the figure", "[rules][periods]") {
    const std::string text = scheme_with(R"({"draws": {"hunter": {"kind": "recoverable", "amount": "draw.amount"}}})");
    CHECK(load_scheme(text, "<t>", Overrides{{"draw.amount", "700.00"}}).periods.draws[0].amount.parameter == "draw.amount");
    try {
        (void)load_scheme(text, "bad.json", Overrides{{"draw.amount", "-700.00"}});
        FAIL("loaded");
    } catch (const RuleError& e) {
        REQUIRE(e.issues().size() == 1);
        CHECK(e.issues()[0].pointer == "/periods/draws/hunter/amount");
        CHECK(e.issues()[0].message == "parameter 'draw.amount' is -700; expected money >= 0 (e.g. \"60000.00\")");
    }
}

namespace {

void check_cases(const std::vector<Case>& cases) {
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

}  // namespace
