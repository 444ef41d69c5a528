#include "core/data/people_table.hpp"


#include "core/data/input_values.hpp"
#include "core/data/people_reader.hpp"
#include "core/errors.hpp"
#include "core/errors/catalogue.hpp"

namespace motiv::data {

std::vector<PersonInputs> read_people(const CsvTable& table, const CompiledScheme& cs, const std::optional<Period>& period) {
    const Scheme& s = cs.scheme();
    IssueCollector<DataError> issues;
    const ColumnMap cols = map_columns(s, table.header, table.source, issues);
    issues.throw_if_any();

    std::vector<PersonInputs> people;
    KeyReader keys(cs, period, cols, table.source, issues);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto& row = table.rows[r];
        const std::size_t line = table.row_lines[r];
        const auto key = keys.read(r, line, [&](std::size_t c) -> std::string_view { return row[c]; });
        if (!key) continue;
        PersonInputs p;
        p.id = key->id;
        p.role = cs.roles()[key->role].rule->name;
        p.source = table.source;
        p.line = line;
        p.start = key->start;
        p.end = key->end;
        if (cols.name) p.name = row[*cols.name];
        if (cols.manager) p.manager = std::string(trim_id(row[*cols.manager]));
        p.values.assign(s.inputs.size(), std::nullopt);
        std::vector<bool> malformed(s.inputs.size(), false);
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (!cols.input[c]) continue;
            const InputDecl& in = s.inputs[*cols.input[c]];
            std::string err;
            auto v = parse_input_value(in, table.decimal_comma ? decimal_point(row[c]) : row[c], s.currency.minor_units, err);
            if (!err.empty()) {
                issues.add(Issue{.id = err::data_bad_value, .file = table.source, .line = line, .column = c + 1, .field = in.name, .person = p.id, .message = err});
                malformed[*cols.input[c]] = true;
            }
            p.values[*cols.input[c]] = v;
        }
        // The share from the dates is the built-in `prorata` input, so that every consumer of the
        // values (the batch columns of sweeps and Monte Carlo included) pays the prorated amount.
        if (key->share) p.values[s.proration->input] = key->share;
        for (std::size_t idx : cs.roles()[key->role].required_inputs) {
            if (p.values[idx]) continue;
            const auto col = table.column(s.inputs[idx].name);
            // A malformed value is already reported; a blank cell ("", or only spaces) is missing.
            if (!malformed[idx])
                issues.add(Issue{.id = err::data_missing_input, .file = table.source, .line = line, .column = col ? *col + 1 : 0, .field = s.inputs[idx].name, .person = p.id, .message = "missing required input '" + s.inputs[idx].name + "' for role " + p.role + (col ? "" : " (no such column)")});
        }
        people.push_back(std::move(p));
    }
    issues.throw_if_any();
    return people;
}

std::vector<PersonInputs> read_people_to_pay(const CsvTable& table, const CompiledScheme& scheme, const Period& period) {
    auto people = read_people(table, scheme, period);
    if (people.empty())
        throw DataError({Issue{.id = err::data_nobody_to_pay, .file = table.source, .field = "period", .message = "no people to pay for period " + period.to_string() + "; nothing was written"}});
    return people;
}

}  // namespace motiv::data
