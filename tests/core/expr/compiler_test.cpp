#include "core/expr/compiler.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expr/parser.hpp"

using motiv::Decimal;
using motiv::expr::CompileError;
using motiv::expr::CompiledFormula;
using motiv::expr::Frame;
using motiv::expr::Program;
using motiv::expr::ProgramBuilder;
using motiv::expr::Resolver;
using motiv::expr::Symbol;
using motiv::expr::TierTable;
using motiv::expr::ValueType;

namespace {

Decimal dec(std::string_view s) {
    auto d = Decimal::parse(s);
    REQUIRE(d.has_value());
    return *d;
}

// A role with a few names: money `salary`, `bonus`, `big`, `plan.base`; numbers `calls`, `rate`;
// conditions `ok`, `flag`; tier tables `t` (table 0, money thresholds) and `kpi` (table 1, numbers).
struct Harness {
    ProgramBuilder builder;
    std::map<std::string, Symbol, std::less<>> symbols;
    std::vector<TierTable> tables{
        TierTable{{dec("0"), dec("300000"), dec("1000000")}, {dec("0.05"), dec("0.07"), dec("0.10")}},
        TierTable{{dec("50"), dec("100")}, {dec("1"), dec("1.5")}},
    };
    std::vector<std::pair<std::string, std::uint32_t>> lookups;  // every name resolved, with its column

    Harness() {
        for (const char* n : {"salary", "bonus", "big", "plan.base"}) symbols[n] = Symbol{ValueType::money, builder.new_slot()};
        for (const char* n : {"calls", "rate"}) symbols[n] = Symbol{ValueType::number, builder.new_slot()};
        for (const char* n : {"ok", "flag"}) symbols[n] = Symbol{ValueType::boolean, builder.new_slot()};
        symbols["t"] = Symbol{ValueType::tiers, 0, 0, ValueType::money};
        symbols["kpi"] = Symbol{ValueType::tiers, 0, 1, ValueType::number};
    }

    Resolver resolver() {
        return [this](std::string_view name, std::uint32_t column) -> std::optional<Symbol> {
            lookups.emplace_back(std::string(name), column);
            if (name == "loop") throw CompileError("'loop' refers to itself", column);
            const auto it = symbols.find(name);
            if (it == symbols.end()) return std::nullopt;
            return it->second;
        };
    }
};

// Inputs of one evaluation; `overrides` is "name=value; name=value" over these defaults.
std::map<std::string, std::string> inputs(std::string_view overrides) {
    std::map<std::string, std::string> in{{"salary", "100000"}, {"bonus", "2500.5"}, {"big", "1e20"}, {"plan.base", "40000"},
                                          {"calls", "40"},      {"rate", "0.1"},     {"ok", "1"},     {"flag", "0"}};
    std::size_t i = 0;
    while (i < overrides.size()) {
        std::size_t end = overrides.find(';', i);
        if (end == std::string_view::npos) end = overrides.size();
        std::string_view kv = overrides.substr(i, end - i);
        while (!kv.empty() && kv.front() == ' ') kv.remove_prefix(1);
        const std::size_t eq = kv.find('=');
        REQUIRE(eq != std::string_view::npos);
        in[std::string(kv.substr(0, eq))] = std::string(kv.substr(eq + 1));
        i = end + 1;
    }
    return in;
}

struct Result {
    std::string type;   // "money", "number", "boolean"
    std::string value;  // a condition is "1" or "0"
    int fault = 0;
};

// parse -> compile -> finish -> frame of width 1 -> constants -> inputs -> run.
Result eval(std::string_view formula, std::string_view overrides = "", std::optional<ValueType> expected = std::nullopt) {
    Harness h;
    const auto ast = motiv::expr::parse(formula);
    const CompiledFormula cf = motiv::expr::compile(ast, h.builder, h.resolver(), expected);
    const Program program = h.builder.finish();
    Frame frame(program.slot_count, 1);
    program.load_constants(frame);
    for (const auto& [name, value] : inputs(overrides)) frame.value(h.symbols.at(name).slot)[0] = dec(value);
    program.run(frame, 1, h.tables);
    return {motiv::expr::to_string(cf.type), frame.value(cf.slot)[0].to_string(), frame.fault(cf.slot)[0]};
}

// "message @column" of the CompileError the formula throws, or "no error".
std::string compile_error(std::string_view formula, std::optional<ValueType> expected = std::nullopt) {
    Harness h;
    const auto ast = motiv::expr::parse(formula);
    try {
        (void)motiv::expr::compile(ast, h.builder, h.resolver(), expected);
    } catch (const CompileError& e) {
        return std::string(e.what()) + " @" + std::to_string(e.column());
    }
    return "no error";
}

}  // namespace

