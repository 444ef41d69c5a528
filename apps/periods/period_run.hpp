// Pays one period with carried state, or a sequence of them: the multi-period engine.
//
// pay_period is a pure function of (scheme, period, inputs, state in) -> (payslips, state out);
// nothing is kept between calls except what the returned state holds. Each person's payslip is the
// single-period engine's (compute_payslip), then, in this order:
//   1. bonuses of the person's role (advance or true-up)             periods/bonus.hpp
//   2. team overrides, in a second pass over everyone's lines so far  periods/team_override.hpp
//   3. retro differences for corrected past periods                   periods/retro.hpp
//   4. clawbacks of deals cancelled by the period's last day          periods/clawback.hpp
//   5. the draw, on the pay so far                                    periods/draw.hpp
// Periods must follow the state's last period month by month (a fresh state starts anywhere).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/engine/compiled_scheme.hpp"
#include "core/engine/compute.hpp"
#include "apps/periods/cancellation.hpp"
#include "apps/periods/retro.hpp"
#include "apps/periods/state.hpp"

namespace motiv::periods {

// Corrected inputs of a past period, paid as a retro difference now.
struct Correction {
    Period period;
    PersonInputs inputs;
};

struct PeriodInputs {
    std::vector<PersonInputs> people;          // who is paid this period, with their inputs
    std::vector<Cancellation> cancellations;   // all known; each is handled once, in the period its cancel date falls in (or the first after)
    std::vector<Correction> corrections;       // corrected inputs of past periods
    std::vector<Period> recompute;             // past periods to recompute from stored inputs (a corrected rule file)
    std::optional<RulesChange> accept_rules_change;
    Explain explain = Explain::full;
};

struct PersonPeriod {
    Payslip payslip;                 // the engine's lines, then the lines above; total = what is paid
    Decimal earned;                  // the engine's total alone
    std::vector<std::string> notes;  // what changed in the state without a line (forgiveness, ...)
};

struct PeriodPay {
    Period period;
    std::vector<PersonPeriod> people;  // in input order
    std::vector<std::string> notes;    // about people not paid this period (leavers)
    CarriedState state;                // the state after this period
};

// Throws DataError (state out of sequence, a cancellation or correction that matches nothing),
// RuleError (recomputing with another rule file, unaccepted) or EvalError; never half-applies.
PeriodPay pay_period(const CompiledScheme& scheme, const Period& period, const PeriodInputs& inputs, CarriedState state);

// Pays from..to (inclusive) month by month; `inputs_for` gives each period's inputs.
std::vector<PeriodPay> pay_periods(const CompiledScheme& scheme, const Period& from, const Period& to,
                                   const std::function<PeriodInputs(const Period&)>& inputs_for, CarriedState state);

// The month after `p`.
Period next_period(const Period& p);

}  // namespace motiv::periods
