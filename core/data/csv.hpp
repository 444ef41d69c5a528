// CSV reading and writing (RFC 4180) for the data files motiv reads: KPIs, people, adjustments.
//
// Input is untrusted: a file may be hand-edited, exported from a spreadsheet or simply wrong.
// The parser therefore reports every problem it finds at once (file, physical line, column index
// and column name), so an author fixes a file in one pass, and it refuses input beyond fixed limits
// so that a hostile or broken file cannot make it allocate without bound.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motiv::data {

// Limits for untrusted input; exceeding one is motiv.data_error.107.
inline constexpr std::size_t kCsvMaxRows = 1'000'000;    // data rows, header not counted
inline constexpr std::size_t kCsvMaxColumns = 1'024;     // cells in any one row
inline constexpr std::size_t kCsvMaxCellBytes = 65'536;  // bytes in one cell, after unquoting
inline constexpr std::size_t kCsvMaxIssues = 100;        // problems reported before giving up

// A CSV file read whole: header plus rows of raw string cells. RFC 4180.
struct CsvTable {
    std::string source;                          // file path or "<string>", used in error messages
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;  // each row has exactly header.size() cells
    std::vector<std::size_t> row_lines;          // 1-based physical line number where each row starts
    // Read in the Russian-Excel dialect (';' between fields): its numbers have a decimal comma,
    // "1234,56"; a reader of numbers passes each cell through decimal_point().
    bool decimal_comma = false;

    // Index of a column by exact (case-sensitive) name, std::nullopt when there is none.
    [[nodiscard]] std::optional<std::size_t> column(std::string_view name) const;
};

// Parses CSV text. Accepts a UTF-8 BOM (skipped), LF or CRLF line ends (a lone CR also ends a
// line), quoted fields with "" escapes, embedded newlines inside quotes (kept byte for byte), a
// trailing newline or not, and skips empty lines. Cells are not trimmed.
//
// Throws motiv::DataError holding every problem found, each an Issue with file = source,
// line = physical line, column = 1-based column index, field = column name where known:
//   motiv.data_error.101  empty input, no header line
//   motiv.data_error.102  empty (or blank) or duplicate header name
//   motiv.data_error.103  a row with fewer or more cells than the header ("expected N cells, got M")
//   motiv.data_error.104  a quoted field not closed before the end of the file
//   motiv.data_error.105  a quote inside an unquoted field, or text after a closing quote
//   motiv.data_error.106  invalid UTF-8 (or a UTF-16 file)
//   motiv.data_error.107  a limit above exceeded (rows, columns, cell bytes, number of problems);
//                         parsing stops there
//   motiv.data_error.109  the file is an Excel workbook (XLSX or XLS), not CSV: one message saying
//                         how to save it as CSV, instead of a hundred garbled-row errors
// `delimiter` must be an ASCII character other than '"', CR or LF (std::invalid_argument otherwise).
// Without one, it is detected (detect_delimiter): ',' or, for the Russian-Excel dialect, ';' --
// then the table's decimal_comma is set.
CsvTable parse_csv(std::string_view text, std::string source, std::optional<char> delimiter = std::nullopt);

// The delimiter of CSV text: ';' when its first line (after a BOM) holds a ';' and no ',' -- what
// Excel in a Russian locale and motiv's csv-excel-ru write -- else ','.
char detect_delimiter(std::string_view text);

// A cell of the decimal-comma dialect as a number's text: "1234,56" -> "1234.56", "-0,5%" -> "-0.5%".
// Only a cell with one ',' and no '.' changes; anything else is returned as is, so that a malformed
// number is refused by the number reader rather than guessed at.
std::string decimal_point(std::string_view cell);

// parse_csv without the table: on_header gets the table's head once (source, header, dialect; no
// rows) unless the header has a problem, then on_row each data row (its cells, exactly
// header.size() of them, which the callee may move from, and the physical line where it starts),
// in file order, as it is read -- so a million-row file is never a million rows of strings.
// Rows are passed only while the file has no problem so far; the same problems as parse_csv are
// thrown at the end (or at once for an unreadable start), after the rows read before them.
void for_each_csv_row(std::string_view text, std::string source, std::optional<char> delimiter,
                      const std::function<void(const CsvTable& head)>& on_header,
                      const std::function<void(std::vector<std::string>& cells, std::size_t line)>& on_row);

// Reads a file and parses it with parse_csv (source = path). motiv::IoError "motiv.io_error.001"
// naming the path when it cannot be opened or read; "motiv.io_error.004" when larger than 1 GiB.
CsvTable read_csv_file(const std::string& path, std::optional<char> delimiter = std::nullopt);

// Quotes a field if it contains the delimiter, a quote, CR or LF (RFC 4180); quotes are doubled.
std::string csv_escape(std::string_view field, char delimiter = ',');

// Whether a CSV is for a person (a spreadsheet may open it: cells that could run as formulas are
// neutralised, see spreadsheet_cell.hpp) or for a machine (cells as they are).
enum class CellGuard { spreadsheet, raw };

// Appends one CSV line: fields escaped, joined by delimiter, terminated by "\n". A row made of a
// single empty field is written as "" so that it is not read back as a skipped empty line.
// Safe for spreadsheets unless told `raw`: every CSV a person may open is (issue 17).
void append_csv_row(std::string& out, const std::vector<std::string>& fields, char delimiter = ',', CellGuard guard = CellGuard::spreadsheet);

}  // namespace motiv::data
