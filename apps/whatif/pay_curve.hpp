// "What would this person earn if ...": one person's pay as one KPI takes each of a list of
// values, the other inputs held. Runs on the batch engine (one row per value), so a curve of
// thousands of points costs about as much as one payroll run. Behind `motiv whatif --curve`,
// Python's motiv.whatif.pay_curve, and the scans of the diagnostics (whatif/diagnostics.hpp).
#pragma once

#include "core/data/csv.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "core/engine/compute.hpp"

namespace motiv::whatif {

// Curves are user input: their length is bounded before anything is allocated.
inline constexpr std::size_t kMaxCurvePoints = 100'000;

// The precision a KPI is varied, stressed and drawn at: money in minor units, a count in whole
// units, a ratio to 4 places (0.0001 = 0.01%), a number to 2 places.
int kpi_places(const InputDecl& input, int minor_units);

struct PayCurve {
    std::string person, role, kpi;
    int minor_units = 2;
    std::vector<std::string> components;              // the role's components, payslip order
    std::vector<Decimal> values;                      // the KPI's values, as asked
    std::vector<std::vector<std::int64_t>> amounts;   // per value, per component (minor units)
    std::vector<std::int64_t> total;                  // per value
};

// `person` paid once per value of input `kpi` (values as given, in order). std::invalid_argument
// for an unknown KPI or role, no values or more than kMaxCurvePoints; DataError / EvalError
// (batch::check) when a value is not a valid input (e.g. below the input's min) or pay fails.
PayCurve pay_curve(const CompiledScheme& scheme, const BoundParameters& params, const PersonInputs& person, const std::string& kpi,
                   const std::vector<Decimal>& values, unsigned threads = 0);

// CSV: person, role, kpi, value, before, after, then the after-scheme's components. `before` is the
// same person's curve under the base scheme (pass `after` twice when there is no what-if).
std::string curve_csv(const PayCurve& before, const PayCurve& after, data::CellGuard guard = data::CellGuard::spreadsheet);
// A short table for the terminal (at most `max_rows` values, evenly spread), with the base
// scheme's pay beside when `before` is given.
std::string curve_text(const PayCurve& after, const PayCurve* before = nullptr, std::size_t max_rows = 12);

}  // namespace motiv::whatif