TEST_CASE("expr compiler: types and values end to end", "[expr][compiler]") {
    // Defaults: salary 100000, bonus 2500.5, plan.base 40000, calls 40, rate 0.1, ok true, flag false.
    const auto [formula, type, value] = GENERATE(table<const char*, const char*, const char*>({
        // arithmetic and the literal that adapts
        {"salary + bonus", "money", "102500.5"},
        {"salary - bonus", "money", "97499.5"},
        {"salary + 1000", "money", "101000"},
        {"1000 + salary", "money", "101000"},
        {"calls + 1", "number", "41"},
        {"1 + 2", "number", "3"},
        {"salary * rate", "money", "10000"},
        {"rate * salary", "money", "10000"},
        {"salary * 15%", "money", "15000"},
        {"2 * salary", "money", "200000"},
        {"calls * rate", "number", "4"},
        {"salary / calls", "money", "2500"},
        {"salary / 3", "money", "33333.333333333"},
        {"bonus / salary", "number", "0.025005"},
        {"calls / 3", "number", "13.333333333"},
        {"2 / 3", "number", "0.666666667"},
        {"-salary", "money", "-100000"},
        {"-(calls - 50)", "number", "10"},
        {"2 + 3 * 4", "number", "14"},
        {"(2 + 3) * 4", "number", "20"},
        {"10 - 4 - 3", "number", "3"},
        {"24 / 4 / 2", "number", "3"},
        {"plan.base * 2 + salary", "money", "180000"},
        // comparisons
        {"salary > 50000", "boolean", "1"},
        {"salary <= 99999.99", "boolean", "0"},
        {"salary >= 100000", "boolean", "1"},
        {"bonus < salary", "boolean", "1"},
        {"calls == 40", "boolean", "1"},
        {"calls != 40", "boolean", "0"},
        {"salary * rate == 10000", "boolean", "1"},
        {"ok == true", "boolean", "1"},
        {"ok != flag", "boolean", "1"},
        // logic
        {"true", "boolean", "1"},
        {"false", "boolean", "0"},
        {"ok and flag", "boolean", "0"},
        {"ok or flag", "boolean", "1"},
        {"not flag", "boolean", "1"},
        {"not ok or flag", "boolean", "0"},
        {"calls > 10 and salary > 0", "boolean", "1"},
        {"flag or calls < 10 or not ok", "boolean", "0"},
        // if
        {"if(ok, salary, 0)", "money", "100000"},
        {"if(flag, salary, 500)", "money", "500"},
        {"if(calls > 50, 1, 2)", "number", "2"},
        {"if(ok, true, flag)", "boolean", "1"},
        {"if(ok, 1, 2)", "number", "1"},
        // min / max / clamp / abs
        {"min(salary, bonus, 3000)", "money", "2500.5"},
        {"max(salary, 150000)", "money", "150000"},
        {"max(calls)", "number", "40"},
        {"min(1, 2)", "number", "1"},
        {"max(-1, -2, -3)", "number", "-1"},
        {"clamp(salary, 0, 50000)", "money", "50000"},
        {"clamp(calls, 50, 60)", "number", "50"},
        {"clamp(calls, 0, 100)", "number", "40"},
        {"abs(calls - 50)", "number", "10"},
        {"abs(-salary)", "money", "100000"},
        {"abs(bonus)", "money", "2500.5"},
        // tier tables
        {"rate_at(t, salary)", "number", "0.05"},
        {"graduated(t, salary)", "money", "5000"},
        {"retroactive(t, salary)", "money", "5000"},
        {"graduated(t, 400000)", "money", "22000"},
        {"retroactive(t, 400000)", "money", "28000"},
        {"salary * rate_at(t, 2000000)", "money", "10000"},
        {"rate_at(kpi, calls)", "number", "0"},
        {"rate_at(kpi, calls + 10)", "number", "1"},
        {"graduated(kpi, calls * 3)", "number", "80"},
        {"retroactive(kpi, 120)", "number", "180"},
    }));
    CAPTURE(formula);
    const Result r = eval(formula);
    CHECK(r.type == type);
    CHECK(r.value == value);
    CHECK(r.fault == 0);
}

