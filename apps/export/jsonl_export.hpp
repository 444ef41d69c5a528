// The payroll's line items as JSON Lines, for loading into other systems (one JSON object per
// line, UTF-8, "\n" after each).
#pragma once

#include <string>

#include "apps/export/provenance.hpp"
#include "core/payroll/payroll.hpp"

namespace motiv::exports {

// One record per payslip line, in input order then payslip order:
//   {"scheme", "version", "period", "rules_sha256", "data_sha256", "currency",
//    "person", "name", "role", "component", "label", "kind", "pointer",
//    "amount" ("89000.00", exact text), "amount_minor" (integer kopecks), "applied",
//    "summary" (one-line derivation), "explanation" (the tree of core/engine/explanation)}
// Every record carries the provenance, so a record loaded alone still names its rules and data.
// Summaries and explanations are present when the run was computed with Explain::full.
std::string to_jsonl(const payroll::PayrollRun& run, const Provenance& provenance);
// The records of one payslip, appended to `out` (a streamed run writes them as it pays).
void append_jsonl(std::string& out, const Payslip& payslip, const Provenance& provenance);

}  // namespace motiv::exports
