// Quarterly and annual bonuses: monthly advances, trued up at the end of the quarter or year.
//
// The bonus is whatever role `computed_by` pays (its components, tiers and rounding: the single-
// period engine, reused) on the span's totals so far: each `totals` input summed over the span's
// months in the person's history, the other inputs as in the current month. In a month before the
// span's last, the advance is advance x that amount minus what was already advanced (never below
// zero: advances are not taken back mid-span). In the span's last month the line is the amount
// minus all advances -- the true-up; if negative it is recovered or forgiven as the rule declares.
#pragma once

#include <string>

#include "core/engine/compiled_scheme.hpp"
#include "core/engine/compute.hpp"
#include "apps/periods/state.hpp"
#include "core/rules/period_rules.hpp"

namespace motiv::periods {

// "2026-Q1" for a quarter, "2026" for a year.
std::string span_of(BonusRule::Span span, const Period& period);
// Whether `period` is the last month of its span.
bool span_ends(BonusRule::Span span, const Period& period);

// The bonus line of `person` for `params.period`; `state.history` must already hold this period's
// record. Updates the advances in `state`.
PayLine bonus_line(const CompiledScheme& scheme, const BoundParameters& params, const BonusRule& rule, const PersonInputs& person,
                   PersonState& state, Explain explain);

}  // namespace motiv::periods
