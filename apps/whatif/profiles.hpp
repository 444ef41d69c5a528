// Profiles of a what-if model, per role: the inputs of a person exactly at target (the on-target
// pay), optionally at cap, and which inputs measure effort. The scheme declares gates, caps and
// tiers, but not what "on target" means for a person; a profile says it. Used by the diagnostics
// and by Monte Carlo's share at target.
//
// JSON (a file for `motiv whatif --targets`, dicts from Python, one reader for both):
//   {"target": {"hunter": {"revenue": "1000000.00", "overdue_handovers": 0}, ...},
//    "cap":    {"operator": {...}},                       (optional)
//    "effort": {"hunter": ["revenue"], ...}}              (optional)
// Values are checked as a data row's (data/input_values.hpp). Every problem is reported at once
// as motiv.rule_error.291 with the file and the JSON pointer.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/engine/compute.hpp"
#include "core/errors.hpp"

namespace motiv::whatif {

struct Profiles {
    std::vector<PersonInputs> target;  // one per role given, scheme role order; id "target:<role>"
    std::vector<PersonInputs> cap;     // id "cap:<role>"
    std::map<std::string, std::vector<std::string>> effort;  // role -> input names, as given

    [[nodiscard]] const PersonInputs* target_of(std::string_view role) const;
    [[nodiscard]] const PersonInputs* cap_of(std::string_view role) const;
};

Profiles read_profiles(const nlohmann::ordered_json& doc, const CompiledScheme& scheme, const std::string& source);
// Reads `path` (JSON, at most kMaxRuleFileBytes) with read_profiles; IoError when it cannot be read.
Profiles load_profiles_file(const std::string& path, const CompiledScheme& scheme);

// The error of a what-if model file (profiles, distributions) at `pointer`.
Issue model_issue(const std::string& source, const std::string& pointer, std::string message);

}  // namespace motiv::whatif
