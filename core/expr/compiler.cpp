#include "core/expr/compiler.hpp"

namespace motiv::expr {

Slot ProgramBuilder::constant(Decimal v) {
    const Slot s = new_slot();
    program_.constants.emplace_back(s, v);
    return s;
}

Slot ProgramBuilder::emit(OpCode op, Slot a, Slot b, Slot c, std::uint32_t aux) {
    const Slot dst = new_slot();
    program_.code.push_back(Instr{op, dst, a, b, c, aux});
    return dst;
}

Program ProgramBuilder::finish() {
    std::vector<char> written(program_.slot_count, 0), read(program_.slot_count, 0);
    for (const Instr& in : program_.code) {
        written[in.dst] = 1;
        read[in.a] = read[in.b] = read[in.c] = 1;
    }
    program_.sources.clear();
    for (Slot s = 0; s < program_.slot_count; ++s)
        if (read[s] && !written[s]) program_.sources.push_back(s);
    return std::move(program_);
}

std::uint32_t ProgramBuilder::add_rounding(const Rounding& r) {
    program_.roundings.push_back(r);
    return static_cast<std::uint32_t>(program_.roundings.size() - 1);
}

namespace {

bool numeric(ValueType t) { return t == ValueType::money || t == ValueType::number || t == ValueType::untyped; }

std::string describe(ValueType t) {
    switch (t) {
        case ValueType::money: return "money";
        case ValueType::number: return "a number";
        case ValueType::untyped: return "a number";
        case ValueType::boolean: return "a condition (true/false)";
        case ValueType::tiers: return "a tier table";
    }
    return "?";
}

class Compiler {
public:
    Compiler(const Ast& ast, ProgramBuilder& b, const Resolver& r) : ast_(ast), b_(b), resolve_(r) {
        out_.node_slots.assign(ast.nodes.size(), 0);
        out_.node_types.assign(ast.nodes.size(), ValueType::untyped);
    }

    CompiledFormula run(std::optional<ValueType> expected) {
        ValueType t = visit(ast_.root);
        if (expected) {
            if (t == ValueType::untyped && numeric(*expected)) t = *expected;
            if (t != *expected)
                fail(ast_.root, "expected " + describe(*expected) + ", but the formula gives " + describe(t));
        } else if (t == ValueType::untyped) {
            t = ValueType::number;
        }
        out_.slot = out_.node_slots[ast_.root];
        out_.type = t;
        return std::move(out_);
    }

private:
    [[noreturn]] void fail(NodeId id, const std::string& msg) const { throw CompileError(msg, ast_.node(id).column); }

    ValueType set(NodeId id, Slot s, ValueType t) {
        out_.node_slots[id] = s;
        out_.node_types[id] = t;
        return t;
    }

    ValueType need_numeric(NodeId id, ValueType t, const char* what) const {
        if (!numeric(t)) fail(id, std::string(what) + " needs a number or money, got " + describe(t));
        return t;
    }

    ValueType need_bool(NodeId id, ValueType t, const char* what) const {
        if (t != ValueType::boolean) fail(id, std::string(what) + " needs a condition (true/false), got " + describe(t));
        return t;
    }

    // The common type of two operands that must agree (+, -, comparisons, min, max, if).
    ValueType unify(NodeId at, ValueType a, ValueType b, const std::string& what) const {
        if (a == b) return a;
        if (a == ValueType::untyped && numeric(b)) return b;
        if (b == ValueType::untyped && numeric(a)) return a;
        fail(at, what + ": cannot combine " + describe(a) + " with " + describe(b));
    }

    bool is_literal(NodeId id, std::int64_t v) const {
        const Node& n = ast_.node(id);
        return n.kind == NodeKind::number && n.number == Decimal::from_int(v);
    }

    ValueType visit(NodeId id) {
        const Node& n = ast_.node(id);
        switch (n.kind) {
            case NodeKind::number: return set(id, b_.constant(n.number), ValueType::untyped);
            case NodeKind::boolean: return set(id, b_.constant(n.boolean ? Decimal::from_int(1) : Decimal{}), ValueType::boolean);
            case NodeKind::name: {
                auto sym = resolve_(n.name, n.column);
                if (!sym) fail(id, "unknown name '" + n.name + "': not an input, parameter, variable or component of this role");
                if (sym->type == ValueType::tiers) fail(id, "'" + n.name + (sym->curve ? "' is a pay curve: use it in curve()" : "' is a tier table: use it in rate_at(), graduated() or retroactive()"));
                return set(id, sym->slot, sym->type);
            }
            case NodeKind::unary: {
                const ValueType t = visit(n.args[0]);
                const Slot a = out_.node_slots[n.args[0]];
                if (n.op == Op::not_) return set(id, b_.emit(OpCode::not_, a), need_bool(id, t, "'not'"));
                return set(id, b_.emit(OpCode::neg, a), need_numeric(id, t, "unary '-'"));
            }
            case NodeKind::binary: return binary(id, n);
            case NodeKind::call: return call(id, n);
        }
        fail(id, "internal: unknown node");
    }

