// Reading the people table: every row checked against the scheme, every problem reported together
// with its file, line, column (index and name) and person.
#include "core/data/people_table.hpp"

#include <catch2/catch.hpp>

#include "tests/core/support.hpp"

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "core/data/csv.hpp"
#include "core/errors.hpp"
#include "core/rules/loader.hpp"

using motiv::Decimal;
using motiv::Period;
using motiv::PersonInputs;
using motiv::data::read_people;

namespace {

using motiv::test::kExample;
using motiv::test::kThreeTier;

const motiv::CompiledScheme& three_tier() {
    return *motiv::test::three_tier_scheme();
}

std::optional<Decimal> value_of(const PersonInputs& p, const std::string& input) {
    const motiv::InputDecl* in = three_tier().scheme().find_input(input);
    REQUIRE(in);
    return p.values.at(static_cast<std::size_t>(in - three_tier().scheme().inputs.data()));
}

std::vector<PersonInputs> read(const std::string& csv, const std::optional<Period>& period = Period::parse("2026-10")) {
    return read_people(motiv::data::parse_csv(csv, "people.csv"), three_tier(), period);
}

// (id, line, column, field, person, message) of one issue.
using Where = std::tuple<std::string, std::size_t, std::size_t, std::string, std::string, std::string>;

std::vector<Where> read_issues(const std::string& csv, const std::optional<Period>& period = Period::parse("2026-10")) {
    try {
        (void)read(csv, period);
    } catch (const motiv::DataError& e) {
        std::vector<Where> out;
        for (const auto& i : e.issues()) {
            CHECK(i.file == "people.csv");
            CHECK(i.pointer.empty());
            out.emplace_back(i.id, i.line, i.column, i.field, i.person, i.message);
        }
        return out;
    }
    FAIL("expected motiv::DataError for:\n" << csv);
    return {};
}

}  // namespace

TEST_CASE("read_people reads the example department", "[people]") {
    const auto people = read_people(motiv::data::read_csv_file(kExample), three_tier(), Period::parse("2026-10"));
    REQUIRE(people.size() == 14);
    std::vector<std::string> ids;
    for (const auto& p : people) ids.push_back(p.id);
    CHECK(ids == std::vector<std::string>{"op-01", "op-02", "op-03", "op-04", "op-05", "h-01", "h-02", "h-03", "h-04", "h-05", "f-01", "f-02", "f-03", "f-04"});
    for (std::size_t k = 0; k < people.size(); ++k) {
        CHECK(people[k].source == kExample);
        CHECK(people[k].line == k + 2);  // the header is line 1
        CHECK(people[k].values.size() == three_tier().scheme().inputs.size());
    }
    const PersonInputs& anna = people[0];
    CHECK(anna.name == "Анна Смирнова");
    CHECK(anna.role == "operator");
    CHECK(value_of(anna, "calls") == Decimal::parse("260"));
    CHECK(value_of(anna, "script_compliance") == Decimal::parse("0.96"));
    CHECK_FALSE(value_of(anna, "revenue").has_value());            // empty, no default
    CHECK(value_of(anna, "overdue_handovers") == Decimal::parse("0"));  // empty, its default
    CHECK(value_of(people[8], "revenue") == Decimal::parse("523456.78"));
    CHECK(value_of(people[9], "overdue_handovers") == Decimal::parse("0"));  // h-05 left it empty
    CHECK(people[13].name == "Ольга Зайцева");
    CHECK(value_of(people[13], "volume_prev") == Decimal::parse("900000.00"));
}

