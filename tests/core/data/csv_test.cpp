#include "core/data/csv.hpp"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "core/errors.hpp"

using motiv::Issue;
using motiv::data::CsvTable;
using motiv::data::parse_csv;

namespace {

// "[a][b] 2:[1][2]": header cells, then each row as "<line>:" and its cells. One string per table
// makes the accepted-input cases one line each.
std::string render(const CsvTable& t) {
    std::string s;
    for (const auto& h : t.header) s += "[" + h + "]";
    REQUIRE(t.rows.size() == t.row_lines.size());
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        REQUIRE(t.rows[r].size() == t.header.size());
        s += " " + std::to_string(t.row_lines[r]) + ":";
        for (const auto& c : t.rows[r]) s += "[" + c + "]";
    }
    return s;
}

std::vector<Issue> issues_of(std::string_view text, char delimiter = ',') {
    try {
        parse_csv(text, "t.csv", delimiter);
    } catch (const motiv::DataError& e) {
        return e.issues();
    }
    FAIL("expected motiv::DataError for: " << text);
    return {};
}

// (id, line, column, field): what an issue points at.
using Where = std::tuple<std::string, std::size_t, std::size_t, std::string>;
std::vector<Where> where(const std::vector<Issue>& issues) {
    std::vector<Where> out;
    for (const auto& i : issues) out.emplace_back(i.id, i.line, i.column, i.field);
    return out;
}

std::string repeat(std::string_view piece, std::size_t n) {
    std::string s;
    s.reserve(piece.size() * n);
    for (std::size_t i = 0; i < n; ++i) s += piece;
    return s;
}

}  // namespace

TEST_CASE("parse_csv accepts RFC 4180 input in its common variants", "[csv]") {
    const auto [name, text, delimiter, expected] = GENERATE(table<std::string, std::string, char, std::string>({
        {"plain", "a,b\n1,2\n3,4\n", ',', "[a][b] 2:[1][2] 3:[3][4]"},
        {"no trailing newline", "a,b\n1,2", ',', "[a][b] 2:[1][2]"},
        {"UTF-8 BOM skipped", "\xEF\xBB\xBF" "a,b\n1,2\n", ',', "[a][b] 2:[1][2]"},
        {"CRLF", "a,b\r\n1,2\r\n3,4\r\n", ',', "[a][b] 2:[1][2] 3:[3][4]"},
        {"lone CR", "a,b\r1,2\r3,4", ',', "[a][b] 2:[1][2] 3:[3][4]"},
        {"BOM and CRLF", "\xEF\xBB\xBF" "a\r\nx\r\n", ',', "[a] 2:[x]"},
        {"quoted delimiter and doubled quotes", "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n", ',',
         "[a][b] 2:[x,y][say \"hi\"]"},
        {"embedded LF", "a,b\n\"line1\nline2\",2\n3,4\n", ',', "[a][b] 2:[line1\nline2][2] 4:[3][4]"},
        {"embedded CRLF kept as is", "a,b\r\n\"x\r\ny\",2\r\n5,6\r\n", ',', "[a][b] 2:[x\r\ny][2] 4:[5][6]"},
        {"quoted header", "\"a b\",\"c\"\"d\"\n1,2\n", ',', "[a b][c\"d] 2:[1][2]"},
        {"blank lines skipped", "\n\na,b\n\n1,2\r\n\r\n\n3,4\n\n", ',', "[a][b] 5:[1][2] 8:[3][4]"},
        {"empty cells", "a,b,c\n,,\n", ',', "[a][b][c] 2:[][][]"},
        {"trailing delimiter is an empty last cell", "a,b\n1,\n", ',', "[a][b] 2:[1][]"},
        {"quoted empty cell is a row", "a\n\"\"\n", ',', "[a] 2:[]"},
        {"quoted cell at end of input", "a\n\"x\"", ',', "[a] 2:[x]"},
        {"header only", "a,b\n", ',', "[a][b]"},
        {"spaces are kept", "a,b\n 1 , 2 \n", ',', "[a][b] 2:[ 1 ][ 2 ]"},
        {"UTF-8 text", "имя,сумма\nИван,100\n", ',', "[имя][сумма] 2:[Иван][100]"},
        {"semicolon delimiter", "a;b\n\"1;5\";2,5\n", ';', "[a][b] 2:[1;5][2,5]"},
        {"tab delimiter", "a\tb\n1\t\n", '\t', "[a][b] 2:[1][]"},
    }));
    INFO(name);
    const CsvTable t = parse_csv(text, "t.csv", delimiter);
    CHECK(t.source == "t.csv");
    CHECK(render(t) == expected);
}

