#include "core/data/people_table.hpp"

#include <algorithm>

#include "core/data/input_values.hpp"

namespace motiv::data {

PeopleReader::PeopleReader(const CsvTable& head, const CompiledScheme& cs, const std::optional<Period>& period)
    : cs_(cs), source_(head.source), header_(head.header), decimal_comma_(head.decimal_comma), period_(period) {
    cols_ = map_columns(cs.scheme(), header_, source_, issues_);
    issues_.throw_if_any();
    keys_.emplace(cs, period_, cols_, source_, issues_);
    malformed_.resize(cs.scheme().inputs.size());
}

bool PeopleReader::read(const std::vector<std::string>& row, std::size_t r, std::size_t line, PersonInputs& p) {
    const Scheme& s = cs_.scheme();
    const auto key = keys_->read(r, line, [&](std::size_t c) -> std::string_view { return row[c]; });
    if (!key) return false;
    p.id = key->id;
    p.role = cs_.roles()[key->role].rule->name;
    p.source = source_;
    p.line = line;
    p.start = key->start;
    p.end = key->end;
    p.name.clear();
    p.manager.clear();
    if (cols_.name) p.name = row[*cols_.name];
    if (cols_.manager) p.manager = std::string(trim_id(row[*cols_.manager]));
    p.values.assign(s.inputs.size(), std::nullopt);
    std::fill(malformed_.begin(), malformed_.end(), false);
    std::string err;
    for (std::size_t c = 0; c < row.size(); ++c) {
        if (!cols_.input[c]) continue;
        const InputDecl& in = s.inputs[*cols_.input[c]];
        auto v = parse_input_value(in, decimal_comma_ ? decimal_point(row[c]) : row[c], s.currency.minor_units, err);
        if (!err.empty()) {
            issues_.add(Issue{"motiv.data_error.304", source_, "", line, c + 1, in.name, p.id, err, "", 0});
            malformed_[*cols_.input[c]] = true;
        }
        p.values[*cols_.input[c]] = v;
    }
    // The share from the dates is the built-in `prorata` input, so that every consumer of the
    // values (the batch columns of sweeps and Monte Carlo included) pays the prorated amount.
    if (key->share) p.values[s.proration->input] = key->share;
    for (std::size_t idx : cs_.roles()[key->role].required_inputs) {
        if (p.values[idx]) continue;
        const auto col = std::find(header_.begin(), header_.end(), s.inputs[idx].name);
        const bool has_col = col != header_.end();
        const std::size_t at = has_col ? static_cast<std::size_t>(col - header_.begin()) + 1 : 0;
        // A malformed value is already reported; a blank cell ("", or only spaces) is missing.
        if (!malformed_[idx])
            issues_.add(Issue{"motiv.data_error.202", source_, "", line, at, s.inputs[idx].name, p.id,
                              "missing required input '" + s.inputs[idx].name + "' for role " + p.role + (has_col ? "" : " (no such column)"), "", 0});
    }
    ++people_;
    return true;
}

void PeopleReader::finish() { issues_.throw_if_any(); }

void PeopleReader::finish_to_pay() {
    finish();
    if (people_ == 0)
        throw DataError({Issue{"motiv.data_error.307", source_, "", 0, 0, "period", "",
                               "no people to pay for period " + (period_ ? period_->to_string() : std::string()) + "; nothing was written", "", 0}});
}

namespace {
std::vector<PersonInputs> read_all(const CsvTable& table, const CompiledScheme& cs, const std::optional<Period>& period, bool to_pay) {
    PeopleReader reader(table, cs, period);
    std::vector<PersonInputs> people;
    PersonInputs p;
    for (std::size_t r = 0; r < table.rows.size(); ++r)
        if (reader.read(table.rows[r], r, table.row_lines[r], p)) people.push_back(p);
    if (to_pay) reader.finish_to_pay();
    else reader.finish();
    return people;
}
}  // namespace

std::vector<PersonInputs> read_people(const CsvTable& table, const CompiledScheme& cs, const std::optional<Period>& period) {
    return read_all(table, cs, period, false);
}

std::vector<PersonInputs> read_people_to_pay(const CsvTable& table, const CompiledScheme& scheme, const Period& period) {
    return read_all(table, scheme, period, true);
}

}  // namespace motiv::data
