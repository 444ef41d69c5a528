#include "core/export/csv_dialect.hpp"

namespace motiv::exports {

CsvDialect csv_standard() { return CsvDialect{"csv", ',', '.', Encoding::utf8, "\n", false}; }

CsvDialect csv_excel_ru() { return CsvDialect{"csv-excel-ru", ';', ',', Encoding::utf8_bom, "\r\n", true}; }

std::optional<CsvDialect> csv_dialect(std::string_view name) {
    for (auto make : {&csv_standard, &csv_excel_ru}) {
        CsvDialect d = make();
        if (d.name == name) return d;
    }
    return std::nullopt;
}

std::vector<std::string> csv_dialect_names() { return {csv_standard().name, csv_excel_ru().name}; }

}  // namespace motiv::exports
