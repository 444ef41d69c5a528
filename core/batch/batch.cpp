#include "core/batch/batch.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <memory>
#include <optional>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "core/batch/isa.hpp"
#include "core/batch/lowered_program.hpp"
#include "core/errors.hpp"
#include "core/errors/catalogue.hpp"
#include "core/money/fast_division.hpp"

namespace motiv::batch {

const char* to_string(RowStatus s) {
    switch (s) {
        case RowStatus::ok: return "ok";
        case RowStatus::missing_input: return "missing required input";
        case RowStatus::invalid_input: return "invalid input value";
        case RowStatus::division_by_zero: return "division by zero";
        case RowStatus::overflow: return "amount out of range (overflow)";
        case RowStatus::bad_role: return "unknown role index";
    }
    return "?";
}

std::vector<std::string> result_components(const CompiledScheme& cs) {
    std::vector<std::string> out;
    for (const auto& role : cs.roles())
        for (const auto& c : role.components)
            if (std::find(out.begin(), out.end(), c.rule->id) == out.end()) out.push_back(c.rule->id);
    return out;
}

namespace {

int128 pow10(int n) {
    int128 p = 1;
    for (int i = 0; i < n; ++i) p *= 10;
    return p;
}

// Per-input facts for the gather loops, computed once per call.
struct InputPlan {
    std::int64_t to_raw = 1;       // multiply a scaled value by this to get a Decimal raw value (<= 10^9)
    std::int64_t must_divide = 1;  // the scaled value must be a multiple of this (money finer than
                                   // the minor unit, or a fractional count, is invalid)
    std::int64_t lo = INT64_MIN, hi = INT64_MAX;  // accepted scaled values (min, max, counts >= 0)
    Decimal fallback;              // default, or zero
};

// An input as the lowered gather reads it: into lane `lane`, rescaled from the column's scale to
// the lane's by `multiplier`.
struct LoweredInput {
    std::size_t input = 0;
    std::uint32_t lane = 0;
    std::int64_t multiplier = 1;
    std::int64_t fallback = 0;  // the default at the lane's scale
};

// A component's line as the lowered scatter writes it, in minor units: a lane (or a constant)
// multiplied or divided (exactly: lines are rounded to at least the minor unit) by a power of ten.
struct LoweredOutput {
    LoweredValue value;
    std::int64_t multiplier = 1, divisor = 1;
};

// dst[k] = values[rows[k]] for k < n, the least and greatest of them folded into lo and hi: two
// plain loops (the loads first, then a reduction; fused, every load waited on a compare-and-move
// chain), inlined into one wrapper per instruction set (isa.hpp): vector gathers and vector
// min/max with AVX-512.
[[gnu::always_inline]] inline void gather_code(const std::int64_t* values, const std::uint32_t* rows, std::size_t n, std::int64_t* dst,
                                               std::int64_t& lo, std::int64_t& hi) {
    for (std::size_t k = 0; k < n; ++k) dst[k] = values[rows[k]];
    std::int64_t l = lo, h = hi;
    for (std::size_t k = 0; k < n; ++k) {
        l = std::min(l, dst[k]);
        h = std::max(h, dst[k]);
    }
    lo = l;
    hi = h;
}

void gather_baseline(const std::int64_t* values, const std::uint32_t* rows, std::size_t n, std::int64_t* dst, std::int64_t& lo, std::int64_t& hi) {
    gather_code(values, rows, n, dst, lo, hi);
}
#if MOTIV_BATCH_HAS_ISA_VARIANTS
MOTIV_TARGET_AVX2 void gather_avx2(const std::int64_t* values, const std::uint32_t* rows, std::size_t n, std::int64_t* dst, std::int64_t& lo,
                                   std::int64_t& hi) {
    gather_code(values, rows, n, dst, lo, hi);
}
MOTIV_TARGET_X86_64_V4 void gather_v4(const std::int64_t* values, const std::uint32_t* rows, std::size_t n, std::int64_t* dst, std::int64_t& lo,
                                      std::int64_t& hi) {
    gather_code(values, rows, n, dst, lo, hi);
}
#endif

void gather_rows(Isa isa, const std::int64_t* values, const std::uint32_t* rows, std::size_t n, std::int64_t* dst, std::int64_t& lo,
                 std::int64_t& hi) {
#if MOTIV_BATCH_HAS_ISA_VARIANTS
    switch (isa) {
        case Isa::x86_64_v4: return gather_v4(values, rows, n, dst, lo, hi);
        case Isa::avx2: return gather_avx2(values, rows, n, dst, lo, hi);
        case Isa::baseline: break;
    }
#else
    (void)isa;
#endif
    gather_baseline(values, rows, n, dst, lo, hi);
}

// What a worker needs per role, computed once per call.
struct RolePlan {
    const CompiledRole* role = nullptr;
    std::vector<std::size_t> out_column;  // per component: index into Result::components
    std::vector<std::uint8_t> required;   // per scheme input: must the row give it?
    std::optional<LoweredProgram> lowered;  // the int64 fast path, when the program lowers
    std::vector<LoweredInput> lowered_inputs;
    std::vector<int> column_component;      // per Result column: the role's component, or -1
    std::vector<LoweredOutput> lowered_outputs;  // per component
};

int128 ceil_div(int128 a, int128 b) { return a / b + (a % b > 0 ? 1 : 0); }
int128 floor_div(int128 a, int128 b) { return a / b - (a % b < 0 ? 1 : 0); }
std::int64_t clamp64(int128 v) { return static_cast<std::int64_t>(std::clamp<int128>(v, INT64_MIN, INT64_MAX)); }

// Lowers the role's program for this call's column scales and parameter values (the Decimal
// program stays the path for blocks and rows the lowering cannot vouch for).
void plan_lowering(RolePlan& plan, const Scheme& s, const BoundParameters& params, const Input& in, std::size_t ncols) {
    const CompiledRole& role = *plan.role;
    std::vector<std::pair<expr::Slot, Decimal>> known;
    for (const auto& [idx, slot] : role.params) known.emplace_back(slot, params.values[idx]);
    std::vector<LoweredProgram::Input> inputs;
    for (const auto& [idx, slot] : role.inputs) {
        const Decimal fallback = s.inputs[idx].default_value.value_or(Decimal{});
        const int col_scale = in.columns[idx].values.empty() ? 0 : in.columns[idx].scale;
        inputs.push_back({slot, std::max(col_scale, fallback.places())});
    }
    std::vector<expr::Slot> results;
    for (const auto& c : role.components) results.push_back(c.result);
    plan.lowered = LoweredProgram::lower(role.program, known, inputs, params.tables, results);
    if (!plan.lowered) return;
    for (std::size_t k = 0; k < role.inputs.size(); ++k) {
        const auto [idx, slot] = role.inputs[k];
        const LoweredValue& v = plan.lowered->value(slot);
        const int col_scale = in.columns[idx].values.empty() ? 0 : in.columns[idx].scale;
        const Decimal fallback = s.inputs[idx].default_value.value_or(Decimal{});
        const int128 fb = fallback.raw() / pow10(Decimal::kPlaces - v.scale);
        if (fb >= static_cast<int128>(kLoweredLimit) || fb <= -static_cast<int128>(kLoweredLimit)) {
            plan.lowered.reset();
            return;
        }
        plan.lowered_inputs.push_back({idx, v.lane, static_cast<std::int64_t>(pow10(v.scale - col_scale)), static_cast<std::int64_t>(fb)});
    }
    const int minor = s.currency.minor_units;
    for (const auto& c : role.components) {
        LoweredOutput o;
        o.value = plan.lowered->value(c.result);
        if (o.value.scale <= minor) o.multiplier = static_cast<std::int64_t>(pow10(minor - o.value.scale));
        else o.divisor = static_cast<std::int64_t>(pow10(o.value.scale - minor));
        plan.lowered_outputs.push_back(o);
    }
    plan.column_component.assign(ncols, -1);
    for (std::size_t c = 0; c < role.components.size(); ++c) plan.column_component[plan.out_column[c]] = static_cast<int>(c);
}

class Worker {
public:
    Worker(const BoundParameters& params, const Input& in, const std::vector<RolePlan>& roles, const std::vector<InputPlan>& inputs, const Output& out,
           std::size_t ncols, int minor_units)
        : params_(params), in_(in), roles_(roles), inputs_(inputs), out_(out), ncols_(ncols), minor_units_(minor_units), isa_(active_isa()) {}

