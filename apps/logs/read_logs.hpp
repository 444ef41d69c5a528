// Reads a department's logs from CSV or JSON files and checks them row by row.
//
// A logs directory holds staff, clients, calls, deals and contacts -- each as NAME.csv or NAME.json
// (log_table.hpp: an array of objects whose keys are the CSV's columns; both present is an error)
// -- and, when the rules declare currencies, the exchange-rate file they name (or its .json twin).
// Columns (docs/logs.md):
//   staff     id, name, role, [team], [hired], [left], [manager]
//   clients   id, name, group, state (active|dormant), [owner], [handed_over]
//   calls     operator, client, time (YYYY-MM-DD[THH:MM[:SS]]), duration_sec, outcome
//             (meeting|sale|refusal|no_answer), [reason], [script_score]
//   deals     id, client, date, amount, [currency], status (closed|paid|cancelled), [paid_date],
//             [cancelled_date], [credited] ("h-01" or "h-01:60;h-02:40", percent shares adding up
//             to 100), [product]
//   contacts  manager, client, date, kind (call|meeting|email)
//   rates     date, currency, rate (units of the scheme's currency per unit)
// Every problem of every file is collected and thrown as one DataError, each naming the file and
// the place -- line and column (CSV) or JSON pointer ("/3/duration_sec") -- and what was expected:
// motiv.data_error.401 missing or unknown column (JSON: key), .402 bad value, .403 unknown reference
// (a staff id, client, group, role or reason code that is not declared), .404 duplicate id, .405
// credit shares that do not add up to 100, .406 no exchange rate in force. The same cell gets the
// same check and the same id in both formats.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "apps/logs/log_rules.hpp"
#include "apps/logs/log_table.hpp"
#include "apps/logs/records.hpp"
#include "core/rules/scheme.hpp"

namespace motiv::logs {

struct LogTables {
    LogTable staff, clients, calls, deals, contacts;
    std::optional<LogTable> rates;  // when the rules name a rates file
    // SHA-256 of the files read (read_log_tables): in byte order of their names, each file as its
    // name, a NUL byte, its length in bytes as decimal digits, a NUL byte, then its bytes.
    std::string sha256;
    std::vector<std::string> paths;  // the files read: inputs an output set must never replace
};

// Reads the files of `dir`: IoError motiv.io_error.001 naming a missing log, .006 when a log is
// there both as .csv and as .json; DataError for a file that is not CSV or JSON of the documented shape.
LogTables read_log_tables(const std::string& dir, const LogRules& rules);

// Validates and cross-checks the tables; throws DataError listing every problem.
LogSet read_logs(const LogTables& tables, const LogRules& rules, const Scheme& scheme);

inline LogSet read_logs_dir(const std::string& dir, const LogRules& rules, const Scheme& scheme) {
    return read_logs(read_log_tables(dir, rules), rules, scheme);
}

// The exchange rate in force on `day` for `currency` (the latest dated on or before it), or nullptr.
const ExchangeRate* rate_on(const LogSet& logs, std::string_view currency, const Date& day);

}  // namespace motiv::logs
