// Reads the table of people and their inputs (KPIs) for a period from CSV.
//
// Columns: `id` and `role` (required), `name`, `period` and `manager` (optional), then one column per scheme
// input, named exactly as in the rule file. Every row is checked against the scheme -- the one
// reader's rules (people_reader.hpp: columns, periods, ids and duplicates, roles, dates and their
// prorata share), then each value of its declared kind and every input the role needs present --
// and all problems are reported together, each naming the file, the row (line), the column and the person.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/data/csv.hpp"
#include "core/data/people_reader.hpp"
#include "core/engine/compiled_scheme.hpp"
#include "core/engine/compute.hpp"
#include "core/errors.hpp"

namespace motiv::data {

// The rules above, one row at a time: read_people runs it over a table held in memory, and
// `motiv payroll` over a CSV streamed a chunk at a time (payroll/payroll_stream.hpp) -- the same
// code, so both make the same decision for every row, duplicates across chunks included.
// The constructor checks the header (DataError listing its problems); read() checks one row and
// fills `person` (reused between rows, so a million rows cost no million allocations), returning
// whether the row is a person to pay; its problems are collected, and finish() throws them all.
class PeopleReader {
public:
    // `head` is the table without its rows: source, header and dialect (CsvTable::decimal_comma).
    PeopleReader(const CsvTable& head, const CompiledScheme& scheme, const std::optional<Period>& period);
    PeopleReader(const PeopleReader&) = delete;
    PeopleReader& operator=(const PeopleReader&) = delete;

    // `row` is the row's position among the data rows, `line` its 1-based line in the file.
    bool read(const std::vector<std::string>& cells, std::size_t row, std::size_t line, PersonInputs& person);
    [[nodiscard]] bool has_problems() const { return !issues_.empty(); }
    // Throws DataError listing every problem found so far.
    void finish();
    // finish(), then refuses a table with nobody in it (motiv.data_error.307): a mistyped period
    // must not produce an empty payroll or no statements that look like success.
    void finish_to_pay();

private:
    const CompiledScheme& cs_;
    std::string source_;
    std::vector<std::string> header_;
    bool decimal_comma_;
    std::optional<Period> period_;
    IssueCollector<DataError> issues_;
    ColumnMap cols_;
    std::optional<KeyReader> keys_;
    std::vector<bool> malformed_;
    std::size_t people_ = 0;
};

// Rows whose `period` column differs from `period` are skipped (a file may hold several months).
// Throws DataError listing every problem.
std::vector<PersonInputs> read_people(const CsvTable& table, const CompiledScheme& scheme, const std::optional<Period>& period);

// read_people for one period, refusing a table with nobody in it (motiv.data_error.307): a mistyped
// period must not produce an empty payroll or no statements that look like success.
std::vector<PersonInputs> read_people_to_pay(const CsvTable& table, const CompiledScheme& scheme, const Period& period);

}  // namespace motiv::data
