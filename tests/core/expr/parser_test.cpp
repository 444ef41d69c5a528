#include "core/expr/parser.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <tuple>
#include <vector>

using motiv::Decimal;
using motiv::expr::Ast;
using motiv::expr::NodeId;
using motiv::expr::NodeKind;
using motiv::expr::Op;
using motiv::expr::SyntaxError;
using motiv::expr::parse;

namespace {

// The tree printed back fully parenthesised: "(1 + (2 * 3))", "(-a)", "(not a)", "f(a, (b + 1))".
std::string canon(const Ast& ast, NodeId id) {
    const auto& n = ast.node(id);
    switch (n.kind) {
        case NodeKind::number: return n.number.to_string();
        case NodeKind::boolean: return n.boolean ? "true" : "false";
        case NodeKind::name: return n.name;
        case NodeKind::unary:
            return std::string("(") + motiv::expr::op_symbol(n.op) + (n.op == Op::not_ ? " " : "") + canon(ast, n.args.at(0)) + ")";
        case NodeKind::binary:
            return "(" + canon(ast, n.args.at(0)) + " " + motiv::expr::op_symbol(n.op) + " " + canon(ast, n.args.at(1)) + ")";
        case NodeKind::call: {
            std::string s = n.name + "(";
            for (std::size_t k = 0; k < n.args.size(); ++k) s += (k ? ", " : "") + canon(ast, n.args[k]);
            return s + ")";
        }
    }
    return "?";
}

std::string canon(std::string_view text) {
    const Ast ast = parse(text);
    return canon(ast, ast.root);
}

// "message @column" of the SyntaxError `text` throws, or "no error".
std::string error_of(std::string_view text) {
    try {
        (void)parse(text);
    } catch (const SyntaxError& e) {
        return std::string(e.what()) + " @" + std::to_string(e.column());
    }
    return "no error";
}

std::string repeat(std::string_view s, std::size_t n) {
    std::string out;
    for (std::size_t k = 0; k < n; ++k) out += s;
    return out;
}

}  // namespace

TEST_CASE("expr parser: precedence and associativity", "[expr][parser]") {
    const auto [text, tree] = GENERATE(table<const char*, const char*>({
        {"1 + 2 * 3", "(1 + (2 * 3))"},
        {"1 * 2 + 3", "((1 * 2) + 3)"},
        {"1 * 2 + 3 * 4", "((1 * 2) + (3 * 4))"},
        {"1 - 2 - 3", "((1 - 2) - 3)"},
        {"1 - 2 + 3", "((1 - 2) + 3)"},
        {"8 / 4 / 2", "((8 / 4) / 2)"},
        {"8 / 4 * 2", "((8 / 4) * 2)"},
        {"(1 + 2) * 3", "((1 + 2) * 3)"},
        {"1 - (2 - 3)", "(1 - (2 - 3))"},
        {"((a))", "a"},
        {"-a * b", "((-a) * b)"},
        {"-a - -b", "((-a) - (-b))"},
        {"- -a", "(-(-a))"},
        {"-(a + b)", "(-(a + b))"},
        {"a + b < c * d", "((a + b) < (c * d))"},
        {"a <= b", "(a <= b)"},
        {"a >= b", "(a >= b)"},
        {"a > b", "(a > b)"},
        {"a == b", "(a == b)"},
        {"a != b", "(a != b)"},
        {"a<b", "(a < b)"},
        {"(a < b) == true", "((a < b) == true)"},
        {"a < b and c >= d or e != f", "(((a < b) and (c >= d)) or (e != f))"},
        {"a or b and c", "(a or (b and c))"},
        {"a and b or c", "((a and b) or c)"},
        {"a and b and c", "((a and b) and c)"},
        {"a or b or c", "((a or b) or c)"},
        {"(a or b) and c", "((a or b) and c)"},
        {"not a and b", "((not a) and b)"},
        {"not not a", "(not (not a))"},
        {"not a < b", "(not (a < b))"},
        {"not -a == b", "(not ((-a) == b))"},
        {"true or false", "(true or false)"},
        {"android or notes", "(android or notes)"},  // keywords only as whole words
        {" \t1\n+\r2 ", "(1 + 2)"},
    }));
    CAPTURE(text);
    CHECK(canon(text) == tree);
}

TEST_CASE("expr parser: literals, dotted names and calls", "[expr][parser]") {
    const auto [text, tree] = GENERATE(table<const char*, const char*>({
        {"0", "0"},
        {"1.5", "1.5"},
        {"007.50", "7.5"},
        {"0.000000001", "0.000000001"},
        {"15%", "0.15"},
        {"12.5%", "0.125"},
        {"100%", "1"},
        {"0.5%", "0.005"},
        {"salary * 15%", "(salary * 0.15)"},
        {"hunter.commission.rate", "hunter.commission.rate"},
        {"_x.y_2.Z", "_x.y_2.Z"},
        {"a.b * c.d", "(a.b * c.d)"},
        {"f()", "f()"},
        {"f(1)", "f(1)"},
        {"f(1, 2)", "f(1, 2)"},
        {"max(a, b + 1, -c, d and e)", "max(a, (b + 1), (-c), (d and e))"},
        {"f ( g(), h(1, (2)) )", "f(g(), h(1, 2))"},
        {"plan.rate_at(t.x, 1)", "plan.rate_at(t.x, 1)"},
        {"if(a < b, 1, 2) * 3", "(if((a < b), 1, 2) * 3)"},
    }));
    CAPTURE(text);
    CHECK(canon(text) == tree);
}

