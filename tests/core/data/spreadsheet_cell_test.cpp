// CSV injection (issue 17, OWASP): cells a spreadsheet could run are neutralised; numbers stay numbers.
#include "core/data/spreadsheet_cell.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/data/csv.hpp"

TEST_CASE("a cell a spreadsheet could run gets a leading apostrophe; plain numbers stay numeric", "[data][csv][hostile]") {
    const auto [cell, safe] = GENERATE(table<std::string, std::string>({
        {"=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"},
        {"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
        {"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
        {"@SUM(1)", "'@SUM(1)"},
        {"\tTAB", "'\tTAB"},
        {"\rCR", "'\rCR"},
        {"-", "'-"},
        {"-.5", "'-.5"},
        {"Анна", "Анна"},
        {"a=b", "a=b"},
        {"", ""},
        // amounts motiv formats itself: a sign, digits, one separator, an optional percent sign
        {"-4000.00", "-4000.00"},
        {"-4000,00", "-4000,00"},
        {"+7", "+7"},
        {"-12.5%", "-12.5%"},
        {"47460.00", "47460.00"},
    }));
    CHECK(motiv::data::spreadsheet_safe(cell) == safe);
}

TEST_CASE("CSV rows are safe for spreadsheets unless a machine asks for raw cells", "[data][csv][hostile]") {
    const std::vector<std::string> row = {"=1+1", "-4000.00", "@x"};
    std::string safe, raw;
    motiv::data::append_csv_row(safe, row);
    motiv::data::append_csv_row(raw, row, ',', motiv::data::CellGuard::raw);
    CHECK(safe == "'=1+1,-4000.00,'@x\n");
    CHECK(raw == "=1+1,-4000.00,@x\n");
}