    // Rows that failed so far (each counted once, when its status leaves ok).
    [[nodiscard]] std::size_t failed_rows() const { return failed_rows_; }

    // Pays rows [begin, end): each row joins its role's pending block, run when full.
    void run(std::size_t begin, std::size_t end) {
        if (pending_.empty()) {
            frames_.resize(roles_.size());
            lowered_.resize(roles_.size());
            pending_.resize(roles_.size() * kBlock);
            pending_count_.assign(roles_.size(), 0);
            for (const RolePlan& plan : roles_) width_.push_back(plan.lowered ? kLoweredBlock : kBlock);
            for (const Column& c : in_.columns)
                if (!c.values.empty()) prefetch_.push_back(c.values.data());
        }
        const std::size_t nroles = roles_.size();
        const std::uint32_t* role = in_.role.data();
        std::uint32_t* pending = pending_.data();
        std::size_t* count = pending_count_.data();
        const std::size_t* width = width_.data();
        const std::size_t total_rows = in_.role.size();
        std::size_t c0 = 0, c1 = 0, c2 = 0, c3 = 0;  // the pending counts, with at most four roles
        auto load_counts = [&] {
            if (nroles > 4) return;
            c0 = count[0];
            c1 = nroles > 1 ? count[1] : 0;
            c2 = nroles > 2 ? count[2] : 0;
            c3 = nroles > 3 ? count[3] : 0;
        };
        auto store_counts = [&] {
            if (nroles > 4) return;
            const std::size_t c[4] = {c0, c1, c2, c3};
            std::copy_n(c, nroles, count);
        };
        load_counts();
        // Reused arrays are zeroed here, a piece at a time just ahead of the rows being bucketed
        // (sequential full-line stores, while the piece is about to be written anyway), so that
        // the blocks write only non-zero values, as into a fresh result.
        std::size_t zeroed_to = out_.zeroed ? end : begin;
        // Strips of 8 rows, one 64-byte line of each column. A block gathers its role's rows by
        // index, scattered over ~1,000 rows of every column: the hardware prefetcher does not see
        // that coming, and the gather then waited on memory 40% of the time. Asking for each
        // column's line kPrefetchRows ahead keeps the block's inputs in cache (measured: 39 -> 52 M
        // rows/s on one thread).
        for (std::size_t strip = begin, next; strip < end; strip = next) {
            next = std::min(end, (strip | 7) + 1);
            if (strip + kPrefetchRows < total_rows)
                for (const std::int64_t* col : prefetch_) __builtin_prefetch(col + strip + kPrefetchRows);
            if (zeroed_to < end && zeroed_to <= strip + kPrefetchRows) {
                const std::size_t to = std::min(end, zeroed_to + kZeroRows);
                std::fill(out_.amounts.data() + zeroed_to * ncols_, out_.amounts.data() + to * ncols_, 0);
                std::fill(out_.total.data() + zeroed_to, out_.total.data() + to, 0);
                std::fill(out_.status.data() + zeroed_to, out_.status.data() + to, RowStatus::ok);
                zeroed_to = to;
            }
            if (nroles <= 4) {
                // Up to four roles (the usual case): the counts live in registers, selected by
                // masks. Kept in memory, each row waited on the previous row's store of its
                // role's count (measured: bucketing was ~17% of a batch).
                for (std::size_t i = strip; i < next; ++i) {
                    const std::uint32_t r = role[i];
                    if (r >= nroles) {  // pays nothing
                        fail(static_cast<std::uint32_t>(i), RowStatus::bad_role);
                        continue;
                    }
                    const std::size_t m0 = 0 - std::size_t{r == 0}, m1 = 0 - std::size_t{r == 1}, m2 = 0 - std::size_t{r == 2}, m3 = 0 - std::size_t{r == 3};
                    const std::size_t c = (c0 & m0) | (c1 & m1) | (c2 & m2) | (c3 & m3);
                    pending[std::size_t{r} * kBlock + c] = static_cast<std::uint32_t>(i);
                    c0 -= m0;  // + 1 for the row's role
                    c1 -= m1;
                    c2 -= m2;
                    c3 -= m3;
                    if (c + 1 == width[r]) {
                        store_counts();
                        flush(r);
                        load_counts();
                    }
                }
                continue;
            }
            for (std::size_t i = strip; i < next; ++i) {
                const std::uint32_t r = role[i];
                if (r >= nroles) {  // pays nothing
                    fail(static_cast<std::uint32_t>(i), RowStatus::bad_role);
                    continue;
                }
                const std::size_t c = count[r];
                pending[std::size_t{r} * kBlock + c] = static_cast<std::uint32_t>(i);
                count[r] = c + 1;
                if (c + 1 == width[r]) flush(r);
            }
        }
        store_counts();
    }

