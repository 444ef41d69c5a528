// What-if sweeps: pay the same people once per value of one parameter, or per point of a grid
// over several.
//
// A scalar parameter's value lives in BoundParameters, not in the compiled program, so a sweep
// re-binds those values and re-runs the batch engine -- no reloading or recompiling per point.
// Points are split across threads (each point's result is computed by one thread alone, so the
// results do not depend on the thread count).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/batch/batch.hpp"

namespace motiv::batch {

struct SweepPoint {
    Decimal value;                         // the (first) parameter's value
    std::vector<Decimal> values;           // every swept parameter's value, in the order asked
    std::int64_t total = 0;                // cost: the sum of every paid row's total, minor units
    std::vector<std::int64_t> role_total;  // per role (CompiledScheme::roles() order)
    std::vector<std::size_t> role_paid;    // per role: rows paid
    std::size_t failed = 0;                // rows that could not be paid at this point
};

// Called after each point is done with the number of points done so far (from any sweep thread,
// never concurrently); for progress bars.
using SweepProgress = std::function<void(std::size_t done)>;

// A swept name is a scalar parameter ("hunter.salary") or one cell of a tier table in force,
// "hunter.commission.tiers[2].rate" or "...tiers[1].from" (tiers counted from 0); a swept threshold
// must keep its table rising (std::invalid_argument naming the point otherwise).
// Throws RuleError if `parameter` is unknown, a whole tier table or a bad cell, std::invalid_argument as compute() does.
std::vector<SweepPoint> sweep(const CompiledScheme& scheme, const BoundParameters& params, const Input& input,
                              const std::string& parameter, const std::vector<Decimal>& values, unsigned threads = 0);

// A sweep over points of several scalar parameters: `points[k][j]` is the value of
// `parameters[j]` at point k. Same errors as sweep(); std::invalid_argument when a point does not
// give one value per parameter or a parameter is named twice; EvalError (eval_error.502) when a
// cost does not fit in int64 minor units. An exception in any thread stops the sweep and is
// rethrown here once every thread has stopped.
std::vector<SweepPoint> sweep_points(const CompiledScheme& scheme, const BoundParameters& params, const Input& input,
                                     const std::vector<std::string>& parameters, const std::vector<std::vector<Decimal>>& points,
                                     unsigned threads = 0, const SweepProgress& progress = {});

}  // namespace motiv::batch
