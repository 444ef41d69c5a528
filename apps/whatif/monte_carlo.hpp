// Monte Carlo cost of a scheme: KPIs drawn from declared distributions (whatif/distributions.hpp)
// or resampled from history, the whole population paid once per draw by the batch engine, and
// the distribution of the cost and of where people stand. Behind `motiv whatif --monte-carlo` and
// Python's motiv.whatif.monte_carlo.
//
// A drawn value is a random input, not an amount: it is drawn as a double, multiplied by the
// person's own value when the distribution is relative, clipped to [max(0, the input's min), the
// input's max], and rounded half-even to the input's precision (whatif/pay_curve.hpp's kpi_places:
// money to the minor unit, counts to whole units). From there every amount is exact.
//
// Outputs, per draw: the cost (sum of every person's total) and the cost per role, exact minor
// units. Quantiles P50/P90/P99 by nearest rank: Pq is the ceil(q/100 x n)-th smallest of the n
// draw costs -- always one of the draws, an exact amount, never an interpolation. Per role, the
// share of person-draws (people x draws):
//   at gate:   past every gate of the role (whatif/pay_levels.hpp); empty for a role with no gate;
//   at target: paid at least the role's on-target pay (its target profile, whatif/profiles.hpp);
//              empty without a target profile;
//   at cap:    a cap binds or a tier table is at its top tier (pay_levels.hpp), or paid at least
//              the role's cap profile when one is given; empty when the role has neither.
// Shares are exact ratios rounded half-even to 4 places. The same seed gives the same figures on
// every platform and for any thread count.
#pragma once

#include "core/data/csv.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "apps/whatif/distributions.hpp"
#include "apps/whatif/profiles.hpp"

namespace motiv::whatif {

// Draw counts are user input: bounded.
inline constexpr std::size_t kMaxDraws = 10'000'000;

struct MonteCarloOptions {
    std::size_t draws = 1000;
    std::uint64_t seed = 0;
    unsigned threads = 0;  // batch engine threads (0: every core); results do not depend on it
    // Called on the calling thread after each chunk of draws with how many are done (the last call
    // says `draws`): a progress bar's feed. It sees counts only, so it cannot change any figure.
    std::function<void(std::size_t)> progress{};
};

struct CostQuantiles {
    std::string of;  // "total" or a role
    std::int64_t p50 = 0, p90 = 0, p99 = 0;
};

struct RoleShares {
    std::string role;
    std::size_t person_draws = 0;
    std::optional<std::size_t> at_gate, at_target, at_cap;  // counts of person-draws; nullopt: not defined for the role
};

struct MonteCarlo {
    std::vector<std::string> roles;  // CompiledScheme::roles() order
    int minor_units = 2;
    std::uint64_t seed = 0;
    std::vector<std::int64_t> total;      // per draw
    std::vector<std::int64_t> role_cost;  // draws x roles, row-major
    std::vector<CostQuantiles> quantiles; // total, then each role
    std::vector<RoleShares> shares;       // roles with people, scheme order
};

// std::invalid_argument for no people, draws outside 1..kMaxDraws; DataError / EvalError when a
// drawn person cannot be paid (batch::check) or a profile cannot; EvalError eval_error.502 when a
// drawn value or a cost does not fit in int64 minor units.
MonteCarlo run_monte_carlo(const CompiledScheme& scheme, const BoundParameters& params, const std::vector<PersonInputs>& people,
                           const std::vector<Distribution>& distributions, const Profiles& profiles, const MonteCarloOptions& options);

// count / of, half-even to 4 places.
Decimal share_of(std::size_t count, std::size_t of);

// CSV: draw, total, one column per role.
std::string draws_csv(const MonteCarlo& mc, data::CellGuard guard = data::CellGuard::spreadsheet);
// CSV: of, P50, P90, P99.
std::string quantiles_csv(const MonteCarlo& mc, data::CellGuard guard = data::CellGuard::spreadsheet);
// CSV: role, person_draws, at_gate, at_target, at_cap (shares; empty when not defined).
std::string shares_csv(const MonteCarlo& mc, data::CellGuard guard = data::CellGuard::spreadsheet);
std::string monte_carlo_text(const MonteCarlo& mc);

}  // namespace motiv::whatif