    // Pays the rows still pending; call once run() has seen every row.
    void finish() {
        for (std::uint32_t r = 0; r < pending_count_.size(); ++r) flush(r);
    }

private:
    // Rows per block of the lowered path. A block of a role that is a quarter of the rows spans
    // four times as many rows of the columns, gathered once it is full: 128 keeps them in cache
    // (measured on three_tier, 1 thread into reused arrays, on the bench's earlier lighter role
    // mix: 256 -> 61, 128 -> 68, 64 -> 66, 32 -> 61 M rows/s).
    static constexpr std::size_t kLoweredBlock = 128;
    // How far ahead of the row being bucketed run() prefetches the input columns (measured with
    // 128-row blocks, same mix: 16 -> 67, 64 -> 70, 256 -> 68, 1,024 -> 66 M rows/s).
    static constexpr std::size_t kPrefetchRows = 64;
    // Rows of reused arrays zeroed at a time (256..1,024 measured alike; 4,096 ~5% slower).
    static constexpr std::size_t kZeroRows = 1024;

    struct LoweredFrame {
        std::vector<std::int64_t> values;
        std::vector<std::uint64_t> bounds;
        std::vector<std::uint8_t> redo;
        std::vector<std::uint32_t> redo_rows;
        std::vector<std::int64_t> sum;
    };