TEST_CASE("expr parser: node kinds and values", "[expr][parser]") {
    const Ast ast = parse("f(true, 15%, x.y, -1, not false)");
    const auto& call = ast.node(ast.root);
    REQUIRE(call.kind == NodeKind::call);
    CHECK(call.name == "f");
    REQUIRE(call.args.size() == 5);
    CHECK(ast.node(call.args[0]).kind == NodeKind::boolean);
    CHECK(ast.node(call.args[0]).boolean);
    CHECK(ast.node(call.args[1]).kind == NodeKind::number);
    CHECK(ast.node(call.args[1]).number == Decimal::parse("0.15"));
    CHECK(ast.node(call.args[2]).kind == NodeKind::name);
    CHECK(ast.node(call.args[2]).name == "x.y");
    CHECK(ast.node(call.args[3]).kind == NodeKind::unary);
    CHECK(ast.node(call.args[3]).op == Op::neg);
    CHECK(ast.node(call.args[4]).op == Op::not_);
    CHECK_FALSE(ast.node(ast.node(call.args[4]).args.at(0)).boolean);
    CHECK(ast.nodes.size() == 8);
    CHECK(ast.text == "f(true, 15%, x.y, -1, not false)");
}

TEST_CASE("expr parser: node columns, lengths and text_of", "[expr][parser]") {
    const Ast ast = parse("  salary * (1 + bonus.rate) - max(a, 2)  ");
    const auto& root = ast.node(ast.root);
    CHECK(root.column == 3);
    CHECK(root.length == 37);
    CHECK(ast.text_of(ast.root) == "salary * (1 + bonus.rate) - max(a, 2)");

    // Every node's text, walked in a fixed order (root, then left to right).
    std::vector<std::tuple<std::string, std::uint32_t>> seen;
    const auto walk = [&](auto&& self, NodeId id) -> void {
        seen.emplace_back(ast.text_of(id), ast.node(id).column);
        for (NodeId c : ast.node(id).args) self(self, c);
    };
    walk(walk, ast.root);
    const std::vector<std::tuple<std::string, std::uint32_t>> expected{
        {"salary * (1 + bonus.rate) - max(a, 2)", 3},
        {"salary * (1 + bonus.rate)", 3},
        {"salary", 3},
        {"(1 + bonus.rate)", 12},  // parentheses belong to the node they enclose
        {"1", 13},
        {"bonus.rate", 17},
        {"max(a, 2)", 31},
        {"a", 35},
        {"2", 38},
    };
    CHECK(seen == expected);

    const Ast u = parse("not -x >= 15%");
    CHECK(u.text_of(u.root) == "not -x >= 15%");
    const auto& cmp = u.node(u.node(u.root).args.at(0));
    CHECK(u.text_of(u.node(u.root).args.at(0)) == "-x >= 15%");
    CHECK(u.text_of(cmp.args.at(0)) == "-x");
    CHECK(u.text_of(cmp.args.at(1)) == "15%");
    CHECK(u.node(cmp.args.at(1)).column == 11);
    CHECK(u.node(cmp.args.at(1)).length == 3);

    const Ast f = parse("f( )");
    CHECK(f.text_of(f.root) == "f( )");
    CHECK(f.node(f.root).args.empty());
}

