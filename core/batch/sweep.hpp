// What-if sweeps: pay the same people once per value of one parameter.
//
// A scalar parameter's value lives in BoundParameters, not in the compiled program, so a sweep
// re-binds that one value and re-runs the batch engine -- no reloading or recompiling per value.
// Values are split across threads (each value's result is computed by one thread alone, so the
// results do not depend on the thread count).
#pragma once

#include <string>
#include <vector>

#include "core/batch/batch.hpp"

namespace motiv::batch {

struct SweepPoint {
    Decimal value;                         // the parameter value
    std::int64_t total = 0;                // cost: the sum of every paid row's total, minor units
    std::vector<std::int64_t> role_total;  // per role (CompiledScheme::roles() order)
    std::size_t failed = 0;                // rows that could not be paid at this value
};

// Throws RuleError if `parameter` is unknown or a tier table, std::invalid_argument as compute() does.
std::vector<SweepPoint> sweep(const CompiledScheme& scheme, const BoundParameters& params, const Input& input,
                              const std::string& parameter, const std::vector<Decimal>& values, unsigned threads = 0);

}  // namespace motiv::batch
