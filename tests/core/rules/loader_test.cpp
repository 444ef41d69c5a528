// The rule-file loader: every failure mode has one bad fixture (tests/core/rules/fixtures/bad/) and
// one row in the table below pinning its id, JSON pointer, message and position. Then the
// properties a valid file keeps: numbers are exact, dated values are chosen by period, overrides
// replace values and are validated like the file.
#include "core/rules/loader.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/engine/compiled_scheme.hpp"
#include "core/engine/compute.hpp"
#include "core/errors.hpp"
#include "core/rules/json_document.hpp"

using motiv::Issue;
using motiv::RuleError;
using motiv::operator""_d;

namespace {

const std::string kFixtures = std::string(MOTIV_SOURCE_DIR) + "/tests/core/rules/fixtures/";
const std::string kThreeTier = std::string(MOTIV_SOURCE_DIR) + "/rules/three_tier.json";

// The issues a load throws; fails the test when it loads.
std::vector<Issue> load_issues(const std::string& path, const motiv::Overrides& overrides = motiv::Overrides::object()) {
    try {
        (void)motiv::load_scheme_file(path, overrides);
    } catch (const RuleError& e) {
        return e.issues();
    }
    FAIL("expected motiv::RuleError loading " << path);
    return {};
}

std::vector<Issue> load_text_issues(const std::string& text) {
    try {
        (void)motiv::load_scheme(text, "<string>");
    } catch (const RuleError& e) {
        return e.issues();
    }
    FAIL("expected motiv::RuleError for:\n" << text);
    return {};
}

// One row per failure mode: the fixture and the one issue it must produce.
struct BadCase {
    std::string fixture;   // file name under fixtures/bad/
    std::string id;        // motiv.rule_error.NNN
    std::string pointer;   // JSON pointer ("" for file-level problems)
    std::string message;   // a substring of the message
    std::size_t line = 0;  // JSON syntax errors only
    std::size_t column = 0;
    std::size_t expr_column = 0;  // formula syntax errors only
};

const std::vector<BadCase> kBadCases = {
    // JSON itself (json_document.cpp). A syntax error points at the character that broke the
    // parse: the closing quote of the unexpected "currency" (line 4, columns 3..12), the '}'
    // after a trailing comma (line 3, column 44).
    {"syntax_missing_comma.json", "motiv.rule_error.101", "", "invalid JSON: parse error at line 4, column 12: syntax error while parsing object - unexpected string literal; expected '}'", 4, 12},
    {"syntax_trailing_comma.json", "motiv.rule_error.101", "", "unexpected '}'; expected string literal", 3, 44},
    {"duplicate_key.json", "motiv.rule_error.102", "/parameters/seller.rate", "duplicate key 'seller.rate': each name may appear once"},
    {"nesting_too_deep.json", "motiv.rule_error.103", "", "JSON nested deeper than 64 levels"},
    // Shape of the document.
    {"top_level_array.json", "motiv.rule_error.201", "", "expected an object with the keys motiv, scheme, currency, inputs, parameters, roles; got an array"},
    {"missing_motiv.json", "motiv.rule_error.202", "/motiv", "missing required key 'motiv'"},
    {"unknown_key_typo.json", "motiv.rule_error.204", "/inputs/revenue/reqired", "unknown key 'reqired'; expected one of: type, label, unit, description, required, default, min, max"},
    {"missing_required_key.json", "motiv.rule_error.202", "/scheme/version", "missing required key 'version'"},
    {"wrong_type_string.json", "motiv.rule_error.201", "/scheme/name", "expected a string, got a number"},
    // Values.
    {"inexact_decimal.json", "motiv.rule_error.203", "/parameters/seller.rate/value", "expected a ratio (e.g. \"0.15\" or \"15%\"), got \"0.0512345678\" (an exact decimal with at most 9 places"},
    {"money_three_places.json", "motiv.rule_error.210", "/parameters/seller.salary/value", "expected money with at most 2 decimal places, got 25000.005"},
    {"count_negative.json", "motiv.rule_error.210", "/parameters/seller.gate/value", "expected a count (a whole number >= 0), got -5"},
    {"count_fractional.json", "motiv.rule_error.210", "/parameters/seller.gate/value", "expected a count (a whole number >= 0), got 199.5"},
    {"unknown_input_type.json", "motiv.rule_error.206", "/inputs/revenue/type", "unknown input type 'currency'; expected one of: money, number, count, ratio"},
    {"unknown_rounding_mode.json", "motiv.rule_error.206", "/rounding/mode", "unknown rounding mode 'bankers'; expected one of: half_up, half_down, half_even, up, down, ceiling, floor"},
    {"zero_rounding_step.json", "motiv.rule_error.210", "/rounding/step", "the rounding step must be greater than zero, got 0"},
    {"bad_date_key.json", "motiv.rule_error.207", "/parameters/seller.rate/value/2026-13-01", "expected a date YYYY-MM-DD as the key of a dated value, got '2026-13-01'"},
    // Tier tables.
    {"tiers_not_ascending.json", "motiv.rule_error.208", "/parameters/seller.tiers/value/2/from", "tier thresholds must rise strictly: 300000 does not exceed 500000"},
    {"tiers_empty.json", "motiv.rule_error.208", "/parameters/seller.tiers/value", "a tier table needs at least one tier"},
    {"tiers_too_many.json", "motiv.rule_error.209", "/parameters/seller.tiers/value", "too many tiers: 101, the limit is 100"},
    // Components.
    {"unknown_component_kind.json", "motiv.rule_error.206", "/roles/seller/components/0/kind", "unknown component kind 'bonus'; expected one of: fixed, percent, commission, penalty, formula"},
    {"field_not_allowed.json", "motiv.rule_error.204", "/roles/seller/components/0/rate", "'rate' does not apply to a fixed component"},
    {"commission_rate_and_tiers.json", "motiv.rule_error.202", "/roles/seller/components/0", "a commission needs either 'rate' (flat) or 'tiers' (a tier table parameter), not both"},
    {"penalty_without_amount.json", "motiv.rule_error.202", "/roles/seller/components/1", "a penalty needs either 'amount', or 'rate' and 'of' (a cut of another component)"},
    // "revenue * (seller.rate + 1%": the parser runs out at column 28, one past the end.
    {"formula_syntax.json", "motiv.rule_error.401", "/roles/seller/components/0/amount", "formula syntax: expected ')' to close the '(' at column 11", 0, 0, 28},
    // Names.
    {"invalid_input_name.json", "motiv.rule_error.205", "/inputs/deal-revenue", "invalid input name 'deal-revenue': use letters, digits and _ (no dots), starting with a letter"},
    {"invalid_parameter_name.json", "motiv.rule_error.205", "/parameters/seller..salary", "invalid parameter name 'seller..salary': use dotted names like hunter.commission.rate"},
    {"invalid_component_id.json", "motiv.rule_error.205", "/roles/seller/components/0/id", "invalid component id 'base salary'"},
    {"invalid_variable_name.json", "motiv.rule_error.205", "/roles/seller/variables/not", "invalid variable name 'not'"},
    {"invalid_role_name.json", "motiv.rule_error.205", "/roles/key-account", "invalid role name 'key-account'"},
    // One name, one meaning.
    {"duplicate_id_components.json", "motiv.rule_error.303", "/roles/seller/components/1/id", "duplicate id 'salary': already used by another component, variable, input or parameter"},
    {"duplicate_id_component_variable.json", "motiv.rule_error.303", "/roles/seller/components/0/id", "duplicate id 'bonus'"},
    {"duplicate_id_component_input.json", "motiv.rule_error.303", "/roles/seller/components/0/id", "duplicate id 'revenue'"},
    {"duplicate_id_parameter_input.json", "motiv.rule_error.303", "/parameters/salary", "parameter 'salary' has the same name as an input"},
    {"duplicate_id_variable_parameter.json", "motiv.rule_error.303", "/roles/seller/variables/rate", "variable 'rate' has the same name as an input or parameter"},
};

}  // namespace

