#include "core/expr/program.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/expr/compiler.hpp"
#include "core/expr/parser.hpp"

using motiv::Decimal;
using motiv::Fault;
using motiv::Rounding;
using motiv::RoundingMode;
using motiv::expr::CompiledFormula;
using motiv::expr::Frame;
using motiv::expr::OpCode;
using motiv::expr::Program;
using motiv::expr::ProgramBuilder;
using motiv::expr::Resolver;
using motiv::expr::Slot;
using motiv::expr::Symbol;
using motiv::expr::TierTable;
using motiv::expr::ValueType;

namespace {

Decimal dec(std::string_view s) {
    auto d = Decimal::parse(s);
    REQUIRE(d.has_value());
    return *d;
}

TierTable money_tiers() {  // {0: 5%, 300000: 7%, 1000000: 10%}
    return TierTable{{dec("0"), dec("300000"), dec("1000000")}, {dec("0.05"), dec("0.07"), dec("0.10")}};
}

// The names of a role: money `salary`, `bonus`, `big`, `plan.base`; numbers `calls`, `rate`;
// conditions `ok`, `flag`; tier tables `t` (table 0, money) and `kpi` (table 1, numbers).
struct Harness {
    ProgramBuilder builder;
    std::map<std::string, Symbol, std::less<>> symbols;
    std::vector<TierTable> tables{money_tiers(), TierTable{{dec("50"), dec("100")}, {dec("1"), dec("1.5")}}};

    Harness() {
        for (const char* n : {"salary", "bonus", "big", "plan.base"}) symbols[n] = Symbol{ValueType::money, builder.new_slot()};
        for (const char* n : {"calls", "rate"}) symbols[n] = Symbol{ValueType::number, builder.new_slot()};
        for (const char* n : {"ok", "flag"}) symbols[n] = Symbol{ValueType::boolean, builder.new_slot()};
        symbols["t"] = Symbol{ValueType::tiers, 0, 0, ValueType::money};
        symbols["kpi"] = Symbol{ValueType::tiers, 0, 1, ValueType::number};
    }

    Resolver resolver() {
        return [this](std::string_view name, std::uint32_t) -> std::optional<Symbol> {
            const auto it = symbols.find(name);
            if (it == symbols.end()) return std::nullopt;
            return it->second;
        };
    }

    CompiledFormula compile(std::string_view formula) {
        return motiv::expr::compile(motiv::expr::parse(formula), builder, resolver());
    }
};

struct Outcome {
    std::string value;
    int fault = 0;
};

// One formula over one lane. Defaults: salary 100000, bonus 2500.5, big 1e20, calls 40, rate 0.1,
// ok true, flag false; `calls` and `big` may be overridden.
Outcome eval(std::string_view formula, std::string_view calls, std::string_view big) {
    Harness h;
    const CompiledFormula cf = h.compile(formula);
    const Program program = h.builder.finish();
    Frame frame(program.slot_count, 1);
    program.load_constants(frame);
    const std::map<std::string, std::string> in{{"salary", "100000"}, {"bonus", "2500.5"}, {"big", std::string(big)},
                                                {"plan.base", "40000"}, {"calls", std::string(calls)}, {"rate", "0.1"},
                                                {"ok", "1"}, {"flag", "0"}};
    for (const auto& [name, value] : in) frame.value(h.symbols.at(name).slot)[0] = dec(value);
    program.run(frame, 1, h.tables);
    return {frame.value(cf.slot)[0].to_string(), frame.fault(cf.slot)[0]};
}

}  // namespace

