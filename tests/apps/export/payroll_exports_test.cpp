// Export formats by name, where several go from one --out, and the XLSX and JSON Lines renderers.
#include "apps/export/payroll_exports.hpp"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "apps/export/jsonl_export.hpp"
#include "apps/export/xlsx_export.hpp"
#include "core/rules/loader.hpp"
#include "tests/apps/export/export_fixture.hpp"

using namespace motiv;
using exports::Format;

TEST_CASE("formats by name and the files several formats go to", "[export]") {
    CHECK(exports::parse_format("csv-excel-ru") == Format::csv_excel_ru);
    CHECK_FALSE(exports::parse_format("xls"));
    auto paths = [](const std::vector<Format>& f, const std::string& out) {
        std::vector<std::string> p;
        for (const auto& x : exports::plan_files(f, out)) p.push_back(x.path);
        return p;
    };
    CHECK(paths({Format::xlsx}, "out/pay.data") == std::vector<std::string>{"out/pay.data"});  // one format: --out as given
    CHECK(paths(exports::all_formats(), "out/payroll.csv") ==
          std::vector<std::string>{"out/payroll.csv", "out/payroll.excel-ru.csv", "out/payroll.xlsx", "out/payroll.jsonl"});
    CHECK(paths({Format::csv, Format::jsonl, Format::csv}, "p") == std::vector<std::string>{"p.csv", "p.jsonl"});
    CHECK(paths({Format::csv, Format::xlsx}, "p.excel-ru.csv") == std::vector<std::string>{"p.csv", "p.xlsx"});
}

TEST_CASE("JSON Lines: one record per payslip line with its provenance and explanation", "[export][jsonl]") {
    const std::string text = exports::to_jsonl(test::example_run_explained(), test::example_provenance());
    const auto lines = test::split_lines(text);
    // 5 operators x 2 lines + 5 hunters x 3 + 4 farmers x 3 = 37.
    REQUIRE(lines.size() == 37);
    const auto h01 = nlohmann::json::parse(lines[11]);  // op-01..op-05 (10 lines), then h-01's salary, commission
    CHECK(h01["person"] == "h-01");
    CHECK(h01["component"] == "commission");
    CHECK(h01["amount"] == "89000.00");
    CHECK(h01["amount_minor"] == 8'900'000);
    CHECK(h01["rules_sha256"] == test::three_tier_scheme()->scheme().sha256);
    CHECK(h01["data_sha256"] == test::example_provenance().data_sha256);
    CHECK(h01["explanation"]["label"] == "commission");
    CHECK(lines[11].rfind("{\"scheme\":\"three_tier\",\"version\":\"2026.2\",\"period\":\"2026-10\",", 0) == 0);  // fixed key order
}

TEST_CASE("XLSX: a zip workbook; an amount beyond 2^53 minor units is refused, not rounded", "[export][xlsx]") {
    const std::string bytes = exports::to_xlsx(test::example_run_explained(), test::example_provenance());
    CHECK(bytes.rfind("PK\x03\x04", 0) == 0);
    const auto cs = CompiledScheme::compile(load_scheme(R"({
      "motiv": 1, "scheme": {"name": "big", "version": "1"}, "currency": {"code": "RUB", "minor_units": 2},
      "inputs": {"revenue": {"type": "money"}}, "parameters": {},
      "roles": {"r": {"components": [{"id": "pay", "kind": "fixed", "amount": "revenue"}]}}
    })", "big.json"));
    PersonInputs p;
    p.id = "p-1";
    p.role = "r";
    p.values = {Decimal::parse("90071992547409.92")};  // 2^53 kopecks: still exact
    CHECK_NOTHROW(exports::to_xlsx(payroll::run(*cs, test::kOctober, {p}), test::example_provenance()));
    p.values = {Decimal::parse("-90071992547409.93")};
    try {
        (void)exports::to_xlsx(payroll::run(*cs, test::kOctober, {p}), test::example_provenance());
        FAIL("expected IoError");
    } catch (const IoError& e) {
        CHECK(e.id() == "motiv.io_error.005");
        CHECK_THAT(std::string(e.what()), Catch::Contains("beyond 2^53"));
    }
}

TEST_CASE("write_files refuses before writing anything when one target exists", "[export]") {
    const auto dir = std::filesystem::temp_directory_path() / ("motiv-export-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string csv = (dir / "p.csv").string(), jsonl = (dir / "p.jsonl").string();
    io::write_file_atomically(jsonl, "old\n", io::Overwrite::replace);
    const auto files = exports::plan_files({Format::csv, Format::jsonl}, (dir / "p").string());
    const auto& s = test::three_tier_scheme()->scheme();
    CHECK_THROWS_AS(exports::write_files(files, test::example_run_explained(), s, test::example_provenance(), io::Overwrite::refuse), IoError);
    CHECK_FALSE(std::filesystem::exists(csv));
    CHECK(io::read_file(jsonl) == "old\n");
    exports::write_files(files, test::example_run_explained(), s, test::example_provenance(), io::Overwrite::replace);
    CHECK(io::read_file(jsonl).rfind("{\"scheme\"", 0) == 0);
    CHECK(std::filesystem::exists(csv));
    std::filesystem::remove_all(dir);
}