TEST_CASE("each bad rule file reports its one problem with id, pointer and message", "[loader]") {
    const BadCase c = GENERATE(from_range(kBadCases));
    const std::string path = kFixtures + "bad/" + c.fixture;
    CAPTURE(c.fixture);
    const auto issues = load_issues(path);
    REQUIRE(issues.size() == 1);
    const Issue& i = issues.front();
    CHECK(i.id == c.id);
    CHECK(i.file == path);
    CHECK(i.pointer == c.pointer);
    CHECK_THAT(i.message, Catch::Contains(c.message));
    CHECK(i.line == c.line);
    CHECK(i.column == c.column);
    CHECK(i.expr_column == c.expr_column);
    CHECK(i.field.empty());
    CHECK(i.person.empty());
    // describe() is what a user reads: "[id] file:line:col (pointer) message".
    std::string head = "[" + c.id + "] " + path;
    if (c.line > 0) head += ":" + std::to_string(c.line) + ":" + std::to_string(c.column);
    if (!c.pointer.empty()) head += " (" + c.pointer + ")";
    CHECK_THAT(i.describe(), Catch::StartsWith(head + " ") && Catch::Contains(c.message));
}

TEST_CASE("every bad fixture has a row in the table, and every row a fixture", "[loader]") {
    std::set<std::string> on_disk, in_table;
    for (const auto& e : std::filesystem::directory_iterator(kFixtures + "bad")) on_disk.insert(e.path().filename().string());
    for (const auto& c : kBadCases) in_table.insert(c.fixture);
    CHECK(on_disk == in_table);
    CHECK(in_table.size() == kBadCases.size());  // no fixture listed twice
}

