#include "core/batch/lowered_program.hpp"

#include "core/batch/isa.hpp"

#include <algorithm>
#include <array>

namespace motiv::batch {

namespace {

using Op = LoweredProgram::Op;
using Operand = LoweredProgram::Operand;
using Instr = LoweredProgram::Instr;
using Table = LoweredProgram::Table;
using u128 = fast::u128;

constexpr std::array<std::int64_t, 19> kPow10 = [] {
    std::array<std::int64_t, 19> p{};
    p[0] = 1;
    for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
    return p;
}();

std::uint64_t magnitude(std::int64_t v) { return v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v); }

// v x 10^shift as an int64 below kLoweredLimit in magnitude, or nullopt.
std::optional<std::int64_t> scaled_up(std::int64_t v, int shift) {
    if (shift < 0 || shift > 18) return std::nullopt;
    const u128 m = static_cast<u128>(magnitude(v)) * static_cast<u128>(kPow10[static_cast<std::size_t>(shift)]);
    if (m >= kLoweredLimit) return std::nullopt;
    return v < 0 ? -static_cast<std::int64_t>(m) : static_cast<std::int64_t>(m);
}

// A Decimal as an int64 at `scale` places (exact), or nullopt.
std::optional<std::int64_t> at_scale(Decimal d, int scale) {
    if (d.places() > scale) return std::nullopt;
    const int128 unit = kPow10[static_cast<std::size_t>(Decimal::kPlaces - scale)];
    const int128 v = d.raw() / unit;
    if (v >= static_cast<int128>(kLoweredLimit) || v <= -static_cast<int128>(kLoweredLimit)) return std::nullopt;
    return static_cast<std::int64_t>(v);
}

// Which of a, b, c an instruction reads (bit 0 = a); nullopt for an opcode this file does not know.
std::optional<unsigned> operands_read(expr::OpCode op) {
    using expr::OpCode;
    switch (op) {
        case OpCode::add: case OpCode::sub: case OpCode::mul: case OpCode::div:
        case OpCode::lt: case OpCode::le: case OpCode::gt: case OpCode::ge: case OpCode::eq: case OpCode::ne:
        case OpCode::and_: case OpCode::or_: case OpCode::min: case OpCode::max: case OpCode::zero_unless:
        case OpCode::graduated_scaled: case OpCode::retro_scaled: case OpCode::rate_at_scaled:
            return 3u;
        case OpCode::neg: case OpCode::not_: case OpCode::abs: case OpCode::copy: case OpCode::round:
        case OpCode::graduated: case OpCode::retro: case OpCode::rate_at:
            return 1u;
        case OpCode::select: return 7u;
        default: return std::nullopt;  // an opcode added after this lowering: keep the Decimal path
    }
}

// --- kernels -------------------------------------------------------------------------------

struct Lane {
    const std::int64_t* p;
    std::int64_t operator[](std::size_t i) const { return p[i]; }
};
struct Const {
    std::int64_t v;
    std::int64_t operator[](std::size_t) const { return v; }
};

// Calls f with the operand as a Lane or a Const, so each combination compiles to its own loop.
template <class F>
[[gnu::always_inline]] inline void with(const Operand& o, const std::int64_t* frame, std::size_t width, F&& f) {
    if (o.is_const) f(Const{o.value});
    else f(Lane{frame + std::size_t{o.lane} * width});
}

template <class F>
[[gnu::always_inline]] inline void unary(const Instr& in, std::int64_t* fr, std::size_t w, std::size_t n, F f) {
    std::int64_t* d = fr + std::size_t{in.dst} * w;
    with(in.a, fr, w, [&](auto a) __attribute__((always_inline)) {
        for (std::size_t i = 0; i < n; ++i) d[i] = f(a[i]);
    });
}

template <class F>
[[gnu::always_inline]] inline void binary(const Instr& in, std::int64_t* fr, std::size_t w, std::size_t n, F f) {
    std::int64_t* d = fr + std::size_t{in.dst} * w;
    with(in.a, fr, w, [&](auto a) __attribute__((always_inline)) {
        with(in.b, fr, w, [&](auto b) __attribute__((always_inline)) {
            for (std::size_t i = 0; i < n; ++i) d[i] = f(a[i], b[i]);
        });
    });
}

// a / D rounded by mode M: the int64 image of Rounding::apply. D is an even constant (10^k,
// k >= 1), so every mode but half_even is one division of |a| plus an offset, which the compiler
// turns into a multiplication: half_up moves away from zero iff the remainder is >= D/2, i.e.
// iff |a| + D/2 reaches the next multiple; half_down iff > D/2; up iff nonzero. Tested against
// Rounding::apply for every mode on ties (tests/core/batch/lowered_program_test.cpp).
template <std::int64_t D, RoundingMode M>
[[gnu::always_inline]] inline void round_by(const Instr& in, std::int64_t* fr, std::size_t w, std::size_t n) {
    static_assert(D >= 10 && D % 2 == 0);
    constexpr auto d = static_cast<std::uint64_t>(D);
    unary(in, fr, w, n, [](std::int64_t a) {
        const bool negative = a < 0;
        const std::uint64_t m = magnitude(a);
        std::uint64_t q;
        if constexpr (M == RoundingMode::half_even) {
            q = m / d;
            const std::uint64_t r = m % d;
            if (rounds_away_from_zero<std::uint64_t>(M, negative, r, d - r, q) && r != 0) ++q;
        } else {
            const bool away_if_any = M == RoundingMode::up || (M == RoundingMode::ceiling && !negative) || (M == RoundingMode::floor && negative);
            const std::uint64_t offset = M == RoundingMode::half_up ? d / 2 : M == RoundingMode::half_down ? d / 2 - 1 : away_if_any ? d - 1 : 0;
            q = (m + offset) / d;  // m < 2^62: no overflow
        }
        const auto v = static_cast<std::int64_t>(q);
        return negative ? -v : v;
    });
}

template <std::int64_t D>
[[gnu::always_inline]] inline void round_by(const Instr& in, std::int64_t* fr, std::size_t w, std::size_t n) {
    switch (in.mode) {
        case RoundingMode::half_up: return round_by<D, RoundingMode::half_up>(in, fr, w, n);
        case RoundingMode::half_down: return round_by<D, RoundingMode::half_down>(in, fr, w, n);
        case RoundingMode::half_even: return round_by<D, RoundingMode::half_even>(in, fr, w, n);
        case RoundingMode::up: return round_by<D, RoundingMode::up>(in, fr, w, n);
        case RoundingMode::down: return round_by<D, RoundingMode::down>(in, fr, w, n);
        case RoundingMode::ceiling: return round_by<D, RoundingMode::ceiling>(in, fr, w, n);
        case RoundingMode::floor: return round_by<D, RoundingMode::floor>(in, fr, w, n);
    }
}

// The divisor as a compile-time constant: a multiplication instead of a hardware division.
[[gnu::always_inline]] inline void round_pow10(const Instr& in, std::int64_t* fr, std::size_t w, std::size_t n) {
    switch (in.k) {
#define MOTIV_ROUND_CASE(K) case K: return round_by<kPow10[K]>(in, fr, w, n);
        MOTIV_ROUND_CASE(1) MOTIV_ROUND_CASE(2) MOTIV_ROUND_CASE(3) MOTIV_ROUND_CASE(4) MOTIV_ROUND_CASE(5)
        MOTIV_ROUND_CASE(6) MOTIV_ROUND_CASE(7) MOTIV_ROUND_CASE(8) MOTIV_ROUND_CASE(9) MOTIV_ROUND_CASE(10)
        MOTIV_ROUND_CASE(11) MOTIV_ROUND_CASE(12) MOTIV_ROUND_CASE(13) MOTIV_ROUND_CASE(14) MOTIV_ROUND_CASE(15)
        MOTIV_ROUND_CASE(16) MOTIV_ROUND_CASE(17) MOTIV_ROUND_CASE(18)
#undef MOTIV_ROUND_CASE
        default: break;  // lower() emits 1..18 only
    }
}

}  // namespace

