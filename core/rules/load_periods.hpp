// Reads the optional "periods" section of a rule file (rules/period_rules.hpp) into Scheme::periods.
//
// Called by load_scheme once the rest of the file is valid (its what-if overrides applied), so names
// can be checked: every role, input and component a periods rule names must exist, and a figure
// given as a parameter's name must name a parameter of its kind whose every dated value is in range. Collects every problem and throws one
// RuleError naming the file, the JSON pointer and what was expected, like the main loader.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "core/rules/scheme.hpp"

namespace motiv {

// Limits (rule files are untrusted input).
inline constexpr int kMaxClawbackDays = 3660;
inline constexpr int kMaxForgiveAfter = 1200;
inline constexpr std::size_t kMaxPeriodRules = 64;  // per kind

// `root` is the whole rule file; `numbers` the pointers of number literals kept as text.
void load_periods(const nlohmann::ordered_json& root, const std::string& source, const std::set<std::string>& numbers, Scheme& scheme);

}  // namespace motiv