TEST_CASE("a formula syntax error carries the formula and a caret under the column", "[loader]") {
    const auto issues = load_issues(kFixtures + "bad/formula_syntax.json");
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].expression == "revenue * (seller.rate + 1%");
    CHECK_THAT(issues[0].describe(), Catch::EndsWith("\n    revenue * (seller.rate + 1%\n    " + std::string(27, ' ') + "^"));
}

TEST_CASE("every problem of a file is reported together, in file order", "[loader]") {
    // fixtures/many_problems.json: seven independent mistakes, one per line of the file.
    const auto issues = load_issues(kFixtures + "many_problems.json");
    std::vector<std::pair<std::string, std::string>> got;
    for (const auto& i : issues) got.emplace_back(i.id, i.pointer);
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"motiv.rule_error.110", "/motiv"},                               // "motiv": 2
        {"motiv.rule_error.201", "/scheme/name"},                         // a number
        {"motiv.rule_error.206", "/inputs/revenue/type"},                 // "cash"
        {"motiv.rule_error.210", "/parameters/seller.salary/value"},      // 3 places
        {"motiv.rule_error.208", "/parameters/seller.tiers/value/1/from"},// not rising
        {"motiv.rule_error.204", "/roles/seller/components/0/lable"},     // typo
        {"motiv.rule_error.401", "/roles/seller/components/1/amount"},    // "revenue *"
    };
    CHECK(got == expected);
    CHECK(issues.size() == 7);
    // One exception, its id the first issue's, its text every issue on its own line.
    try {
        (void)motiv::load_scheme_file(kFixtures + "many_problems.json");
        FAIL("expected RuleError");
    } catch (const RuleError& e) {
        CHECK(e.id() == "motiv.rule_error.110");
        const std::string what = e.what();
        CHECK(std::count(what.begin(), what.end(), '[') >= 7);
        CHECK_THAT(what, Catch::StartsWith("[motiv.rule_error.110] ") && Catch::Contains("expected the format version 1, got 2"));
        CHECK_THAT(what, Catch::Contains("\n[motiv.rule_error.401] "));
    }
}

TEST_CASE("a rule file that cannot be read is a rule_error.100 naming the path", "[loader]") {
    const std::string path = kFixtures + "no_such_file.json";
    const auto issues = load_issues(path);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].id == "motiv.rule_error.100");
    CHECK(issues[0].file == path);
    CHECK_THAT(issues[0].message, Catch::StartsWith("cannot read the rule file: "));
}

namespace {

// A small valid scheme; `params` is the body of "parameters", `components` the seller's components.
std::string scheme_text(const std::string& params, const std::string& components, const std::string& inputs = R"({"revenue": {"type": "money"}})") {
    return R"({"motiv": 1, "scheme": {"name": "t", "version": "1"}, "currency": {"code": "RUB", "minor_units": 2},
  "inputs": )" + inputs + R"(, "parameters": {)" + params + R"(},
  "roles": {"seller": {"components": )" + components + "}}}";
}

motiv::PersonInputs seller(const motiv::Scheme& s, const std::string& revenue) {
    motiv::PersonInputs p;
    p.id = "s-1";
    p.role = "seller";
    p.values.assign(s.inputs.size(), std::nullopt);
    p.values[0] = motiv::Decimal::parse(revenue);
    return p;
}

}  // namespace

