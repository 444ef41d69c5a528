// Compiling a loaded scheme: names resolve in any order, types are checked, cycles are found, and
// every problem of the file comes out in one RuleError with pointers and formula columns.
#include "core/engine/compiled_scheme.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "core/engine/compute.hpp"
#include "core/errors.hpp"
#include "core/rules/loader.hpp"

using motiv::CompiledScheme;
using motiv::Issue;
using motiv::RuleError;

// A compiled scheme holds pointers into its own Scheme: a copy or move would dangle, so neither
// compiles (it is shared through the shared_ptr compile() returns).
static_assert(!std::is_copy_constructible_v<CompiledScheme> && !std::is_copy_assignable_v<CompiledScheme>);
static_assert(!std::is_move_constructible_v<CompiledScheme> && !std::is_move_assignable_v<CompiledScheme>);

namespace {

const std::string kThreeTier = std::string(MOTIV_SOURCE_DIR) + "/rules/three_tier.json";

// A scheme with one role "r": `variables` and `components` are its JSON bodies. Inputs and
// parameters cover every kind, so each case below only writes the formulas it is about.
std::string scheme_text(const std::string& variables, const std::string& components) {
    return R"({
  "motiv": 1,
  "scheme": {"name": "t", "version": "1"},
  "currency": {"code": "RUB", "minor_units": 2},
  "inputs": {"revenue": {"type": "money"}, "calls": {"type": "count"}, "meetings": {"type": "count"}},
  "parameters": {
    "salary": {"type": "money", "value": "1000.00"},
    "rate": {"type": "ratio", "value": "5%"},
    "tiers.money": {"type": "tiers", "value": [{"from": "0", "rate": "5%"}, {"from": "1000", "rate": "10%"}]},
    "tiers.count": {"type": "tiers", "basis": "count", "value": [{"from": "0", "rate": "5%"}]}
  },
  "roles": {"r": {"variables": )" + variables + R"(, "components": )" + components + "}}\n}";
}

std::shared_ptr<const CompiledScheme> compile(const std::string& text) {
    return CompiledScheme::compile(motiv::load_scheme(text, "t.json"));
}

std::vector<Issue> compile_issues(const std::string& text) {
    try {
        (void)compile(text);
    } catch (const RuleError& e) {
        return e.issues();
    }
    FAIL("expected motiv::RuleError compiling:\n" << text);
    return {};
}

// (id, pointer, message, expr_column) of one issue.
using Expected = std::tuple<std::string, std::string, std::string, std::size_t>;

std::vector<Expected> summarise(const std::vector<Issue>& issues) {
    std::vector<Expected> out;
    for (const auto& i : issues) out.emplace_back(i.id, i.pointer, i.message, i.expr_column);
    return out;
}

motiv::PersonInputs person(const motiv::Scheme& s, const std::vector<std::pair<std::string, std::string>>& values) {
    motiv::PersonInputs p;
    p.id = "p-1";
    p.role = "r";
    p.values.assign(s.inputs.size(), std::nullopt);
    for (const auto& [name, text] : values) {
        const motiv::InputDecl* in = s.find_input(name);
        REQUIRE(in);
        p.values[static_cast<std::size_t>(in - s.inputs.data())] = motiv::Decimal::parse(text);
    }
    return p;
}

}  // namespace