// --- lowering ----------------------------------------------------------------------------------

std::optional<LoweredProgram> LoweredProgram::lower(const expr::Program& p, std::span<const std::pair<expr::Slot, Decimal>> known,
                                                    std::span<const Input> inputs, std::span<const expr::TierTable> tables,
                                                    std::span<const expr::Slot> results) {
    using expr::OpCode;
    LoweredProgram out;
    out.values_.assign(p.slot_count, LoweredValue{});
    std::vector<std::optional<Decimal>> constant_value(p.slot_count);  // for tables scaled by a constant quota
    auto constant = [&](expr::Slot s, Decimal d) {
        const int scale = d.places();
        const auto v = at_scale(d, scale);
        if (!v) return false;
        out.values_[s] = LoweredValue{LoweredValue::Kind::constant, scale, 0, *v};
        constant_value[s] = d;
        return true;
    };
    for (const auto& [s, d] : p.constants)
        if (!constant(s, d)) return std::nullopt;
    for (const auto& [s, d] : known)
        if (!constant(s, d)) return std::nullopt;
    for (const Input& in : inputs) {
        if (in.scale < 0 || in.scale > Decimal::kPlaces) return std::nullopt;
        out.values_[in.slot] = LoweredValue{LoweredValue::Kind::lane, in.scale, static_cast<std::uint32_t>(out.lanes_++), 0};
    }

    // Fold the instructions whose operands are all constants (parameters included) by running them
    // through the Decimal interpreter itself: no second definition of any operation's meaning.
    expr::Program folded;
    folded.slot_count = p.slot_count;
    folded.roundings = p.roundings;
    std::vector<char> constant_slot(p.slot_count, 0), is_folded(p.code.size(), 0);
    for (expr::Slot s = 0; s < p.slot_count; ++s) constant_slot[s] = out.values_[s].kind == LoweredValue::Kind::constant;
    for (std::size_t i = 0; i < p.code.size(); ++i) {
        const expr::Instr& in = p.code[i];
        const auto reads = operands_read(in.op);
        if (!reads) return std::nullopt;
        const bool all = (!(*reads & 1u) || constant_slot[in.a]) && (!(*reads & 2u) || constant_slot[in.b]) && (!(*reads & 4u) || constant_slot[in.c]);
        if (!all) continue;
        is_folded[i] = 1;
        constant_slot[in.dst] = 1;
        folded.code.push_back(in);
    }
    if (!folded.code.empty()) {
        expr::Frame fr(p.slot_count, 1);
        p.load_constants(fr);
        for (const auto& [s, d] : known) fr.broadcast(s, d);
        folded.run(fr, 1, tables);
        for (const expr::Instr& in : folded.code)
            if (fr.fault(in.dst)[0] != 0 || !constant(in.dst, fr.value(in.dst)[0])) return std::nullopt;
    }

    auto new_lane = [&](expr::Slot dst, int scale) {
        out.values_[dst] = LoweredValue{LoweredValue::Kind::lane, scale, static_cast<std::uint32_t>(out.lanes_++), 0};
        return out.values_[dst].lane;
    };
    // Slot s as an operand at `scale` places (>= its own): a constant is scaled here, a lane by an
    // instruction into a new lane.
    auto operand = [&](expr::Slot s, int scale) -> std::optional<Operand> {
        const LoweredValue v = out.values_[s];
        if (v.kind == LoweredValue::Kind::none || scale < v.scale) return std::nullopt;
        if (v.kind == LoweredValue::Kind::constant) {
            const auto c = scaled_up(v.value, scale - v.scale);
            if (!c) return std::nullopt;
            return Operand{true, 0, *c};
        }
        if (v.scale == scale) return Operand{false, v.lane, 0};
        Instr up;
        up.op = Op::scale_up;
        up.k = scale - v.scale;
        up.a = Operand{false, v.lane, 0};
        up.dst = static_cast<std::uint32_t>(out.lanes_++);
        out.code_.push_back(up);
        return Operand{false, up.dst, 0};
    };
    auto scale_of = [&](expr::Slot s) { return out.values_[s].scale; };

    for (std::size_t i = 0; i < p.code.size(); ++i) {
        if (is_folded[i]) continue;
        const expr::Instr& src = p.code[i];
        Instr in;
        const int sa = scale_of(src.a), sb = scale_of(src.b);
        auto emit = [&](Op op, int dst_scale, std::optional<Operand> a, std::optional<Operand> b = Operand{}, std::optional<Operand> c = Operand{}) {
            if (!a || !b || !c) return false;
            in.op = op;
            in.a = *a;
            in.b = *b;
            in.c = *c;
            in.dst = new_lane(src.dst, dst_scale);
            out.code_.push_back(in);
            return true;
        };
        // A tier table measured on operand a, with thresholds and rates at static scales.
        auto emit_table = [&](OpCode code, const expr::TierTable& t) -> bool {
            if (t.from.size() != t.rate.size()) return false;
            int w = sa, sr = 0;
            bool rising = true;
            for (std::size_t j = 0; j < t.from.size(); ++j) {
                w = std::max(w, t.from[j].places());
                sr = std::max(sr, t.rate[j].places());
                if (j > 0 && !(t.from[j - 1] < t.from[j])) rising = false;
            }
            // tier_of() takes the last threshold reached before the first one above x: the same
            // as counting thresholds <= x only when they rise.
            if (!rising) return false;
            const int dst_scale = code == OpCode::rate_at ? sr : w + sr;
            if (dst_scale > Decimal::kPlaces) return false;  // Decimal would round each product: keep it exact there
            Table lt;
            bool fits = true;
            for (std::size_t j = 0; j < t.from.size() && fits; ++j) {
                const auto f = at_scale(t.from[j], w), rt = at_scale(t.rate[j], sr);
                fits = f && rt;
                if (!fits) return false;
                lt.from.push_back(*f);
                lt.rate.push_back(*rt);
                lt.max_from = std::max(lt.max_from, magnitude(*f));
                lt.max_rate = std::max(lt.max_rate, magnitude(*rt));
                lt.sum_rate += magnitude(*rt);  // each < 2^62; a handful of tiers
            }
            if (!fits || lt.sum_rate >= kLoweredLimit) return false;
            in.table = static_cast<std::uint32_t>(out.tables_.size());
            out.tables_.push_back(std::move(lt));
            const Op op = code == OpCode::rate_at ? Op::rate_at : code == OpCode::graduated ? Op::graduated : Op::retro;
            return emit(op, dst_scale, operand(src.a, w));
        };
        bool ok = false;
        switch (src.op) {
            case OpCode::add: case OpCode::sub: case OpCode::min: case OpCode::max: {
                const int t = std::max(sa, sb);
                const Op op = src.op == OpCode::add ? Op::add : src.op == OpCode::sub ? Op::sub : src.op == OpCode::min ? Op::min : Op::max;
                ok = emit(op, t, operand(src.a, t), operand(src.b, t));
                break;
            }
            case OpCode::lt: case OpCode::le: case OpCode::gt: case OpCode::ge: case OpCode::eq: case OpCode::ne: {
                const int t = std::max(sa, sb);
                const Op op = src.op == OpCode::lt ? Op::lt : src.op == OpCode::le ? Op::le : src.op == OpCode::gt ? Op::gt
                            : src.op == OpCode::ge ? Op::ge : src.op == OpCode::eq ? Op::eq : Op::ne;
                ok = emit(op, 0, operand(src.a, t), operand(src.b, t));
                break;
            }
            case OpCode::and_: case OpCode::or_:
                ok = emit(src.op == OpCode::and_ ? Op::and_ : Op::or_, 0, operand(src.a, sa), operand(src.b, sb));
                break;
            case OpCode::not_: ok = emit(Op::not_, 0, operand(src.a, sa)); break;
            case OpCode::neg: ok = emit(Op::neg, sa, operand(src.a, sa)); break;
            case OpCode::abs: ok = emit(Op::abs, sa, operand(src.a, sa)); break;
            case OpCode::mul: {
                // Decimal keeps 9 places: a product with more is rounded half-even, as Decimal::mul does.
                const int t = sa + sb;
                if (t <= Decimal::kPlaces) {
                    ok = emit(Op::mul, t, operand(src.a, sa), operand(src.b, sb));
                    break;
                }
                const auto a = operand(src.a, sa), b = operand(src.b, sb);
                if (!a || !b) break;
                Instr m;
                m.op = Op::mul;
                m.a = *a;
                m.b = *b;
                m.dst = static_cast<std::uint32_t>(out.lanes_++);
                out.code_.push_back(m);
                in.mode = RoundingMode::half_even;
                in.k = t - Decimal::kPlaces;
                ok = emit(Op::round_pow10, Decimal::kPlaces, Operand{false, m.dst, 0});
                break;
            }
            case OpCode::div: {
                const auto b = operand(src.b, sb);
                if (!b || (b->is_const && b->value == 0)) break;  // a constant zero divisor faults every row
                in.k = Decimal::kPlaces + sb - sa;                 // a x 10^k / b has 9 places
                ok = emit(Op::div, Decimal::kPlaces, operand(src.a, sa), b);
                break;
            }
            case OpCode::select: {
                const int t = std::max(sb, scale_of(src.c));
                ok = emit(Op::select, t, operand(src.a, sa), operand(src.b, t), operand(src.c, t));
                break;
            }
            case OpCode::zero_unless: ok = emit(Op::zero_unless, sb, operand(src.a, sa), operand(src.b, sb)); break;
            case OpCode::copy: out.values_[src.dst] = out.values_[src.a]; ok = true; break;
            case OpCode::round: {
                const Rounding& r = p.roundings[src.aux];
                if (!(r.step > Decimal{})) break;
                const int k = r.step_pow10();
                in.mode = r.mode;
                if (k >= 0) {  // step 10^-t: drop sa - t places, if there are that many
                    const int t = Decimal::kPlaces - k;
                    if (sa <= t) {
                        out.values_[src.dst] = out.values_[src.a];
                        ok = true;
                    } else {
                        in.k = sa - t;
                        ok = emit(Op::round_pow10, t, operand(src.a, sa));
                    }
                    break;
                }
                const int w = std::max(sa, r.step.places());
                const auto step = at_scale(r.step, w);
                if (!step) break;
                in.step = *step;
                ok = emit(Op::round_step, w, operand(src.a, w));
                break;
            }
            case OpCode::rate_at: case OpCode::graduated: case OpCode::retro:
                if (src.aux < tables.size()) ok = emit_table(src.op, tables[src.aux]);
                break;
            case OpCode::rate_at_scaled: case OpCode::graduated_scaled: case OpCode::retro_scaled: {
                // Tiers by attainment of a quota: with the quota a constant (a parameter), the table
                // in money is its thresholds x the quota, computed once as the Decimal path does
                // for every row. A quota that is an input, or not positive, stays on that path.
                if (src.aux >= tables.size() || !constant_value[src.b]) break;
                const Decimal q = *constant_value[src.b];
                if (!(q > Decimal{})) break;
                expr::TierTable scaled = tables[src.aux];
                Fault f = Fault::none;
                for (Decimal& from : scaled.from) from = Decimal::mul(from, q, f);
                if (f != Fault::none) break;
                ok = emit_table(src.op == OpCode::rate_at_scaled ? OpCode::rate_at : src.op == OpCode::graduated_scaled ? OpCode::graduated : OpCode::retro, scaled);
                break;
            }
            default: break;
        }
        if (!ok) return std::nullopt;
    }
    if (!results.empty()) out.drop_dead_code(results);
    return out;
}

