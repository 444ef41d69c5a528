// One entry point for "pay and report from a logs directory", shared by the CLI and Python: load
// the rule file's logs section, read and check the logs, derive the period, pay it, build the report.
// Everything is computed before anything is written, so a failure leaves no output behind.
#pragma once

#include <string>
#include <vector>

#include "apps/export/provenance.hpp"
#include "apps/logs/derive.hpp"
#include "apps/logs/log_rules.hpp"
#include "apps/logs/report.hpp"

namespace motiv::logs {

struct LogsRun {
    LogRules rules;
    LogSet logs;
    Department dept;
    payroll::PayrollRun payroll;
    std::vector<Table> report;  // report(); the payroll CSV is exports::to_csv(payroll, ...)
    std::string data_sha256;    // of the log files read (LogTables::sha256): the exports' data hash
    std::vector<std::string> log_files;  // the log files read (LogTables::paths)
};

// `rules_text`/`source`: the rule file the compiled scheme was loaded from. Throws RuleError (no or
// a bad logs section), DataError (bad logs, a KPI unfit for its input, nobody employed in the
// period: motiv.data_error.307), IoError (a missing log file), EvalError.
LogsRun run_logs(std::string_view rules_text, const std::string& source, const CompiledScheme& scheme, const std::string& dir,
                 const Period& period);

// The exports' provenance of a run over the logs directory `dir`: data_source names the directory,
// data_sha256 is the logs' hash (LogTables::sha256).
exports::Provenance provenance(const LogsRun& run, const Scheme& scheme, const std::string& dir);

}  // namespace motiv::logs
