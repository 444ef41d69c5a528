// Lines the periods engine adds to a payslip (draws, clawbacks, bonuses, overrides, retro
// differences), made and appended in one place so that every one is explained and the lines still
// add up to the total to the minor unit.
#pragma once

#include <string>

#include "core/engine/payslip.hpp"
#include "core/money/decimal.hpp"

namespace motiv::periods {

// A line of `amount` (exact in the currency's minor units, else EvalError motiv.eval_error.503)
// whose explanation root is `summary` itself, with `children` as its derivation.
PayLine make_line(const std::string& id, const std::string& label, const std::string& kind, const std::string& pointer, Decimal amount,
                  int minor_units, const std::string& summary, std::vector<Explanation> children = {});

// Appends `line` and adds it to the total; EvalError motiv.eval_error.502 on overflow.
void append_line(Payslip& slip, PayLine line);

// a + b, or EvalError motiv.eval_error.502 naming `what` and the rule at `pointer` on overflow
// (sums of untrusted inputs: a quarter's volumes, a month's cancelled deals).
Decimal checked_add(Decimal a, Decimal b, const std::string& pointer, const std::string& what);

// "60,000.00": an amount as explanations show it.
std::string show(Decimal amount, int minor_units);

// A leaf of an explanation: "label = value" with the pointer it comes from.
Explanation fact(const std::string& label, const std::string& value, const std::string& pointer = "");

}  // namespace motiv::periods
