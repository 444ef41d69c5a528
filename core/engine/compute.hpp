// Computes one person's payslip for a period from a compiled scheme.
//
// This is where pay is computed: the role's program runs over one lane (the batch engine runs the
// very same program over many), then each component's line is read off with its explanation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/engine/compiled_scheme.hpp"
#include "core/engine/payslip.hpp"
#include "core/engine/proration.hpp"

namespace motiv {

// One person's inputs for one period.
struct PersonInputs {
    std::string id;
    std::string name;
    std::string role;
    std::string manager;                         // the id of the person's manager, empty if none (team overrides)
    std::vector<std::optional<Decimal>> values;  // by scheme input index; nullopt = not given
    // In the role from / until (inclusive), when within the period: with a scheme's proration,
    // these set the built-in input `prorata` (engine/proration.hpp). Unset = the whole period.
    std::optional<Date> start, end;
    std::string source;                          // where the row came from, for errors
    std::size_t line = 0;                        // its line in `source`, 0 if none
};

// Whether payslip lines carry their summary and explanation tree (`none` is for bulk runs whose
// output is amounts only, e.g. the payroll CSV: it skips the text, not any check).
enum class Explain { full, none };

// Throws DataError (unknown role, required input missing: naming the person and the input) or
// EvalError (division by zero, overflow: naming the person, the rule pointer and the formula).
Payslip compute_payslip(const CompiledScheme& scheme, const BoundParameters& params, const PersonInputs& person,
                        Explain explain = Explain::full);
Payslip compute_payslip(const CompiledScheme& scheme, const Period& period, const PersonInputs& person,
                        Explain explain = Explain::full);

// Runs the role's program for one person: the value of every formula node, as compute_payslip
// sees it (statements read KPI values from it). The person's required inputs must be given
// (compute_payslip checks them); an input left empty takes its default, and `prorata` the share of
// the period the person is paid for (also returned in *share when the scheme prorates).
expr::Frame evaluate(const CompiledScheme& scheme, const CompiledRole& role, const BoundParameters& params, const PersonInputs& person,
                     std::optional<ProrataShare>* share = nullptr);

// Formats a value of a formula for people: money with thousands separators and the currency's
// places, a ratio as a percentage, a condition as true/false.
std::string format_value(Decimal v, expr::ValueType type, Kind kind, int minor_units);

}  // namespace motiv