TEST_CASE("bad people tables: each problem pinned", "[people]") {
    const std::string msg_unknown_col =
        "unknown column 'revnue' (did you mean 'revenue'?): not an input of scheme three_tier (inputs: calls, talk_minutes, days_worked, meetings, script_compliance, "
        "revenue, overdue_handovers, volume, volume_prev, prorata)";
    const auto [name, csv, expected] = GENERATE_COPY(table<std::string, std::string, std::vector<Where>>({
        {"no id column", "name,role,revenue\nA,hunter,1.00\n",
         {{"motiv.data_error.301", 1, 0, "id", "", "missing required column 'id'"}}},
        {"no role column", "id,revenue\nh-1,1.00\n",
         {{"motiv.data_error.301", 1, 0, "role", "", "missing required column 'role'"}}},
        {"unknown column (a typo)", "id,role,revnue\nh-1,hunter,1.00\n",
         {{"motiv.data_error.302", 1, 3, "revnue", "", msg_unknown_col}}},
        {"duplicate id", "id,role,revenue\nh-1,hunter,1.00\nh-2,hunter,2.00\nh-1,hunter,3.00\n",
         {{"motiv.data_error.303", 4, 1, "id", "h-1", "duplicate person id 'h-1' (first on line 2); a role change within the period needs start_date / end_date on both rows"}}},
        // A role change: one id, two rows whose dated ranges share a day.
        {"role change rows overlap", "id,role,revenue,volume,volume_prev,end_date,start_date\nx-1,hunter,1.00,,,2026-10-15,\nx-1,farmer,,1.00,1.00,,2026-10-15\n",
         {{"motiv.data_error.303", 3, 1, "id", "x-1", "duplicate person id 'x-1' (first on line 2): their start_date / end_date ranges overlap"}}},
        {"end before start", "id,role,revenue,start_date,end_date\nh-1,hunter,1.00,2026-10-20,2026-10-10\n",
         {{"motiv.data_error.308", 2, 5, "end_date", "h-1", "end_date 2026-10-10 is before start_date 2026-10-20"}}},
        {"a date that is not one", "id,role,revenue,start_date\nh-1,hunter,1.00,2026-10-32\n",
         {{"motiv.data_error.304", 2, 4, "start_date", "h-1", "expected a date YYYY-MM-DD, got '2026-10-32'"}}},
        {"empty id", "id,role,revenue\n,hunter,1.00\n",
         {{"motiv.data_error.304", 2, 1, "id", "", "empty person id"}}},
        {"unknown role", "id,role,revenue\nh-1,hunter,1.00\nc-1,closer,1.00\n",
         {{"motiv.data_error.201", 3, 2, "role", "c-1", "unknown role 'closer'; the scheme has: operator, hunter, farmer"}}},
        {"not a number", "id,name,role,revenue\nh-1,Egor,hunter,1 250 000\n",
         {{"motiv.data_error.304", 2, 4, "revenue", "h-1", "expected money (e.g. 1250000.00), got '1 250 000'"}}},
        {"money with 3 places", "id,role,revenue\nh-1,hunter,100.005\n",
         {{"motiv.data_error.304", 2, 3, "revenue", "h-1", "expected money with at most 2 decimal places, got '100.005'"}}},
        {"a fractional count", "id,role,revenue,overdue_handovers\nh-1,hunter,1.00,1.5\n",
         {{"motiv.data_error.304", 2, 4, "overdue_handovers", "h-1", "expected a count (a whole number >= 0), got '1.5'"}}},
        {"a negative count", "id,role,revenue,overdue_handovers\nh-1,hunter,1.00,-1\n",
         {{"motiv.data_error.304", 2, 4, "overdue_handovers", "h-1", "expected a count (a whole number >= 0), got '-1'"}}},
        {"below the declared min", "id,role,revenue\nh-1,hunter,-0.01\n",
         {{"motiv.data_error.304", 2, 3, "revenue", "h-1", "expected at least 0, got '-0.01'"}}},
        {"above the declared max", "id,role,calls,talk_minutes,days_worked,meetings,script_compliance\nop-1,operator,200,2400,20,10,1.2\n",
         {{"motiv.data_error.304", 2, 7, "script_compliance", "op-1", "expected at most 1, got '1.2'"}}},
        {"a required input left empty", "id,role,revenue\nh-1,hunter,\n",
         {{"motiv.data_error.202", 2, 3, "revenue", "h-1", "missing required input 'revenue' for role hunter"}}},
        // Spaces around a value are trimmed; a cell of spaces only is as empty as an empty one.
        {"a required input of spaces only", "id,role,revenue\nh-1,hunter,   \n",
         {{"motiv.data_error.202", 2, 3, "revenue", "h-1", "missing required input 'revenue' for role hunter"}}},
        {"a required input without a column", "id,role,volume\nf-1,farmer,1.00\n",
         {{"motiv.data_error.202", 2, 0, "volume_prev", "f-1", "missing required input 'volume_prev' for role farmer (no such column)"}}},
        {"a bad period", "id,role,period,revenue\nh-1,hunter,2026-13,1.00\n",
         {{"motiv.data_error.305", 2, 3, "period", "h-1", "expected a period YYYY-MM, got '2026-13'"}}},
        {"a period in another format", "id,role,period,revenue\nh-1,hunter,10.2026,1.00\n",
         {{"motiv.data_error.305", 2, 3, "period", "h-1", "expected a period YYYY-MM, got '10.2026'"}}},
    }));
    CAPTURE(name);
    CHECK(read_issues(csv) == expected);
}

