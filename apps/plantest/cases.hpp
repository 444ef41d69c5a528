// Plan tests as data: a file of cases shipped next to a rule file (rules/x.json -> rules/x.cases.json)
// giving inputs and the pay expected, line by line and in total. `motiv test` and motiv.run_cases()
// run them and list every difference, so a company checks its plan as it edits it.
//
// Cases file (JSON; amounts as strings or integers, read exactly):
//   { "motiv_cases": 1, "period": "2026-10",
//     "cases": [ { "name": "hunter at 112% of quota", "role": "hunter",
//                  "period": "2026-11",                    (optional, else the file's)
//                  "inputs": {"revenue": "1120000.00"},
//                  "start_date": "2026-10-17", "end_date": "...",   (optional, with proration)
//                  "expect": {"total": "101200.00", "lines": {"commission": "76200.00"}} },
//                { "name": "...", "role": "...", "inputs": {...}, "expect_error": "motiv.eval_error.501" } ] }
// `lines` may list some lines only; `total` is optional; at least one expectation is required.
//
// A sequence case pays several months in order with carried state (periods/period_run.hpp), for
// the multi-period rules (draws, clawbacks, bonuses, overrides, retro). Each month lists who is
// paid and with what; a person absent from a month has left:
//   { "name": "draw advanced, then recovered", "people": {"h-01": {"role": "hunter", "manager": "m-01"}},
//     "cancellations": [ {"deal": "D-7", "person": "h-01", "amount": "200000.00", "paid_period": "2026-01",
//                         "payment_date": "2026-01-31", "cancel_date": "2026-02-20"} ],      (optional)
//     "months": [ { "period": "2026-01", "inputs": {"h-01": {"revenue": "100000.00"}},
//                   "corrections": [ {"period": "2025-12", "person": "h-01", "inputs": {...}} ],  (optional)
//                   "expect": {"h-01": {"total": "40000.00", "lines": {"draw_advance": "15000.00"},
//                                       "draw_balance": "15000.00", "clawback_pending": "0.00"}} } ] }
// The months start from a fresh state; a month that fails ends the case (later ones need its state).
#pragma once

#include <string>
#include <vector>

namespace motiv::plantest {

struct CaseResult {
    std::string name;
    bool passed = false;
    std::vector<std::string> differences;  // "line commission: expected 76,200.00, got 76,000.00 (off by -200.00)"
};

struct CasesReport {
    std::string rules, cases;
    std::vector<CaseResult> results;
    [[nodiscard]] std::size_t failed() const;
};

// "rules/three_tier.json" -> "rules/three_tier.cases.json".
std::string default_cases_path(const std::string& rules_path);

// Loads the rule file and the cases file and runs every case. Throws RuleError for a bad rule
// file or a malformed cases file (naming the cases file and the JSON pointer), IoError when
// unreadable. A case whose computation fails is a failed case (its error is the difference),
// unless it expects exactly that error.
CasesReport run_cases(const std::string& rules_path, const std::string& cases_path);

}  // namespace motiv::plantest