TEST_CASE("numbers written as JSON numbers are exact decimals, never binary doubles", "[loader][exact]") {
    // 0.1 and 0.2 have no exact binary double; as doubles 0.1 + 0.2 != 0.3. Read exactly they sum
    // to 0.3, so `when` holds and the line is 0.3 * revenue 1000.00 = 300.00.
    const std::string text = scheme_text(
        R"("a": {"type": "ratio", "value": 0.1}, "b": {"type": "ratio", "value": 0.2}, "c": {"type": "ratio", "value": 1e-1},
           "big": {"type": "money", "value": 1234567890123.45})",
        R"([{"id": "x", "kind": "formula", "amount": "(a + b) * revenue", "when": "a + b == 0.3"}])");
    const motiv::Scheme s = motiv::load_scheme(text, "<string>");
    CHECK(s.find_parameter("a")->versions.at(0).value.raw() == 100'000'000);  // 0.1 at 9 places
    CHECK(s.find_parameter("a")->versions.at(0).value == "0.1"_d);
    CHECK(s.find_parameter("b")->versions.at(0).value == "0.2"_d);
    CHECK(s.find_parameter("c")->versions.at(0).value == "0.1"_d);  // exponent form, still exact
    CHECK(s.find_parameter("big")->versions.at(0).value.to_string() == "1234567890123.45");
    const auto cs = motiv::CompiledScheme::compile(s);
    const auto slip = motiv::compute_payslip(*cs, *motiv::Period::parse("2026-10"), seller(cs->scheme(), "1000.00"));
    REQUIRE(slip.lines.size() == 1);
    CHECK(slip.lines[0].applied);
    CHECK(slip.lines[0].minor == 30000);
}

TEST_CASE("a dated parameter takes the version in force on the period's first day", "[loader][dated]") {
    const auto cs = motiv::CompiledScheme::compile(motiv::load_scheme_file(kThreeTier));
    const motiv::Scheme& s = cs->scheme();
    const motiv::Parameter* salary = s.find_parameter("operator.salary");
    REQUIRE(salary);
    REQUIRE(salary->versions.size() == 2);
    CHECK(motiv::to_iso(salary->versions[0].since) == "2026-01-01");
    CHECK(motiv::to_iso(salary->versions[1].since) == "2026-07-01");
    const auto index = static_cast<std::size_t>(salary - s.parameters.data());

    const auto [period, expected] = GENERATE(table<std::string, std::string>({
        {"2026-01", "40000.00"},  // the first date itself
        {"2026-06", "40000.00"},  // the month before the raise
        {"2026-07", "42000.00"},  // the raise, from its first day
        {"2026-10", "42000.00"},
        {"2031-12", "42000.00"},  // the latest version stays in force
    }));
    CAPTURE(period);
    const auto bound = cs->bind(*motiv::Period::parse(period));
    CHECK(bound.values[index].to_string_fixed(2) == expected);
    CHECK(bound.period.to_string() == period);
}

TEST_CASE("a period before a dated parameter's first date cannot be bound: rule_error.211", "[loader][dated]") {
    const auto cs = motiv::CompiledScheme::compile(motiv::load_scheme_file(kThreeTier));
    try {
        (void)cs->bind(*motiv::Period::parse("2025-12"));
        FAIL("expected RuleError");
    } catch (const RuleError& e) {
        REQUIRE(e.issues().size() == 1);  // only operator.salary is dated
        const Issue& i = e.issues()[0];
        CHECK(i.id == "motiv.rule_error.211");
        CHECK(i.file == kThreeTier);
        CHECK(i.pointer == "/parameters/operator.salary");
        CHECK(i.message == "parameter 'operator.salary' has no value in force on 2025-12-01 (period 2025-12)");
    }
}

TEST_CASE("dated versions are sorted by date whatever order the file lists them in", "[loader][dated]") {
    const std::string text = scheme_text(R"("rate": {"type": "ratio", "value": {"2026-07-01": "7%", "2026-01-01": "5%", "2026-04-01": "6%"}})",
                                         R"([{"id": "c", "kind": "commission", "base": "revenue", "rate": "rate"}])");
    const auto cs = motiv::CompiledScheme::compile(motiv::load_scheme(text, "<string>"));
    const auto [period, expected] = GENERATE(table<std::string, std::int64_t>({
        {"2026-03", 5000},  // 5% of 1000.00 = 50.00
        {"2026-04", 6000},
        {"2026-12", 7000},
    }));
    CAPTURE(period);
    const auto slip = motiv::compute_payslip(*cs, *motiv::Period::parse(period), seller(cs->scheme(), "1000.00"));
    CHECK(slip.total_minor == expected);
}