TEST_CASE("expr program: faults stay in their lane and if/and/or drop the branch not taken", "[expr][program]") {
    // value "*" means: not pinned (the lane is faulted, its value means nothing).
    const auto [formula, calls, big, value, fault] = GENERATE(table<const char*, const char*, const char*, const char*, int>({
        // division by zero
        {"10 / calls", "4", "1e20", "2.5", 0},
        {"10 / calls", "0", "1e20", "*", 2},
        {"salary / calls", "0", "1e20", "*", 2},
        {"salary / (calls - 40)", "40", "1e20", "*", 2},
        {"not (10 / calls > 1)", "0", "1e20", "*", 2},
        {"rate_at(t, salary / calls)", "0", "1e20", "*", 2},
        // if drops the fault of the branch it does not take, keeps the one it takes
        {"if(calls > 0, 10 / calls, 0)", "0", "1e20", "0", 0},
        {"if(calls > 0, 10 / calls, 0)", "4", "1e20", "2.5", 0},
        {"if(calls == 0, 0, 10 / calls)", "0", "1e20", "0", 0},
        {"if(calls == 0, 10 / calls, 0)", "0", "1e20", "*", 2},
        {"if(10 / calls > 1, 1, 2)", "0", "1e20", "*", 2},  // a faulted condition faults the result
        {"if(calls > 0, 10 / calls, 0) + 1 / calls", "0", "1e20", "*", 2},
        // and / or: a settled operand decides alone
        {"calls > 0 and 10 / calls > 1", "0", "1e20", "0", 0},
        {"calls > 0 and 10 / calls > 1", "5", "1e20", "1", 0},
        {"calls > 0 and 10 / calls > 1", "20", "1e20", "0", 0},
        {"10 / calls > 1 and calls > 0", "0", "1e20", "0", 0},
        {"calls == 0 or 10 / calls > 1", "0", "1e20", "1", 0},
        {"10 / calls > 1 or calls == 0", "0", "1e20", "1", 0},
        {"ok and 10 / calls > 1", "0", "1e20", "*", 2},
        {"flag or 10 / calls > 1", "0", "1e20", "*", 2},
        {"10 / calls > 1 and 1 / calls > 1", "0", "1e20", "*", 2},
        {"if(calls > 0 and 10 / calls > 1, salary, bonus)", "0", "1e20", "2500.5", 0},
        // overflow propagates through everything
        {"big * 1000000000", "40", "1e20", "100000000000000000000000000000", 0},
        {"big * 10000000000", "40", "1e20", "*", 1},
        {"big * 10000000000 - big", "40", "1e20", "*", 1},
        {"-(big * 10000000000)", "40", "1e20", "*", 1},
        {"abs(big * 10000000000)", "40", "1e20", "*", 1},
        {"min(big * 10000000000, 0)", "40", "1e20", "*", 1},
        {"max(0, big * 10000000000)", "40", "1e20", "*", 1},
        {"clamp(big * 10000000000, 0, 1)", "40", "1e20", "*", 1},
        {"big * 10000000000 > 0", "40", "1e20", "*", 1},
        {"graduated(t, big * 10000000000)", "40", "1e20", "*", 1},
        {"rate_at(t, big * 10000000000)", "40", "1e20", "*", 1},
        {"retroactive(t, big * 10000000000)", "40", "1e20", "*", 1},
        {"big + big", "40", "1e29", "*", 1},
        {"big - -big", "40", "1e29", "*", 1},
        {"big / 0.000000001", "40", "1e21", "*", 1},
        {"big * 100 / calls", "40", "1e28", "*", 1},
        {"if(ok, 0, big * 10000000000)", "40", "1e20", "0", 0},
        {"if(flag, big * 10000000000, salary / calls)", "0", "1e20", "*", 2},
        // two different faults: the first operand's fault wins, they never merge into another code
        {"big * 10000000000 + salary / calls", "0", "1e20", "*", 1},
        {"salary / calls + big * 10000000000", "0", "1e20", "*", 2},
        {"big * 10000000000 > 0 and 10 / calls > 1", "0", "1e20", "*", 1},
        {"10 / calls > 1 or big * 10000000000 > 0", "0", "1e20", "*", 2},
        {"if(big * 10000000000 > 0, 10 / calls, 0)", "0", "1e20", "*", 1},
        {"if(ok, salary / calls, 0) - big * 10000000000", "0", "1e20", "*", 2},
    }));
    CAPTURE(formula, calls, big);
    const Outcome r = eval(formula, calls, big);
    CHECK(r.fault == fault);
    if (std::string_view(value) != "*") CHECK(r.value == value);
}

