// Scenario comparison: the same people paid under two schemes (a base and a what-if), person by
// person, per role and in total.
//
// One implementation behind `motiv whatif`, Python's motiv.whatif.compare and its Dask version.
// Amounts are int64 minor units (exact). Means and medians are statistics, not payments: they are
// exact Decimals (a mean rounded half-even to 9 places), shown rounded half-even to the minor unit.
// Pay mix splits pay into fixed (lines of kind `fixed`, e.g. a salary) and variable (every other line).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/data/csv.hpp"
#include "core/engine/compiled_scheme.hpp"
#include "core/payroll/payroll.hpp"

namespace motiv::whatif {

// One person's pay before and after.
struct PersonChange {
    std::string person, name, role;
    std::int64_t before = 0, after = 0;              // totals, minor units
    std::int64_t before_fixed = 0, after_fixed = 0;  // the fixed lines' sum (the rest is variable)
    [[nodiscard]] std::int64_t delta() const { return after - before; }
};

// Pay of a group of people under one scheme.
struct PaySummary {
    std::size_t people = 0;
    std::int64_t cost = 0;   // sum of totals
    std::int64_t fixed = 0;  // sum of fixed lines; cost - fixed is variable
    Decimal mean, median;    // of totals (a median of an even count is the mean of the middle two)
};

// A role (or everyone: role "all") before and after.
struct GroupChange {
    std::string role;
    PaySummary before, after;
    std::size_t gainers = 0, losers = 0;  // people paid more / less after
};

struct Comparison {
    std::string period;
    std::string currency;
    int minor_units = 2;
    std::vector<PersonChange> people;  // in input order
    std::vector<GroupChange> roles;    // sorted by role name
    GroupChange all;                   // role "all"
};

// The per-role and total figures of a list of person changes. Throws EvalError (eval_error.502)
// when a sum or a delta does not fit in int64 minor units.
Comparison summarise(std::vector<PersonChange> people, std::string period, std::string currency, int minor_units);

// Compares two payroll runs of the same people (same ids, same order; std::invalid_argument otherwise).
Comparison compare(const payroll::PayrollRun& before, const payroll::PayrollRun& after);

// Reads the people of `table` for `period` against each scheme (each validates the rows it needs),
// pays them under both and compares. DataError when a row is bad or no one is paid in `period`;
// RuleError rule_error.290 when the schemes pay in different currencies (or minor units).
Comparison compare_table(const CompiledScheme& before, const CompiledScheme& after, const data::CsvTable& table,
                         const Period& period);

// CSV, one row per person: id, name, role, before, after, delta, change (gain/loss/same),
// before_fixed, before_variable, after_fixed, after_variable. Plain decimals ("47460.00").
std::string people_csv(const Comparison& c, data::CellGuard guard = data::CellGuard::spreadsheet);
// CSV, one row per role then "all": role, people, before_cost, after_cost, delta, before_mean,
// after_mean, before_median, after_median, before_fixed, after_fixed, before_variable_share,
// after_variable_share (variable / cost, half-even to 4 places), gainers, losers.
std::string roles_csv(const Comparison& c, data::CellGuard guard = data::CellGuard::spreadsheet);
// A short table for the terminal.
std::string summary_text(const Comparison& c);

}  // namespace motiv::whatif
