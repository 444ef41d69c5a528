#include "core/expr/parser.hpp"

#include <cctype>

namespace motiv::expr {

const char* op_symbol(Op op) {
    switch (op) {
        case Op::add: return "+";
        case Op::sub: return "-";
        case Op::mul: return "*";
        case Op::div: return "/";
        case Op::neg: return "-";
        case Op::lt: return "<";
        case Op::le: return "<=";
        case Op::gt: return ">";
        case Op::ge: return ">=";
        case Op::eq: return "==";
        case Op::ne: return "!=";
        case Op::and_: return "and";
        case Op::or_: return "or";
        case Op::not_: return "not";
        case Op::none: break;
    }
    return "?";
}

namespace {

enum class Tok { end, number, name, lparen, rparen, comma, plus, minus, star, slash, lt, le, gt, ge, eq, ne, kw_and, kw_or, kw_not, kw_true, kw_false };

struct Token {
    Tok kind = Tok::end;
    std::size_t pos = 0;  // 0-based offset
    std::size_t len = 0;
    std::string_view text;
};

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

class Parser {
public:
    explicit Parser(std::string_view text) : text_(text) {
        ast_.text = std::string(text);
        advance();
    }

    Ast run() {
        if (tok_.kind == Tok::end) fail("empty formula: expected an expression", 0);
        ast_.root = parse_or(0);
        if (tok_.kind != Tok::end) fail("unexpected '" + std::string(tok_.text) + "' after a complete expression", tok_.pos);
        return std::move(ast_);
    }

private:
    [[noreturn]] void fail(const std::string& msg, std::size_t pos) const { throw SyntaxError(msg, pos + 1); }

