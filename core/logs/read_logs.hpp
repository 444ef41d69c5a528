// Reads a department's logs from CSV files and checks them row by row.
//
// A logs directory holds staff.csv, clients.csv, calls.csv, deals.csv, contacts.csv and, when the
// rules declare currencies, the exchange-rate file they name. Columns (README, "Logs"):
//   staff.csv     id, name, role, [team], [hired], [left], [manager]
//   clients.csv   id, name, group, state (active|dormant), [owner], [handed_over]
//   calls.csv     operator, client, time (YYYY-MM-DD[THH:MM[:SS]]), duration_sec, outcome
//                 (meeting|sale|refusal|no_answer), [reason], [script_score]
//   deals.csv     id, client, date, amount, [currency], status (closed|paid|cancelled), [paid_date],
//                 [credited] ("h-01" or "h-01:60;h-02:40", percent shares adding up to 100), [product]
//   contacts.csv  manager, client, date, kind (call|meeting|email)
//   rates file    date, currency, rate (units of the scheme's currency per unit)
// Every problem of every file is collected and thrown as one DataError, each naming the file, the
// line, the column and what was expected: motiv.data_error.401 missing column, .402 bad value,
// .403 unknown reference (a staff id, client, group, role or reason code that is not declared),
// .404 duplicate id, .405 credit shares that do not add up to 100, .406 no exchange rate in force.
#pragma once

#include <optional>
#include <string>

#include "core/data/csv.hpp"
#include "core/logs/log_rules.hpp"
#include "core/logs/records.hpp"
#include "core/rules/scheme.hpp"

namespace motiv::logs {

struct LogTables {
    data::CsvTable staff, clients, calls, deals, contacts;
    std::optional<data::CsvTable> rates;  // when the rules name a rates file
};

// Reads the files of `dir` (IoError naming a missing file).
LogTables read_log_tables(const std::string& dir, const LogRules& rules);

// Validates and cross-checks the tables; throws DataError listing every problem.
LogSet read_logs(const LogTables& tables, const LogRules& rules, const Scheme& scheme);

inline LogSet read_logs_dir(const std::string& dir, const LogRules& rules, const Scheme& scheme) {
    return read_logs(read_log_tables(dir, rules), rules, scheme);
}

// The exchange rate in force on `day` for `currency` (the latest dated on or before it), or nullptr.
const ExchangeRate* rate_on(const LogSet& logs, std::string_view currency, const Date& day);

}  // namespace motiv::logs