void LoweredProgram::drop_dead_code(std::span<const expr::Slot> results) {
    std::vector<char> live(lanes_, 0);
    for (expr::Slot s : results)
        if (s < values_.size() && values_[s].kind == LoweredValue::Kind::lane) live[values_[s].lane] = 1;
    std::vector<Instr> kept;
    for (auto it = code_.rbegin(); it != code_.rend(); ++it) {
        if (!live[it->dst]) continue;
        for (const Operand* o : {&it->a, &it->b, &it->c})  // an unused operand (lane 0) only keeps more
            if (!o->is_const) live[o->lane] = 1;
        kept.push_back(*it);
    }
    code_.assign(kept.rbegin(), kept.rend());
}

// --- range proof -------------------------------------------------------------------------------

bool LoweredProgram::in_range(std::vector<std::uint64_t>& bounds) const {
    bounds.resize(lanes_, 0);
    auto bound = [&](const Operand& o) -> u128 { return o.is_const ? magnitude(o.value) : bounds[o.lane]; };
    for (const Instr& in : code_) {
        const u128 a = bound(in.a), b = bound(in.b);
        u128 d = 0;
        switch (in.op) {
            case Op::add: case Op::sub: d = a + b; break;
            case Op::mul: d = a * b; break;
            case Op::neg: case Op::abs: d = a; break;
            case Op::min: case Op::max: d = std::max(a, b); break;
            case Op::lt: case Op::le: case Op::gt: case Op::ge: case Op::eq: case Op::ne:
            case Op::and_: case Op::or_: case Op::not_: d = 1; break;
            case Op::select: d = std::max(b, bound(in.c)); break;
            case Op::zero_unless: d = b; break;
            case Op::div: d = a * static_cast<u128>(kPow10[static_cast<std::size_t>(in.k)]) + 1; break;  // |b| >= 1
            case Op::scale_up: d = a * static_cast<u128>(kPow10[static_cast<std::size_t>(in.k)]); break;
            case Op::round_pow10: d = a / static_cast<u128>(kPow10[static_cast<std::size_t>(in.k)]) + 1; break;
            case Op::round_step: d = a + static_cast<u128>(in.step); break;
            case Op::rate_at: d = tables_[in.table].max_rate; break;
            case Op::graduated: d = (a + tables_[in.table].max_from) * tables_[in.table].sum_rate; break;
            case Op::retro: d = a * tables_[in.table].max_rate; break;
        }
        // a and b are below 2^62, so no product above overflows 128 bits.
        if (d >= kLoweredLimit) return false;
        bounds[in.dst] = static_cast<std::uint64_t>(d);
    }
    return true;
}