    ValueType binary(NodeId id, const Node& n) {
        const ValueType l = visit(n.args[0]);
        const ValueType r = visit(n.args[1]);
        const Slot a = out_.node_slots[n.args[0]];
        const Slot b = out_.node_slots[n.args[1]];
        const std::string sym = std::string("'") + op_symbol(n.op) + "'";
        switch (n.op) {
            case Op::and_:
            case Op::or_:
                need_bool(n.args[0], l, sym.c_str());
                need_bool(n.args[1], r, sym.c_str());
                return set(id, b_.emit(n.op == Op::and_ ? OpCode::and_ : OpCode::or_, a, b), ValueType::boolean);
            case Op::add:
            case Op::sub: {
                need_numeric(n.args[0], l, sym.c_str());
                need_numeric(n.args[1], r, sym.c_str());
                const ValueType t = unify(id, l, r, sym);
                return set(id, b_.emit(n.op == Op::add ? OpCode::add : OpCode::sub, a, b), t);
            }
            case Op::mul: {
                need_numeric(n.args[0], l, sym.c_str());
                need_numeric(n.args[1], r, sym.c_str());
                if (l == ValueType::money && r == ValueType::money) fail(id, "'*': money times money is not an amount; multiply money by a number or rate");
                const ValueType t = (l == ValueType::money || r == ValueType::money) ? ValueType::money
                                    : (l == ValueType::number || r == ValueType::number) ? ValueType::number
                                                                                         : ValueType::untyped;
                return set(id, b_.emit(OpCode::mul, a, b), t);
            }
            case Op::div: {
                need_numeric(n.args[0], l, sym.c_str());
                need_numeric(n.args[1], r, sym.c_str());
                ValueType t;
                if (r == ValueType::money) {
                    if (l != ValueType::money) fail(id, "'/': dividing a number by money gives no amount; divide money by money for a ratio");
                    t = ValueType::number;
                } else {
                    t = l == ValueType::money ? ValueType::money : (l == ValueType::untyped && r == ValueType::untyped) ? ValueType::untyped : ValueType::number;
                }
                return set(id, b_.emit(OpCode::div, a, b), t);
            }
            case Op::lt: case Op::le: case Op::gt: case Op::ge: case Op::eq: case Op::ne: {
                const bool equality = n.op == Op::eq || n.op == Op::ne;
                if (!(equality && l == ValueType::boolean && r == ValueType::boolean)) {
                    need_numeric(n.args[0], l, sym.c_str());
                    need_numeric(n.args[1], r, sym.c_str());
                    unify(id, l, r, sym);
                }
                OpCode op = OpCode::lt;
                switch (n.op) {
                    case Op::lt: op = OpCode::lt; break;
                    case Op::le: op = OpCode::le; break;
                    case Op::gt: op = OpCode::gt; break;
                    case Op::ge: op = OpCode::ge; break;
                    case Op::eq: op = OpCode::eq; break;
                    default: op = OpCode::ne; break;
                }
                return set(id, b_.emit(op, a, b), ValueType::boolean);
            }
            default: break;
        }
        fail(id, "internal: unknown operator");
    }

    void arity(NodeId id, const Node& n, std::size_t lo, std::size_t hi) const {
        if (n.args.size() < lo || n.args.size() > hi) {
            const std::string want = lo == hi ? std::to_string(lo) : hi == SIZE_MAX ? "at least " + std::to_string(lo) : std::to_string(lo) + " to " + std::to_string(hi);
            fail(id, n.name + "() takes " + want + " argument" + (lo == 1 && (hi == 1 || hi == SIZE_MAX) ? "" : "s") + ", got " + std::to_string(n.args.size()));
        }
    }