    void flush(std::uint32_t r) {
        const std::size_t n = pending_count_[r];
        if (n == 0) return;
        pending_count_[r] = 0;
        const std::uint32_t* rows = pending_.data() + std::size_t{r} * kBlock;
        if (roles_[r].lowered) lowered_block(roles_[r], r, lowered_[r], rows, n);
        else decimal_block(roles_[r], r, rows, n);
    }

    void fail(std::uint32_t row, RowStatus s, std::uint32_t input = 0) {
        failed_ = true;
        if (out_.status[row] == RowStatus::ok) {
            out_.status[row] = s;
            out_.bad_input[row] = input;
            ++failed_rows_;
        }
    }

    // A row that pays nothing: zero lines and total.
    void clear_row(std::size_t row) {
        std::fill_n(out_.amounts.begin() + static_cast<std::ptrdiff_t>(row * ncols_), ncols_, 0);
        out_.total[row] = 0;
    }

    // Checks a scaled input value as data/input_values does, on the int64 itself.
    bool valid(const InputPlan& ip, std::int64_t x) const { return x >= ip.lo && x <= ip.hi && (ip.must_divide == 1 || x % ip.must_divide == 0); }

    // The fast path: int64 lanes at static scales (lowered_program.hpp). Blocks whose values could
    // overflow, and rows that divided by zero, go through the Decimal program instead.
    void lowered_block(const RolePlan& plan, std::uint32_t role_index, LoweredFrame& lf, const std::uint32_t* rows, std::size_t n) {
        const LoweredProgram& lp = *plan.lowered;
        if (lf.values.empty()) {
            lf.values.resize(std::max<std::size_t>(1, lp.lane_count()) * kLoweredBlock);
            lf.redo.resize(kLoweredBlock);
            lf.sum.resize(kLoweredBlock);
        }
        failed_ = false;
        lf.bounds.assign(lp.lane_count(), 0);
        for (const LoweredInput& li : plan.lowered_inputs) gather(plan, li, lf, rows, n);
        if (!lp.in_range(lf.bounds) || !outputs_in_range(plan, lf.bounds)) {
            decimal_block(plan, role_index, rows, n);
            return;
        }
        std::fill_n(lf.redo.data(), n, std::uint8_t{0});
        lp.run(lf.values.data(), kLoweredBlock, n, lf.redo.data(), lf.bounds);
        scatter_lowered(plan, lf, rows, n);
        if (failed_)  // a failed row pays nothing: never a partial payslip
            for (std::size_t k = 0; k < n; ++k)
                if (out_.status[rows[k]] != RowStatus::ok) clear_row(rows[k]);
        if (std::find(lf.redo.data(), lf.redo.data() + n, std::uint8_t{1}) != lf.redo.data() + n) {
            lf.redo_rows.clear();
            for (std::size_t k = 0; k < n; ++k)
                if (lf.redo[k] != 0) lf.redo_rows.push_back(rows[k]);
            decimal_block(plan, role_index, lf.redo_rows.data(), lf.redo_rows.size());
        }
    }

