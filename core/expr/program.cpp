#include "core/expr/program.hpp"

#include <algorithm>

namespace motiv::expr {

const char* to_string(ValueType t) {
    switch (t) {
        case ValueType::money: return "money";
        case ValueType::number: return "number";
        case ValueType::boolean: return "boolean";
        case ValueType::tiers: return "tiers";
        case ValueType::untyped: return "number";
    }
    return "?";
}

int TierTable::tier_of(Decimal x) const {
    // Tables are short (a handful of tiers): a linear scan beats a binary search here.
    int k = -1;
    for (std::size_t i = 0; i < from.size() && from[i] <= x; ++i) k = static_cast<int>(i);
    return k;
}

int TierTable::tier_of(Decimal x, Decimal scale, Fault& fault) const {
    int k = -1;
    for (std::size_t i = 0; i < from.size() && Decimal::mul(from[i], scale, fault) <= x; ++i) k = static_cast<int>(i);
    return k;
}

namespace {
// A quota must be positive: attainment against 0 is a division by zero, against less, meaningless.
bool valid_scale(Decimal q, Fault& fault) {
    if (q.is_zero()) fault = Fault::division_by_zero;
    else if (q.is_negative()) fault = Fault::domain;
    return fault == Fault::none;
}
}  // namespace

Decimal graduated_amount(const TierTable& t, Decimal x, Fault& fault, std::vector<Decimal>* parts, const Decimal* scale) {
    Decimal sum;
    if (parts) parts->assign(t.from.size(), Decimal{});
    if (scale && !valid_scale(*scale, fault)) return sum;
    auto edge = [&](std::size_t i) { return scale ? Decimal::mul(t.from[i], *scale, fault) : t.from[i]; };
    for (std::size_t i = 0; i < t.from.size(); ++i) {
        const Decimal lower = edge(i);
        if (x <= lower) break;
        const Decimal upper = i + 1 < t.from.size() ? std::min(x, edge(i + 1)) : x;
        const Decimal part = Decimal::sub(upper, lower, fault);
        if (parts) (*parts)[i] = part;
        sum = Decimal::add(sum, Decimal::mul(part, t.rate[i], fault), fault);
    }
    return sum;
}

Decimal curve_value(const TierTable& t, Decimal x, Fault& fault) {
    const std::size_t n = t.from.size();
    if (n == 0) return Decimal{};
    if (n == 1 || x <= t.from[0]) return t.rate[0];
    std::size_t i = 0;  // the segment [i, i+1] holding x, or the last one past the end
    while (i + 2 < n && t.from[i + 1] <= x) ++i;
    if (x >= t.from[n - 1] && !t.extrapolate) return t.rate[n - 1];
    const Decimal dx = Decimal::sub(t.from[i + 1], t.from[i], fault);
    const Decimal dy = Decimal::sub(t.rate[i + 1], t.rate[i], fault);
    const Decimal along = Decimal::sub(x, t.from[i], fault);
    const Decimal y = Decimal::add(t.rate[i], Decimal::div(Decimal::mul(dy, along, fault), dx, fault), fault);
    return t.rounding.apply(y, fault);
}

void Frame::broadcast(Slot s, Decimal v) {
    std::fill_n(value(s), width, v);
    std::fill_n(fault(s), width, std::uint8_t{0});
}

void Program::load_constants(Frame& frame) const {
    for (const auto& [slot, v] : constants) frame.broadcast(slot, v);
}

namespace {

constexpr Decimal kTrue = Decimal::from_raw(Decimal::kOne);

inline Decimal boolean(bool b) { return b ? kTrue : Decimal{}; }

// Fault codes are values, not bit flags (overflow 1 | division by zero 2 would read as domain 3):
// like a NaN, a lane keeps the first fault it meets, the left operand's before the right one's.
inline std::uint8_t first_fault(std::uint8_t a, std::uint8_t b) { return a != 0 ? a : b; }

// Applies a checked binary operation lane by lane. Careful: a fault in either operand propagates
// through the fault arrays. Fast: fault arrays are neither read nor written; any new fault is
// OR-ed into `acc`, and the caller re-runs the block carefully if that ever happens.
template <bool Careful, class F>
void binary(Frame& fr, const Instr& in, std::size_t n, std::uint8_t& acc, F f) {
    const Decimal* a = fr.value(in.a);
    const Decimal* b = fr.value(in.b);
    Decimal* d = fr.value(in.dst);
    if constexpr (Careful) {
        const std::uint8_t* fa = fr.fault(in.a);
        const std::uint8_t* fb = fr.fault(in.b);
        std::uint8_t* fd = fr.fault(in.dst);
        for (std::size_t i = 0; i < n; ++i) {
            Fault f0 = Fault::none;
            d[i] = f(a[i], b[i], f0);
            fd[i] = first_fault(first_fault(fa[i], fb[i]), static_cast<std::uint8_t>(f0));
        }
    } else {
        std::uint8_t any = 0;
        for (std::size_t i = 0; i < n; ++i) {
            Fault f0 = Fault::none;
            d[i] = f(a[i], b[i], f0);
            any = static_cast<std::uint8_t>(any | static_cast<std::uint8_t>(f0));
        }
        acc = static_cast<std::uint8_t>(acc | any);
    }
}

template <bool Careful, class F>
void unary(Frame& fr, const Instr& in, std::size_t n, std::uint8_t& acc, F f) {
    const Decimal* a = fr.value(in.a);
    Decimal* d = fr.value(in.dst);
    if constexpr (Careful) {
        const std::uint8_t* fa = fr.fault(in.a);
        std::uint8_t* fd = fr.fault(in.dst);
        for (std::size_t i = 0; i < n; ++i) {
            Fault f0 = Fault::none;
            d[i] = f(a[i], f0);
            fd[i] = first_fault(fa[i], static_cast<std::uint8_t>(f0));
        }
    } else {
        std::uint8_t any = 0;
        for (std::size_t i = 0; i < n; ++i) {
            Fault f0 = Fault::none;
            d[i] = f(a[i], f0);
            any = static_cast<std::uint8_t>(any | static_cast<std::uint8_t>(f0));
        }
        acc = static_cast<std::uint8_t>(acc | any);
    }
}

// Runs the code once. Careful == false returns nonzero as soon as an instruction faults in any
// lane (the block must then be run carefully); Careful == true tracks faults per lane and slot.
template <bool Careful>
std::uint8_t execute(const Program& prog, Frame& fr, std::size_t n, std::span<const TierTable> tables) {
    std::uint8_t acc = 0;
    for (const Instr& in : prog.code) {
        switch (in.op) {
            case OpCode::add: binary<Careful>(fr, in, n, acc, [](Decimal a, Decimal b, Fault& f) { return Decimal::add(a, b, f); }); break;
            case OpCode::sub: binary<Careful>(fr, in, n, acc, [](Decimal a, Decimal b, Fault& f) { return Decimal::sub(a, b, f); }); break;
            case OpCode::mul: binary<Careful>(fr, in, n, acc, [](Decimal a, Decimal b, Fault& f) { return Decimal::mul(a, b, f); }); break;
            case OpCode::div: binary<Careful>(fr, in, n, acc, [](Decimal a, Decimal b, Fault& f) { return Decimal::div(a, b, f); }); break;
            case OpCode::neg: unary<Careful>(fr, in, n, acc, [](Decimal a, Fault& f) { return Decimal::neg(a, f); }); break;
            case OpCode::lt: binary<Careful>(fr, in, n, acc, [](Decimal a, Decimal b, Fault&) { return boolean(a < b); }); break;
            case OpCode::le: binary<Careful>(fr, in, n, acc, [](Decimal a, Decimal b, Fault&) { return boolean(a <= b); }); break;
            case OpCode::gt: binary<Careful>(fr, in, n, acc, [](Decimal a, Decimal b, Fault&) { return boolean(a > b); }); break;
            case OpCode::ge: binary<Careful>(fr, in, n, acc, [](Decimal a, Decimal b, Fault&) { return boolean(a >= b); }); break;
            case OpCode::eq: binary<Careful>(fr, in, n, acc, [](Decimal a, Decimal b, Fault&) { return boolean(a == b); }); break;
            case OpCode::ne: binary<Careful>(fr, in, n, acc, [](Decimal a, Decimal b, Fault&) { return boolean(a != b); }); break;
            case OpCode::min: binary<Careful>(fr, in, n, acc, [](Decimal a, Decimal b, Fault&) { return std::min(a, b); }); break;
            case OpCode::max: binary<Careful>(fr, in, n, acc, [](Decimal a, Decimal b, Fault&) { return std::max(a, b); }); break;
            case OpCode::abs: unary<Careful>(fr, in, n, acc, [](Decimal a, Fault& f) { return a.is_negative() ? Decimal::neg(a, f) : a; }); break;
            case OpCode::not_: unary<Careful>(fr, in, n, acc, [](Decimal a, Fault&) { return boolean(a.is_zero()); }); break;
            case OpCode::copy: unary<Careful>(fr, in, n, acc, [](Decimal a, Fault&) { return a; }); break;
            case OpCode::round: {
                const Rounding& r = prog.roundings[in.aux];
                const int k = r.step_pow10();
                unary<Careful>(fr, in, n, acc, [&r, k](Decimal a, Fault& f) { return r.apply(a, k, f); });
                break;
            }
            case OpCode::graduated: {
                const TierTable& t = tables[in.aux];
                unary<Careful>(fr, in, n, acc, [&t](Decimal a, Fault& f) { return graduated_amount(t, a, f); });
                break;
            }
            case OpCode::rate_at: {
                const TierTable& t = tables[in.aux];
                unary<Careful>(fr, in, n, acc, [&t](Decimal a, Fault&) {
                    const int k = t.tier_of(a);
                    return k < 0 ? Decimal{} : t.rate[static_cast<std::size_t>(k)];
                });
                break;
            }
            case OpCode::retro: {
                const TierTable& t = tables[in.aux];
                unary<Careful>(fr, in, n, acc, [&t](Decimal a, Fault& f) {
                    const int k = t.tier_of(a);
                    return k < 0 ? Decimal{} : Decimal::mul(a, t.rate[static_cast<std::size_t>(k)], f);
                });
                break;
            }
            case OpCode::graduated_scaled: {
                const TierTable& t = tables[in.aux];
                binary<Careful>(fr, in, n, acc, [&t](Decimal a, Decimal q, Fault& f) { return graduated_amount(t, a, f, nullptr, &q); });
                break;
            }
            case OpCode::rate_at_scaled:
            case OpCode::retro_scaled: {
                const TierTable& t = tables[in.aux];
                const bool whole = in.op == OpCode::retro_scaled;
                binary<Careful>(fr, in, n, acc, [&t, whole](Decimal a, Decimal q, Fault& f) {
                    if (!valid_scale(q, f)) return Decimal{};
                    const int k = t.tier_of(a, q, f);
                    if (k < 0) return Decimal{};
                    const Decimal r = t.rate[static_cast<std::size_t>(k)];
                    return whole ? Decimal::mul(a, r, f) : r;
                });
                break;
            }
            case OpCode::curve: {
                const TierTable& t = tables[in.aux];
                unary<Careful>(fr, in, n, acc, [&t](Decimal a, Fault& f) { return curve_value(t, a, f); });
                break;
            }
            case OpCode::and_:
            case OpCode::or_: {
                // A settled operand decides alone: `false and <fault>` is false, not a fault.
                const bool is_and = in.op == OpCode::and_;
                const Decimal* a = fr.value(in.a);
                const Decimal* b = fr.value(in.b);
                Decimal* d = fr.value(in.dst);
                if constexpr (!Careful) {
                    for (std::size_t i = 0; i < n; ++i) {
                        const bool av = !a[i].is_zero(), bv = !b[i].is_zero();
                        d[i] = boolean(is_and ? (av && bv) : (av || bv));
                    }
                    break;
                }
                const std::uint8_t* fa = fr.fault(in.a);
                const std::uint8_t* fb = fr.fault(in.b);
                std::uint8_t* fd = fr.fault(in.dst);
                for (std::size_t i = 0; i < n; ++i) {
                    const bool av = !a[i].is_zero(), bv = !b[i].is_zero();
                    const bool a_decides = fa[i] == 0 && (is_and ? !av : av);
                    const bool b_decides = fb[i] == 0 && (is_and ? !bv : bv);
                    if (a_decides || b_decides) {
                        d[i] = boolean(!is_and);
                        fd[i] = 0;
                    } else {
                        d[i] = boolean(is_and ? (av && bv) : (av || bv));
                        fd[i] = first_fault(fa[i], fb[i]);
                    }
                }
                break;
            }
            case OpCode::select:
            case OpCode::zero_unless: {
                const bool has_else = in.op == OpCode::select;
                const Decimal* c = fr.value(in.a);
                const Decimal* t = fr.value(in.b);
                const Decimal* e = has_else ? fr.value(in.c) : nullptr;
                Decimal* d = fr.value(in.dst);
                if constexpr (!Careful) {
                    for (std::size_t i = 0; i < n; ++i) d[i] = !c[i].is_zero() ? t[i] : (has_else ? e[i] : Decimal{});
                    break;
                }
                const std::uint8_t* fc = fr.fault(in.a);
                const std::uint8_t* ft = fr.fault(in.b);
                const std::uint8_t* fe = has_else ? fr.fault(in.c) : nullptr;
                std::uint8_t* fd = fr.fault(in.dst);
                for (std::size_t i = 0; i < n; ++i) {
                    const bool take = !c[i].is_zero();
                    d[i] = take ? t[i] : (has_else ? e[i] : Decimal{});
                    fd[i] = first_fault(fc[i], take ? ft[i] : (has_else ? fe[i] : std::uint8_t{0}));
                }
                break;
            }
        }
        if (!Careful && acc != 0) return acc;  // give up early: the block will be run carefully
    }
    return acc;
}

}  // namespace

void Program::run(Frame& fr, std::size_t n, std::span<const TierTable> tables) const {
    // Faults are rare: run fast first, without per-lane fault bookkeeping, and only when some
    // instruction faults in some lane run the block again with full fault tracking.
    // A fault carried in by a source slot also needs the careful run.
    bool clean = true;
    for (Slot s : sources) {
        const std::uint8_t* f = fr.fault(s);
        clean = clean && std::all_of(f, f + n, [](std::uint8_t x) { return x == 0; });
    }
    if (clean && execute<false>(*this, fr, n, tables) == 0) {
        for (const Instr& in : code) std::fill_n(fr.fault(in.dst), n, std::uint8_t{0});
        return;
    }
    execute<true>(*this, fr, n, tables);
}

}  // namespace motiv::expr