TEST_CASE("expr compiler: tier tables at their edges", "[expr][compiler]") {
    // t = {0: 5%, 300000: 7%, 1000000: 10%}
    const auto [salary, rate, graduated, retroactive] = GENERATE(table<const char*, const char*, const char*, const char*>({
        {"-0.01", "0", "0", "0"},  // below the first tier
        {"0", "0.05", "0", "0"},
        {"0.01", "0.05", "0.0005", "0.0005"},
        {"299999.99", "0.05", "14999.9995", "14999.9995"},
        {"300000", "0.07", "15000", "21000"},
        {"300000.01", "0.07", "15000.0007", "21000.0007"},
        {"999999.99", "0.07", "63999.9993", "69999.9993"},
        {"1000000", "0.1", "64000", "100000"},
        {"1000000.01", "0.1", "64000.001", "100000.001"},
        {"1500000", "0.1", "114000", "150000"},
    }));
    CAPTURE(salary);
    const std::string in = std::string("salary=") + salary;
    CHECK(eval("rate_at(t, salary)", in).value == rate);
    CHECK(eval("graduated(t, salary)", in).value == graduated);
    CHECK(eval("retroactive(t, salary)", in).value == retroactive);
}

TEST_CASE("expr compiler: errors name the problem and its column", "[expr][compiler]") {
    const auto [formula, error] = GENERATE(table<const char*, const char*>({
        // type rules
        {"salary + calls", "'+': cannot combine money with a number @1"},
        {"calls - salary", "'-': cannot combine a number with money @1"},
        {"1 + (salary + calls)", "'+': cannot combine money with a number @5"},
        {"salary * bonus", "'*': money times money is not an amount; multiply money by a number or rate @1"},
        {"calls / salary", "'/': dividing a number by money gives no amount; divide money by money for a ratio @1"},
        {"salary > calls", "'>': cannot combine money with a number @1"},
        {"ok + 1", "'+' needs a number or money, got a condition (true/false) @1"},
        {"1 + ok", "'+' needs a number or money, got a condition (true/false) @5"},
        {"salary * ok", "'*' needs a number or money, got a condition (true/false) @10"},
        {"ok / 2", "'/' needs a number or money, got a condition (true/false) @1"},
        {"-ok", "unary '-' needs a number or money, got a condition (true/false) @1"},
        {"ok < flag", "'<' needs a number or money, got a condition (true/false) @1"},
        {"ok == 1", "'==' needs a number or money, got a condition (true/false) @1"},
        {"calls == ok", "'==' needs a number or money, got a condition (true/false) @10"},
        // and / or / not
        {"salary and ok", "'and' needs a condition (true/false), got money @1"},
        {"ok or calls", "'or' needs a condition (true/false), got a number @7"},
        {"ok and 1", "'and' needs a condition (true/false), got a number @8"},
        {"not calls", "'not' needs a condition (true/false), got a number @1"},
        // functions
        {"if(calls, 1, 2)", "if() needs a condition (true/false), got a number @4"},
        {"if(ok, salary, calls)", "if(): cannot combine money with a number @1"},
        {"if(ok, 1, flag)", "if(): cannot combine a number with a condition (true/false) @1"},
        {"if(ok, 1)", "if() takes 3 arguments, got 2 @1"},
        {"if(ok, 1, 2, 3)", "if() takes 3 arguments, got 4 @1"},
        {"min()", "min() takes at least 1 argument, got 0 @1"},
        {"max()", "max() takes at least 1 argument, got 0 @1"},
        {"abs()", "abs() takes 1 argument, got 0 @1"},
        {"abs(1, 2)", "abs() takes 1 argument, got 2 @1"},
        {"clamp(1, 2)", "clamp() takes 3 arguments, got 2 @1"},
        {"1 + rate_at(t)", "rate_at() takes 2 to 3 arguments, got 1 @5"},
        {"graduated(t, salary, 1, 2)", "graduated() takes 2 to 3 arguments, got 4 @1"},
        // A third argument is a quota, which needs a table of thresholds as ratios.
        {"graduated(t, salary, 1)", "graduated() with a quota needs a tier table of basis ratio (thresholds as shares of the quota), 't' is not @11"},
        {"curve(t, 1)", "curve() needs the name of a pay curve parameter as its first argument @7"},
        {"min(salary, calls)", "min(): cannot combine money with a number @13"},
        {"max(1, salary, calls)", "max(): cannot combine money with a number @16"},
        {"max(ok, 1)", "max() needs a number or money, got a condition (true/false) @5"},
        {"clamp(salary, 0, calls)", "clamp(): cannot combine money with a number @18"},
        {"clamp(salary, ok, 1)", "clamp() needs a number or money, got a condition (true/false) @15"},
        {"abs(ok)", "abs() needs a number or money, got a condition (true/false) @5"},
        // names and functions that do not exist
        {"foo + 1", "unknown name 'foo': not an input, parameter, variable or component of this role @1"},
        {"1 + plan.nope", "unknown name 'plan.nope': not an input, parameter, variable or component of this role @5"},
        {"sqrt(2)", "unknown function 'sqrt': expected one of min, max, clamp, abs, if, rate_at, graduated, retroactive, curve @1"},
        {"2 * plan.min(1)", "unknown function 'plan.min': expected one of min, max, clamp, abs, if, rate_at, graduated, retroactive, curve @5"},
        {"loop * 2", "'loop' refers to itself @1"},  // the resolver's own error passes through
        // tier tables
        {"t * 2", "'t' is a tier table: use it in rate_at(), graduated() or retroactive() @1"},
        {"max(1, t)", "'t' is a tier table: use it in rate_at(), graduated() or retroactive() @8"},
        {"t", "'t' is a tier table: use it in rate_at(), graduated() or retroactive() @1"},
        {"rate_at(salary, salary)", "rate_at() needs the name of a tier table parameter as its first argument @9"},
        {"graduated(nope, salary)", "graduated() needs the name of a tier table parameter as its first argument @11"},
        {"retroactive(2, salary)", "retroactive() needs the name of a tier table parameter as its first argument @13"},
        {"rate_at((t), salary)", "no error"},  // parentheses around the table are fine
        {"rate_at(t, calls)", "rate_at() of t: cannot combine a number with money @12"},
        {"graduated(kpi, salary)", "graduated() of kpi: cannot combine money with a number @16"},
        {"graduated(t, ok)", "graduated() needs a number or money, got a condition (true/false) @14"},
    }));
    CAPTURE(formula);
    CHECK(compile_error(formula) == error);
}