    // Reads one input into its lane and records a bound on its magnitude. Values are checked
    // row by row only when the block's extremes (or a divisibility rule) say some may be invalid.
    void gather(const RolePlan& plan, const LoweredInput& li, LoweredFrame& lf, const std::uint32_t* rows, std::size_t n) {
        const Column& col = in_.columns[li.input];
        const InputPlan& ip = inputs_[li.input];
        const bool required = plan.required[li.input] != 0;
        const auto idx = static_cast<std::uint32_t>(li.input);
        std::int64_t* dst = lf.values.data() + std::size_t{li.lane} * kLoweredBlock;
        const std::uint64_t fb = li.fallback < 0 ? 0 - static_cast<std::uint64_t>(li.fallback) : static_cast<std::uint64_t>(li.fallback);
        if (col.values.empty()) {  // the column is absent: every row takes the default
            for (std::size_t k = 0; k < n; ++k) {
                if (required) fail(rows[k], RowStatus::missing_input, idx);
                dst[k] = li.fallback;
            }
            lf.bounds[li.lane] = fb;
            return;
        }
        const std::int64_t* values = col.values.data();
        const auto mult = static_cast<std::uint64_t>(li.multiplier);
        std::int64_t lo = INT64_MAX, hi = INT64_MIN;
        bool any_fallback = false;
        if (col.present.empty()) {
            // The loads first, then the extremes over the lane: fused, every load waited on a
            // compare-and-move chain (measured: the gather was ~25% of a batch).
            gather_rows(isa_, values, rows, n, dst, lo, hi);
            if (mult != 1)  // wraps harmlessly on overflow: the bound below then refuses the block
                for (std::size_t k = 0; k < n; ++k) dst[k] = static_cast<std::int64_t>(static_cast<std::uint64_t>(dst[k]) * mult);
        } else {
            for (std::size_t k = 0; k < n; ++k) {
                const std::uint32_t row = rows[k];
                if (col.present[row] == 0) {
                    if (required) fail(row, RowStatus::missing_input, idx);
                    dst[k] = li.fallback;
                    any_fallback = true;
                    continue;
                }
                const std::int64_t x = values[row];
                lo = std::min(lo, x);
                hi = std::max(hi, x);
                dst[k] = static_cast<std::int64_t>(static_cast<std::uint64_t>(x) * mult);
            }
        }
        if (lo < ip.lo || hi > ip.hi || ip.must_divide != 1) {
            for (std::size_t k = 0; k < n; ++k) {
                const std::uint32_t row = rows[k];
                if ((col.present.empty() || col.present[row] != 0) && !valid(ip, values[row])) fail(row, RowStatus::invalid_input, idx);
            }
        }
        const std::uint64_t mag = lo > hi ? 0 : std::max(lo < 0 ? 0 - static_cast<std::uint64_t>(lo) : static_cast<std::uint64_t>(lo),
                                                         hi < 0 ? 0 - static_cast<std::uint64_t>(hi) : static_cast<std::uint64_t>(hi));
        const fast::u128 b = std::max<fast::u128>(static_cast<fast::u128>(mag) * mult, any_fallback ? fb : 0);
        lf.bounds[li.lane] = static_cast<std::uint64_t>(std::min<fast::u128>(b, kLoweredLimit));
    }

    // Writes the role's lines in minor units and the row totals, one column at a time (no per-row
    // branching on the column). Columns the role has no line for, and zero constants, are not
    // written: a fresh result is zero already (large_buffer.hpp), reused arrays were zeroed ahead
    // of the rows by run().
    void scatter_lowered(const RolePlan& plan, LoweredFrame& lf, const std::uint32_t* rows, std::size_t n) {
        const std::size_t ncols = ncols_;
        std::int64_t* amounts = out_.amounts.data();
        std::int64_t* sum = lf.sum.data();
        std::fill_n(sum, n, 0);
        std::int64_t constant_sum = 0;
        for (std::size_t col = 0; col < ncols; ++col) {
            std::int64_t* line = amounts + col;
            const int c = plan.column_component[col];
            const LoweredOutput* o = c < 0 ? nullptr : &plan.lowered_outputs[static_cast<std::size_t>(c)];
            if (!o || o->value.kind == LoweredValue::Kind::constant) {
                const std::int64_t v = !o ? 0 : o->divisor != 1 ? o->value.value / o->divisor : o->value.value * o->multiplier;
                if (v == 0) continue;  // zero already
                for (std::size_t k = 0; k < n; ++k) line[std::size_t{rows[k]} * ncols] = v;
                constant_sum += v;
                continue;
            }
            const std::int64_t* v = lf.values.data() + std::size_t{o->value.lane} * kLoweredBlock;
            const std::int64_t m = o->multiplier, d = o->divisor;
            if (m == 1 && d == 1) {
                for (std::size_t k = 0; k < n; ++k) {
                    line[std::size_t{rows[k]} * ncols] = v[k];
                    sum[k] += v[k];
                }
            } else {
                for (std::size_t k = 0; k < n; ++k) {
                    const std::int64_t x = d != 1 ? v[k] / d : v[k] * m;  // truncating: exact, lines are rounded
                    line[std::size_t{rows[k]} * ncols] = x;
                    sum[k] += x;
                }
            }
        }
        for (std::size_t k = 0; k < n; ++k) out_.total[rows[k]] = sum[k] + constant_sum;
    }

    // Whether every line, converted to minor units, and their sum stay within the limit.
    bool outputs_in_range(const RolePlan& plan, const std::vector<std::uint64_t>& bounds) const {
        fast::u128 sum = 0;
        for (const LoweredOutput& o : plan.lowered_outputs) {
            fast::u128 b = o.value.kind == LoweredValue::Kind::constant
                                      ? (o.value.value < 0 ? 0 - static_cast<std::uint64_t>(o.value.value) : static_cast<std::uint64_t>(o.value.value))
                                      : bounds[o.value.lane];
            b = b * static_cast<std::uint64_t>(o.multiplier) / static_cast<std::uint64_t>(o.divisor);
            sum += b;
        }
        return sum < kLoweredLimit;
    }

