// Plan diff: what changed between two schemes (two rule files, or a file and a what-if of it):
// scheme settings, inputs, parameters (values, dated versions, tier tables), roles, variables and
// components (each formula field). Whose pay changes by how much is the comparison's job
// (whatif/comparison.hpp); `motiv whatif --against` prints both.
#pragma once

#include "core/data/csv.hpp"

#include <string>
#include <vector>

#include "core/rules/scheme.hpp"

namespace motiv::whatif {

struct PlanChange {
    std::string area;    // scheme, input, parameter, role, variable, component
    std::string name;    // "hunter.salary", "hunter", "hunter/commission" (role/id for variables and components)
    std::string field;   // what in it changed ("value", "rate", "kind"...); empty when added or removed
    std::string change;  // added, removed, changed
    std::string before;  // the old text ("" when added)
    std::string after;   // the new text ("" when removed)
    std::string pointer; // JSON pointer in the new file (in the old one when removed)
};

// Every difference, in file order: scheme, inputs, parameters, then role by role. Two identical
// schemes give an empty list. Values are compared exactly (5% and 0.05 are the same rate).
std::vector<PlanChange> diff_plans(const Scheme& before, const Scheme& after);

// CSV: area, name, field, change, before, after, pointer.
std::string plan_diff_csv(const std::vector<PlanChange>& changes, data::CellGuard guard = data::CellGuard::spreadsheet);
// One line per change: "parameter hunter.salary: 25000.00 -> 30000.00".
std::string plan_diff_text(const std::vector<PlanChange>& changes);

}  // namespace motiv::whatif