TEST_CASE("expr program: a block of 1024 lanes equals each lane run alone", "[expr][program]") {
    const std::vector<std::string> formulas{
        "if(calls > 0, salary / calls, 0) + graduated(t, salary)",
        "calls > 0 and salary / calls > 100000 or not ok",
        "big * rate_at(t, salary) * 100 + retroactive(t, salary)",
        "clamp(abs(salary - bonus) / max(calls, 1), -1000, 50000) * rate",
        "min(salary / calls, big / calls, bonus)",
        "salary / calls > 1000 and ok",
        "if(flag, big * 10000000000, salary * rate) - plan.base / 3",
        "graduated(kpi, calls * rate * 100) + rate_at(kpi, calls * 30)",
        "big * 100 / calls + salary / (calls - 1)",
        "not flag or salary / (bonus - 2500) > rate",
    };
    // All formulas in one program, as the engine compiles a role.
    Harness h;
    std::vector<CompiledFormula> compiled;
    for (const auto& f : formulas) compiled.push_back(h.compile(f));
    const Program program = h.builder.finish();

    // Seeded random inputs per lane, with edges and fault-makers mixed in.
    constexpr std::size_t kWidth = 1024;
    std::mt19937_64 rng(20240601);
    const auto pick = [&](std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    };
    const auto cents = [](std::int64_t c) { return Decimal::from_raw(motiv::int128{c} * 10'000'000); };
    const std::vector<Decimal> bigs{dec("0"), dec("1e20"), dec("5e28"), dec("-5e28"), dec("1.7e29")};
    const std::vector<Decimal> edges{dec("0"), dec("300000"), dec("1000000"), dec("299999.99"), dec("-0.01")};
    std::map<std::string, std::vector<Decimal>> in;
    for (std::size_t i = 0; i < kWidth; ++i) {
        in["salary"].push_back(pick(0, 9) == 0 ? edges[static_cast<std::size_t>(pick(0, 4))] : cents(pick(-100'000, 200'000'000)));
        in["bonus"].push_back(pick(0, 9) == 0 ? dec("2500") : cents(pick(0, 5'000'000)));
        in["big"].push_back(bigs[static_cast<std::size_t>(pick(0, 4))]);
        in["plan.base"].push_back(cents(pick(0, 10'000'000)));
        in["calls"].push_back(Decimal::from_int(pick(0, 4)));
        in["rate"].push_back(Decimal::from_raw(motiv::int128{pick(0, 10'000)} * 100'000));
        in["ok"].push_back(Decimal::from_int(pick(0, 1)));
        in["flag"].push_back(Decimal::from_int(pick(0, 1)));
    }

    Frame block(program.slot_count, kWidth);
    program.load_constants(block);
    for (const auto& [name, values] : in) std::copy(values.begin(), values.end(), block.value(h.symbols.at(name).slot));
    program.run(block, kWidth, h.tables);

    std::size_t mismatches = 0;
    std::map<int, std::size_t> faults_seen;
    for (std::size_t i = 0; i < kWidth; ++i) {
        Frame one(program.slot_count, 1);
        program.load_constants(one);
        for (const auto& [name, values] : in) one.value(h.symbols.at(name).slot)[0] = values[i];
        program.run(one, 1, h.tables);
        // Every slot, not only the results: intermediate values feed explanations.
        for (Slot s = 0; s < program.slot_count; ++s) {
            if (block.value(s)[i] != one.value(s)[0] || block.fault(s)[i] != one.fault(s)[0]) ++mismatches;
        }
        for (const auto& cf : compiled) ++faults_seen[block.fault(cf.slot)[i]];
    }
    CHECK(mismatches == 0);
    // The block really is mixed: clean lanes, divisions by zero and overflows side by side.
    CHECK(faults_seen[0] > 1000);
    CHECK(faults_seen[1] > 100);
    CHECK(faults_seen[2] > 100);
    CHECK(faults_seen.size() == 3);

    SECTION("lanes past n are left alone") {
        Frame part(program.slot_count, kWidth);
        program.load_constants(part);
        for (const auto& [name, values] : in) std::copy(values.begin(), values.end(), part.value(h.symbols.at(name).slot));
        program.run(part, 1000, h.tables);
        std::size_t differ = 0, touched = 0;
        for (const auto& instr : program.code) {
            for (std::size_t i = 0; i < kWidth; ++i) {
                if (i < 1000) {
                    differ += part.value(instr.dst)[i] != block.value(instr.dst)[i] || part.fault(instr.dst)[i] != block.fault(instr.dst)[i];
                } else {
                    touched += !part.value(instr.dst)[i].is_zero() || part.fault(instr.dst)[i] != 0;
                }
            }
        }
        CHECK(differ == 0);
        CHECK(touched == 0);
    }
}

TEST_CASE("expr program: tier_of and graduated_amount", "[expr][program]") {
    const TierTable t = money_tiers();
    const auto [x, tier, amount, parts] = GENERATE(table<const char*, int, const char*, const char*>({
        {"-0.01", -1, "0", "0 0 0"},
        {"0", 0, "0", "0 0 0"},
        {"299999.99", 0, "14999.9995", "299999.99 0 0"},
        {"300000", 1, "15000", "300000 0 0"},
        {"400000", 1, "22000", "300000 100000 0"},
        {"1000000", 2, "64000", "300000 700000 0"},
        {"1500000", 2, "114000", "300000 700000 500000"},
    }));
    CAPTURE(x);
    CHECK(t.tier_of(dec(x)) == tier);
    Fault f = Fault::none;
    std::vector<Decimal> p{dec("123")};
    CHECK(motiv::expr::graduated_amount(t, dec(x), f, &p).to_string() == amount);
    CHECK(f == Fault::none);
    std::string joined;
    for (const Decimal& d : p) joined += (joined.empty() ? "" : " ") + d.to_string();
    CHECK(joined == parts);

    const TierTable empty;
    CHECK(empty.tier_of(dec(x)) == -1);
    CHECK(motiv::expr::graduated_amount(empty, dec(x), f).is_zero());
}

TEST_CASE("expr program: zero_unless, round and faults carried by inputs", "[expr][program]") {
    ProgramBuilder b;
    const Slot cond = b.new_slot();
    const Slot value = b.new_slot();
    const Slot when = b.emit(OpCode::zero_unless, cond, value);
    const Slot rounded = b.emit(OpCode::round, value, 0, 0, b.add_rounding(Rounding{RoundingMode::half_up, dec("0.01")}));
    const Slot floored = b.emit(OpCode::round, value, 0, 0, b.add_rounding(Rounding{RoundingMode::floor, dec("100")}));
    const Slot copied = b.emit(OpCode::copy, value);
    const Program program = b.finish();
    CHECK(program.slot_count == 6);
    CHECK(program.roundings.size() == 2);

    // lane: cond, cond fault, value, value fault -> zero_unless (value, fault), round 0.01, floor 100
    struct Lane {
        const char* cond; int cond_fault; const char* value; int value_fault;
        const char* when; int when_fault; const char* rounded; const char* floored;
    };
    const std::vector<Lane> lanes{
        {"1", 0, "2.345", 0, "2.345", 0, "2.35", "0"},
        {"1", 0, "-2.345", 0, "-2.345", 0, "-2.35", "-100"},
        {"0", 0, "1234.5", 0, "0", 0, "1234.5", "1200"},
        {"0", 0, "7", 2, "0", 0, "7", "0"},      // a component that does not apply drops its formula's fault
        {"1", 0, "7", 2, "7", 2, "7", "0"},      // ... and keeps it when it applies
        {"0", 1, "7", 0, "0", 1, "7", "0"},      // the fault of the condition itself stays
    };
    Frame frame(program.slot_count, lanes.size());
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        frame.value(cond)[i] = dec(lanes[i].cond);
        frame.fault(cond)[i] = static_cast<std::uint8_t>(lanes[i].cond_fault);
        frame.value(value)[i] = dec(lanes[i].value);
        frame.fault(value)[i] = static_cast<std::uint8_t>(lanes[i].value_fault);
    }
    program.run(frame, lanes.size(), {});
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        CAPTURE(i);
        CHECK(frame.value(when)[i].to_string() == lanes[i].when);
        CHECK(frame.fault(when)[i] == lanes[i].when_fault);
        CHECK(frame.fault(rounded)[i] == lanes[i].value_fault);
        CHECK(frame.fault(copied)[i] == lanes[i].value_fault);
        if (lanes[i].value_fault == 0) {
            CHECK(frame.value(rounded)[i].to_string() == lanes[i].rounded);
            CHECK(frame.value(floored)[i].to_string() == lanes[i].floored);
            CHECK(frame.value(copied)[i].to_string() == lanes[i].value);
        }
    }
}

TEST_CASE("expr program: constants and broadcast", "[expr][program]") {
    Harness h;
    const CompiledFormula cf = h.compile("salary * 2 + 0.5");
    const Program program = h.builder.finish();
    REQUIRE(program.constants.size() == 2);
    Frame frame(program.slot_count, 3);
    for (const auto& [slot, v] : program.constants) {
        // Stale values and faults are overwritten in every lane.
        frame.value(slot)[2] = dec("99");
        frame.fault(slot)[1] = 2;
    }
    program.load_constants(frame);
    frame.broadcast(h.symbols.at("salary").slot, dec("10"));
    program.run(frame, 3, h.tables);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(frame.value(cf.slot)[i].to_string() == "20.5");
        CHECK(frame.fault(cf.slot)[i] == 0);
    }
    CHECK(std::string(motiv::expr::to_string(ValueType::untyped)) == "number");
    CHECK(std::string(motiv::expr::to_string(ValueType::tiers)) == "tiers");
}