TEST_CASE("compile errors: unknown names, types, cycles, tier tables", "[compile]") {
    const auto [name, variables, components, expected] = GENERATE(table<std::string, std::string, std::string, std::vector<Expected>>({
        // --- names (rule_error.301): the column is where the unknown name starts.
        {"unknown name", "{}", R"([{"id": "a", "kind": "formula", "amount": "salary + bonus_pool"}])",
         {{"motiv.rule_error.301", "/roles/r/components/0/amount", "unknown name 'bonus_pool': not an input, parameter, variable or component of this role", 10}}},
        {"unknown name in a variable", R"({"v": "calls / callz"})", R"([{"id": "a", "kind": "fixed", "amount": "salary", "when": "v > 0"}])",
         {{"motiv.rule_error.301", "/roles/r/variables/v", "unknown name 'callz': not an input, parameter, variable or component of this role", 9}}},
        // --- types (rule_error.402): the column is the start of the offending expression.
        {"money + number", "{}", R"([{"id": "a", "kind": "formula", "amount": "salary + calls"}])",
         {{"motiv.rule_error.402", "/roles/r/components/0/amount", "'+': cannot combine money with a number", 1}}},
        {"money * money", "{}", R"([{"id": "a", "kind": "formula", "amount": "salary * revenue"}])",
         {{"motiv.rule_error.402", "/roles/r/components/0/amount", "'*': money times money is not an amount; multiply money by a number or rate", 1}}},
        {"a when that is money", "{}", R"([{"id": "a", "kind": "fixed", "amount": "salary", "when": "revenue"}])",
         {{"motiv.rule_error.402", "/roles/r/components/0/when", "expected a condition (true/false), but the formula gives money", 1}}},
        {"a rate that is money", "{}", R"([{"id": "a", "kind": "percent", "rate": "salary", "of": "revenue"}])",
         {{"motiv.rule_error.402", "/roles/r/components/0/rate", "expected a number, but the formula gives money", 1}}},
        {"an amount that is a number", "{}", R"([{"id": "a", "kind": "fixed", "amount": "calls * rate"}])",
         {{"motiv.rule_error.402", "/roles/r/components/0/amount", "expected money, but the formula gives a number", 1}}},
        {"a cap that is a condition", "{}", R"([{"id": "a", "kind": "fixed", "amount": "salary", "cap": "calls > 3"}])",
         {{"motiv.rule_error.402", "/roles/r/components/0/cap", "expected money, but the formula gives a condition (true/false)", 1}}},
        // --- cycles (rule_error.302): reported once, at the value where the cycle closes, with its path.
        {"components in a cycle", "{}",
         R"([{"id": "a", "kind": "formula", "amount": "b + 1"}, {"id": "b", "kind": "formula", "amount": "c"}, {"id": "c", "kind": "percent", "rate": "rate", "of": "a"}])",
         {{"motiv.rule_error.302", "/roles/r/components/0", "cycle: a -> b -> c -> a (a value cannot depend on itself)", 0}}},
        {"variables in a cycle", R"({"x": "y + 1", "y": "z * 2", "z": "x"})", R"([{"id": "a", "kind": "fixed", "amount": "salary", "when": "x > 0"}])",
         {{"motiv.rule_error.302", "/roles/r/variables/x", "cycle: x -> y -> z -> x (a value cannot depend on itself)", 0}}},
        {"a component of itself", "{}", R"([{"id": "a", "kind": "formula", "amount": "a + salary"}])",
         {{"motiv.rule_error.302", "/roles/r/components/0", "cycle: a -> a (a value cannot depend on itself)", 0}}},
        {"a cycle through a when", "{}",
         R"([{"id": "a", "kind": "fixed", "amount": "salary", "when": "b > 0"}, {"id": "b", "kind": "percent", "rate": "rate", "of": "a"}])",
         {{"motiv.rule_error.302", "/roles/r/components/0", "cycle: a -> b -> a (a value cannot depend on itself)", 0}}},
        {"a cycle between a variable and a component", R"({"v": "a * 2"})", R"([{"id": "a", "kind": "formula", "amount": "v"}])",
         {{"motiv.rule_error.302", "/roles/r/variables/v", "cycle: v -> a -> v (a value cannot depend on itself)", 0}}},
        // --- tier tables.
        {"a tier table used as a value", "{}", R"([{"id": "a", "kind": "formula", "amount": "tiers.money"}])",
         {{"motiv.rule_error.402", "/roles/r/components/0/amount", "'tiers.money' is a tier table: use it in rate_at(), graduated() or retroactive()", 1}}},
        {"commission tiers naming a ratio", "{}", R"([{"id": "a", "kind": "commission", "base": "revenue", "tiers": "rate"}])",
         {{"motiv.rule_error.301", "/roles/r/components/0/tiers", "'rate' is not a tier table parameter (it is a ratio)", 0}}},
        {"commission tiers naming nothing", "{}", R"([{"id": "a", "kind": "commission", "base": "revenue", "tiers": "no.such"}])",
         {{"motiv.rule_error.301", "/roles/r/components/0/tiers", "'no.such' is not a tier table parameter", 0}}},
        {"commission tiers of basis count", "{}", R"([{"id": "a", "kind": "commission", "base": "revenue", "tiers": "tiers.count"}])",
         {{"motiv.rule_error.402", "/roles/r/components/0/tiers", "a commission's tier table must have basis money (or basis ratio with a 'quota'), 'tiers.count' has basis count", 0}}},
        {"rate_at of money through a count table", "{}", R"j([{"id": "a", "kind": "percent", "rate": "rate_at(tiers.count, revenue)", "of": "salary"}])j",
         {{"motiv.rule_error.402", "/roles/r/components/0/rate", "rate_at() of tiers.count: cannot combine money with a number", 22}}},
        // --- one mistake, one report: what merely uses a broken name is not reported again.
        {"a typo in a gate variable", R"({"gate": "calls >= gate_calls", "both": "gate and meetings > 3"})",
         R"([{"id": "a", "kind": "fixed", "amount": "salary", "when": "both"}, {"id": "b", "kind": "percent", "rate": "rate", "of": "a", "when": "gate"}])",
         {{"motiv.rule_error.301", "/roles/r/variables/gate", "unknown name 'gate_calls': not an input, parameter, variable or component of this role", 10}}},
        {"a cycle used as a condition", R"({"x": "y", "y": "x and true"})", R"([{"id": "a", "kind": "fixed", "amount": "salary", "when": "x"}])",
         {{"motiv.rule_error.302", "/roles/r/variables/x", "cycle: x -> y -> x (a value cannot depend on itself)", 0}}},
        {"a broken component used by others", "{}",
         R"([{"id": "a", "kind": "fixed", "amount": "salry"}, {"id": "b", "kind": "fixed", "amount": "salary", "when": "a > 0"}, {"id": "c", "kind": "formula", "amount": "a * revenue"}])",
         {{"motiv.rule_error.301", "/roles/r/components/0/amount", "unknown name 'salry': not an input, parameter, variable or component of this role", 1}}},
        // --- independent mistakes are all reported, in payslip order.
        {"two independent mistakes", "{}",
         R"([{"id": "a", "kind": "formula", "amount": "salary * revenue"}, {"id": "b", "kind": "fixed", "amount": "nope"}])",
         {{"motiv.rule_error.402", "/roles/r/components/0/amount", "'*': money times money is not an amount; multiply money by a number or rate", 1},
          {"motiv.rule_error.301", "/roles/r/components/1/amount", "unknown name 'nope': not an input, parameter, variable or component of this role", 1}}},
    }));
    CAPTURE(name);
    const auto issues = compile_issues(scheme_text(variables, components));
    CHECK(summarise(issues) == expected);
    for (const auto& i : issues) {
        CHECK(i.file == "t.json");
        // Formula errors carry the formula text, so describe() can draw the caret.
        if (i.expr_column > 0) CHECK_FALSE(i.expression.empty());
    }
}