TEST_CASE("parse_csv reports each kind of problem with id, line, column and field", "[csv]") {
    using S = std::string;
    auto [text, id, line, column, field, message] =
        GENERATE(table<S, S, std::size_t, std::size_t, S, S>({
            {"", "101", 0, 0, "", "empty file: expected a header line naming the columns"},
            {"\xEF\xBB\xBF\n\r\n", "101", 0, 0, "", "empty file: expected a header line naming the columns"},
            {"a,,b\n", "102", 1, 2, "", "empty column name in the header"},
            {"a, \n1,2\n", "102", 1, 2, "", "empty column name in the header"},
            {"a,b,a\n1,2,3\n", "102", 1, 3, "a", "duplicate column name 'a' (also column 1)"},
            {"a,b,c\n1,2\n", "103", 2, 3, "c", "expected 3 cells, got 2 (first missing column 'c')"},
            {"a,b\n1,2,3\n", "103", 2, 3, "", "expected 2 cells, got 3"},
            {"a,b\r\n1,2\r\n3\r\n", "103", 3, 2, "b", "expected 2 cells, got 1 (first missing column 'b')"},
            {"a,b\n1,2\n  \n", "103", 3, 2, "b",
             "expected 2 cells, got 1 (first missing column 'b'); the line holds only whitespace, delete it"},
            {"a,b\n\"x\ny\"\n", "103", 2, 2, "b", "expected 2 cells, got 1 (first missing column 'b')"},
            {"a,b\n1,\"abc\n2,3\n", "104", 2, 2, "b", "quoted field is not closed before the end of the file"},
            {"\"a,b\n", "104", 1, 1, "", "quoted field is not closed before the end of the file"},
            {"a,b\n1,ab\"c\n", "105", 2, 2, "b",
             "quote inside an unquoted field; quote the whole field and double the quotes inside it"},
            {"a,b\n\"x\"y,2\n", "105", 2, 1, "a",
             "unexpected 'y' after the closing quote; quote the whole field and double the quotes inside it"},
            {"a,b\n\"x\" ,2\n", "105", 2, 1, "a",
             "unexpected ' ' after the closing quote; quote the whole field and double the quotes inside it"},
            {"a,b\n1,\xFF\n", "106", 2, 2, "b", "invalid UTF-8 at byte 1 of the cell; save the file as UTF-8"},
            {"a\xC3,b\n", "106", 1, 1, "", "invalid UTF-8 at byte 2 of the cell; save the file as UTF-8"},
            {"a\n\xC0\xAF\n", "106", 2, 1, "a", "invalid UTF-8 at byte 1 of the cell; save the file as UTF-8"},
            {"a\nx\xED\xA0\x80\n", "106", 2, 1, "a", "invalid UTF-8 at byte 2 of the cell; save the file as UTF-8"},
            {"a\n\xF4\x90\x80\x80\n", "106", 2, 1, "a", "invalid UTF-8 at byte 1 of the cell; save the file as UTF-8"},
            {"a\n\"ok\nok\xFE\"\n", "106", 3, 1, "a", "invalid UTF-8 at byte 6 of the cell; save the file as UTF-8"},
            {S("\xFF\xFE" "a\0\n\0", 6), "106", 1, 0, "", "the file is UTF-16 encoded; save it as UTF-8"},
        }));
    INFO(text);
    const auto issues = issues_of(text);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].id == "motiv.data_error." + id);
    CHECK(issues[0].file == "t.csv");
    CHECK(issues[0].line == line);
    CHECK(issues[0].column == column);
    CHECK(issues[0].field == field);
    CHECK(issues[0].message == message);
}

