// Seeded rows of rules/three_tier.json for the batch tests: every role, values piled on the gates'
// and tiers' edges and on rounding ties, zero divisors (no calls, no days), prorated salaries.
#pragma once

#include <initializer_list>
#include <iterator>
#include <random>
#include <vector>

#include "core/batch/batch.hpp"
#include "core/engine/compiled_scheme.hpp"
#include "tests/core/support.hpp"

namespace motiv::test {

// Values piled on edges: one of `edges` one time in `one_in`, else uniform in [lo, hi].
class EdgePicker {
public:
    EdgePicker(std::mt19937_64& rng, std::uint64_t one_in) : rng_(rng), one_in_(one_in) {}
    std::int64_t operator()(std::initializer_list<std::int64_t> edges, std::int64_t lo, std::int64_t hi) {
        if (rng_() % one_in_ == 0) {
            auto it = edges.begin();
            std::advance(it, static_cast<long>(rng_() % edges.size()));
            return *it;
        }
        return lo + static_cast<std::int64_t>(rng_() % static_cast<std::uint64_t>(hi - lo + 1));
    }

private:
    std::mt19937_64& rng_;
    std::uint64_t one_in_;
};

// Seeded random person-periods with values piled on tier edges, gates and rounding ties.
struct Data {
    std::vector<std::uint32_t> role;
    std::vector<std::vector<std::int64_t>> cols;  // per scheme input
    std::vector<int> scales;
};

inline Data make_data(const CompiledScheme& cs, std::size_t n, std::uint32_t seed) {
    const Scheme& s = cs.scheme();
    Data d;
    d.role.resize(n);
    d.cols.assign(s.inputs.size(), std::vector<std::int64_t>(n, 0));
    d.scales.assign(s.inputs.size(), 0);
    for (std::size_t k = 0; k < s.inputs.size(); ++k)
        d.scales[k] = s.inputs[k].kind == Kind::money ? 2 : s.inputs[k].name == "prorata" ? 9 : s.inputs[k].kind == Kind::ratio ? 4 : s.inputs[k].name == "talk_minutes" ? 1 : 0;
    std::mt19937_64 rng(seed);
    EdgePicker pick(rng, 3);
    const auto calls = input_index(s, "calls"), talk = input_index(s, "talk_minutes"), days = input_index(s, "days_worked"),
               meet = input_index(s, "meetings"), script = input_index(s, "script_compliance"), rev = input_index(s, "revenue"),
               over = input_index(s, "overdue_handovers"), vol = input_index(s, "volume"), prev = input_index(s, "volume_prev"),
               prorata = input_index(s, "prorata");
    for (std::size_t i = 0; i < n; ++i) {
        const auto r = static_cast<std::uint32_t>(rng() % cs.roles().size());
        d.role[i] = r;
        d.cols[calls][i] = pick({0, 199, 200, 249, 250}, 0, 400);
        d.cols[days][i] = pick({0, 20, 21, 22}, 0, 23);
        d.cols[talk][i] = d.cols[days][i] * pick({1200, 1199, 1500, 1499}, 0, 2000);  // minutes x10 (scale 1)
        d.cols[meet][i] = pick({19, 20, 30}, 0, 60);
        d.cols[script][i] = pick({7999, 8000, 9499, 9500, 10000}, 0, 10000);
        d.cols[rev][i] = pick({29999999, 30000000, 30000001, 30000050, 100000000, 100000050}, 0, 300000000);
        d.cols[over][i] = pick({0, 1, 2}, 0, 5);
        d.cols[vol][i] = pick({99999999, 100000000, 200000000}, 0, 300000000);
        d.cols[prev][i] = rng() % 4 == 0 ? d.cols[vol][i] : pick({100000000}, 0, 300000000);
        // The built-in share of the period in the role (scale 9): mostly whole months, some k/21
        // and halves (salary x share rounds on a tie), never a salary of zero for everyone.
        d.cols[prorata][i] = rng() % 4 != 0 ? 1000000000 : pick({500000000, 333333333, 47619048, 0}, 0, 1000000000);
    }
    return d;
}

inline batch::Input as_input(const Data& d) {
    batch::Input in;
    in.role = d.role;
    for (std::size_t k = 0; k < d.cols.size(); ++k) in.columns.push_back(batch::Column{d.cols[k], d.scales[k], {}});
    return in;
}

}  // namespace motiv::test
