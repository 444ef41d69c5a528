#include "core/batch/batch.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>

#include "core/errors.hpp"
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

std::size_t Result::failed() const {
    return static_cast<std::size_t>(std::count_if(status.begin(), status.end(), [](RowStatus s) { return s != RowStatus::ok; }));
}

namespace {

int128 pow10(int n) {
    int128 p = 1;
    for (int i = 0; i < n; ++i) p *= 10;
    return p;
}

// What a worker needs per role, computed once per call.
struct RolePlan {
    const CompiledRole* role = nullptr;
    std::vector<std::size_t> out_column;  // per component: index into Result::components
    std::vector<std::uint8_t> required;   // per scheme input: must the row give it?
};

// Per-input facts for the gather loop, computed once per call.
struct InputPlan {
    std::int64_t to_raw = 1;    // multiply a scaled value by this to get a Decimal raw value (<= 10^9)
    std::int64_t must_divide = 1;  // the scaled value must be a multiple of this (money finer than
                                   // the minor unit, or a fractional count, is invalid)
    bool non_negative = false;  // counts
    std::optional<Decimal> min, max;
    Decimal fallback;           // default, or zero
};

class Worker {
public:
    Worker(const CompiledScheme& cs, const BoundParameters& params, const Input& in, const std::vector<RolePlan>& roles,
           const std::vector<InputPlan>& inputs, Result& out)
        : cs_(cs), params_(params), in_(in), roles_(roles), inputs_(inputs), out_(out) {}

    // Pays the rows order[begin, end), which are grouped by role.
    void run(const std::vector<std::uint32_t>& order, std::size_t begin, std::size_t end) {
        std::vector<std::unique_ptr<expr::Frame>>& frames = frames_;
        frames.resize(roles_.size());
        std::size_t i = begin;
        while (i < end) {
            const std::uint32_t r = in_.role[order[i]];
            std::size_t j = i;
            while (j < end && j - i < kBlock && in_.role[order[j]] == r) ++j;
            if (!frames[r]) {
                const CompiledRole& role = *roles_[r].role;
                frames[r] = std::make_unique<expr::Frame>(role.program.slot_count, kBlock);
                role.program.load_constants(*frames[r]);
                for (const auto& [idx, slot] : role.params) frames[r]->broadcast(slot, params_.values[idx]);
            }
            block(roles_[r], *frames[r], order.data() + i, j - i);
            i = j;
        }
    }

private:
    void fail(std::uint32_t row, RowStatus s, std::uint32_t input = 0) {
        if (out_.status[row] == RowStatus::ok) {
            out_.status[row] = s;
            out_.bad_input[row] = input;
        }
    }

    void block(const RolePlan& plan, expr::Frame& fr, const std::uint32_t* rows, std::size_t n) {
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
            // Checks on the scaled int64, not the 128-bit value: same rules as data/input_values.
            const std::int64_t must_divide = ip.must_divide;
            const bool non_negative = ip.non_negative, has_min = ip.min.has_value(), has_max = ip.max.has_value();
            const Decimal lo = ip.min.value_or(Decimal{}), hi = ip.max.value_or(Decimal{});
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
                const Decimal v = Decimal::from_raw(static_cast<int128>(x) * to_raw);  // one 64x64->128 multiply
                const bool bad = (must_divide != 1 && x % must_divide != 0) || (non_negative && x < 0) || (has_min && v < lo) || (has_max && v > hi);
                if (bad) fail(row, RowStatus::invalid_input, static_cast<std::uint32_t>(idx));
                dst[k] = v;
            }
        }
        role.program.run(fr, n, params_.tables);
        // Scatter the line amounts in minor units (the power of ten chosen once, not per row).
        switch (Decimal::kPlaces - out_.minor_units) {
            case 5: scatter<100000u>(plan, fr, rows, n); break;
            case 6: scatter<1000000u>(plan, fr, rows, n); break;
            case 7: scatter<10000000u>(plan, fr, rows, n); break;
            case 8: scatter<100000000u>(plan, fr, rows, n); break;
            default: scatter<1000000000u>(plan, fr, rows, n); break;
        }
        const std::size_t ncols = out_.components.size();
        // A failed row pays nothing: never a partial payslip.
        for (std::size_t k = 0; k < n; ++k) {
            const std::uint32_t row = rows[k];
            if (out_.status[row] == RowStatus::ok) continue;
            out_.total[row] = 0;
            std::fill_n(out_.amounts.begin() + static_cast<std::ptrdiff_t>(std::size_t{row} * ncols), ncols, 0);
        }
    }

    // Writes each component's lane values as minor units (Unit = 10^(9 - minor units)).
    template <std::uint32_t Unit>
    void scatter(const RolePlan& plan, const expr::Frame& fr, const std::uint32_t* rows, std::size_t n) {
        const CompiledRole& role = *plan.role;
        const std::size_t ncols = out_.components.size();
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

    const CompiledScheme& cs_;
    const BoundParameters& params_;
    const Input& in_;
    const std::vector<RolePlan>& roles_;
    const std::vector<InputPlan>& inputs_;
    Result& out_;
    std::vector<std::unique_ptr<expr::Frame>> frames_;  // one per role, made on first use
};

}  // namespace

