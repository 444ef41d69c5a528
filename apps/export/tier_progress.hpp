// Tiers reached and what the next tier would pay, for a pay statement.
//
// Found in the compiled rules, not listed: a tiered commission (`tiers` + `base`) and every
// rate_at / graduated / retroactive call in a role's formulas. For each, the tier the person's
// value reached and, when there is a higher tier, its threshold and -- when the value is an input --
// the line and the total the person would have been paid with that input at the threshold
// (everything else unchanged), computed by the same engine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/engine/compute.hpp"

namespace motiv::exports {

struct TierProgress {
    std::string table;         // parameter name of the tier table
    std::string line;          // label of the line it pays (empty when used in a variable)
    std::string component;     // that line's component id
    std::string basis;         // what is measured, as written: "revenue", "volume"
    Decimal value;             // the person's value of it
    int reached = -1;          // 0-based tier reached, -1 below the first
    std::size_t tiers = 0;     // tiers in the table
    Decimal rate;              // rate of the tier reached (0 below the first)
    std::optional<Decimal> next_from;    // threshold of the next tier; nullopt at the highest
    std::optional<Decimal> next_rate;
    std::optional<std::int64_t> next_line_minor;   // the line at the next threshold
    std::optional<std::int64_t> next_total_minor;  // the total at the next threshold
};

std::vector<TierProgress> tier_progress(const CompiledScheme& scheme, const BoundParameters& params, const PersonInputs& person);

}  // namespace motiv::exports