TEST_CASE("parse_csv collects every problem of a file before throwing", "[csv]") {
    const std::string text =
        "id,id,amount\n"     // 1: duplicate header name
        "1,2\n"              // 2: a cell short
        "3,4,5\n"            // 3: fine
        "x\"y,5,6\n"         // 4: stray quote
        "\n"                 // 5: skipped
        "7,\xFF,8,9\n";      // 6: bad UTF-8 and a cell too many
    try {
        parse_csv(text, "kpi.csv");
        FAIL("expected DataError");
    } catch (const motiv::DataError& e) {
        CHECK(where(e.issues()) == std::vector<Where>{
                                       {"motiv.data_error.102", 1, 2, "id"},
                                       {"motiv.data_error.103", 2, 3, "amount"},
                                       {"motiv.data_error.105", 4, 1, "id"},
                                       {"motiv.data_error.106", 6, 2, "id"},
                                       {"motiv.data_error.103", 6, 4, ""},
                                   });
        CHECK(e.id() == "motiv.data_error.102");
        const std::string what = e.what();
        CHECK_THAT(what, Catch::Matchers::Contains(
                             "[motiv.data_error.103] kpi.csv:2:3 (row 2, column 'amount') expected 3 cells, got 2"));
        CHECK(std::count(what.begin(), what.end(), '\n') == 4);  // one line per issue
    }
}

TEST_CASE("parse_csv refuses input beyond its limits", "[csv][limits]") {
    using motiv::data::kCsvMaxCellBytes;
    using motiv::data::kCsvMaxColumns;

    SECTION("columns: 1,024 is fine, 1,025 in the header or a row is refused") {
        const std::string ok_header = repeat("c,", kCsvMaxColumns - 1) + "c";
        CHECK(issues_of(ok_header + "\n").front().id == "motiv.data_error.102");  // duplicates, not a limit

        std::string names;
        for (std::size_t i = 0; i < kCsvMaxColumns; ++i) names += (i ? "," : "") + std::to_string(i);
        CHECK(parse_csv(names + "\n" + repeat(",", kCsvMaxColumns - 1) + "\n", "t.csv").rows.size() == 1);

        const auto wide_header = issues_of(names + ",x\n");
        REQUIRE(wide_header.size() == 1);
        CHECK(where(wide_header) == std::vector<Where>{{"motiv.data_error.107", 1, 1025, ""}});
        CHECK(wide_header[0].message == "more than 1,024 columns in one row");

        // A wide data row stops the parser at the limit instead of counting cells without bound.
        const auto wide_row = issues_of("a,b\n1,2\n" + repeat(",", 5000) + "\n1,2,3\n");
        CHECK(where(wide_row) == std::vector<Where>{{"motiv.data_error.107", 3, 1025, ""}});
    }

    SECTION("cell bytes: 65,536 is fine, one more is refused, quoted or not") {
        const auto [cell, ok] = GENERATE_COPY(table<std::string, bool>({
            {std::string(kCsvMaxCellBytes, 'x'), true},
            {std::string(kCsvMaxCellBytes + 1, 'x'), false},
            {"\"" + std::string(kCsvMaxCellBytes, 'x') + "\"", true},
            {"\"" + std::string(kCsvMaxCellBytes + 1, 'x') + "\"", false},
            {"\"" + repeat("\"\"", kCsvMaxCellBytes) + "\"", true},  // counted after unescaping
            {"\"" + repeat("\"\"", kCsvMaxCellBytes) + "x\"", false},
        }));
        const std::string text = "a,big\n1," + cell + "\n";
        if (ok) {
            CHECK(parse_csv(text, "t.csv").rows.at(0).at(1).size() == kCsvMaxCellBytes);
        } else {
            const auto issues = issues_of(text);
            CHECK(where(issues) == std::vector<Where>{{"motiv.data_error.107", 2, 2, "big"}});
            CHECK(issues[0].message == "cell longer than 65,536 bytes");
        }
    }

    SECTION("rows: 1,000,000 is fine, 1,000,001 is refused") {
        std::string text = "n\n" + repeat("1\n", motiv::data::kCsvMaxRows);
        CHECK(parse_csv(text, "t.csv").rows.size() == motiv::data::kCsvMaxRows);
        text += "2\n";
        const auto issues = issues_of(text);
        CHECK(where(issues) == std::vector<Where>{{"motiv.data_error.107", 1'000'002, 0, ""}});
        CHECK(issues[0].message == "more than 1,000,000 rows; split the file");
    }

    SECTION("problems: the first 100 are reported, then reading stops") {
        const auto issues = issues_of("a,b\n" + repeat("1\n", 500));
        REQUIRE(issues.size() == 101);
        CHECK(issues[99].line == 101);
        CHECK(where({issues.back()}) == std::vector<Where>{{"motiv.data_error.107", 102, 0, ""}});
        CHECK(issues.back().message == "more than 100 problems; stopped reading here");
    }
}