TEST_CASE("expr parser: syntax errors name the problem and its column", "[expr][parser]") {
    const auto [text, error] = GENERATE(table<const char*, const char*>({
        {"", "empty formula: expected an expression @1"},
        {"   ", "empty formula: expected an expression @1"},
        {"1 +", "unexpected end of formula: expected a value @4"},
        {"a and", "unexpected end of formula: expected a value @6"},
        {"not", "unexpected end of formula: expected a value @4"},
        {"-", "unexpected end of formula: expected a value @2"},
        {"(1", "expected ')' to close the '(' at column 1 @3"},
        {"2 * ((1 + 3)", "expected ')' to close the '(' at column 5 @13"},
        {"()", "unexpected ')': expected a number, a name or '(' @2"},
        {"* 2", "unexpected '*': expected a number, a name or '(' @1"},
        {"1 + and", "unexpected 'and': expected a number, a name or '(' @5"},
        {"a = b", "'=' is not an operator: write '==' to compare @3"},
        {"a & b", "'&' is not an operator: write 'and' @3"},
        {"a && b", "'&' is not an operator: write 'and' @3"},
        {"a | b", "'|' is not an operator: write 'or' @3"},
        {"!a", "'!' is not an operator: write 'not' or '!=' @1"},
        {"a < b < c", "comparisons do not chain: write 'a < b and b < c' @7"},
        {"a == b != c", "comparisons do not chain: write 'a < b and b < c' @8"},
        {"1.2.3", "'1.2.3' is not a number (at most 9 decimal places) @1"},
        {"x + 0.1234567891", "'0.1234567891' is not a number (at most 9 decimal places) @5"},
        {"99999999999999999999999999999999999999999", "'99999999999999999999999999999999999999999' is not a number (at most 9 decimal places) @1"},
        {"$", "unexpected character '$' @1"},
        {"salary $ 2", "unexpected character '$' @8"},
        {"15 %", "unexpected character '%' @4"},
        {"a.b.", "unexpected character '.' @4"},
        {"1 2", "unexpected '2' after a complete expression @3"},
        {"(1))", "unexpected ')' after a complete expression @4"},
        {"a b", "unexpected 'b' after a complete expression @3"},
        {"1e3", "unexpected 'e3' after a complete expression @2"},
        {"f(1 2)", "expected ',' or ')' in the call of f() @5"},
        {"max(a, b", "expected ',' or ')' in the call of max() @9"},
        {"f(1,", "unexpected end of formula: expected a value @5"},
        {"f(,)", "unexpected ',': expected a number, a name or '(' @3"},
        {"f(1,)", "unexpected ')': expected a number, a name or '(' @5"},
    }));
    CAPTURE(text);
    CHECK(error_of(text) == error);
}

TEST_CASE("expr parser: nesting depth is limited without exhausting the stack", "[expr][parser]") {
    const std::string too_deep = "formula nested too deeply (more than 64 levels)";
    SECTION("64 levels parse, 65 do not") {
        CHECK(canon(repeat("(", 64) + "1" + repeat(")", 64)) == "1");
        CHECK(error_of(repeat("(", 65) + "1" + repeat(")", 65)) == too_deep + " @65");
        CHECK(error_of(repeat("(", 100) + "1" + repeat(")", 100)) == too_deep + " @65");
        CHECK(canon(repeat("f(", 64) + "x" + repeat(")", 64)).size() == 64 * 3 + 1);
        CHECK(error_of(repeat("f(", 65) + "x" + repeat(")", 65)) == too_deep + " @130");
        CHECK(canon(repeat("-", 64) + "1").size() == 64 * 3 + 1);
        CHECK(error_of(repeat("-", 65) + "1") == too_deep + " @65");
        CHECK(error_of(repeat("not ", 65) + "a") == too_deep + " @257");
        CHECK(error_of(repeat("-(", 40) + "1" + repeat(")", 40)) == too_deep + " @65");
    }
    SECTION("a realistic formula ten levels deep parses") {
        const std::string f = "max(0, min(cap, if(a > 0, (b - (c * (d + (e / (g - (h + (i))))))) / a, 0)))";
        CHECK(error_of(f) == "no error");
    }
    SECTION("thousands of open parentheses fail cleanly") {
        CHECK(error_of(repeat("(", 4000)) == too_deep + " @65");
        CHECK(error_of(repeat("-", 4096)) == too_deep + " @65");
        CHECK(error_of(repeat("not ", 1024)) == too_deep + " @257");
    }
}

TEST_CASE("expr parser: formula length limit", "[expr][parser]") {
    CHECK(error_of(std::string(4096, 'a')) == "no error");
    CHECK(error_of(std::string(4097, 'a')) == "formula too long: 4097 characters, the limit is 4096 @1");
    CHECK(error_of(std::string(100000, ' ')) == "formula too long: 100000 characters, the limit is 4096 @1");
}

TEST_CASE("expr parser: node limit", "[expr][parser]") {
    const auto call_with = [](std::size_t args) { return "f(" + repeat("1,", args - 1) + "1)"; };
    // A call with 1023 arguments is exactly 1024 nodes.
    const Ast ok = parse(call_with(1023));
    CHECK(ok.nodes.size() == 1024);
    // The error points at the token after the node that does not fit.
    CHECK(error_of(call_with(1024)) == "formula too large: more than 1024 terms @2051");  // the call, at the end
    CHECK(error_of(call_with(1025)) == "formula too large: more than 1024 terms @2052");  // the 1025th literal
    // 1 + 1 + ...: 512 literals and 511 '+' are 1023 nodes; 1 + ... + 1 with 513 literals is 1025.
    CHECK(error_of(repeat("1+", 511) + "1") == "no error");
    CHECK(error_of(repeat("1+", 512) + "1") == "formula too large: more than 1024 terms @1026");
    CHECK(error_of(repeat("1+", 2000) + "1") == "formula too large: more than 1024 terms @1026");
}