    void advance() {
        std::size_t i = pos_;
        while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\n' || text_[i] == '\r')) ++i;
        tok_ = Token{Tok::end, i, 0, {}};
        if (i >= text_.size()) {
            pos_ = i;
            return;
        }
        const char c = text_[i];
        std::size_t j = i + 1;
        auto two = [&](char next) { return j < text_.size() && text_[j] == next; };
        if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && j < text_.size() && std::isdigit(static_cast<unsigned char>(text_[j])))) {
            while (j < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[j])) || text_[j] == '.')) ++j;
            if (j < text_.size() && text_[j] == '%') ++j;
            tok_.kind = Tok::number;
        } else if (name_start(c)) {
            while (j < text_.size()) {
                if (name_char(text_[j])) ++j;
                else if (text_[j] == '.' && j + 1 < text_.size() && name_start(text_[j + 1])) ++j;
                else break;
            }
            const std::string_view w = text_.substr(i, j - i);
            tok_.kind = w == "and" ? Tok::kw_and : w == "or" ? Tok::kw_or : w == "not" ? Tok::kw_not
                      : w == "true" ? Tok::kw_true : w == "false" ? Tok::kw_false : Tok::name;
        } else {
            switch (c) {
                case '(': tok_.kind = Tok::lparen; break;
                case ')': tok_.kind = Tok::rparen; break;
                case ',': tok_.kind = Tok::comma; break;
                case '+': tok_.kind = Tok::plus; break;
                case '-': tok_.kind = Tok::minus; break;
                case '*': tok_.kind = Tok::star; break;
                case '/': tok_.kind = Tok::slash; break;
                case '<': tok_.kind = two('=') ? (++j, Tok::le) : Tok::lt; break;
                case '>': tok_.kind = two('=') ? (++j, Tok::ge) : Tok::gt; break;
                case '=':
                    if (!two('=')) fail("'=' is not an operator: write '==' to compare", i);
                    ++j;
                    tok_.kind = Tok::eq;
                    break;
                case '!':
                    if (!two('=')) fail("'!' is not an operator: write 'not' or '!='", i);
                    ++j;
                    tok_.kind = Tok::ne;
                    break;
                case '&': fail("'&' is not an operator: write 'and'", i);
                case '|': fail("'|' is not an operator: write 'or'", i);
                default: fail(std::string("unexpected character '") + c + "'", i);
            }
        }
        tok_.len = j - i;
        tok_.text = text_.substr(i, j - i);
        pos_ = j;
    }

    NodeId add(Node n) {
        if (ast_.nodes.size() >= kMaxNodes) fail("formula too large: more than " + std::to_string(kMaxNodes) + " terms", tok_.pos);
        ast_.nodes.push_back(std::move(n));
        return static_cast<NodeId>(ast_.nodes.size() - 1);
    }

    NodeId make(NodeKind kind, Op op, std::vector<NodeId> args, std::size_t start, std::size_t end) {
        Node n;
        n.kind = kind;
        n.op = op;
        n.args = std::move(args);
        n.column = static_cast<std::uint32_t>(start + 1);
        n.length = static_cast<std::uint32_t>(end - start);
        return add(std::move(n));
    }

    std::size_t start_of(NodeId id) const { return ast_.nodes[id].column - 1; }
    std::size_t end_of(NodeId id) const { return ast_.nodes[id].column - 1 + ast_.nodes[id].length; }

    // `depth` counts nesting levels -- parentheses, call arguments, unary '-' and 'not' -- not the
    // grammar rules a level passes through, so kMaxDepth levels are what the message promises.
    // Every level costs a bounded number of frames (parse_or .. parse_primary), so recursion stays
    // bounded. `pos` is the token that opens the level, which the error points at.
    void enter(std::size_t depth, std::size_t pos) const {
        if (depth > kMaxDepth) fail("formula nested too deeply (more than " + std::to_string(kMaxDepth) + " levels)", pos);
    }

    NodeId parse_or(std::size_t depth) {
        NodeId left = parse_and(depth);
        while (tok_.kind == Tok::kw_or) {
            advance();
            NodeId right = parse_and(depth);
            left = make(NodeKind::binary, Op::or_, {left, right}, start_of(left), end_of(right));
        }
        return left;
    }

    NodeId parse_and(std::size_t depth) {
        NodeId left = parse_not(depth);
        while (tok_.kind == Tok::kw_and) {
            advance();
            NodeId right = parse_not(depth);
            left = make(NodeKind::binary, Op::and_, {left, right}, start_of(left), end_of(right));
        }
        return left;
    }

    NodeId parse_not(std::size_t depth) {
        if (tok_.kind == Tok::kw_not) {
            const std::size_t start = tok_.pos;
            enter(depth + 1, start);
            advance();
            NodeId operand = parse_not(depth + 1);
            return make(NodeKind::unary, Op::not_, {operand}, start, end_of(operand));
        }
        return parse_cmp(depth);
    }

    static Op cmp_op(Tok t) {
        switch (t) {
            case Tok::lt: return Op::lt;
            case Tok::le: return Op::le;
            case Tok::gt: return Op::gt;
            case Tok::ge: return Op::ge;
            case Tok::eq: return Op::eq;
            case Tok::ne: return Op::ne;
            default: return Op::none;
        }
    }

    NodeId parse_cmp(std::size_t depth) {
        NodeId left = parse_sum(depth);
        const Op op = cmp_op(tok_.kind);
        if (op == Op::none) return left;
        advance();
        NodeId right = parse_sum(depth);
        if (cmp_op(tok_.kind) != Op::none)
            fail("comparisons do not chain: write 'a < b and b < c'", tok_.pos);
        return make(NodeKind::binary, op, {left, right}, start_of(left), end_of(right));
    }

    NodeId parse_sum(std::size_t depth) {
        NodeId left = parse_product(depth);
        while (tok_.kind == Tok::plus || tok_.kind == Tok::minus) {
            const Op op = tok_.kind == Tok::plus ? Op::add : Op::sub;
            advance();
            NodeId right = parse_product(depth);
            left = make(NodeKind::binary, op, {left, right}, start_of(left), end_of(right));
        }
        return left;
    }

    NodeId parse_product(std::size_t depth) {
        NodeId left = parse_unary(depth);
        while (tok_.kind == Tok::star || tok_.kind == Tok::slash) {
            const Op op = tok_.kind == Tok::star ? Op::mul : Op::div;
            advance();
            NodeId right = parse_unary(depth);
            left = make(NodeKind::binary, op, {left, right}, start_of(left), end_of(right));
        }
        return left;
    }

    NodeId parse_unary(std::size_t depth) {
        if (tok_.kind == Tok::minus) {
            const std::size_t start = tok_.pos;
            enter(depth + 1, start);
            advance();
            NodeId operand = parse_unary(depth + 1);
            return make(NodeKind::unary, Op::neg, {operand}, start, end_of(operand));
        }
        return parse_primary(depth);
    }

    NodeId parse_primary(std::size_t depth) {
        const Token t = tok_;
        switch (t.kind) {
            case Tok::number: {
                auto value = Decimal::parse(t.text);
                if (!value) fail("'" + std::string(t.text) + "' is not a number (at most 9 decimal places)", t.pos);
                advance();
                Node n;
                n.kind = NodeKind::number;
                n.number = *value;
                n.column = static_cast<std::uint32_t>(t.pos + 1);
                n.length = static_cast<std::uint32_t>(t.len);
                return add(std::move(n));
            }
            case Tok::kw_true:
            case Tok::kw_false: {
                advance();
                Node n;
                n.kind = NodeKind::boolean;
                n.boolean = t.kind == Tok::kw_true;
                n.column = static_cast<std::uint32_t>(t.pos + 1);
                n.length = static_cast<std::uint32_t>(t.len);
                return add(std::move(n));
            }
            case Tok::name: {
                advance();
                if (tok_.kind != Tok::lparen) {
                    Node n;
                    n.kind = NodeKind::name;
                    n.name = std::string(t.text);
                    n.column = static_cast<std::uint32_t>(t.pos + 1);
                    n.length = static_cast<std::uint32_t>(t.len);
                    return add(std::move(n));
                }
                enter(depth + 1, tok_.pos);
                advance();  // '('
                std::vector<NodeId> args;
                if (tok_.kind != Tok::rparen) {
                    for (;;) {
                        args.push_back(parse_or(depth + 1));
                        if (tok_.kind == Tok::comma) {
                            advance();
                            continue;
                        }
                        break;
                    }
                }
                if (tok_.kind != Tok::rparen) fail("expected ',' or ')' in the call of " + std::string(t.text) + "()", tok_.pos);
                const std::size_t end = tok_.pos + tok_.len;
                advance();
                Node n;
                n.kind = NodeKind::call;
                n.name = std::string(t.text);
                n.args = std::move(args);
                n.column = static_cast<std::uint32_t>(t.pos + 1);
                n.length = static_cast<std::uint32_t>(end - t.pos);
                return add(std::move(n));
            }
            case Tok::lparen: {
                enter(depth + 1, t.pos);
                advance();
                NodeId inner = parse_or(depth + 1);
                if (tok_.kind != Tok::rparen) fail("expected ')' to close the '(' at column " + std::to_string(t.pos + 1), tok_.pos);
                // Widen the node to include the parentheses so its text reads back as written.
                const std::size_t end = tok_.pos + tok_.len;
                advance();
                ast_.nodes[inner].column = static_cast<std::uint32_t>(t.pos + 1);
                ast_.nodes[inner].length = static_cast<std::uint32_t>(end - t.pos);
                return inner;
            }
            case Tok::end: fail("unexpected end of formula: expected a value", t.pos);
            default: fail("unexpected '" + std::string(t.text) + "': expected a number, a name or '('", t.pos);
        }
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    Token tok_;
    Ast ast_;
};

}  // namespace

Ast parse(std::string_view text) {
    if (text.size() > kMaxFormulaLength)
        throw SyntaxError("formula too long: " + std::to_string(text.size()) + " characters, the limit is " + std::to_string(kMaxFormulaLength), 1);
    return Parser(text).run();
}

}  // namespace motiv::expr
