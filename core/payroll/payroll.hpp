// A payroll run: every person of a table paid for one period, and its exports.
//
// One implementation behind `motiv payroll`, Python's compute_frame and the example script; its
// exports (CSV, XLSX, JSON Lines) are in apps/export.
// Payslips are all computed before anything is written, so a bad row or a failed computation
// leaves no half-written export (and writes are atomic besides: io/atomic_file.hpp).
#pragma once

#include <string>
#include <vector>

#include "core/engine/compiled_scheme.hpp"
#include "core/engine/compute.hpp"
#include "core/engine/payslip.hpp"
#include "core/payroll/run_totals.hpp"

namespace motiv::payroll {

struct PayrollRun {
    std::string period;
    std::vector<Payslip> payslips;     // in input order
    std::vector<std::string> columns;  // component ids across roles, in scheme order (the CSV's pay columns)
    int minor_units = 2;
    std::string currency;

    [[nodiscard]] std::int64_t total_minor() const;
    [[nodiscard]] std::vector<RoleSummary> by_role() const;
    // The run's totals (checked: EvalError motiv.eval_error.502 naming a sum beyond int64).
    [[nodiscard]] RunTotals totals(const std::string& source = {}) const;
};

// RuleError motiv.rule_error.292 when the scheme has a "periods" section: a one-period payroll
// would silently pay without its draws, clawbacks, bonuses and team overrides (run-periods pays
// them). Refusing beats running the periods runner here: it needs the carried state, which a plain
// payroll has no place for.
void refuse_period_rules(const Scheme& scheme);

// Computes every payslip (refuse_period_rules first); the first failure throws (DataError / EvalError) before any output.
// Lines carry explanations only with Explain::full (the JSON Lines export and statements need them).
PayrollRun run(const CompiledScheme& scheme, const Period& period, const std::vector<PersonInputs>& people,
               Explain explain = Explain::none);

// A short table of people, totals and component sums by role, for the terminal.
std::string summary_text(const PayrollRun& run);
std::string summary_text(const RunTotals& totals, const std::string& period, const std::string& currency, int minor_units);

}  // namespace motiv::payroll
