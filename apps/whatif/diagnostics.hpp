// Diagnostics of a scheme itself -- the source's questions answered by numbers, around a person
// exactly at target per role (whatif/profiles.hpp):
// - pay mix: fixed (lines of kind `fixed`) vs variable (every other line) pay at target, and the
//   variable share (variable / total, half-even to 4 places);
// - leverage: pay with every effort input at `stress` x target (1.5: 150%; each rounded half-even
//   to the input's precision) over pay at target, half-even to 4 places;
// - monotonicity: KPI ranges where more of the KPI pays less, naming the components that fell
//   (consecutive falling steps caused by the same components are one range);
// - cliffs: steps of a KPI where pay changes by more than `cliff`, narrowed by bisection down to
//   one unit of the KPI's precision (one call, one kopeck), naming the components that moved;
// - cost: per role and in total, at target (on-target pay x head count), at the current data (the
//   payroll) and stressed (stressed pay x head count).
// Each effort KPI is scanned over the given values, or 0 to twice the target value in about 200
// steps of whole units of its precision, with the batch engine (whatif/pay_curve.hpp).
// Behind `motiv whatif --diagnostics` and Python's motiv.whatif.diagnostics.
#pragma once

#include "core/data/csv.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "apps/whatif/profiles.hpp"

namespace motiv::whatif {

struct DiagnosticsOptions {
    std::optional<Decimal> cliff;  // report steps changing pay by more than this; nullopt: no search
    Decimal stress = Decimal::from_minor(15, 1);  // 150% of target
    std::map<std::string, std::map<std::string, std::vector<Decimal>>> ranges;  // role -> KPI -> values to scan
    unsigned threads = 0;
};

struct PayMix {
    std::string role;
    std::int64_t fixed = 0, variable = 0, total = 0;
    std::optional<Decimal> variable_share;  // nullopt for zero pay
};

struct Leverage {
    std::string role;
    std::int64_t at_100 = 0, at_stress = 0;
    Decimal stress;
    std::optional<Decimal> leverage;  // at_stress / at_100; nullopt for zero pay at target
};

struct PayDrop {  // a monotonicity warning
    std::string role, kpi;
    int places = 0;  // the KPI's precision (kpi_places), for showing from and to
    Decimal from, to;
    std::int64_t pay_from = 0, pay_to = 0;
    std::vector<std::string> rules, pointers;
};

struct Cliff {
    std::string role, kpi;
    int places = 0;
    Decimal from, to;  // one unit apart
    std::int64_t jump = 0;
    std::vector<std::string> rules, pointers;
};

struct CostCase {
    std::string name;                               // target, current, stressed
    std::vector<std::optional<std::int64_t>> role;  // per scheme role; nullopt: no profile for it
    std::int64_t total = 0;
};

struct Diagnostics {
    std::vector<std::string> roles;  // scheme order
    int minor_units = 2;
    std::optional<Decimal> cliff;
    std::vector<PayMix> pay_mix;     // one per target profile, scheme role order
    std::vector<Leverage> leverage;
    std::vector<PayDrop> monotonicity;
    std::vector<Cliff> cliffs;
    std::vector<CostCase> cost;      // empty without people
    [[nodiscard]] std::vector<std::string> warnings() const;
};

// `people` (may be null) gives head counts and the current cost. Effort inputs per role are
// profiles.effort's, by default the target profile's money, count and number inputs (scheme order).
// std::invalid_argument when there is no target profile; DataError / EvalError as a payslip.
Diagnostics diagnose(const CompiledScheme& scheme, const BoundParameters& params, const Profiles& profiles, const DiagnosticsOptions& options,
                     const std::vector<PersonInputs>* people = nullptr);

// CSVs: pay_mix (role, fixed, variable, total, variable_share); leverage (role, at_100, at_stress,
// stress, leverage); monotonicity (role, kpi, from, to, pay_from, pay_to, rules, pointers); cliffs
// (role, kpi, from, to, jump, rules, pointers); cost (case, one column per role, total).
std::string pay_mix_csv(const Diagnostics& d, data::CellGuard guard = data::CellGuard::spreadsheet);
std::string leverage_csv(const Diagnostics& d, data::CellGuard guard = data::CellGuard::spreadsheet);
std::string monotonicity_csv(const Diagnostics& d, data::CellGuard guard = data::CellGuard::spreadsheet);
std::string cliffs_csv(const Diagnostics& d, data::CellGuard guard = data::CellGuard::spreadsheet);
std::string cost_csv(const Diagnostics& d, data::CellGuard guard = data::CellGuard::spreadsheet);
std::string diagnostics_text(const Diagnostics& d);
// A KPI value as scanned: at `places` ("900000.00"), or its own text when it has more places.
std::string kpi_text(Decimal v, int places);

}  // namespace motiv::whatif