TEST_CASE("expr compiler: the type the caller expects", "[expr][compiler]") {
    CHECK(eval("1000", "", ValueType::money).type == "money");
    CHECK(eval("1000", "", ValueType::number).type == "number");
    CHECK(eval("2 / 4", "", ValueType::money).value == "0.5");
    CHECK(eval("if(ok, 1, 2)", "", ValueType::money).type == "money");
    CHECK(eval("salary", "", ValueType::money).value == "100000");
    CHECK(eval("calls > 1", "", ValueType::boolean).value == "1");
    CHECK(compile_error("salary", ValueType::number) == "expected a number, but the formula gives money @1");
    CHECK(compile_error("calls", ValueType::money) == "expected money, but the formula gives a number @1");
    CHECK(compile_error("1", ValueType::boolean) == "expected a condition (true/false), but the formula gives a number @1");
    CHECK(compile_error("calls > 1", ValueType::money) == "expected money, but the formula gives a condition (true/false) @1");
    // The column is the formula's own, even after leading blanks.
    CHECK(compile_error("  calls > 1", ValueType::money) == "expected money, but the formula gives a condition (true/false) @3");
}

TEST_CASE("expr compiler: node slots, node types and the resolver's columns", "[expr][compiler]") {
    Harness h;
    const auto ast = motiv::expr::parse("salary * rate_at(t, salary) + 1");
    const CompiledFormula cf = motiv::expr::compile(ast, h.builder, h.resolver());
    CHECK(cf.type == ValueType::money);
    REQUIRE(cf.node_slots.size() == ast.nodes.size());
    REQUIRE(cf.node_types.size() == ast.nodes.size());
    CHECK(cf.node_slots[ast.root] == cf.slot);

    std::map<std::string, ValueType> type_of;
    for (std::size_t k = 0; k < ast.nodes.size(); ++k) type_of[ast.text_of(static_cast<motiv::expr::NodeId>(k))] = cf.node_types[k];
    CHECK(type_of.at("salary") == ValueType::money);
    CHECK(type_of.at("t") == ValueType::tiers);
    CHECK(type_of.at("rate_at(t, salary)") == ValueType::number);
    CHECK(type_of.at("salary * rate_at(t, salary)") == ValueType::money);
    CHECK(type_of.at("1") == ValueType::untyped);
    CHECK(type_of.at("salary * rate_at(t, salary) + 1") == ValueType::money);

    const std::vector<std::pair<std::string, std::uint32_t>> lookups{{"salary", 1}, {"t", 18}, {"salary", 21}};
    CHECK(h.lookups == lookups);

    // Every intermediate value is readable after a run, through node_slots.
    const Program program = h.builder.finish();
    Frame frame(program.slot_count, 1);
    program.load_constants(frame);
    frame.value(h.symbols.at("salary").slot)[0] = dec("400000");
    program.run(frame, 1, h.tables);
    std::map<std::string, std::string> value_of;
    for (std::size_t k = 0; k < ast.nodes.size(); ++k)
        if (cf.node_types[k] != ValueType::tiers)
            value_of[ast.text_of(static_cast<motiv::expr::NodeId>(k))] = frame.value(cf.node_slots[k])[0].to_string();
    const std::map<std::string, std::string> expected{
        {"salary", "400000"}, {"rate_at(t, salary)", "0.07"}, {"salary * rate_at(t, salary)", "28000"}, {"1", "1"},
        {"salary * rate_at(t, salary) + 1", "28001"}};
    CHECK(value_of == expected);
}

