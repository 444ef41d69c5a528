// KPIs against their norms, derived from the compiled rules rather than listed anywhere: every
// comparison of a value (an input, a variable, a sub-formula) with a scalar parameter in a role's
// formulas -- `calls >= operator.gate.calls`, `talk_per_day >= operator.gate.talk_minutes_per_day`
// -- is a KPI and its norm. A statement shows each with the person's value ("talk_per_day 130.91 /
// 120") and whether it was met, so a new KPI in a rule file appears on statements by itself.
#pragma once

#include <string>
#include <vector>

#include "core/engine/compute.hpp"

namespace motiv::exports {

struct KpiNorm {
    std::string kpi;         // the compared value as written: "calls", "talk_per_day"
    std::string value;       // its value for the person, formatted ("130.91", "96%")
    std::string op;          // ">=", ">", "<=", "<" as read with the KPI on the left
    std::string norm;        // the parameter's name: "operator.gate.talk_minutes_per_day"
    std::string norm_value;  // its value in force ("120", "80%")
    std::string description; // the parameter's description from the rule file
    std::string pointer;     // JSON pointer of the formula the comparison is in
    bool met = false;        // the comparison held
    bool gate = false;       // some line's `when` depends on it (a line is not paid unless met)
    std::vector<std::string> components;  // labels of the lines whose formulas depend on it
};

// The KPIs and norms of `person`'s role, in the order the rule file mentions them (variables, then
// components), each comparison once. The person must be payable (compute_payslip succeeded).
// Values are shown with at most two decimal places (display only; the pay used the exact values).
std::vector<KpiNorm> kpi_norms(const CompiledScheme& scheme, const BoundParameters& params, const PersonInputs& person);

}  // namespace motiv::exports