// --- the interpreter ---------------------------------------------------------------------------

namespace {

// The interpreter, inlined into one wrapper per instruction set (isa.hpp): the kernels' loops
// vectorise to whatever the wrapper's target allows.
[[gnu::always_inline]] inline void run_code(std::span<const Instr> code, std::span<const Table> tables, std::int64_t* fr, std::size_t w,
                                            std::size_t n, std::uint8_t* redo, std::span<const std::uint64_t> bounds) {
    using I = std::int64_t;
    auto bound = [&](const Operand& o) -> u128 { return o.is_const ? magnitude(o.value) : bounds[o.lane]; };
    for (const Instr& in : code) {
        switch (in.op) {
            case Op::add: binary(in, fr, w, n, [](I a, I b) { return a + b; }); break;
            case Op::sub: binary(in, fr, w, n, [](I a, I b) { return a - b; }); break;
            case Op::mul: binary(in, fr, w, n, [](I a, I b) { return a * b; }); break;
            case Op::min: binary(in, fr, w, n, [](I a, I b) { return std::min(a, b); }); break;
            case Op::max: binary(in, fr, w, n, [](I a, I b) { return std::max(a, b); }); break;
            case Op::lt: binary(in, fr, w, n, [](I a, I b) { return I{a < b}; }); break;
            case Op::le: binary(in, fr, w, n, [](I a, I b) { return I{a <= b}; }); break;
            case Op::gt: binary(in, fr, w, n, [](I a, I b) { return I{a > b}; }); break;
            case Op::ge: binary(in, fr, w, n, [](I a, I b) { return I{a >= b}; }); break;
            case Op::eq: binary(in, fr, w, n, [](I a, I b) { return I{a == b}; }); break;
            case Op::ne: binary(in, fr, w, n, [](I a, I b) { return I{a != b}; }); break;
            case Op::and_: binary(in, fr, w, n, [](I a, I b) { return I{a != 0 && b != 0}; }); break;
            case Op::or_: binary(in, fr, w, n, [](I a, I b) { return I{a != 0 || b != 0}; }); break;
            case Op::not_: unary(in, fr, w, n, [](I a) { return I{a == 0}; }); break;
            case Op::neg: unary(in, fr, w, n, [](I a) { return -a; }); break;
            case Op::abs: unary(in, fr, w, n, [](I a) { return a < 0 ? -a : a; }); break;
            case Op::zero_unless: binary(in, fr, w, n, [](I c, I b) { return c != 0 ? b : I{0}; }); break;
            case Op::scale_up: {
                const I m = kPow10[static_cast<std::size_t>(in.k)];
                unary(in, fr, w, n, [m](I a) { return a * m; });
                break;
            }
            case Op::select: {
                I* d = fr + std::size_t{in.dst} * w;
                with(in.a, fr, w, [&](auto c) __attribute__((always_inline)) {
                    with(in.b, fr, w, [&](auto t) __attribute__((always_inline)) {
                        with(in.c, fr, w, [&](auto e) __attribute__((always_inline)) {
                            for (std::size_t i = 0; i < n; ++i) d[i] = c[i] != 0 ? t[i] : e[i];
                        });
                    });
                });
                break;
            }
            case Op::div: {
                // Decimal::div: the magnitudes' quotient at 9 places, rounded half-even, then the sign.
                const auto m = static_cast<std::uint64_t>(kPow10[static_cast<std::size_t>(in.k)]);
                I* d = fr + std::size_t{in.dst} * w;
                // Below 2^53 the numerator and the denominator are exact doubles, and the truncated
                // double quotient is exactly the integer one: t = num/den = m + f with f a multiple
                // of 1/den, and the correctly rounded double of t is within half an ulp of it, where
                // an ulp is at most t / 2^52 < 2 / den: so it lies in [m, m + 1). No branch and no
                // integer division (which was ~60% of the operator's program: its talk minutes per
                // day and call effectiveness are quotients).
                constexpr u128 kExactInDouble = u128{1} << 53;
                if (!bounds.empty() && bound(in.a) * m < kExactInDouble && bound(in.b) < kExactInDouble) {
                    with(in.a, fr, w, [&](auto a) __attribute__((always_inline)) {
                        with(in.b, fr, w, [&](auto b) __attribute__((always_inline)) {
                            for (std::size_t i = 0; i < n; ++i) redo[i] = static_cast<std::uint8_t>(redo[i] | (b[i] == 0));
                            const auto md = static_cast<I>(m);
                            // Every value an int64 and no && / || / ?: on mixed types: GCC then
                            // vectorises the loop (x86-64-v4 has int64 <-> double conversions).
                            for (std::size_t i = 0; i < n; ++i) {
                                const I x = a[i], y = b[i];
                                const I num = (x < 0 ? -x : x) * md;
                                I den = y < 0 ? -y : y;
                                den += I{den == 0};  // a zero divisor's row is redone by the caller
                                I q = static_cast<I>(static_cast<double>(num) / static_cast<double>(den));
                                const I r = num - q * den;  // in [0, den)
                                const I half = den - r, past = r > half, tie = r == half;
                                q += past | (tie & q & 1);  // half-even, as Decimal
                                const I sign = (x ^ y) >> 63;  // -1 when the signs differ
                                d[i] = (q ^ sign) - sign;
                            }
                        });
                    });
                    break;
                }
                with(in.a, fr, w, [&](auto a) __attribute__((always_inline)) {
                    with(in.b, fr, w, [&](auto b) __attribute__((always_inline)) {
                        for (std::size_t i = 0; i < n; ++i) {
                            const I x = a[i], y = b[i];
                            const bool zero = y == 0;
                            redo[i] = static_cast<std::uint8_t>(redo[i] | zero);
                            const std::uint64_t num = magnitude(x) * m, den = zero ? 1 : magnitude(y);
                            std::uint64_t q = num / den;
                            const std::uint64_t r = num % den;
                            if (r > den - r || (r == den - r && (q & 1) != 0)) ++q;
                            const auto v = static_cast<I>(q);
                            d[i] = (x < 0) != (y < 0) ? -v : v;
                        }
                    });
                });
                break;
            }
            case Op::round_pow10: round_pow10(in, fr, w, n); break;
            case Op::round_step: {
                const I s = in.step;
                const RoundingMode mode = in.mode;
                unary(in, fr, w, n, [s, mode](I a) {
                    I q = a / s;
                    const I r = a % s;
                    const bool negative = a < 0;
                    const I rabs = negative ? -r : r;
                    if (r != 0 && rounds_away_from_zero<I>(mode, negative, rabs, s - rabs, q)) q += negative ? -1 : 1;
                    return q * s;
                });
                break;
            }
            case Op::rate_at: case Op::retro: {
                // The tier loop outside, the lane loop inside: each pass is a branch-free select
                // over the block, which the compiler vectorises. Thresholds rise (lower() checks),
                // so the last threshold reached wins, as in TierTable::tier_of().
                const Table& t = tables[in.table];
                I* d = fr + std::size_t{in.dst} * w;
                with(in.a, fr, w, [&](auto a) __attribute__((always_inline)) {
                    std::fill_n(d, n, I{0});
                    for (std::size_t j = 0; j < t.from.size(); ++j) {
                        const I from = t.from[j], rate = t.rate[j];
                        for (std::size_t i = 0; i < n; ++i) d[i] = a[i] >= from ? rate : d[i];
                    }
                    if (in.op == Op::retro)
                        for (std::size_t i = 0; i < n; ++i) d[i] *= a[i];
                });
                break;
            }
            case Op::graduated: {
                // Decimal: the sum over tiers below x of rate x (min(x, next threshold) - threshold);
                // a tier x does not reach contributes max(., 0) = 0. One vectorised pass per tier.
                const Table& t = tables[in.table];
                I* d = fr + std::size_t{in.dst} * w;
                with(in.a, fr, w, [&](auto a) __attribute__((always_inline)) {
                    std::fill_n(d, n, I{0});
                    const std::size_t tiers = t.from.size();
                    for (std::size_t j = 0; j < tiers; ++j) {
                        const I from = t.from[j], rate = t.rate[j];
                        if (j + 1 < tiers) {
                            const I upper = t.from[j + 1];
                            for (std::size_t i = 0; i < n; ++i) d[i] += std::max<I>(std::min(a[i], upper) - from, 0) * rate;
                        } else {
                            for (std::size_t i = 0; i < n; ++i) d[i] += std::max<I>(a[i] - from, 0) * rate;
                        }
                    }
                });
                break;
            }
        }
    }
}

void run_baseline(std::span<const Instr> code, std::span<const Table> tables, std::int64_t* fr, std::size_t w, std::size_t n, std::uint8_t* redo,
                  std::span<const std::uint64_t> bounds) {
    run_code(code, tables, fr, w, n, redo, bounds);
}
#if MOTIV_BATCH_HAS_ISA_VARIANTS
MOTIV_TARGET_AVX2 void run_avx2(std::span<const Instr> code, std::span<const Table> tables, std::int64_t* fr, std::size_t w, std::size_t n,
                                std::uint8_t* redo, std::span<const std::uint64_t> bounds) {
    run_code(code, tables, fr, w, n, redo, bounds);
}
MOTIV_TARGET_X86_64_V4 void run_v4(std::span<const Instr> code, std::span<const Table> tables, std::int64_t* fr, std::size_t w, std::size_t n,
                                   std::uint8_t* redo, std::span<const std::uint64_t> bounds) {
    run_code(code, tables, fr, w, n, redo, bounds);
}
#endif

}  // namespace

void LoweredProgram::run(std::int64_t* fr, std::size_t w, std::size_t n, std::uint8_t* redo, std::span<const std::uint64_t> bounds) const {
#if MOTIV_BATCH_HAS_ISA_VARIANTS
    switch (active_isa()) {
        case Isa::x86_64_v4: return run_v4(code_, tables_, fr, w, n, redo, bounds);
        case Isa::avx2: return run_avx2(code_, tables_, fr, w, n, redo, bounds);
        case Isa::baseline: break;
    }
#endif
    run_baseline(code_, tables_, fr, w, n, redo, bounds);
}

}  // namespace motiv::batch