TEST_CASE("expr compiler: several formulas share one program", "[expr][compiler]") {
    Harness h;
    const auto a = motiv::expr::parse("salary * 2");
    const auto b = motiv::expr::parse("calls + 1");
    const auto c = motiv::expr::parse("if(ok, salary * 2, bonus) > 150000");
    const CompiledFormula fa = motiv::expr::compile(a, h.builder, h.resolver());
    const CompiledFormula fb = motiv::expr::compile(b, h.builder, h.resolver());
    const CompiledFormula fc = motiv::expr::compile(c, h.builder, h.resolver());
    const Program program = h.builder.finish();
    CHECK(program.constants.size() == 4);
    Frame frame(program.slot_count, 2);
    program.load_constants(frame);
    const auto set = [&](const char* name, const char* v0, const char* v1) {
        frame.value(h.symbols.at(name).slot)[0] = dec(v0);
        frame.value(h.symbols.at(name).slot)[1] = dec(v1);
    };
    set("salary", "100000", "50000");
    set("bonus", "0", "200000");
    set("calls", "3", "-1");
    set("ok", "1", "0");
    program.run(frame, 2, h.tables);
    CHECK(frame.value(fa.slot)[0].to_string() == "200000");
    CHECK(frame.value(fa.slot)[1].to_string() == "100000");
    CHECK(frame.value(fb.slot)[0].to_string() == "4");
    CHECK(frame.value(fb.slot)[1].to_string() == "0");
    CHECK(frame.value(fc.slot)[0].to_string() == "1");
    CHECK(frame.value(fc.slot)[1].to_string() == "1");
}

TEST_CASE("expr compiler: the largest formula the parser accepts compiles", "[expr][compiler]") {
    // 1 + 1 + ... + 1 is a left-deep tree of 1023 nodes: the compiler walks it recursively.
    std::string sum = "1";
    for (int k = 0; k < 511; ++k) sum += "+1";
    CHECK(eval(sum).value == "512");
    std::string money = "salary";
    for (int k = 0; k < 255; ++k) money += " - salary / 256";
    CHECK(eval(money).type == "money");
    CHECK(eval(money).value == "390.625");
}