TEST_CASE("an unknown name shows the formula with a caret under it", "[compile]") {
    const auto issues = compile_issues(scheme_text("{}", R"([{"id": "a", "kind": "formula", "amount": "salary + bonus_pool"}])"));
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].expression == "salary + bonus_pool");
    CHECK(issues[0].describe() ==
          "[motiv.rule_error.301] t.json (/roles/r/components/0/amount) unknown name 'bonus_pool': not an input, parameter, variable or "
          "component of this role\n    salary + bonus_pool\n             ^");
}

TEST_CASE("errors in several roles are reported together", "[compile]") {
    const std::string text = R"({
  "motiv": 1, "scheme": {"name": "t", "version": "1"}, "currency": {"code": "RUB", "minor_units": 2},
  "inputs": {"revenue": {"type": "money"}}, "parameters": {},
  "roles": {
    "a": {"components": [{"id": "x", "kind": "fixed", "amount": "revenu"}]},
    "b": {"components": [{"id": "y", "kind": "fixed", "amount": "y"}]},
    "c": {"components": [{"id": "z", "kind": "fixed", "amount": "revenue"}]}
  }
})";
    const auto issues = compile_issues(text);
    std::vector<std::pair<std::string, std::string>> got;
    for (const auto& i : issues) got.emplace_back(i.id, i.pointer);
    CHECK(got == std::vector<std::pair<std::string, std::string>>{{"motiv.rule_error.301", "/roles/a/components/0/amount"},
                                                                  {"motiv.rule_error.302", "/roles/b/components/0"}});
}