    // The exact path: the role's Decimal program, as the one-person path runs it.
    void decimal_block(const RolePlan& plan, std::uint32_t r, const std::uint32_t* rows, std::size_t n) {
        if (!frames_[r]) {
            const CompiledRole& role = *plan.role;
            frames_[r] = std::make_unique<expr::Frame>(role.program.slot_count, kBlock);
            role.program.load_constants(*frames_[r]);
            for (const auto& [idx, slot] : role.params) frames_[r]->broadcast(slot, params_.values[idx]);
        }
        expr::Frame& fr = *frames_[r];
        const CompiledRole& role = *plan.role;
        // Gather the inputs this role reads, checking each value as the one-person path does.
        for (const auto& [idx, slot] : role.inputs) {
            const Column& col = in_.columns[idx];
            const InputPlan& ip = inputs_[idx];
            Decimal* dst = fr.value(slot);
            std::fill_n(fr.fault(slot), n, std::uint8_t{0});
            if (col.values.empty()) {  // the column is absent: every row takes the default
                for (std::size_t k = 0; k < n; ++k) {
                    if (plan.required[idx]) fail(rows[k], RowStatus::missing_input, static_cast<std::uint32_t>(idx));
                    dst[k] = ip.fallback;
                }
                continue;
            }
            const bool has_mask = !col.present.empty();
            const std::int64_t to_raw = ip.to_raw;
            const std::int64_t* values = col.values.data();
            for (std::size_t k = 0; k < n; ++k) {
                const std::uint32_t row = rows[k];
                if (has_mask && col.present[row] == 0) {
                    if (plan.required[idx]) fail(row, RowStatus::missing_input, static_cast<std::uint32_t>(idx));
                    dst[k] = ip.fallback;
                    continue;
                }
                const std::int64_t x = values[row];
                if (!valid(ip, x)) fail(row, RowStatus::invalid_input, static_cast<std::uint32_t>(idx));
                dst[k] = Decimal::from_raw(static_cast<int128>(x) * to_raw);  // one 64x64->128 multiply
            }
        }
        role.program.run(fr, n, params_.tables);
        // Whole lines: zero first (columns of other roles stay zero), then the role's components.
        for (std::size_t k = 0; k < n; ++k) clear_row(rows[k]);
        // Scatter the line amounts in minor units (the power of ten chosen once, not per row).
        switch (Decimal::kPlaces - minor_units_) {
            case 5: scatter<100000u>(plan, fr, rows, n); break;
            case 6: scatter<1000000u>(plan, fr, rows, n); break;
            case 7: scatter<10000000u>(plan, fr, rows, n); break;
            case 8: scatter<100000000u>(plan, fr, rows, n); break;
            default: scatter<1000000000u>(plan, fr, rows, n); break;
        }
        // A failed row pays nothing: never a partial payslip.
        for (std::size_t k = 0; k < n; ++k)
            if (out_.status[rows[k]] != RowStatus::ok) clear_row(rows[k]);
    }

    // Writes each component's lane values as minor units (Unit = 10^(9 - minor units)).
    template <std::uint32_t Unit>
    void scatter(const RolePlan& plan, const expr::Frame& fr, const std::uint32_t* rows, std::size_t n) {
        const CompiledRole& role = *plan.role;
        const std::size_t ncols = ncols_;
        std::int64_t* amounts = out_.amounts.data();
        std::int64_t* totals = out_.total.data();
        for (std::size_t c = 0; c < role.components.size(); ++c) {
            const expr::Slot s = role.components[c].result;
            const Decimal* v = fr.value(s);
            const std::uint8_t* f = fr.fault(s);
            const std::size_t col = plan.out_column[c];
            for (std::size_t k = 0; k < n; ++k) {
                const std::uint32_t row = rows[k];
                if (f[k] != 0) {
                    fail(row, f[k] == static_cast<std::uint8_t>(Fault::division_by_zero) ? RowStatus::division_by_zero : RowStatus::overflow);
                    continue;
                }
                // Exact: every line is rounded to at least the minor unit.
                const int128 raw = v[k].raw();
                std::uint64_t rem = 0;
                const fast::u128 q = fast::divmod_const<Unit>(raw < 0 ? fast::u128(0) - static_cast<fast::u128>(raw) : static_cast<fast::u128>(raw), rem);
                const int128 m = raw < 0 ? -static_cast<int128>(q) : static_cast<int128>(q);
                std::int64_t& total = totals[row];
                if (m > INT64_MAX || m < INT64_MIN || __builtin_add_overflow(total, static_cast<std::int64_t>(m), &total)) {
                    fail(row, RowStatus::overflow);
                    continue;
                }
                amounts[std::size_t{row} * ncols + col] = static_cast<std::int64_t>(m);
            }
        }
    }