TEST_CASE("overrides replace a parameter's value, every dated version included", "[loader][overrides]") {
    const motiv::Overrides overrides = {
        {"operator.salary", "50000.00"},  // was dated: 40000.00, then 42000.00 from July
        {"hunter.commission.tiers", nlohmann::json::array({{{"from", "0"}, {"rate", "10%"}}})},
        {"farmer.cut.no_growth", "100%"},
        {"operator.bonus.step", 0.02},  // a JSON number is read through its text, exactly
    };
    const motiv::Scheme s = motiv::load_scheme_file(kThreeTier, overrides);
    const motiv::Parameter* salary = s.find_parameter("operator.salary");
    REQUIRE(salary->versions.size() == 1);
    CHECK(salary->versions[0].since.is_not_a_date());
    CHECK(salary->versions[0].value == "50000.00"_d);
    const auto& tiers = s.find_parameter("hunter.commission.tiers")->versions.at(0).table;
    CHECK(tiers.from == std::vector<motiv::Decimal>{"0"_d});
    CHECK(tiers.rate == std::vector<motiv::Decimal>{"0.1"_d});
    CHECK(s.find_parameter("farmer.cut.no_growth")->versions.at(0).value == "1"_d);
    CHECK(s.find_parameter("operator.bonus.step")->versions.at(0).value.raw() == 20'000'000);  // 0.02 at 9 places
    // Untouched parameters keep the file's values.
    CHECK(s.find_parameter("hunter.salary")->versions.at(0).value == "25000.00"_d);
    // A what-if is not the file: its hash covers the overrides too, and the same what-if hashes alike.
    const std::string file_sha = motiv::load_scheme_file(kThreeTier).sha256;
    CHECK(s.sha256.size() == 64);
    CHECK(s.sha256 != file_sha);
    CHECK(s.sha256 == motiv::load_scheme_file(kThreeTier, overrides).sha256);
    CHECK(motiv::load_scheme_file(kThreeTier, motiv::Overrides::object()).sha256 == file_sha);

    // The overridden values reach the pay: a period before July 2026 now binds too.
    const auto cs = motiv::CompiledScheme::compile(s);
    CHECK(cs->bind(*motiv::Period::parse("2025-01")).values[static_cast<std::size_t>(salary - s.parameters.data())] == "50000.00"_d);
}

TEST_CASE("overrides are validated like the file", "[loader][overrides]") {
    const auto [name, overrides, id, pointer, message] = GENERATE(table<std::string, nlohmann::json, std::string, std::string, std::string>({
        {"unknown parameter (a typo)", {{"hunter.comission.tiers", "5%"}}, "motiv.rule_error.301", "/overrides/hunter.comission.tiers",
         "override of unknown parameter 'hunter.comission.tiers' (did you mean 'hunter.commission.tiers'?)"},
        {"money with 3 places", {{"hunter.salary", "25000.001"}}, "motiv.rule_error.210", "/overrides/hunter.salary",
         "expected money with at most 2 decimal places, got 25000.001"},
        {"money with 3 places, as a JSON number", {{"hunter.salary", 25000.125}}, "motiv.rule_error.210", "/overrides/hunter.salary",
         "expected money with at most 2 decimal places, got 25000.125"},
        {"a count must be whole", {{"operator.gate.calls", "199.5"}}, "motiv.rule_error.210", "/overrides/operator.gate.calls",
         "expected a count (a whole number >= 0), got 199.5"},
        {"tiers must rise", {{"hunter.commission.tiers", {{{"from", "100"}, {"rate", "5%"}}, {{"from", "100"}, {"rate", "7%"}}}}},
         "motiv.rule_error.208", "/overrides/hunter.commission.tiers/1/from", "tier thresholds must rise strictly: 100 does not exceed 100"},
        {"a bad date key", {{"hunter.salary", {{"2026-02-30", "1.00"}}}}, "motiv.rule_error.207", "/overrides/hunter.salary/2026-02-30",
         "expected a date YYYY-MM-DD as the key of a dated value, got '2026-02-30'"},
        {"not an object", nlohmann::json::array({1}), "motiv.rule_error.201", "/overrides", "expected an object {parameter name: value}, got an array"},
    }));
    CAPTURE(name);
    const auto issues = load_issues(kThreeTier, overrides);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].id == id);
    CHECK(issues[0].pointer == pointer);
    CHECK(issues[0].message == message);
}