TEST_CASE("forward references compile and compute: order in the file does not matter", "[compile]") {
    // a needs b (listed later) and the variable `share` (which needs the later variable `base`).
    const auto cs = compile(scheme_text(R"({"share": "base * 2", "base": "rate"})",
                                        R"([{"id": "a", "kind": "percent", "rate": "share", "of": "b"},
                                            {"id": "b", "kind": "fixed", "amount": "salary"},
                                            {"id": "c", "kind": "formula", "amount": "a + b", "when": "a < b"}])"));
    const motiv::CompiledRole* r = cs->role("r");
    REQUIRE(r);
    // Payslip order is the file's order, whatever order the code was emitted in.
    REQUIRE(r->components.size() == 3);
    CHECK(r->components[0].rule->id == "a");
    CHECK(r->components[1].rule->id == "b");
    CHECK(r->components[2].rule->id == "c");
    CHECK(r->component("c")->when.has_value());
    CHECK_FALSE(r->component("a")->when.has_value());
    CHECK(r->variable("share") != nullptr);
    CHECK(r->component("nope") == nullptr);
    CHECK(cs->role("nope") == nullptr);

    // share = 5% * 2 = 10%; a = 10% of b 1000.00 = 100.00; c = a + b = 1100.00 (a < b holds).
    const auto slip = motiv::compute_payslip(*cs, *motiv::Period::parse("2026-10"), person(cs->scheme(), {}));
    REQUIRE(slip.lines.size() == 3);
    CHECK(slip.lines[0].minor == 10000);
    CHECK(slip.lines[1].minor == 100000);
    CHECK(slip.lines[2].minor == 110000);
    CHECK(slip.total_minor == 220000);
}

TEST_CASE("variables are evaluated after everything they use", "[compile]") {
    // Listed in the reverse of their dependencies, compiled in dependency order.
    const auto cs = compile(scheme_text(R"({"d": "c + 1", "c": "b * 2", "b": "a", "a": "calls"})",
                                        R"([{"id": "x", "kind": "fixed", "amount": "salary", "when": "d > 3"}])"));
    std::vector<std::string> order;
    for (const auto& v : cs->role("r")->variables) order.push_back(v.rule->name);
    CHECK(order == std::vector<std::string>{"a", "b", "c", "d"});

    // The same holds for three_tier's operator: each variable's names refer only to variables
    // compiled before it.
    const auto tt = CompiledScheme::compile(motiv::load_scheme_file(kThreeTier));
    const motiv::CompiledRole* op = tt->role("operator");
    REQUIRE(op);
    REQUIRE(op->variables.size() == 5);
    std::vector<std::string> seen;
    for (const auto& v : op->variables) {
        for (const auto& n : v.rule->formula.ast.nodes) {
            if (n.kind != motiv::expr::NodeKind::name || !op->variable(n.name)) continue;
            CAPTURE(v.rule->name, n.name);
            CHECK(std::find(seen.begin(), seen.end(), n.name) != seen.end());
        }
        seen.push_back(v.rule->name);
    }
}

TEST_CASE("each role knows the inputs it reads and the ones a row must give", "[compile]") {
    const auto cs = CompiledScheme::compile(motiv::load_scheme_file(kThreeTier));
    const motiv::Scheme& s = cs->scheme();
    auto names = [&](const std::vector<std::size_t>& idx) {
        std::vector<std::string> out;
        for (auto i : idx) out.push_back(s.inputs[i].name);
        std::sort(out.begin(), out.end());
        return out;
    };
    const auto [role, read, required] = GENERATE(table<std::string, std::vector<std::string>, std::vector<std::string>>({
        // prorata (built in with the proration section, default 1) is read by every prorated salary.
        {"operator", {"calls", "days_worked", "meetings", "prorata", "script_compliance", "talk_minutes"},
         {"calls", "days_worked", "meetings", "script_compliance", "talk_minutes"}},
        // overdue_handovers has a default: read, but a row may leave it empty.
        {"hunter", {"overdue_handovers", "prorata", "revenue"}, {"revenue"}},
        {"farmer", {"prorata", "volume", "volume_prev"}, {"volume", "volume_prev"}},
    }));
    CAPTURE(role);
    const motiv::CompiledRole* r = cs->role(role);
    REQUIRE(r);
    std::vector<std::size_t> read_idx;
    for (const auto& [idx, slot] : r->inputs) read_idx.push_back(idx);
    CHECK(names(read_idx) == read);
    CHECK(names(r->required_inputs) == required);
}

TEST_CASE("a tiered commission is bound to its table parameter", "[compile]") {
    const auto cs = CompiledScheme::compile(motiv::load_scheme_file(kThreeTier));
    const motiv::CompiledComponent* c = cs->role("hunter")->component("commission");
    REQUIRE(c);
    REQUIRE(c->tiers.has_value());
    CHECK(cs->scheme().parameters[*c->tiers].name == "hunter.commission.tiers");
    CHECK(c->field("base") != nullptr);
    CHECK(c->field("rate") == nullptr);
    // Tier tables bind per period like scalars.
    const auto bound = cs->bind(*motiv::Period::parse("2026-10"));
    CHECK(bound.tables[*c->tiers].from.size() == 3);
    CHECK(bound.tables[*c->tiers].rate.at(2) == motiv::Decimal::parse("0.10"));
}
