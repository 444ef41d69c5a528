#include "core/batch/sweep.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "core/errors.hpp"
#include "core/text/suggest.hpp"

namespace motiv::batch {

namespace {

// What a swept name sets: a scalar parameter's value, or one cell of a tier table
// ("hunter.commission.tiers[2].rate", "hunter.commission.tiers[1].from"; tiers counted from 0).
struct Target {
    std::size_t param = 0;
    enum class Field { value, from, rate } field = Field::value;
    std::size_t tier = 0;
    bool operator==(const Target&) const = default;
};

[[noreturn]] void unknown(const CompiledScheme& cs, const std::string& message) {
    throw RuleError({Issue{"motiv.rule_error.301", cs.scheme().source, "/parameters", 0, 0, "", "", message, "", 0}});
}

Target target_of(const CompiledScheme& cs, const BoundParameters& params, const std::string& name) {
    const auto bracket = name.find('[');
    const Parameter* p = cs.scheme().find_parameter(name.substr(0, bracket));
    if (!p) {
        std::vector<std::string> known;
        for (const auto& q : cs.scheme().parameters) known.push_back(q.name);
        unknown(cs, "unknown parameter '" + name.substr(0, bracket) + "'" + text::did_you_mean(name.substr(0, bracket), known));
    }
    Target t;
    t.param = static_cast<std::size_t>(p - cs.scheme().parameters.data());
    if (bracket == std::string::npos) {
        if (p->kind == Kind::tiers) unknown(cs, "'" + name + "' is a tier table: sweep a scalar parameter or one cell of it (" + name + "[1].rate, " + name + "[1].from)");
        return t;
    }
    if (p->kind != Kind::tiers) unknown(cs, "'" + p->name + "' is not a tier table: sweep it by its name alone");
    const auto close = name.find("].", bracket);
    const std::string index = close == std::string::npos ? "" : name.substr(bracket + 1, close - bracket - 1);
    const std::string field = close == std::string::npos ? "" : name.substr(close + 2);
    const auto& table = params.tables[t.param];
    if (index.empty() || index.size() > 6 || !std::all_of(index.begin(), index.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        (field != "from" && field != "rate"))
        unknown(cs, "'" + name + "': a tier cell is NAME[K].from or NAME[K].rate, K counted from 0");
    t.tier = std::stoul(index);
    if (t.tier >= table.from.size())
        unknown(cs, "'" + name + "': " + p->name + " has " + std::to_string(table.from.size()) + " tiers in force (0 to " + std::to_string(table.from.size() - 1) + ")");
    t.field = field == "from" ? Target::Field::from : Target::Field::rate;
    return t;
}

}  // namespace

std::vector<SweepPoint> sweep(const CompiledScheme& cs, const BoundParameters& params, const Input& input,
                              const std::string& parameter, const std::vector<Decimal>& values, unsigned threads) {
    std::vector<std::vector<Decimal>> points;
    points.reserve(values.size());
    for (const Decimal& v : values) points.push_back({v});
    return sweep_points(cs, params, input, {parameter}, points, threads);
}

std::vector<SweepPoint> sweep_points(const CompiledScheme& cs, const BoundParameters& params, const Input& input,
                                     const std::vector<std::string>& parameters, const std::vector<std::vector<Decimal>>& points,
                                     unsigned threads, const SweepProgress& progress) {
    std::vector<Target> idx;
    for (const auto& name : parameters) {
        const Target t = target_of(cs, params, name);
        if (std::find(idx.begin(), idx.end(), t) != idx.end()) throw std::invalid_argument("parameter '" + name + "' is swept twice");
        idx.push_back(t);
    }
    for (const auto& pt : points)
        if (pt.size() != idx.size())
            throw std::invalid_argument("a sweep point gives " + std::to_string(pt.size()) + " values for " + std::to_string(idx.size()) + " parameters");
    std::vector<SweepPoint> out(points.size());
    std::atomic<std::size_t> next{0};
    std::mutex mutex;  // guards `done`, `failure` and calls of `progress`
    std::size_t done = 0;
    std::exception_ptr failure;  // the first exception of any thread, rethrown once all have stopped
    auto run_points = [&] {
        BoundParameters local = params;
        Options one;
        one.threads = 1;  // parallel over points, not rows
        // Every point pays the same rows: one set of result arrays per thread, reused (compute_into).
        const std::size_t n = input.role.size();
        LargeBuffer<std::int64_t> amounts(n * result_components(cs).size()), totals(n);
        LargeBuffer<RowStatus> status(n);
        LargeBuffer<std::uint32_t> bad_input(n);
        const Output into{amounts, totals, status, bad_input, false};
        for (std::size_t k; (k = next.fetch_add(1)) < points.size();) {
            for (std::size_t j = 0; j < idx.size(); ++j) {
                const Target& t = idx[j];
                if (t.field == Target::Field::value) local.values[t.param] = points[k][j];
                else (t.field == Target::Field::from ? local.tables[t.param].from : local.tables[t.param].rate)[t.tier] = points[k][j];
            }
            // A swept threshold must keep the table rising, as the loader requires of a file.
            for (std::size_t j = 0; j < idx.size(); ++j) {
                if (idx[j].field != Target::Field::from) continue;
                const auto& from = local.tables[idx[j].param].from;
                for (std::size_t i = 1; i < from.size(); ++i)
                    if (!(from[i - 1] < from[i]))
                        throw std::invalid_argument("sweep point " + std::to_string(k + 1) + ": the thresholds of " + cs.scheme().parameters[idx[j].param].name +
                                                    " would not rise (" + from[i - 1].to_string() + " then " + from[i].to_string() + ")");
            }
            SweepPoint& pt = out[k];
            pt.failed = compute_into(cs, local, input, into, one);
            pt.values = points[k];
            if (!pt.values.empty()) pt.value = pt.values.front();
            pt.role_total.assign(cs.roles().size(), 0);
            pt.role_paid.assign(cs.roles().size(), 0);
            for (std::size_t row = 0; row < n; ++row) {
                // Every row fits in int64; their sum need not: an error, never a wrapped number.
                bool overflow = __builtin_add_overflow(pt.total, totals[row], &pt.total);
                if (input.role[row] < pt.role_total.size() && status[row] == RowStatus::ok) {
                    std::int64_t& rt = pt.role_total[input.role[row]];
                    overflow = __builtin_add_overflow(rt, totals[row], &rt) || overflow;
                    ++pt.role_paid[input.role[row]];
                }
                if (overflow)
                    throw EvalError("motiv.eval_error.502", "[motiv.eval_error.502] " + cs.scheme().source + " sweep: the cost at point " +
                                                                std::to_string(k + 1) + " is out of range (overflow)", "");
            }
            if (progress) {
                const std::lock_guard lock(mutex);
                progress(++done);
            }
        }
    };
    auto work = [&] {
        try {
            run_points();
        } catch (...) {
            const std::lock_guard lock(mutex);
            if (!failure) failure = std::current_exception();
            next = points.size();  // the others stop at their next point
        }
    };
    unsigned t = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
    t = static_cast<unsigned>(std::min<std::size_t>(t, std::max<std::size_t>(1, points.size())));
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < t; ++i) pool.emplace_back(work);
    work();
    for (auto& th : pool) th.join();
    if (failure) std::rethrow_exception(failure);
    return out;
}

}  // namespace motiv::batch
