#include "core/data/people_table.hpp"

#include <algorithm>

#include "core/data/input_values.hpp"
#include "core/errors.hpp"

namespace motiv::data {

PeopleReader::PeopleReader(const std::vector<std::string>& header, std::string source, const CompiledScheme& cs, std::optional<Period> period)
    : cs_(cs), source_(std::move(source)), header_(header), period_(period) {
    const Scheme& s = cs.scheme();
    auto column = [&](std::string_view name) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < header_.size(); ++i)
            if (header_[i] == name) return i;
        return std::nullopt;
    };
    id_col_ = column("id");
    role_col_ = column("role");
    name_col_ = column("name");
    period_col_ = column("period");
    manager_col_ = column("manager");
    start_col_ = column("start_date");
    end_col_ = column("end_date");
    if ((start_col_ || end_col_) && !s.proration)
        issue("motiv.data_error.302", 1, (start_col_ ? *start_col_ : *end_col_) + 1, start_col_ ? "start_date" : "end_date", "",
              "column '" + std::string(start_col_ ? "start_date" : "end_date") + "' needs a \"proration\" section in scheme " + s.name);
    if (!id_col_) issue("motiv.data_error.301", 1, 0, "id", "", "missing required column 'id'");
    if (!role_col_) issue("motiv.data_error.301", 1, 0, "role", "", "missing required column 'role'");
    // Column index -> scheme input index; unknown columns are refused (a typo must not drop a KPI).
    input_of_.resize(header_.size());
    for (std::size_t c = 0; c < header_.size(); ++c) {
        const std::string& h = header_[c];
        if (h == "id" || h == "role" || h == "name" || h == "period" || h == "manager" || h == "start_date" || h == "end_date") continue;
        const InputDecl* in = s.find_input(h);
        if (!in) {
            std::string known;
            for (const auto& i : s.inputs) known += (known.empty() ? "" : ", ") + i.name;
            issue("motiv.data_error.302", 1, c + 1, h, "", "unknown column '" + h + "': not an input of scheme " + s.name + " (inputs: " + known + ")");
            continue;
        }
        input_of_[c] = static_cast<std::size_t>(in - s.inputs.data());
    }
    issues_.throw_if_any();
    malformed_.resize(s.inputs.size());
}

void PeopleReader::issue(const char* id, std::size_t line, std::size_t col, const std::string& field, const std::string& person, const std::string& msg) {
    issues_.add(Issue{id, source_, "", line, col, field, person, msg, "", 0});
}

bool PeopleReader::read(const std::vector<std::string>& row, std::size_t line, PersonInputs& p) {
    const Scheme& s = cs_.scheme();
    p.id = row[*id_col_];
    p.role = row[*role_col_];
    p.source = source_;
    p.line = line;
    p.name.clear();
    p.manager.clear();
    if (name_col_) p.name = row[*name_col_];
    if (manager_col_) p.manager = row[*manager_col_];
    if (period_col_) {
        auto pr = Period::parse(row[*period_col_]);
        if (!pr) {
            issue("motiv.data_error.305", line, *period_col_ + 1, "period", p.id, "expected a period YYYY-MM, got '" + row[*period_col_] + "'");
            return false;
        }
        if (period_ && !(*pr == *period_)) return false;
    }
    if (p.id.empty()) {
        issue("motiv.data_error.304", line, *id_col_ + 1, "id", "", "empty person id");
        return false;
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
    p.start = date(start_col_, "start_date");
    p.end = date(end_col_, "end_date");
    if (p.start && p.end && *p.end < *p.start) {
        issue("motiv.data_error.308", line, *end_col_ + 1, "end_date", p.id, "end_date " + to_iso(*p.end) + " is before start_date " + to_iso(*p.start));
        dates_ok = false;
    }
    // The id's earlier rows, chained from its first (one map entry per id, no list per id).
    const auto [first, fresh] = seen_first_.try_emplace(p.id, static_cast<std::uint32_t>(seen_.size()));
    std::uint32_t last = kNoRow;
    for (std::uint32_t at = fresh ? kNoRow : first->second; at != kNoRow; at = seen_[at].next) {
        last = at;
        const Seen& other = seen_[at];
        const bool dated = (p.start || p.end) && (other.start || other.end);
        // [start, end] ranges, open-ended where a date is missing, must not share a day.
        const bool overlap = !dated || ((!p.start || !other.end || *p.start <= *other.end) && (!other.start || !p.end || *other.start <= *p.end));
        if (overlap && dates_ok) {
            issue("motiv.data_error.303", line, *id_col_ + 1, "id", p.id,
                  "duplicate person id '" + p.id + "' (first on line " + std::to_string(other.line) + ")" +
                      (dated ? ": their start_date / end_date ranges overlap" : "; a role change within the period needs start_date / end_date on both rows"));
            break;
        }
    }
    if (last != kNoRow) {
        while (seen_[last].next != kNoRow) last = seen_[last].next;
        seen_[last].next = static_cast<std::uint32_t>(seen_.size());
    }
    seen_.push_back(Seen{line, p.start, p.end, kNoRow});
    const CompiledRole* role = cs_.role(p.role);
    if (!role) {
        std::string roles;
        for (const auto& x : s.roles) roles += (roles.empty() ? "" : ", ") + x.name;
        issue("motiv.data_error.201", line, *role_col_ + 1, "role", p.id, "unknown role '" + p.role + "'; the scheme has: " + roles);
        return false;
    }
    p.values.assign(s.inputs.size(), std::nullopt);
    std::fill(malformed_.begin(), malformed_.end(), false);
    for (std::size_t c = 0; c < row.size(); ++c) {
        if (!input_of_[c]) continue;
        const InputDecl& in = s.inputs[*input_of_[c]];
        auto v = parse_input_value(in, row[c], s.currency.minor_units, error_);
        if (!error_.empty()) {
            issue("motiv.data_error.304", line, c + 1, in.name, p.id, error_);
            malformed_[*input_of_[c]] = true;
        }
        p.values[*input_of_[c]] = v;
    }
    for (std::size_t idx : role->required_inputs) {
        if (p.values[idx]) continue;
        std::optional<std::size_t> col;
        for (std::size_t c = 0; c < header_.size() && !col; ++c)
            if (header_[c] == s.inputs[idx].name) col = c;
        // A malformed value is already reported; a blank cell ("", or only spaces) is missing.
        if (!malformed_[idx])
            issue("motiv.data_error.202", line, col ? *col + 1 : 0, s.inputs[idx].name, p.id,
                  "missing required input '" + s.inputs[idx].name + "' for role " + p.role + (col ? "" : " (no such column)"));
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
    PeopleReader reader(table.header, table.source, cs, period);
    std::vector<PersonInputs> people;
    PersonInputs p;
    for (std::size_t r = 0; r < table.rows.size(); ++r)
        if (reader.read(table.rows[r], table.row_lines[r], p)) people.push_back(p);
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
