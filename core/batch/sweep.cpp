#include "core/batch/sweep.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "core/errors.hpp"

namespace motiv::batch {

namespace {

std::size_t scalar_index(const CompiledScheme& cs, const std::string& parameter) {
    const Parameter* p = cs.scheme().find_parameter(parameter);
    if (!p || p->kind == Kind::tiers)
        throw RuleError({Issue{"motiv.rule_error.301", cs.scheme().source, "/parameters", 0, 0, "", "",
                               p ? "'" + parameter + "' is a tier table: sweep a scalar parameter" : "unknown parameter '" + parameter + "'", "", 0}});
    return static_cast<std::size_t>(p - cs.scheme().parameters.data());
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
    std::vector<std::size_t> idx;
    for (const auto& name : parameters) {
        const std::size_t i = scalar_index(cs, name);
        if (std::find(idx.begin(), idx.end(), i) != idx.end()) throw std::invalid_argument("parameter '" + name + "' is swept twice");
        idx.push_back(i);
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
        for (std::size_t k; (k = next.fetch_add(1)) < points.size();) {
            for (std::size_t j = 0; j < idx.size(); ++j) local.values[idx[j]] = points[k][j];
            const Result r = compute(cs, local, input, one);
            SweepPoint& pt = out[k];
            pt.values = points[k];
            if (!pt.values.empty()) pt.value = pt.values.front();
            pt.role_total.assign(cs.roles().size(), 0);
            pt.role_paid.assign(cs.roles().size(), 0);
            pt.failed = r.failed();
            for (std::size_t row = 0; row < r.rows; ++row) {
                // Every row fits in int64; their sum need not: an error, never a wrapped number.
                bool overflow = __builtin_add_overflow(pt.total, r.total[row], &pt.total);
                if (input.role[row] < pt.role_total.size() && r.status[row] == RowStatus::ok) {
                    std::int64_t& rt = pt.role_total[input.role[row]];
                    overflow = __builtin_add_overflow(rt, r.total[row], &rt) || overflow;
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
