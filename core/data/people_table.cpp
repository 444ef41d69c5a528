#include "core/data/people_table.hpp"

#include <map>

#include "core/data/input_values.hpp"
#include "core/errors.hpp"

namespace motiv::data {

std::vector<PersonInputs> read_people(const CsvTable& table, const CompiledScheme& cs, const std::optional<Period>& period) {
    const Scheme& s = cs.scheme();
    IssueCollector<DataError> issues;
    auto issue = [&](const char* id, std::size_t line, std::size_t col, const std::string& field, const std::string& person, const std::string& msg) {
        issues.add(Issue{id, table.source, "", line, col, field, person, msg, "", 0});
    };
    const auto id_col = table.column("id");
    const auto role_col = table.column("role");
    const auto name_col = table.column("name");
    const auto period_col = table.column("period");
    const auto manager_col = table.column("manager");
    const auto start_col = table.column("start_date");
    const auto end_col = table.column("end_date");
    if ((start_col || end_col) && !s.proration)
        issue("motiv.data_error.302", 1, (start_col ? *start_col : *end_col) + 1, start_col ? "start_date" : "end_date", "",
              "column '" + std::string(start_col ? "start_date" : "end_date") + "' needs a \"proration\" section in scheme " + s.name);
    if (!id_col) issue("motiv.data_error.301", 1, 0, "id", "", "missing required column 'id'");
    if (!role_col) issue("motiv.data_error.301", 1, 0, "role", "", "missing required column 'role'");
    // Column index -> scheme input index; unknown columns are refused (a typo must not drop a KPI).
    std::vector<std::optional<std::size_t>> input_of(table.header.size());
    for (std::size_t c = 0; c < table.header.size(); ++c) {
        const std::string& h = table.header[c];
        if (h == "id" || h == "role" || h == "name" || h == "period" || h == "manager" || h == "start_date" || h == "end_date") continue;
        const InputDecl* in = s.find_input(h);
        if (!in) {
            std::string known;
            for (const auto& i : s.inputs) known += (known.empty() ? "" : ", ") + i.name;
            issue("motiv.data_error.302", 1, c + 1, h, "", "unknown column '" + h + "': not an input of scheme " + s.name + " (inputs: " + known + ")");
            continue;
        }
        input_of[c] = static_cast<std::size_t>(in - s.inputs.data());
    }
    issues.throw_if_any();

    std::vector<PersonInputs> people;
    // id -> line and dates of its rows: one id may have several rows only when dated ranges that
    // do not overlap say when each applies (a role change within the period).
    struct Seen {
        std::size_t line;
        std::optional<Date> start, end;
    };
    std::map<std::string, std::vector<Seen>> seen;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto& row = table.rows[r];
        const std::size_t line = table.row_lines[r];
        PersonInputs p;
        p.id = row[*id_col];
        p.role = row[*role_col];
        p.source = table.source;
        p.line = line;
        if (name_col) p.name = row[*name_col];
        if (manager_col) p.manager = row[*manager_col];
        if (period_col) {
            auto pr = Period::parse(row[*period_col]);
            if (!pr) {
                issue("motiv.data_error.305", line, *period_col + 1, "period", p.id, "expected a period YYYY-MM, got '" + row[*period_col] + "'");
                continue;
            }
            if (period && !(*pr == *period)) continue;
        }
        if (p.id.empty()) {
            issue("motiv.data_error.304", line, *id_col + 1, "id", "", "empty person id");
            continue;
        }
        bool dates_ok = true;
        auto date = [&](const std::optional<std::size_t>& col, const char* what) -> std::optional<Date> {
            if (!col || row[*col].empty()) return std::nullopt;
            auto d = parse_iso_date(row[*col]);
            if (!d) {
                issue("motiv.data_error.304", line, *col + 1, what, p.id, "expected a date YYYY-MM-DD, got '" + row[*col] + "'");
                dates_ok = false;
            }
            return d;
        };
        p.start = date(start_col, "start_date");
        p.end = date(end_col, "end_date");
        if (p.start && p.end && *p.end < *p.start) {
            issue("motiv.data_error.308", line, *end_col + 1, "end_date", p.id, "end_date " + to_iso(*p.end) + " is before start_date " + to_iso(*p.start));
            dates_ok = false;
        }
        auto& rows_of = seen[p.id];
        for (const Seen& other : rows_of) {
            const bool dated = (p.start || p.end) && (other.start || other.end);
            // [start, end] ranges, open-ended where a date is missing, must not share a day.
            const bool overlap = !dated || ((!p.start || !other.end || *p.start <= *other.end) && (!other.start || !p.end || *other.start <= *p.end));
            if (overlap && dates_ok) {
                issue("motiv.data_error.303", line, *id_col + 1, "id", p.id,
                      "duplicate person id '" + p.id + "' (first on line " + std::to_string(other.line) + ")" +
                          (dated ? ": their start_date / end_date ranges overlap" : "; a role change within the period needs start_date / end_date on both rows"));
                break;
            }
        }
        rows_of.push_back(Seen{line, p.start, p.end});
        const CompiledRole* role = cs.role(p.role);
        if (!role) {
            std::string roles;
            for (const auto& x : s.roles) roles += (roles.empty() ? "" : ", ") + x.name;
            issue("motiv.data_error.201", line, *role_col + 1, "role", p.id, "unknown role '" + p.role + "'; the scheme has: " + roles);
            continue;
        }
        p.values.assign(s.inputs.size(), std::nullopt);
        std::vector<bool> malformed(s.inputs.size(), false);
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (!input_of[c]) continue;
            const InputDecl& in = s.inputs[*input_of[c]];
            std::string err;
            auto v = parse_input_value(in, table.decimal_comma ? decimal_point(row[c]) : row[c], s.currency.minor_units, err);
            if (!err.empty()) {
                issue("motiv.data_error.304", line, c + 1, in.name, p.id, err);
                malformed[*input_of[c]] = true;
            }
            p.values[*input_of[c]] = v;
        }
        for (std::size_t idx : role->required_inputs) {
            if (p.values[idx]) continue;
            const auto col = table.column(s.inputs[idx].name);
            // A malformed value is already reported; a blank cell ("", or only spaces) is missing.
            if (!malformed[idx])
                issue("motiv.data_error.202", line, col ? *col + 1 : 0, s.inputs[idx].name, p.id,
                      "missing required input '" + s.inputs[idx].name + "' for role " + p.role + (col ? "" : " (no such column)"));
        }
        people.push_back(std::move(p));
    }
    issues.throw_if_any();
    return people;
}

std::vector<PersonInputs> read_people_to_pay(const CsvTable& table, const CompiledScheme& scheme, const Period& period) {
    auto people = read_people(table, scheme, period);
    if (people.empty())
        throw DataError({Issue{"motiv.data_error.307", table.source, "", 0, 0, "period", "",
                               "no people to pay for period " + period.to_string() + "; nothing was written", "", 0}});
    return people;
}

}  // namespace motiv::data
