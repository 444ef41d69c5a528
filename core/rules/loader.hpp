// Reads and validates a rule file into a Scheme (rules/scheme.hpp).
//
// Collects every problem in the file -- JSON syntax, unknown or missing keys, wrong types, values
// that are not exact decimals, bad names, formula syntax -- and throws one RuleError listing them
// all with their JSON pointers. References and types inside formulas are checked by the compiler
// (engine/compiled_scheme.hpp), which also reports through RuleError.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/rules/scheme.hpp"

namespace motiv {

// Limits on what a rule file may ask for (rule files are untrusted input).
inline constexpr std::size_t kMaxRoles = 64;
inline constexpr std::size_t kMaxComponentsPerRole = 256;
inline constexpr std::size_t kMaxVariablesPerRole = 256;
inline constexpr std::size_t kMaxInputs = 1024;
inline constexpr std::size_t kMaxParameters = 4096;
inline constexpr std::size_t kMaxTiers = 100;
inline constexpr std::size_t kMaxVersions = 240;
inline constexpr std::size_t kMaxNameLength = 128;

// Parameter overrides for what-if scenarios: {"hunter.commission.rate": "0.08", "x.tiers": [...]}.
// Each replaces the named parameter's value (all dated versions) and is validated like the file.
using Overrides = nlohmann::json;

// The bytes of a rule file; RuleError rule_error.100 (cannot read) or .104 (over the size limit).
std::string read_rule_file(const std::string& path);

Scheme load_scheme(std::string_view text, const std::string& source, const Overrides& overrides = Overrides::object());
Scheme load_scheme_file(const std::string& path, const Overrides& overrides = Overrides::object());

}  // namespace motiv
