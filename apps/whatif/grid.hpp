// Grid sweeps: the cost of a scheme at every point of a grid over one or two (or more) scalar
// parameters, e.g. hunter.salary x hunter.handover.penalty_per_client. Runs on the batch engine's
// sweep (batch/sweep.hpp): parameters are re-bound per point, nothing is recompiled, and points
// are spread over the cores. Behind `motiv whatif --sweep` and Python's motiv.whatif.sweep.
#pragma once

#include "core/data/csv.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "core/batch/sweep.hpp"

namespace motiv::whatif {

// Grids are user input: their size is bounded before anything is allocated.
inline constexpr std::size_t kMaxGridPoints = 10'000'000;

struct Axis {
    std::string parameter;
    std::vector<Decimal> values;
};

// from, from + step, ... up to `to`, inclusive when reached. std::invalid_argument naming `what`
// when step <= 0, to < from, or there would be more than `limit` values.
std::vector<Decimal> stepped_values(Decimal from, Decimal to, Decimal step, std::size_t limit, const std::string& what);

// "hunter.salary=20000:30000:2500" -> 20000, 22500, 25000, 27500, 30000 (from, to inclusive when
// reached, step > 0); "name=v" is one value. std::invalid_argument saying what is wrong.
Axis parse_axis(std::string_view spec);

struct Grid {
    std::vector<std::string> parameters;  // one per axis
    std::vector<std::string> roles;       // CompiledScheme::roles() order
    int minor_units = 2;
    std::vector<batch::SweepPoint> points;  // the product of the axes, the first axis outermost
};

// std::invalid_argument for no axes, an empty axis or more than kMaxGridPoints points;
// RuleError for an unknown or tier-table parameter (as batch::sweep).
Grid run_grid(const CompiledScheme& scheme, const BoundParameters& params, const batch::Input& input, const std::vector<Axis>& axes,
              unsigned threads = 0, const batch::SweepProgress& progress = {});

// CSV, tidy: one column per parameter, then total, one cost column per role, failed_rows.
std::string grid_csv(const Grid& grid, data::CellGuard guard = data::CellGuard::spreadsheet);
// A short table for the terminal (at most `max_rows` points, evenly spread).
std::string grid_text(const Grid& grid, std::size_t max_rows = 12);

}  // namespace motiv::whatif
