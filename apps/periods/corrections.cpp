#include "apps/periods/corrections.hpp"

#include <algorithm>

#include "core/data/people_table.hpp"
#include "core/errors.hpp"
#include "core/errors/catalogue.hpp"

namespace motiv::periods {

std::vector<Correction> read_corrections(const data::CsvTable& table, const CompiledScheme& cs) {
    const auto period_col = table.column("period");
    if (!period_col)
        throw DataError({Issue{.id = err::data_missing_column, .file = table.source, .line = 1, .field = "period",
                               .message = "missing required column 'period' (the period each row corrects)"}});
    std::vector<Correction> out;
    for (auto& person : data::read_people(table, cs, std::nullopt)) {
        // A row's line is where it starts in the file; a quoted cell may span lines, so the row is
        // found by its line, not computed from it.
        const auto row = static_cast<std::size_t>(std::find(table.row_lines.begin(), table.row_lines.end(), person.line) - table.row_lines.begin());
        out.push_back({*Period::parse(table.rows[row][*period_col]), std::move(person)});
    }
    return out;
}

}  // namespace motiv::periods
