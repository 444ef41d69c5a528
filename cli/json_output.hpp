// What `--json` prints: every command that prints results can print them as one JSON document on
// standard output instead of text (docs/cli.md lists them). Amounts are strings holding the exact
// decimal ("110000.00"): a JSON number would be read as binary floating point by most consumers.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "core/payroll/payroll.hpp"

namespace motiv::cli {

// The rows of a CSV text written by motiv as JSON objects keyed by its header, every cell a string
// as written (the exact amounts of the CSV, never re-rounded).
nlohmann::json csv_records(std::string_view csv, const std::string& source);

// The payroll summary as printed by payroll::summary_text: period, currency, people, total, and per
// role its people, total, average and component sums.
nlohmann::json payroll_summary_json(const payroll::PayrollRun& run);
// The same from a run's totals (a run streamed from a file holds no payslips).
nlohmann::json payroll_summary_json(const payroll::RunTotals& totals, const std::string& period, const std::string& currency, int minor_units);

// An issue (core/errors.hpp) with its named fields; empty and zero fields left out.
nlohmann::json issue_json(const Issue& issue);

// Prints `doc` on standard output, indented, with a final newline.
void print_json(const nlohmann::json& doc);

}  // namespace motiv::cli