TEST_CASE("CsvTable::column finds a column by exact name", "[csv]") {
    const CsvTable t = parse_csv("id,Amount\n1,2\n", "t.csv");
    CHECK(t.column("id") == std::optional<std::size_t>{0});
    CHECK(t.column("Amount") == std::optional<std::size_t>{1});
    CHECK_FALSE(t.column("amount").has_value());
    CHECK_FALSE(t.column("").has_value());
}

TEST_CASE("parse_csv rejects a delimiter that cannot work", "[csv]") {
    const char delimiter = GENERATE('"', '\n', '\r', '\0', '\xE2');
    CHECK_THROWS_AS(parse_csv("a\n", "t.csv", delimiter), std::invalid_argument);
}

TEST_CASE("csv_escape quotes only when RFC 4180 requires it", "[csv]") {
    auto [field, delimiter, expected] = GENERATE(table<std::string, char, std::string>({
        {"plain", ',', "plain"},
        {"", ',', ""},
        {" spaced ", ',', " spaced "},
        {"a,b", ',', "\"a,b\""},
        {"say \"hi\"", ',', "\"say \"\"hi\"\"\""},
        {"two\nlines", ',', "\"two\nlines\""},
        {"cr\r", ',', "\"cr\r\""},
        {"a;b", ';', "\"a;b\""},
        {"a,b", ';', "a,b"},
        {"Иван", ',', "Иван"},
    }));
    CHECK(motiv::data::csv_escape(field, delimiter) == expected);
}

TEST_CASE("append_csv_row writes one line that parse_csv reads back unchanged", "[csv]") {
    std::string out;
    motiv::data::append_csv_row(out, {"a", "b,c", ""});
    CHECK(out == "a,\"b,c\",\n");

    const std::vector<std::vector<std::string>> rows = {
        {"name", "note"}, {"Иван", "said \"hi\", left"}, {"", "multi\r\nline"}, {"x", ""}};
    std::string csv;
    for (const auto& r : rows) motiv::data::append_csv_row(csv, r);
    const CsvTable t = parse_csv(csv, "t.csv");
    CHECK(t.header == rows[0]);
    CHECK(t.rows == std::vector<std::vector<std::string>>(rows.begin() + 1, rows.end()));
    CHECK(t.row_lines == std::vector<std::size_t>{2, 3, 5});

    // A single empty field must not become an empty line, which the reader skips.
    std::string one_column;
    for (const auto* v : {"v", "", "x"}) motiv::data::append_csv_row(one_column, {v});
    CHECK(one_column == "v\n\"\"\nx\n");
    CHECK(parse_csv(one_column, "t.csv").rows == std::vector<std::vector<std::string>>{{""}, {"x"}});
}