    const BoundParameters& params_;
    const Input& in_;
    const std::vector<RolePlan>& roles_;
    const std::vector<InputPlan>& inputs_;
    const Output& out_;
    const std::size_t ncols_;                          // pay columns per row of out_.amounts
    const int minor_units_;                            // of the scheme's currency
    const Isa isa_;                                    // the gather's instruction set (isa.hpp)
    std::size_t failed_rows_ = 0;
    std::vector<std::unique_ptr<expr::Frame>> frames_;  // one per role, made on first use
    std::vector<LoweredFrame> lowered_;                // one per role, sized on first use
    bool failed_ = false;                              // fail() was called (in the current block)
    std::vector<std::uint32_t> pending_;               // per role, kBlock rows waiting to be paid
    std::vector<std::size_t> pending_count_;
    std::vector<std::size_t> width_;                   // per role: rows per block
    std::vector<const std::int64_t*> prefetch_;        // the input columns given, read ahead by run()
};

}  // namespace

std::size_t compute_into(const CompiledScheme& cs, const BoundParameters& params, const Input& in, const Output& out, const Options& options) {
    const Scheme& s = cs.scheme();
    const std::size_t n = in.role.size();
    if (n > UINT32_MAX) throw std::invalid_argument("batch: at most 2^32-1 rows per call");
    if (in.columns.size() != s.inputs.size())
        throw std::invalid_argument("batch: expected " + std::to_string(s.inputs.size()) + " input columns (one per scheme input), got " + std::to_string(in.columns.size()));
    std::vector<InputPlan> inputs(s.inputs.size());
    for (std::size_t k = 0; k < s.inputs.size(); ++k) {
        const Column& c = in.columns[k];
        const InputDecl& d = s.inputs[k];
        if (!c.values.empty() && c.values.size() != n)
            throw std::invalid_argument("batch: column '" + d.name + "' has " + std::to_string(c.values.size()) + " values, expected " + std::to_string(n));
        if (!c.present.empty() && c.present.size() != n)
            throw std::invalid_argument("batch: the presence mask of column '" + d.name + "' has the wrong length");
        if (c.scale < 0 || c.scale > Decimal::kPlaces) throw std::invalid_argument("batch: column '" + d.name + "' has a scale outside 0..9");
        InputPlan& p = inputs[k];
        p.to_raw = static_cast<std::int64_t>(pow10(Decimal::kPlaces - c.scale));
        if (d.kind == Kind::money && c.scale > s.currency.minor_units) p.must_divide = static_cast<std::int64_t>(pow10(c.scale - s.currency.minor_units));
        if (d.kind == Kind::count) {
            p.must_divide = static_cast<std::int64_t>(pow10(c.scale));
            p.lo = 0;
        }
        // v >= min  <=>  x >= ceil(min x 10^scale) for an integer x; likewise for max with floor.
        const int128 unit = pow10(Decimal::kPlaces - c.scale);
        if (d.min) p.lo = std::max(p.lo, clamp64(ceil_div(d.min->raw(), unit)));
        if (d.max) p.hi = clamp64(floor_div(d.max->raw(), unit));
        p.fallback = d.default_value.value_or(Decimal{});
    }

    (void)active_isa();  // a bad MOTIV_BATCH_ISA throws here, on the calling thread, before anything is written
    const std::vector<std::string> components = result_components(cs);
    const std::size_t ncols = components.size();
    if (out.amounts.size() != n * ncols || out.total.size() != n || out.status.size() != n || out.bad_input.size() != n)
        throw std::invalid_argument("batch: the output arrays must hold " + std::to_string(n) + " rows (amounts: " + std::to_string(n) + " x " +
                                    std::to_string(ncols) + " components)");
    std::vector<RolePlan> roles(cs.roles().size());
    for (std::size_t k = 0; k < roles.size(); ++k) {
        const CompiledRole& role = cs.roles()[k];
        roles[k].role = &role;
        for (const auto& c : role.components)
            roles[k].out_column.push_back(static_cast<std::size_t>(std::find(components.begin(), components.end(), c.rule->id) - components.begin()));
        roles[k].required.assign(s.inputs.size(), 0);
        for (std::size_t idx : role.required_inputs) roles[k].required[idx] = 1;
        if (options.lower) plan_lowering(roles[k], s, params, in, ncols);
    }

    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, n / std::max<std::size_t>(1, options.min_rows_per_thread))));
    if (threads <= 1) {
        Worker w(params, in, roles, inputs, out, ncols, s.currency.minor_units);
        w.run(0, n);
        w.finish();
        return w.failed_rows();
    }
    // Threads take chunks of consecutive rows from a shared counter: balanced whatever the mix or
    // order of roles, and each writes only its rows of the result (no sharing, no locks; a cache
    // line is shared only where two chunks meet). Every row's result depends on that row alone.
    // The calling thread is one of the workers; a thread the system refuses to start only means
    // fewer workers (the counter hands its share to the others).
    // ~64 chunks per thread: the last chunk a thread takes can end at most 1/64 of its share after
    // the others (1/16 before: up to 6% of the two-thread time spent waiting for one thread).
    const std::size_t chunk = std::max<std::size_t>(kBlock * 8, n / (std::size_t{threads} * 64));
    std::atomic<std::size_t> next{0};
    std::mutex failure_lock;
    std::exception_ptr failure;  // the first exception (bad_alloc) of any worker, rethrown here
    std::atomic<std::size_t> failed{0};
    auto work = [&] {
        try {
            Worker w(params, in, roles, inputs, out, ncols, s.currency.minor_units);
            for (std::size_t b; (b = next.fetch_add(chunk)) < n;) w.run(b, std::min(n, b + chunk));
            w.finish();
            failed += w.failed_rows();
        } catch (...) {
            next = n;  // the others stop at their next chunk
            const std::lock_guard<std::mutex> hold(failure_lock);
            if (!failure) failure = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) {
        try {
            pool.emplace_back(work);
        } catch (const std::system_error&) {
            break;
        }
    }
    work();
    for (auto& th : pool) th.join();
    if (failure) std::rethrow_exception(failure);
    return failed;
}