    ValueType call(NodeId id, const Node& n) {
        const std::string& f = n.name;
        if (f == "rate_at" || f == "graduated" || f == "retroactive" || f == "curve") {
            const bool is_curve = f == "curve";
            arity(id, n, 2, is_curve ? 2 : 3);
            const Node& tn = ast_.node(n.args[0]);
            std::optional<Symbol> sym;
            if (tn.kind == NodeKind::name) sym = resolve_(tn.name, tn.column);
            if (!sym || sym->type != ValueType::tiers || sym->curve != is_curve)
                fail(n.args[0], f + "() needs the name of a " + (is_curve ? "pay curve" : "tier table") + " parameter as its first argument");
            out_.node_types[n.args[0]] = ValueType::tiers;
            const ValueType xt = need_numeric(n.args[1], visit(n.args[1]), (f + "()").c_str());
            const Slot x = out_.node_slots[n.args[1]];
            if (is_curve) {
                unify(n.args[1], xt, sym->basis, f + "() of " + tn.name);
                return set(id, b_.emit(OpCode::curve, x, 0, 0, sym->table), ValueType::number);
            }
            if (n.args.size() == 3) {
                // Thresholds are shares of the quota: x and the quota measure the same thing.
                if (!sym->ratio) fail(n.args[0], f + "() with a quota needs a tier table of basis ratio (thresholds as shares of the quota), '" + tn.name + "' is not");
                const ValueType qt = need_numeric(n.args[2], visit(n.args[2]), (f + "()").c_str());
                const ValueType basis = unify(n.args[2], xt, qt, f + "() amount and quota");
                const Slot q = out_.node_slots[n.args[2]];
                if (f == "rate_at") return set(id, b_.emit(OpCode::rate_at_scaled, x, q, 0, sym->table), ValueType::number);
                return set(id, b_.emit(f == "graduated" ? OpCode::graduated_scaled : OpCode::retro_scaled, x, q, 0, sym->table), basis);
            }
            const ValueType basis = unify(n.args[1], xt, sym->basis, f + "() of " + tn.name);
            if (f == "rate_at") return set(id, b_.emit(OpCode::rate_at, x, 0, 0, sym->table), ValueType::number);
            return set(id, b_.emit(f == "graduated" ? OpCode::graduated : OpCode::retro, x, 0, 0, sym->table), basis);
        }
        if (f == "if") {
            arity(id, n, 3, 3);
            need_bool(n.args[0], visit(n.args[0]), "if()");
            const ValueType t = unify(id, visit(n.args[1]), visit(n.args[2]), "if()");
            // if(cond, 1, 0) -- counting conditions met -- is the condition itself: true and false
            // are held as 1 and 0, so no instruction is needed.
            if (is_literal(n.args[1], 1) && is_literal(n.args[2], 0) && t != ValueType::money)
                return set(id, out_.node_slots[n.args[0]], t);
            return set(id, b_.emit(OpCode::select, out_.node_slots[n.args[0]], out_.node_slots[n.args[1]], out_.node_slots[n.args[2]]), t);
        }
        if (f == "min" || f == "max") {
            arity(id, n, 1, SIZE_MAX);
            ValueType t = need_numeric(n.args[0], visit(n.args[0]), (f + "()").c_str());
            Slot acc = out_.node_slots[n.args[0]];
            for (std::size_t k = 1; k < n.args.size(); ++k) {
                const ValueType tk = need_numeric(n.args[k], visit(n.args[k]), (f + "()").c_str());
                t = unify(n.args[k], t, tk, f + "()");
                acc = b_.emit(f == "min" ? OpCode::min : OpCode::max, acc, out_.node_slots[n.args[k]]);
            }
            if (n.args.size() == 1) acc = b_.emit(OpCode::copy, acc);
            return set(id, acc, t);
        }
        if (f == "clamp") {
            arity(id, n, 3, 3);
            ValueType t = need_numeric(n.args[0], visit(n.args[0]), "clamp()");
            t = unify(n.args[1], t, need_numeric(n.args[1], visit(n.args[1]), "clamp()"), "clamp()");
            t = unify(n.args[2], t, need_numeric(n.args[2], visit(n.args[2]), "clamp()"), "clamp()");
            const Slot lo = b_.emit(OpCode::max, out_.node_slots[n.args[0]], out_.node_slots[n.args[1]]);
            return set(id, b_.emit(OpCode::min, lo, out_.node_slots[n.args[2]]), t);
        }
        if (f == "abs") {
            arity(id, n, 1, 1);
            const ValueType t = need_numeric(n.args[0], visit(n.args[0]), "abs()");
            return set(id, b_.emit(OpCode::abs, out_.node_slots[n.args[0]]), t);
        }
        fail(id, "unknown function '" + f + "': expected one of min, max, clamp, abs, if, rate_at, graduated, retroactive, curve");
    }

    const Ast& ast_;
    ProgramBuilder& b_;
    const Resolver& resolve_;
    CompiledFormula out_;
};

}  // namespace

CompiledFormula compile(const Ast& ast, ProgramBuilder& builder, const Resolver& resolve, std::optional<ValueType> expected) {
    return Compiler(ast, builder, resolve).run(expected);
}

}  // namespace motiv::expr
