// Parser of the expression language used by `when` conditions and formulas in rule files.
//
// A hand-written Pratt parser rather than Boost.Spirit X3: the grammar is tiny, and we want exact
// columns in error messages, an explicit depth limit (rule files are untrusted) and fast builds.
//
//   expr     := or
//   or       := and ("or" and)*
//   and      := not ("and" not)*
//   not      := "not" not | cmp
//   cmp      := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?      (no chaining: a < b < c is an error)
//   sum      := product (("+" | "-") product)*
//   product  := unary (("*" | "/") unary)*
//   unary    := "-" unary | primary
//   primary  := NUMBER ["%"] | "true" | "false" | NAME | NAME "(" [expr ("," expr)*] ")" | "(" expr ")"
//   NAME     := [A-Za-z_][A-Za-z0-9_]* ("." [A-Za-z_][A-Za-z0-9_]*)*        e.g. hunter.commission.rate
//   NUMBER   := digits ["." digits]                                          "15%" means 0.15
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/expr/ast.hpp"

namespace motiv::expr {

// Limits that keep an untrusted formula from exhausting the stack or memory.
inline constexpr std::size_t kMaxFormulaLength = 4096;
inline constexpr std::size_t kMaxDepth = 64;
inline constexpr std::size_t kMaxNodes = 1024;

// A formula that does not parse: the message and the 1-based column it points at.
class SyntaxError : public std::runtime_error {
public:
    SyntaxError(const std::string& message, std::size_t column) : std::runtime_error(message), column_(column) {}
    [[nodiscard]] std::size_t column() const noexcept { return column_; }

private:
    std::size_t column_;
};

// Parses `text` into an Ast; throws SyntaxError. Never recurses deeper than kMaxDepth.
Ast parse(std::string_view text);

}  // namespace motiv::expr
