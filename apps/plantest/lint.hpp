// The plan linter: warnings about a rule file that loads and compiles but is probably not what its
// author meant. `motiv validate` prints them (exit 0 unless --strict); none of them stops pay.
//
//   motiv.lint.601  a tier table whose rate falls at a higher tier, or whose tiers repeat a rate
//   motiv.lint.602  a ratio-basis threshold above 10 (1000%): "50" where "50%" was meant
//   motiv.lint.603  a pay curve that falls between two points
//   motiv.lint.604  an unreachable component: `when` is false for every value the inputs' declared
//                   min/max allow, or a literal false; a cap that is zero
//   motiv.lint.605  units that do not match: a formula adds or compares two names whose declared
//                   units ("calls", "minutes", "RUB") or kinds (count, ratio) differ
//   motiv.lint.606  on-target earnings or pay mix that the scheme does not pay at the declared
//                   inputs, beyond the declared tolerance
// Each on-target check also gives a report line (`notes`), whether it agrees or not.
#pragma once

#include <string>
#include <vector>

#include "core/engine/compiled_scheme.hpp"

namespace motiv::plantest {

struct LintWarning {
    std::string id;       // motiv.lint.6xx
    std::string pointer;  // JSON pointer in the rule file
    std::string message;
};

struct LintReport {
    std::vector<LintWarning> warnings;
    std::vector<std::string> notes;  // "on target: hunter pays 90,000.00 at the declared inputs (declared 90,000.00): ok"
};

LintReport lint(const CompiledScheme& scheme);

}  // namespace motiv::plantest