Result compute(const CompiledScheme& cs, const BoundParameters& params, const Input& in, const Options& options) {
    Result r;
    r.rows = in.role.size();
    r.minor_units = cs.scheme().currency.minor_units;
    r.components = result_components(cs);
    // Zeroed without being written (large_buffer.hpp): the workers write only the non-zero amounts
    // of the rows they pay, so they are the first to touch those pages, and a status page is touched
    // only if a row on it fails. (A row count the engine refuses throws before anything is paid.)
    if (r.rows <= UINT32_MAX) {
        r.amounts.resize(r.rows * r.components.size());
        r.total.resize(r.rows);
        r.status.resize(r.rows);
        r.bad_input.resize(r.rows);
    }
    r.failed_rows = compute_into(cs, params, in, Output{r.amounts, r.total, r.status, r.bad_input, true}, options);
    return r;
}

void check(const Result& r, const CompiledScheme& cs, const Input& in, std::size_t max_rows) {
    if (r.failed_rows > 0) check(r.status, r.bad_input, cs, in, max_rows);
}

void check(std::span<const RowStatus> status, std::span<const std::uint32_t> bad_input, const CompiledScheme& cs, const Input& in, std::size_t max_rows) {
    const Scheme& s = cs.scheme();
    IssueCollector<DataError> data;
    std::string eval;
    std::string eval_id;
    std::size_t shown = 0;
    for (std::size_t row = 0; row < status.size() && shown < max_rows; ++row) {
        const RowStatus st = status[row];
        if (st == RowStatus::ok) continue;
        ++shown;
        const std::string where = "row " + std::to_string(row);
        if (st == RowStatus::missing_input || st == RowStatus::invalid_input) {
            const InputDecl& d = s.inputs[bad_input[row]];
            const Column& c = in.columns[bad_input[row]];
            std::string msg = st == RowStatus::missing_input ? "missing required input '" + d.name + "'" : "invalid value for input '" + d.name + "' (" + to_string(d.kind) + ")";
            if (st == RowStatus::invalid_input) msg += ": " + Decimal::from_raw(static_cast<int128>(c.values[row]) * pow10(Decimal::kPlaces - c.scale)).to_string();
            data.add(Issue{.id = st == RowStatus::missing_input ? err::data_missing_input : err::data_bad_value, .file = "<batch>", .field = d.name, .message = where + ": " + msg});
        } else if (st == RowStatus::bad_role) {
            data.add(Issue{.id = err::data_unknown_role, .file = "<batch>", .field = "role", .message = where + ": unknown role index " + std::to_string(in.role[row])});
        } else if (eval.empty()) {
            eval_id = st == RowStatus::division_by_zero ? err::eval_division_by_zero : err::eval_overflow;
            eval = "[" + eval_id + "] " + where + " (role " + cs.roles()[in.role[row]].rule->name + "): " + to_string(st);
        }
    }
    data.throw_if_any();
    if (!eval.empty()) throw EvalError(eval_id, eval, "");
}

}  // namespace motiv::batch
