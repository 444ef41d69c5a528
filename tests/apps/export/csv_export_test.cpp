// The payroll CSV: declared columns, dialects, the TOTAL row, provenance.
#include "apps/export/csv_export.hpp"

#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "core/io/sha256.hpp"
#include "tests/apps/export/export_fixture.hpp"

using namespace motiv;
using motiv::test::example_provenance;
using motiv::test::example_run_explained;
using motiv::test::split_lines;

TEST_CASE("the standard CSV: one row per person, the TOTAL row, provenance in every row", "[export][csv]") {
    const auto& s = test::three_tier_scheme()->scheme();
    const std::string csv = exports::to_csv(example_run_explained(), s, example_provenance(), exports::csv_standard());
    const std::string rules = s.sha256;
    const std::string data = io::sha256_hex(io::read_file(test::kExample));
    CHECK(example_provenance().data_sha256 == data);
    const std::string tail = ",three_tier,2026.2," + rules + "," + data;
    const auto rows = split_lines(csv);
    REQUIRE(rows.size() == 16);  // header, 14 people, TOTAL; the file ends in "\n"
    CHECK(csv.back() == '\n');
    CHECK(rows[0] == "id,name,role,period,salary,bonus,commission,handover_penalty,no_growth_cut,total,scheme,version,rules_sha256,data_sha256");
    CHECK(rows[1] == "op-01,Анна Смирнова,operator,2026-10,42000.00,5460.00,,,,47460.00" + tail);
    CHECK(rows[6] == "h-01,Егор Лебедев,hunter,2026-10,25000.00,,89000.00,-4000.00,,110000.00" + tail);
    CHECK(rows[10] == "h-05,Павел Волков,hunter,2026-10,25000.00,,15000.04,0.00,,40000.04" + tail);
    CHECK(rows[11] == "f-01,Лев Петров,farmer,2026-10,50000.00,6250.00,,,-3125.00,53125.00" + tail);
    // TOTAL: salary 5 x 42,000 + 5 x 25,000 + 4 x 50,000 = 535,000.00; bonus 15,960 (operators) +
    // 25,000 (farmers) = 40,960.00; commission 151,642.01; handover -6,000.00; cut -5,625.00;
    // total 715,977.01 (= 535,000 + 40,960 + 151,642.01 - 6,000 - 5,625).
    CHECK(rows[15] == "TOTAL,,,2026-10,535000.00,40960.00,151642.01,-6000.00,-5625.00,715977.01" + tail);
}

TEST_CASE("every amount column of the TOTAL row is the sum of the rows to the minor unit", "[export][csv]") {
    const auto& s = test::three_tier_scheme()->scheme();
    for (const auto& dialect : {exports::csv_standard(), exports::csv_excel_ru()}) {
        CAPTURE(dialect.name);
        std::string csv = exports::to_csv(example_run_explained(), s, example_provenance(), dialect);
        if (dialect.encoding == exports::Encoding::utf8_bom) csv.erase(0, 3);
        const auto table = data::parse_csv(csv, "payroll.csv", dialect.delimiter);
        REQUIRE(table.rows.size() == 15);
        for (const char* col : {"salary", "bonus", "commission", "handover_penalty", "no_growth_cut", "total"}) {
            CAPTURE(col);
            const std::size_t c = *table.column(col);
            std::int64_t sum = 0;
            auto minor = [&](std::string cell) {
                std::replace(cell.begin(), cell.end(), dialect.decimal_separator, '.');
                return *Decimal::parse(cell)->to_minor(2);
            };
            for (std::size_t r = 0; r + 1 < table.rows.size(); ++r)
                if (!table.rows[r][c].empty()) sum += minor(table.rows[r][c]);
            CHECK(minor(table.rows.back()[c]) == sum);
        }
    }
}

TEST_CASE("csv-excel-ru: BOM, semicolons, decimal comma, CRLF", "[export][csv]") {
    const auto& s = test::three_tier_scheme()->scheme();
    const std::string csv = exports::to_csv(example_run_explained(), s, example_provenance(), exports::csv_excel_ru());
    REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);
    const auto rows = split_lines(csv.substr(3), "\r\n");
    REQUIRE(rows.size() == 16);
    CHECK(csv.find('\n') == csv.find("\r\n") + 1);  // every line ends in CRLF
    CHECK(rows[0].rfind("id;name;role;period;salary;bonus;commission;handover_penalty;no_growth_cut;total;scheme;version;", 0) == 0);
    CHECK(rows[8].rfind("h-03;Иван Новиков;hunter;2026-10;25000,00;;2000,00;-2000,00;;25000,00;three_tier;2026.2;", 0) == 0);
    CHECK(rows[15].rfind("TOTAL;;;2026-10;535000,00;40960,00;151642,01;-6000,00;-5625,00;715977,01;", 0) == 0);
}