TEST_CASE("read_csv_file names the file in every error", "[csv][io]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("motiv-csv-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string good = (dir / "good.csv").string();
    const std::string bad = (dir / "bad.csv").string();
    std::ofstream(good, std::ios::binary) << "\xEF\xBB\xBFid,amount\r\n1,2.50\r\n";
    std::ofstream(bad, std::ios::binary) << "id,amount\n1\n";

    const CsvTable t = motiv::data::read_csv_file(good);
    CHECK(t.source == good);
    CHECK(render(t) == "[id][amount] 2:[1][2.50]");

    try {
        motiv::data::read_csv_file(bad);
        FAIL("expected DataError");
    } catch (const motiv::DataError& e) {
        REQUIRE(e.issues().size() == 1);
        CHECK(e.issues()[0].file == bad);
    }

    const std::string missing = (dir / "missing.csv").string();
    try {
        motiv::data::read_csv_file(missing);
        FAIL("expected IoError");
    } catch (const motiv::IoError& e) {
        CHECK(e.id() == "motiv.io_error.001");
        CHECK(std::string(e.what()) == "cannot open '" + missing + "': No such file or directory");
    }
    fs::remove_all(dir);
}

TEST_CASE("the delimiter is detected from the header line: ';' for the Russian-Excel dialect", "[csv][dialect]") {
    using Row = std::tuple<std::string, char, bool>;  // text, delimiter, decimal comma
    const auto [text, delimiter, comma] = GENERATE(table<std::string, char, bool>({
        Row{"id,role\nh-01,hunter\n", ',', false},
        Row{"id;role\r\nh-01;hunter\r\n", ';', true},
        Row{"\xEF\xBB\xBFid;role;revenue\r\nh-01;hunter;1250000,00\r\n", ';', true},  // BOM, as csv-excel-ru writes it
        Row{"id;x,y\n1;2,3\n", ',', false},  // a comma in the header: plain CSV (the header cell is "id;x")
        Row{"id\n1;2\n", ',', false},      // only the header line decides
    }));
    CAPTURE(text);
    CHECK(motiv::data::detect_delimiter(text) == delimiter);
    const CsvTable t = parse_csv(text, "t.csv");
    CHECK(t.decimal_comma == comma);
}

TEST_CASE("a delimiter given explicitly is used as given, and numbers keep their decimal point", "[csv][dialect]") {
    const CsvTable t = parse_csv("id;role\nh-01;hunter\n", "t.csv", ';');
    CHECK(t.header == std::vector<std::string>{"id", "role"});
    CHECK_FALSE(t.decimal_comma);
}

TEST_CASE("decimal_point turns one decimal comma into a point and nothing else", "[csv][dialect]") {
    using Row = std::tuple<std::string, std::string>;
    const auto [cell, number] = GENERATE(table<std::string, std::string>({
        Row{"1250000,00", "1250000.00"}, Row{"-0,5", "-0.5"}, Row{"12,5%", "12.5%"}, Row{"260", "260"}, Row{"", ""},
        Row{"1,250,000.00", "1,250,000.00"},  // not the dialect's number: left for the number reader to refuse
        Row{"1,2,3", "1,2,3"}, Row{"1.5,0", "1.5,0"},
    }));
    CHECK(motiv::data::decimal_point(cell) == number);
}

TEST_CASE("a spreadsheet workbook read as CSV is one plain error saying what to do", "[csv][dialect]") {
    const std::string xlsx = std::string("PK\x03\x04", 4) + std::string(200, '\x01') + "\xFF\xFE garbage\n,,,\n";
    const std::string xls = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "garbage";
    for (const auto& [bytes, kind] : {std::pair{xlsx, "XLSX"}, std::pair{xls, "XLS"}}) {
        try {
            (void)parse_csv(bytes, "people.xlsx");
            FAIL("parsed");
        } catch (const motiv::DataError& e) {
            REQUIRE(e.issues().size() == 1);
            CHECK(e.issues()[0].id == "motiv.data_error.109");
            CHECK(e.issues()[0].file == "people.xlsx");
            CHECK_THAT(e.issues()[0].message, Catch::Contains(kind) && Catch::Contains("CSV UTF-8") && Catch::Contains("pandas.read_excel"));
        }
    }
}
