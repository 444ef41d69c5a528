// Reads the table of people and their inputs (KPIs) for a period from CSV.
//
// Columns: `id` and `role` (required), `name`, `period` and `manager` (optional), then one column per scheme
// input, named exactly as in the rule file. Every row is checked against the scheme -- known role,
// no duplicate ids, each value of its declared kind, every input the role needs present -- and all
// problems are reported together, each naming the file, the row (line), the column and the person.
#pragma once

#include <optional>
#include <vector>

#include "core/data/csv.hpp"
#include "core/engine/compiled_scheme.hpp"
#include "core/engine/compute.hpp"

namespace motiv::data {

// Rows whose `period` column differs from `period` are skipped (a file may hold several months).
// Throws DataError listing every problem.
std::vector<PersonInputs> read_people(const CsvTable& table, const CompiledScheme& scheme, const std::optional<Period>& period);

// read_people for one period, refusing a table with nobody in it (motiv.data_error.307): a mistyped
// period must not produce an empty payroll or no statements that look like success.
std::vector<PersonInputs> read_people_to_pay(const CsvTable& table, const CompiledScheme& scheme, const Period& period);

}  // namespace motiv::data