TEST_CASE("declared columns: person data, inputs as used, chosen components; provenance always added", "[export][csv]") {
    const auto& s = test::three_tier_scheme()->scheme();
    const auto& run = example_run_explained();
    const std::string csv = exports::to_csv(run, s, example_provenance(), exports::csv_standard(), {"id", "revenue", "overdue_handovers", "commission", "total"});
    const auto rows = split_lines(csv);
    CHECK(rows[0] == "id,revenue,overdue_handovers,commission,total,period,scheme,version,rules_sha256,data_sha256");
    // op-01 reads neither input and has no commission; h-05 left overdue_handovers empty: its default 0 was used.
    CHECK(rows[1].rfind("op-01,,,,47460.00,2026-10,", 0) == 0);
    CHECK(rows[10].rfind("h-05,300000.50,0,15000.04,40000.04,2026-10,", 0) == 0);
    CHECK(rows[15].rfind("TOTAL,,,151642.01,715977.01,2026-10,", 0) == 0);

    CHECK_THROWS_WITH(exports::to_csv(run, s, example_provenance(), exports::csv_standard(), {"id", "revenu"}),
                      Catch::StartsWith("unknown CSV column 'revenu'; expected one of: id, name, role, period, total,"));
    CHECK_THROWS_WITH(exports::to_csv(run, s, example_provenance(), exports::csv_standard(), {"id", "total", "id"}),
                      "CSV column 'id' is declared twice");
}

TEST_CASE("text cells are quoted as needed, and guarded against formulas in both spreadsheet dialects, raw only for machines", "[export][csv][hostile]") {
    const auto& s = test::three_tier_scheme()->scheme();
    PersonInputs p;
    p.id = "h-1";
    p.name = "=HYPERLINK(\"x\"); Smith, Jo";
    p.role = "hunter";
    p.values.assign(s.inputs.size(), std::nullopt);
    p.values[test::input_index(s, "revenue")] = Decimal::parse("0");
    const auto run = payroll::run(*test::three_tier_scheme(), test::kOctober, {p});
    const auto pv = exports::make_provenance(s, "2026-10", "people.csv", "");
    const auto plain = split_lines(exports::to_csv(run, s, pv, exports::csv_standard()));
    CHECK(plain[1].rfind("h-1,\"'=HYPERLINK(\"\"x\"\"); Smith, Jo\",hunter,2026-10,25000.00,,0.00,0.00,,25000.00,", 0) == 0);
    // For machines only: every cell as it is.
    const auto raw = split_lines(exports::to_csv(run, s, pv, exports::csv_raw()));
    CHECK(raw[1].rfind("h-1,\"=HYPERLINK(\"\"x\"\"); Smith, Jo\",hunter,2026-10,25000.00,,0.00,0.00,,25000.00,", 0) == 0);
    const auto excel = split_lines(exports::to_csv(run, s, pv, exports::csv_excel_ru()).substr(3), "\r\n");
    CHECK(excel[1].rfind("h-1;\"'=HYPERLINK(\"\"x\"\"); Smith, Jo\";hunter;2026-10;25000,00;;0,00;0,00;;25000,00;", 0) == 0);
}

TEST_CASE("dialect presets by name", "[export][csv]") {
    CHECK(exports::csv_dialect("csv")->delimiter == ',');
    CHECK(exports::csv_dialect("csv-excel-ru")->decimal_separator == ',');
    CHECK_FALSE(exports::csv_dialect("excel"));
    CHECK(exports::csv_dialect_names() == std::vector<std::string>{"csv", "csv-excel-ru", "csv-raw"});
    CHECK_FALSE(exports::csv_dialect("csv-raw")->guard_formulas);
}

TEST_CASE("a declared dialect: any delimiter, decimal separator, BOM and line end that read back unambiguously", "[export][csv]") {
    const auto& s = test::three_tier_scheme()->scheme();
    exports::CsvDialect tab{"custom", '\t', ',', exports::Encoding::utf8, "\r\n", false};
    const std::string csv = exports::to_csv(example_run_explained(), s, example_provenance(), tab, {"id", "total"});
    CHECK(csv.rfind("id\ttotal\tperiod\t", 0) == 0);
    CHECK_THAT(csv, Catch::Contains("\r\nh-04\t55641,97\t2026-10\t"));
    using D = exports::CsvDialect;
    const std::pair<D, std::string> bad[] = {
        {D{"x", '"', '.', exports::Encoding::utf8, "\n", false}, "CSV delimiter must be a printable ASCII character other than '\"', or a tab"},
        {D{"x", '\n', '.', exports::Encoding::utf8, "\n", false}, "CSV delimiter must be a printable ASCII character other than '\"', or a tab"},
        {D{"x", ';', ';', exports::Encoding::utf8, "\n", false}, "CSV decimal separator must be '.' or ','"},
        {D{"x", ',', ',', exports::Encoding::utf8, "\n", false}, "CSV decimal separator and delimiter are both ','"},
        {D{"x", ',', '.', exports::Encoding::utf8, "\r", false}, "CSV line end must be LF or CRLF"},
    };
    for (const auto& [d, message] : bad) {
        CAPTURE(message);
        CHECK_THROWS_WITH(exports::to_csv(example_run_explained(), s, example_provenance(), d), message);
    }
}
