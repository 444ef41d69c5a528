// Reads the table of people and their inputs (KPIs) for a period from CSV.
//
// Columns: `id` and `role` (required), `name`, `period` and `manager` (optional), then one column per scheme
// input, named exactly as in the rule file. Every row is checked against the scheme -- known role,
// no duplicate ids, each value of its declared kind, every input the role needs present -- and all
// problems are reported together, each naming the file, the row (line), the column and the person.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/data/csv.hpp"
#include "core/engine/compiled_scheme.hpp"
#include "core/engine/compute.hpp"
#include "core/errors.hpp"

namespace motiv::data {

// The rules above, one row at a time, for readers that stream a file (cli payroll) as well as for
// read_people. The constructor checks the header (DataError listing its problems: unknown columns,
// no id or role column, dates without proration); read() checks one row and fills `person` (reused
// between rows, so a million rows cost no million allocations), returning whether the row is a
// person to pay in the period; its problems are collected, and finish() throws them all.
class PeopleReader {
public:
    PeopleReader(const std::vector<std::string>& header, std::string source, const CompiledScheme& scheme, std::optional<Period> period);
    bool read(const std::vector<std::string>& row, std::size_t line, PersonInputs& person);
    [[nodiscard]] bool has_problems() const { return !issues_.empty(); }
    // Throws DataError listing every problem found so far.
    void finish();
    // finish(), then refuses a table with nobody in it (motiv.data_error.307): a mistyped period
    // must not produce an empty payroll or no statements that look like success.
    void finish_to_pay();

private:
    void issue(const char* id, std::size_t line, std::size_t col, const std::string& field, const std::string& person, const std::string& msg);

    // Where an id was seen: one id may have several rows only when dated ranges that do not
    // overlap say when each applies (a role change within the period).
    static constexpr std::uint32_t kNoRow = UINT32_MAX;
    struct Seen {
        std::size_t line;
        std::optional<Date> start, end;
        std::uint32_t next;  // the id's next row in seen_, or kNoRow
    };
    const CompiledScheme& cs_;
    std::string source_;
    std::vector<std::string> header_;
    std::optional<Period> period_;
    std::optional<std::size_t> id_col_, role_col_, name_col_, period_col_, manager_col_, start_col_, end_col_;
    std::vector<std::optional<std::size_t>> input_of_;  // column -> scheme input index
    std::unordered_map<std::string, std::uint32_t> seen_first_;  // id -> its first row in seen_
    std::vector<Seen> seen_;
    std::vector<bool> malformed_;
    std::string error_;
    std::size_t people_ = 0;
    IssueCollector<DataError> issues_;
};

// Rows whose `period` column differs from `period` are skipped (a file may hold several months).
// Throws DataError listing every problem.
std::vector<PersonInputs> read_people(const CsvTable& table, const CompiledScheme& scheme, const std::optional<Period>& period);

// read_people for one period, refusing a table with nobody in it (motiv.data_error.307): a mistyped
// period must not produce an empty payroll or no statements that look like success.
std::vector<PersonInputs> read_people_to_pay(const CsvTable& table, const CompiledScheme& scheme, const Period& period);

}  // namespace motiv::data
