#include "apps/export/csv_dialect.hpp"

#include <stdexcept>

namespace motiv::exports {

CsvDialect csv_standard() { return CsvDialect{"csv", ',', '.', Encoding::utf8, "\n", true}; }

CsvDialect csv_raw() { return CsvDialect{"csv-raw", ',', '.', Encoding::utf8, "\n", false}; }

CsvDialect csv_excel_ru() { return CsvDialect{"csv-excel-ru", ';', ',', Encoding::utf8_bom, "\r\n", true}; }

std::optional<CsvDialect> csv_dialect(std::string_view name) {
    for (auto make : {&csv_standard, &csv_excel_ru, &csv_raw}) {
        CsvDialect d = make();
        if (d.name == name) return d;
    }
    return std::nullopt;
}

std::vector<std::string> csv_dialect_names() { return {csv_standard().name, csv_excel_ru().name, csv_raw().name}; }

void check_dialect(const CsvDialect& d) {
    const bool printable = d.delimiter > ' ' && d.delimiter < 0x7F;
    if ((!printable && d.delimiter != '\t') || d.delimiter == '"')
        throw std::invalid_argument("CSV delimiter must be a printable ASCII character other than '\"', or a tab");
    if (d.decimal_separator != '.' && d.decimal_separator != ',')
        throw std::invalid_argument("CSV decimal separator must be '.' or ','");
    if (d.decimal_separator == d.delimiter)
        throw std::invalid_argument(std::string("CSV decimal separator and delimiter are both '") + d.delimiter + "'");
    if (d.line_end != "\n" && d.line_end != "\r\n") throw std::invalid_argument("CSV line end must be LF or CRLF");
}

}  // namespace motiv::exports
