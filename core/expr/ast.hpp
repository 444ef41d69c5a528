// The syntax tree of one formula of the expression language (see parser.hpp for the grammar).
//
// Nodes live in one vector and refer to each other by index: a formula is small, parsed once and
// kept for explanations, so a flat arena is both the simplest and the fastest shape.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/money/decimal.hpp"

namespace motiv::expr {

using NodeId = std::uint32_t;

enum class NodeKind : std::uint8_t { number, boolean, name, unary, binary, call };

enum class Op : std::uint8_t {
    none,
    add, sub, mul, div,      // arithmetic
    neg,                     // unary minus
    lt, le, gt, ge, eq, ne,  // comparisons
    and_, or_, not_,         // logic
};

struct Node {
    NodeKind kind = NodeKind::number;
    Op op = Op::none;
    Decimal number;            // NodeKind::number (a literal "15%" is stored as 0.15)
    bool boolean = false;      // NodeKind::boolean
    std::string name;          // NodeKind::name (a dotted path) or NodeKind::call (function name)
    std::vector<NodeId> args;  // operands (unary: 1, binary: 2) or call arguments
    std::uint32_t column = 0;  // 1-based column of the node's first character in the formula
    std::uint32_t length = 0;  // characters the node spans, for carets and sub-formula text
};

struct Ast {
    std::string text;          // the formula as written
    std::vector<Node> nodes;
    NodeId root = 0;

    [[nodiscard]] const Node& node(NodeId id) const { return nodes[id]; }
    // The source text a node spans, e.g. "talk_minutes / days_worked".
    [[nodiscard]] std::string text_of(NodeId id) const { return text.substr(nodes[id].column - 1, nodes[id].length); }
};

// Symbol of an operator for display ("+", "<=", "and").
const char* op_symbol(Op op);

}  // namespace motiv::expr
