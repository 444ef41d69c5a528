// Retro recalculation: a past period recomputed as a pure function -- "as of period P, with what we
// know now" (corrected inputs, or a corrected rule file) -- and the difference against what was
// paid for it (the state's PeriodRecord) paid or recovered in the current period as its own line.
//
// A record carries the SHA-256 of the rule file it was computed with. Recomputing it with another
// rule file is refused (motiv.rule_error.501, naming both hashes) unless the caller accepts exactly
// that change, so historic pay is never recomputed with today's rates by accident.
#pragma once

#include <optional>
#include <string>

#include "core/engine/compiled_scheme.hpp"
#include "core/engine/compute.hpp"
#include "apps/periods/state.hpp"

namespace motiv::periods {

// An explicit permission to recompute records made with rule file `from_sha256` using `to_sha256`.
struct RulesChange {
    std::string from_sha256;
    std::string to_sha256;
};

// The given inputs of `person`, by name (what a PeriodRecord keeps).
NamedValues named_inputs(const Scheme& scheme, const PersonInputs& person);
// A record's inputs as PersonInputs of `scheme`; DataError if the scheme no longer has one of them.
PersonInputs record_inputs(const Scheme& scheme, const PeriodRecord& record, const std::string& person);
// Throws RuleError motiv.rule_error.501 unless `record` was computed with this rule file, or
// `accepted` names exactly the record's hash and this file's.
void check_rules(const Scheme& scheme, const PeriodRecord& record, const std::string& person, const std::optional<RulesChange>& accepted);

// Recomputes `record`'s period for `inputs` with `scheme` (after check_rules), pays the difference
// against the record's total as line "retro_<period>", and updates the record to the recomputed pay.
PayLine retro_line(const CompiledScheme& scheme, PeriodRecord& record, const PersonInputs& inputs, const std::optional<RulesChange>& accepted);

}  // namespace motiv::periods
