// The one reader: each rule pinned once, and the same verdict -- the same rows kept, the same
// shares, the same error ids -- whether the people come as a CSV (read_people) or as columns
// (read_columns, the batch doors).
#include "core/data/people_reader.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/data/column_source.hpp"
#include "core/data/csv.hpp"
#include "core/data/people_table.hpp"
#include "tests/core/support.hpp"

namespace {

using motiv::Period;

const motiv::CompiledScheme& three_tier() { return *motiv::test::three_tier_scheme(); }

// Every issue id of a failed read, in order; {} when the read succeeded.
template <class F>
std::vector<std::string> ids_of(F&& read) {
    try {
        read();
    } catch (const motiv::DataError& e) {
        std::vector<std::string> out;
        for (const auto& i : e.issues()) out.push_back(i.id);
        return out;
    }
    return {};
}

// The CSV as columns of text cells, as Python hands a DataFrame of str / object columns.
motiv::data::ColumnsSource columns_of(const motiv::data::CsvTable& t) {
    motiv::data::ColumnsSource src;
    src.source = t.source;
    src.header = t.header;
    src.rows = t.rows.size();
    for (std::size_t c = 0; c < t.header.size(); ++c) {
        auto& col = src.text[t.header[c]];
        for (const auto& row : t.rows) col.push_back(row[c]);
    }
    return src;
}

}  // namespace

TEST_CASE("the reader: one verdict for a CSV and for columns", "[reader]") {
    const std::string h = "id,role,revenue,start_date,end_date\n";
    const std::string hp = "id,role,revenue,period\n";
    // name, CSV, expected error ids (empty: read), ids kept
    const auto [name, csv, ids, kept] = GENERATE_COPY(table<std::string, std::string, std::vector<std::string>, std::vector<std::string>>({
        {"a plain row", h + "h-01,hunter,1.00,,\n", {}, {"h-01"}},
        {"ids are trimmed", h + "  h-01 ,hunter,1.00,,\n", {}, {"h-01"}},
        {"rows of another period skipped", hp + "h-01,hunter,1.00,2026-09\nh-02,hunter,1.00,2026-10\n", {}, {"h-02"}},
        {"one id, other period: not a duplicate", hp + "h-01,hunter,1.00,2026-09\nh-01,hunter,1.00,2026-10\n", {}, {"h-01"}},
        {"duplicate up to case", h + "h-01,hunter,1.00,,\nH-01,hunter,1.00,,\n", {"motiv.data_error.303"}, {}},
        {"duplicate up to spaces", h + "h-01,hunter,1.00,,\nh-01 ,hunter,1.00,,\n", {"motiv.data_error.303"}, {}},
        {"a role change on dated rows", h + "x-1,hunter,1.00,,2026-10-14\nX-1,hunter,1.00,2026-10-15,\n", {}, {"x-1", "X-1"}},
        {"a misspelt column", "id,role,revenue,overdue_handover\nh-01,hunter,1.00,1\n", {"motiv.data_error.302"}, {}},
        {"no role column", "id,revenue\nh-01,1.00\n", {"motiv.data_error.301"}, {}},
        {"an unknown role", h + "h-01,closer,1.00,,\n", {"motiv.data_error.201"}, {}},
        {"a bad period", hp + "h-01,hunter,1.00,2026-13\n", {"motiv.data_error.305"}, {}},
        {"end before start", h + "h-01,hunter,1.00,2026-10-20,2026-10-10\n", {"motiv.data_error.308"}, {}},
        {"a joiner after the period", h + "h-01,hunter,1.00,2026-11-16,\n", {"motiv.data_error.309"}, {}},
        {"a leaver before the period", h + "h-01,hunter,1.00,,2026-09-30\n", {"motiv.data_error.309"}, {}},
        {"a float-looking bad value", h + "h-01,hunter,1e400,,\n", {"motiv.data_error.304"}, {}},
        {"a bool", h + "h-01,hunter,True,,\n", {"motiv.data_error.304"}, {}},
    }));
    CAPTURE(name);
    const auto table = motiv::data::parse_csv(csv, "people.csv");
    const Period october = *Period::parse("2026-10");
    std::vector<motiv::PersonInputs> people;
    CHECK(ids_of([&] { people = motiv::data::read_people(table, three_tier(), october); }) == ids);
    motiv::data::KeptRows rows;
    CHECK(ids_of([&] { rows = motiv::data::read_columns(three_tier(), october, columns_of(table)); }) == ids);
    if (!ids.empty()) return;
    std::vector<std::string> got_csv, got_columns;
    for (const auto& p : people) got_csv.push_back(p.id);
    CHECK(got_csv == kept);
    CHECK(rows.ids == kept);
}

TEST_CASE("the reader: dates become the prorata share on every door", "[reader]") {
    // Working days (three_tier's basis): October 2026 has 22; Friday the 16th..31st hold 11 of them.
    const auto table = motiv::data::parse_csv("id,role,revenue,start_date\nh-01,hunter,1.00,2026-10-16\nh-02,hunter,1.00,\n", "people.csv");
    const Period october = *Period::parse("2026-10");
    const auto people = motiv::data::read_people(table, three_tier(), october);
    const std::size_t pi = three_tier().scheme().proration->input;
    REQUIRE(people[0].values[pi].has_value());
    CHECK_FALSE(people[1].values[pi].has_value());
    const auto rows = motiv::data::read_columns(three_tier(), october, columns_of(table));
    const auto& col = rows.columns.at(pi);
    REQUIRE(col.present == std::vector<std::uint8_t>{1, 0});
    CHECK(motiv::Decimal::from_minor(col.values[0], col.scale) == *people[0].values[pi]);
    CHECK(people[0].values[pi]->to_string() == "0.5");
}

TEST_CASE("the reader: a misspelt column names the input meant", "[reader]") {
    motiv::IssueCollector<motiv::DataError> issues;
    (void)motiv::data::map_columns(three_tier().scheme(), {"id", "role", "overdue_handover", "strat_date", "zzz"}, "people.csv", issues);
    try {
        issues.throw_if_any();
        FAIL("expected DataError");
    } catch (const motiv::DataError& e) {
        REQUIRE(e.issues().size() == 3);
        CHECK_THAT(e.issues()[0].message, Catch::Contains("did you mean 'overdue_handovers'?"));
        CHECK_THAT(e.issues()[1].message, Catch::Contains("did you mean 'start_date'?"));
        CHECK_THAT(e.issues()[2].message, !Catch::Contains("did you mean"));
    }
}
