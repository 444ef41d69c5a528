// One log file as rows of text cells, read from CSV or from JSON, remembering where every row is.
//
// read_logs.cpp checks the cells of both formats with the same code: a JSON log becomes the same
// table of text cells as the CSV (a JSON number is its literal text, exactly as written), and only
// the place named in an error differs -- "calls.csv:12:4" for CSV, "calls.json (/10/duration_sec)"
// (a JSON pointer) for JSON.
//
// JSON shape: an array of objects, one per row, whose keys are the CSV's column names:
//   [{"operator": "op-01", "client": "pr-1", "time": "2026-10-05T09:00", "duration_sec": 600,
//     "outcome": "meeting", "script_score": 0.9}, ...]
// A value is a string or a number; null or a missing key is an empty cell (an optional field left
// out). Anything else -- a boolean, an array, an object, a document that is not an array of objects
// -- is refused, as is invalid JSON. Untrusted input: the text is read by parse_json_exact (exact
// numbers, duplicate keys refused, nesting <= 64) and limited to kJsonLogMaxBytes and the CSV
// limits of rows, columns and cell bytes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/csv.hpp"

namespace motiv::logs {

inline constexpr std::size_t kJsonLogMaxBytes = std::size_t{64} << 20;  // 64 MiB: the DOM costs ~10x the text

struct LogTable {
    std::string source;                          // the path (or "<string>"), as errors name it
    bool json = false;
    std::vector<std::string> header;             // CSV: the header; JSON: every key, in order of first use
    std::vector<std::vector<std::string>> rows;  // one cell per header entry ("" when absent)
    std::vector<std::size_t> row_lines;          // CSV: the 1-based line each row starts on
    std::vector<std::vector<bool>> present;      // JSON: whether row r gave column c a value (not null)
    std::vector<std::size_t> first_row;          // JSON: the first row that uses each column

    LogTable() = default;
    LogTable(data::CsvTable csv);  // NOLINT(google-explicit-constructor): every CSV table is a log table

    [[nodiscard]] std::optional<std::size_t> column(std::string_view name) const;
};

// Parses a JSON log. Throws DataError naming `source` and the place:
//   motiv.data_error.102  a key twice in one row (as a CSV header's duplicate column)
//   motiv.data_error.107  a limit exceeded (bytes, nesting, rows, columns, cell bytes)
//   motiv.data_error.108  invalid JSON (line and column), or not an array of objects of strings
//                         and numbers (JSON pointer)
LogTable parse_json_log(std::string_view text, std::string source);

// Reads `path` as JSON when it ends in ".json", else as CSV (data::read_csv_file). IoError
// motiv.io_error.001 (cannot read), .004 (larger than 1 GiB, or kJsonLogMaxBytes for JSON).
// `bytes`, when given, receives the file's bytes (for the logs' SHA-256).
LogTable read_log_file(const std::string& path, std::string* bytes = nullptr);

}  // namespace motiv::logs
