// The payroll as CSV, in a dialect (csv_dialect.hpp) and with a declared set of columns.
#pragma once

#include <string>
#include <vector>

#include "apps/export/csv_dialect.hpp"
#include "apps/export/provenance.hpp"
#include "core/payroll/payroll.hpp"

namespace motiv::exports {

// The columns a payroll CSV may have, by name:
//   id, name, role, period     person data
//   <component id>             that line's amount; empty where the person's role has no such component
//   total                      the payslip total
//   <input name>               the input's value as used (the default where the row left it empty);
//                              empty where the person's role does not read it
//   scheme, version, rules_sha256, data_sha256   provenance (always written: appended if not declared)
// The default set: id, name, role, period, every component (scheme order), total, then provenance.
std::vector<std::string> default_csv_columns(const payroll::PayrollRun& run);

// The payroll as CSV text (bytes, BOM included for Encoding::utf8_bom). One row per payslip in
// input order, then a totals row: "TOTAL" in the first text column and, in every amount column
// (components and total), the sum of the rows above to the minor unit. Amounts are plain decimals
// with the currency's places and the dialect's decimal separator ("47460.00" / "47460,00").
// `columns` empty means default_csv_columns(run). Throws std::invalid_argument naming an unknown or
// repeated column or a bad dialect (check_dialect), and EvalError motiv.eval_error.502 when a column's sum leaves int64 minor units.
std::string to_csv(const payroll::PayrollRun& run, const Scheme& scheme, const Provenance& provenance, const CsvDialect& dialect,
                   std::vector<std::string> columns = {});

}  // namespace motiv::exports
