// CSV dialects: how a payroll CSV is spelled for the program that reads it.
//
// "csv" is plain RFC 4180 (comma, decimal point, UTF-8, LF), with cells a spreadsheet could run
// as formulas neutralised; "csv-raw" the same with every cell as it is, for payroll and accounting
// imports by a program (never opened in a spreadsheet);
// "csv-excel-ru" is what Excel in a Russian locale opens correctly by double-click: ';' between
// fields (',' is the decimal separator there), decimal comma, UTF-8 with a BOM (without it Excel
// reads the file as Windows-1251 and the names turn into mojibake) and CRLF line ends.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motiv::exports {

enum class Encoding { utf8, utf8_bom };

struct CsvDialect {
    std::string name;               // "csv", "csv-excel-ru"
    char delimiter = ',';
    char decimal_separator = '.';   // of amounts and input values; there are no thousands separators
    Encoding encoding = Encoding::utf8;
    std::string line_end = "\n";
    // Cells starting with = + - @ TAB or CR (other than plain numbers) are prefixed with ' so a
    // spreadsheet shows them instead of running them as formulas (CSV injection through a
    // person's name): data/spreadsheet_cell.hpp. Off only in "csv-raw", for programs.
    bool guard_formulas = true;
};

CsvDialect csv_standard();   // "csv": safe to open in a spreadsheet
CsvDialect csv_excel_ru();   // "csv-excel-ru"
CsvDialect csv_raw();        // "csv-raw": "csv" with every cell as it is, for a program that reads it

// The preset with this name, std::nullopt for an unknown one.
std::optional<CsvDialect> csv_dialect(std::string_view name);
// Names of the presets, for help texts and error messages.
std::vector<std::string> csv_dialect_names();

// Refuses a dialect that cannot be read back unambiguously, with std::invalid_argument naming the
// field: the delimiter must be a printable ASCII character other than '"' or a tab; the decimal
// separator '.' or ',' and not the delimiter; the line end "\n" or "\r\n".
void check_dialect(const CsvDialect& d);

}  // namespace motiv::exports
