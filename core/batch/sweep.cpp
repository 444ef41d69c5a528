#include "core/batch/sweep.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

#include "core/errors.hpp"

namespace motiv::batch {

std::vector<SweepPoint> sweep(const CompiledScheme& cs, const BoundParameters& params, const Input& input,
                              const std::string& parameter, const std::vector<Decimal>& values, unsigned threads) {
    const Parameter* p = cs.scheme().find_parameter(parameter);
    if (!p || p->kind == Kind::tiers)
        throw RuleError({Issue{"motiv.rule_error.301", cs.scheme().source, "/parameters", 0, 0, "", "",
                               p ? "'" + parameter + "' is a tier table: sweep a scalar parameter" : "unknown parameter '" + parameter + "'", "", 0}});
    const auto idx = static_cast<std::size_t>(p - cs.scheme().parameters.data());
    std::vector<SweepPoint> out(values.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        BoundParameters local = params;
        Options one;
        one.threads = 1;  // parallel over values, not rows
        for (std::size_t k; (k = next.fetch_add(1)) < values.size();) {
            local.values[idx] = values[k];
            const Result r = compute(cs, local, input, one);
            SweepPoint& pt = out[k];
            pt.value = values[k];
            pt.role_total.assign(cs.roles().size(), 0);
            pt.failed = r.failed();
            for (std::size_t row = 0; row < r.rows; ++row) {
                pt.total += r.total[row];
                if (input.role[row] < pt.role_total.size()) pt.role_total[input.role[row]] += r.total[row];
            }
        }
    };
    unsigned t = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
    t = static_cast<unsigned>(std::min<std::size_t>(t, std::max<std::size_t>(1, values.size())));
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < t; ++i) pool.emplace_back(work);
    work();
    for (auto& th : pool) th.join();
    return out;
}

}  // namespace motiv::batch
