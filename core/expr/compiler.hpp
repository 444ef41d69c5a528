// Type-checks a parsed formula and lowers it to instructions of a Program.
//
// Types: money, number, boolean (and tiers, only as a function argument). A bare literal adapts to
// the other operand (`bonus + 1000` is money). Money * number is money, money / money is a number,
// money * money and number / money are errors; comparisons need operands of one kind.
//
// Functions: min(a, b, ...), max(a, b, ...), clamp(x, lo, hi), abs(x), if(cond, then, else),
// rate_at(tiers, x)     -- the rate of the tier x reaches,
// graduated(tiers, x)   -- sum of each tier's rate times the part of x inside it (marginal),
// retroactive(tiers, x) -- the rate of the tier x reaches, applied to the whole of x;
// rate_at / graduated / retroactive(tiers, x, quota) -- the same with every threshold of a table
//   by attainment (basis ratio) multiplied by quota: "7% from 100% of quota" applied to revenue x;
// curve(c, x)           -- the pay curve c at x (linear between its points).
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/expr/ast.hpp"
#include "core/expr/program.hpp"

namespace motiv::expr {

// What a name in a formula refers to, supplied by the caller (the rule compiler).
struct Symbol {
    ValueType type = ValueType::number;
    Slot slot = 0;                  // where its value lives (unused for tiers)
    std::uint32_t table = 0;        // tier table index, for ValueType::tiers
    ValueType basis = ValueType::money;  // what a tier table's thresholds measure
    bool curve = false;                  // a pay curve rather than a rate table (ValueType::tiers)
    bool ratio = false;                  // a table whose thresholds are ratios (attainment)
};

// Looks a name up; nullopt if unknown. May throw CompileError itself (e.g. a cycle).
using Resolver = std::function<std::optional<Symbol>(std::string_view name, std::uint32_t column)>;

// A formula that parses but is wrong: unknown name, wrong types, wrong arguments.
class CompileError : public std::runtime_error {
public:
    CompileError(const std::string& message, std::size_t column) : std::runtime_error(message), column_(column) {}
    [[nodiscard]] std::size_t column() const noexcept { return column_; }

private:
    std::size_t column_;
};

// Accumulates the instructions and slots of one program.
class ProgramBuilder {
public:
    Slot new_slot() { return static_cast<Slot>(program_.slot_count++); }
    Slot constant(Decimal v);
    Slot emit(OpCode op, Slot a, Slot b = 0, Slot c = 0, std::uint32_t aux = 0);
    std::uint32_t add_rounding(const Rounding& r);
    // The program, with its source slots (read but never written by the code) listed.
    Program finish();

private:
    Program program_;
};

// A formula compiled into a builder: its result slot and type, and each AST node's slot
// (so an explanation can show every intermediate value).
struct CompiledFormula {
    Slot slot = 0;
    ValueType type = ValueType::number;
    std::vector<Slot> node_slots;
    std::vector<ValueType> node_types;
};

// Compiles `ast`; `expected` (if set) is the type the caller needs (an untyped literal becomes it).
// Throws CompileError with the column of the offending node.
CompiledFormula compile(const Ast& ast, ProgramBuilder& builder, const Resolver& resolve,
                        std::optional<ValueType> expected = std::nullopt);

}  // namespace motiv::expr