TEST_CASE("the reference scheme loads with every declaration in place", "[loader]") {
    const motiv::Scheme s = motiv::load_scheme_file(kThreeTier);
    CHECK(s.name == "three_tier");
    CHECK(s.version == "2026.2");
    CHECK(s.source == kThreeTier);
    CHECK(s.sha256.size() == 64);
    CHECK(s.currency.code == "RUB");
    CHECK(s.currency.minor_units == 2);
    CHECK(s.rounding.mode == motiv::RoundingMode::half_up);
    CHECK(s.rounding.step == "0.01"_d);
    CHECK(s.inputs.size() == 10);  // nine declared + the built-in prorata
    CHECK(s.parameters.size() == 19);
    CHECK(s.roles.size() == 3);
    const motiv::InputDecl* handovers = s.find_input("overdue_handovers");
    REQUIRE(handovers);
    CHECK(handovers->kind == motiv::Kind::count);
    CHECK_FALSE(handovers->required);  // a default makes an input optional
    CHECK(handovers->default_value == "0"_d);
    CHECK(s.find_input("script_compliance")->max == "1"_d);
    CHECK(s.find_parameter("operator.bonus.base_rate")->versions.at(0).value == "0.1"_d);  // "10%"
    CHECK(s.find_parameter("farmer.bonus.rate_by_volume")->versions.at(0).table.rate.at(1) == "0.125"_d);
    const motiv::Role* hunter = s.find_role("hunter");
    REQUIRE(hunter);
    REQUIRE(hunter->components.size() == 3);
    CHECK(hunter->components[1].kind == motiv::ComponentKind::commission);
    CHECK(hunter->components[1].mode == motiv::TierMode::graduated);
    CHECK(hunter->components[1].tiers == "hunter.commission.tiers");
    CHECK(hunter->components[2].pointer == "/roles/hunter/components/2");
    CHECK(hunter->components[2].cap->pointer == "/roles/hunter/components/2/cap");
    CHECK(s.find_role("operator")->variables.size() == 5);
}

TEST_CASE("parse_json_exact keeps number text and refuses what nlohmann would accept silently", "[loader][json]") {
    const auto j = motiv::parse_json_exact(R"({"a": 0.1, "b": 12, "c": [1.50, -3e2]})", "<string>");
    CHECK(j.at("a") == "0.1");       // the literal, as a string
    CHECK(j.at("b") == 12);          // integers stay integers
    CHECK(j.at("c").at(0) == "1.50");
    CHECK(j.at("c").at(1) == "-3e2");
    // Duplicate keys are reported at every level, all at once.
    try {
        (void)motiv::parse_json_exact(R"({"a": 1, "a": 2, "o": {"k": 1, "k": 2}})", "<string>");
        FAIL("expected RuleError");
    } catch (const RuleError& e) {
        REQUIRE(e.issues().size() == 2);
        CHECK(e.issues()[0].pointer == "/a");
        CHECK(e.issues()[1].pointer == "/o/k");
    }
    // 64 levels are allowed, 65 are not.
    const auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
    CHECK_NOTHROW(motiv::parse_json_exact(nested(64), "<string>"));
    CHECK_THROWS_WITH(motiv::parse_json_exact(nested(65), "<string>"), Catch::Contains("[motiv.rule_error.103]"));
    // Too large a file is refused before parsing.
    const std::string huge(motiv::kMaxRuleFileBytes + 1, ' ');
    CHECK_THROWS_WITH(motiv::parse_json_exact(huge, "<string>"), Catch::Contains("[motiv.rule_error.104]") && Catch::Contains("the limit is 4194304"));
}

TEST_CASE("a scheme without roles, or a role without components, is refused", "[loader]") {
    const auto [name, roles, pointer, message] = GENERATE(table<std::string, std::string, std::string, std::string>({
        {"no roles", "{}", "/roles", "a scheme needs at least one role"},
        {"no components", R"({"seller": {"components": []}})", "/roles/seller/components", "a role needs at least one component"},
        {"components not an array", R"({"seller": {"components": {}}})", "/roles/seller/components", "expected an array of components, got an object"},
    }));
    CAPTURE(name);
    const auto issues = load_text_issues(R"({"motiv": 1, "scheme": {"name": "t", "version": "1"}, "currency": {"code": "RUB", "minor_units": 2},
        "inputs": {}, "parameters": {}, "roles": )" + roles + "}");
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].pointer == pointer);
    CHECK(issues[0].message == message);
    CHECK(issues[0].file == "<string>");
}