Result compute(const CompiledScheme& cs, const BoundParameters& params, const Input& in, const Options& options) {
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
            p.non_negative = true;
        }
        p.min = d.min;
        p.max = d.max;
        p.fallback = d.default_value.value_or(Decimal{});
    }

    Result r;
    r.rows = n;
    r.minor_units = s.currency.minor_units;
    for (const auto& role : cs.roles())
        for (const auto& c : role.components)
            if (std::find(r.components.begin(), r.components.end(), c.rule->id) == r.components.end()) r.components.push_back(c.rule->id);
    std::vector<RolePlan> roles(cs.roles().size());
    for (std::size_t k = 0; k < roles.size(); ++k) {
        const CompiledRole& role = cs.roles()[k];
        roles[k].role = &role;
        for (const auto& c : role.components)
            roles[k].out_column.push_back(static_cast<std::size_t>(std::find(r.components.begin(), r.components.end(), c.rule->id) - r.components.begin()));
        roles[k].required.assign(s.inputs.size(), 0);
        for (std::size_t idx : role.required_inputs) roles[k].required[idx] = 1;
    }
    r.amounts.assign(n * r.components.size(), 0);
    r.total.assign(n, 0);
    r.status.assign(n, RowStatus::ok);
    r.bad_input.assign(n, 0);

    // Group rows by role (counting sort: stable, so each group keeps row order).
    std::vector<std::size_t> start(roles.size() + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (in.role[i] >= roles.size()) r.status[i] = RowStatus::bad_role;
        else ++start[in.role[i] + 1];
    }
    for (std::size_t k = 0; k < roles.size(); ++k) start[k + 1] += start[k];
    std::vector<std::uint32_t> order(start.back());
    {
        std::vector<std::size_t> next(start.begin(), start.end() - 1);
        for (std::size_t i = 0; i < n; ++i)
            if (in.role[i] < roles.size()) order[next[in.role[i]]++] = static_cast<std::uint32_t>(i);
    }

    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, order.size() / std::max<std::size_t>(1, options.min_rows_per_thread))));
    if (threads <= 1) {
        Worker(cs, params, in, roles, inputs, r).run(order, 0, order.size());
        return r;
    }
    // Each thread takes an equal share of every role's rows (roles cost differently per row, so
    // equal shares of the whole would not balance), and writes only those rows' slots of the
    // result: no sharing, no locks.
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            Worker w(cs, params, in, roles, inputs, r);
            for (std::size_t k = 0; k + 1 < start.size(); ++k) {
                const std::size_t len = start[k + 1] - start[k];
                w.run(order, start[k] + len * t / threads, start[k] + len * (t + 1) / threads);
            }
        });
    }
    for (auto& th : pool) th.join();
    return r;
}

void check(const Result& r, const CompiledScheme& cs, const Input& in, std::size_t max_rows) {
    const Scheme& s = cs.scheme();
    IssueCollector<DataError> data;
    std::string eval;
    std::string eval_id;
    std::size_t shown = 0;
    for (std::size_t row = 0; row < r.rows && shown < max_rows; ++row) {
        const RowStatus st = r.status[row];
        if (st == RowStatus::ok) continue;
        ++shown;
        const std::string where = "row " + std::to_string(row);
        if (st == RowStatus::missing_input || st == RowStatus::invalid_input) {
            const InputDecl& d = s.inputs[r.bad_input[row]];
            const Column& c = in.columns[r.bad_input[row]];
            std::string msg = st == RowStatus::missing_input ? "missing required input '" + d.name + "'" : "invalid value for input '" + d.name + "' (" + to_string(d.kind) + ")";
            if (st == RowStatus::invalid_input) msg += ": " + Decimal::from_raw(static_cast<int128>(c.values[row]) * pow10(Decimal::kPlaces - c.scale)).to_string();
            data.add(Issue{st == RowStatus::missing_input ? "motiv.data_error.202" : "motiv.data_error.304", "<batch>", "", 0, 0, d.name, "", where + ": " + msg, "", 0});
        } else if (st == RowStatus::bad_role) {
            data.add(Issue{"motiv.data_error.201", "<batch>", "", 0, 0, "role", "", where + ": unknown role index " + std::to_string(in.role[row]), "", 0});
        } else if (eval.empty()) {
            eval_id = st == RowStatus::division_by_zero ? "motiv.eval_error.501" : "motiv.eval_error.502";
            eval = "[" + eval_id + "] " + where + " (role " + cs.roles()[in.role[row]].rule->name + "): " + to_string(st);
        }
    }
    data.throw_if_any();
    if (!eval.empty()) throw EvalError(eval_id, eval, "");
}

}  // namespace motiv::batch