TEST_CASE("rows of another period are skipped", "[people]") {
    const std::string csv =
        "id,role,period,revenue\n"
        "h-1,hunter,2026-09,100.00\n"
        "h-1,hunter,2026-10,200.00\n"  // the same person in another month is no duplicate
        "h-2,hunter,2026-09,not checked\n"  // a row of another month is not validated either
        "h-2,hunter,2026-10,300.00\n";
    const auto october = read(csv);
    REQUIRE(october.size() == 2);
    CHECK(october[0].id == "h-1");
    CHECK(october[0].line == 3);
    CHECK(value_of(october[0], "revenue") == Decimal::parse("200.00"));
    CHECK(october[1].id == "h-2");
    CHECK(october[1].line == 5);

    const auto september = read("id,role,period,revenue\nh-1,hunter,2026-09,100.00\nh-1,hunter,2026-10,200.00\n", Period::parse("2026-09"));
    REQUIRE(september.size() == 1);
    CHECK(value_of(september[0], "revenue") == Decimal::parse("100.00"));

    // Without a period every row is read (and the same id twice is then a duplicate).
    CHECK(read("id,role,period,revenue\nh-1,hunter,2026-09,1.00\nh-2,hunter,2026-10,2.00\n", std::nullopt).size() == 2);
    const auto dup = read_issues("id,role,period,revenue\nh-1,hunter,2026-09,1.00\nh-1,hunter,2026-10,2.00\n", std::nullopt);
    REQUIRE(dup.size() == 1);
    CHECK(std::get<0>(dup[0]) == "motiv.data_error.303");
    // A file without a period column belongs to the period asked for.
    CHECK(read("id,role,revenue\nh-1,hunter,1.00\n").size() == 1);
}

TEST_CASE("every problem of a people table is reported together", "[people]") {
    const std::string csv =
        "id,name,role,revenue,overdue_handovers,volume,volume_prev\n"
        "h-1,A,hunter,abc,1,,\n"           // line 2: malformed revenue
        "h-2,B,hunter,,2.5,,\n"            // line 3: revenue missing, fractional count
        "h-1,C,hunter,1.00,,,\n"           // line 4: duplicate id
        "x-1,D,closer,1.00,,,\n"           // line 5: unknown role
        "f-1,E,farmer,,,1000.00,\n";       // line 6: volume_prev missing
    const auto issues = read_issues(csv);
    const std::vector<Where> expected = {
        {"motiv.data_error.304", 2, 4, "revenue", "h-1", "expected money (e.g. 1250000.00), got 'abc'"},
        {"motiv.data_error.304", 3, 5, "overdue_handovers", "h-2", "expected a count (a whole number >= 0), got '2.5'"},
        {"motiv.data_error.202", 3, 4, "revenue", "h-2", "missing required input 'revenue' for role hunter"},
        {"motiv.data_error.303", 4, 1, "id", "h-1", "duplicate person id 'h-1' (first on line 2); a role change within the period needs start_date / end_date on both rows"},
        {"motiv.data_error.201", 5, 3, "role", "x-1", "unknown role 'closer'; the scheme has: operator, hunter, farmer"},
        {"motiv.data_error.202", 6, 7, "volume_prev", "f-1", "missing required input 'volume_prev' for role farmer"},
    };
    CHECK(issues == expected);
    CHECK(issues.size() == 6);
    // A header problem stops before the rows: the rows are not read against the wrong columns.
    CHECK(read_issues("name,revnue\nA,1\n").size() == 3);  // no id, no role, unknown column
}

TEST_CASE("a data issue describes itself with row, column and person", "[people]") {
    try {
        (void)read("id,role,revenue\nh-1,hunter,abc\n");
        FAIL("expected DataError");
    } catch (const motiv::DataError& e) {
        CHECK(e.id() == "motiv.data_error.304");
        CHECK(std::string(e.what()) == "[motiv.data_error.304] people.csv:2:3 (row 2, column 'revenue', person 'h-1') expected money (e.g. 1250000.00), got 'abc'");
    }
}

TEST_CASE("the Russian-Excel dialect (';', decimal comma, BOM, CRLF) reads the same people", "[people][dialect]") {
    const auto plain = motiv::data::read_csv_file(kExample);
    // The example file respelled as Russian Excel saves it: numbers with a decimal comma.
    std::string ru = "\xEF\xBB\xBF";
    for (const auto* row : {&plain.header}) {
        for (std::size_t c = 0; c < row->size(); ++c) ru += (c ? ";" : "") + (*row)[c];
        ru += "\r\n";
    }
    for (const auto& row : plain.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            std::string cell = row[c];
            std::replace(cell.begin(), cell.end(), '.', ',');
            ru += (c ? ";" : "") + cell;
        }
        ru += "\r\n";
    }
    const auto a = read_people(plain, three_tier(), Period::parse("2026-10"));
    const auto b = read_people(motiv::data::parse_csv(ru, "people.csv"), three_tier(), Period::parse("2026-10"));
    REQUIRE(a.size() == b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
        CHECK(a[k].id == b[k].id);
        CHECK(a[k].name == b[k].name);
        CHECK(a[k].values == b[k].values);
    }
    CHECK(value_of(b[8], "revenue") == Decimal::parse("523456.78"));
}
