// Corrections: corrected inputs of past periods, paid as retro lines in the current one. One reader
// for every door (`motiv run-periods --corrections`, Python's pay_period(corrections=...)).
#pragma once

#include <vector>

#include "apps/periods/period_run.hpp"
#include "core/data/csv.hpp"
#include "core/engine/compiled_scheme.hpp"

namespace motiv::periods {

// Reads `table`, a people table with a `period` column (YYYY-MM: the period each row corrects):
// each row is checked as data::read_people checks a people table. Throws DataError
// (motiv.data_error.301 without a `period` column, the people table's ids for a bad row).
std::vector<Correction> read_corrections(const data::CsvTable& table, const CompiledScheme& cs);

}  // namespace motiv::periods
