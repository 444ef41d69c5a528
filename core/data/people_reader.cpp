#include "core/data/people_reader.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/engine/outside_period.hpp"
#include "core/engine/proration.hpp"
#include "core/text/suggest.hpp"

namespace motiv::data {

namespace {

constexpr std::string_view kKeyColumns[] = {"id", "role", "name", "period", "manager", "start_date", "end_date"};

// The known column closest to `name` ("overdue_handover" -> "overdue_handovers"), '' when none is near
// (at most ~a quarter of the name retyped).
std::string closest(std::string_view name, const Scheme& s) {
    std::vector<std::string> known(std::begin(kKeyColumns), std::end(kKeyColumns));
    for (const auto& in : s.inputs) known.push_back(in.name);
    return text::closest(name, known, std::max<std::size_t>(2, name.size() / 4));
}

// ASCII case folding: ids are codes typed by people and spreadsheets, where case and stray spaces
// are noise, never a second person.
std::string fold(std::string_view id) {
    std::string out(id);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace

std::string_view trim_id(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::optional<Decimal> period_share(const Scheme& s, const Period& period, const std::optional<Date>& start, const std::optional<Date>& end) {
    if (!s.proration || (!start && !end)) return std::nullopt;
    return prorata_share(*s.proration, period, start, end)->share;
}

ColumnMap map_columns(const Scheme& s, const std::vector<std::string>& header, const std::string& source, IssueCollector<DataError>& issues) {
    auto issue = [&](std::size_t col, const std::string& field, std::string msg) {
        issues.add(Issue{"motiv.data_error.301", source, "", 1, col, field, "", std::move(msg), "", 0});
    };
    ColumnMap m;
    m.input.assign(header.size(), std::nullopt);
    for (std::size_t c = 0; c < header.size(); ++c) {
        const std::string& h = header[c];
        std::optional<std::size_t>* key = h == "id" ? &m.id : h == "role" ? &m.role : h == "name" ? &m.name : h == "period" ? &m.period
                                          : h == "manager" ? &m.manager : h == "start_date" ? &m.start : h == "end_date" ? &m.end : nullptr;
        if (key) {
            *key = c;
            continue;
        }
        const InputDecl* in = s.find_input(h);
        if (!in) {
            std::string known;
            for (const auto& i : s.inputs) known += (known.empty() ? "" : ", ") + i.name;
            const std::string near = closest(h, s);
            issues.add(Issue{"motiv.data_error.302", source, "", 1, c + 1, h, "",
                             "unknown column '" + h + "'" + (near.empty() ? "" : " (did you mean '" + near + "'?)") + ": not an input of scheme " + s.name +
                                 " (inputs: " + known + ")", "", 0});
            continue;
        }
        m.input[c] = static_cast<std::size_t>(in - s.inputs.data());
    }
    if ((m.start || m.end) && !s.proration) {
        const std::size_t c = m.start ? *m.start : *m.end;
        issues.add(Issue{"motiv.data_error.302", source, "", 1, c + 1, header[c], "",
                         "column '" + header[c] + "' needs a \"proration\" section in scheme " + s.name, "", 0});
    }
    if (!m.id) issue(0, "id", "missing required column 'id'");
    if (!m.role) issue(0, "role", "missing required column 'role'");
    return m;
}

KeyReader::KeyReader(const CompiledScheme& scheme, const std::optional<Period>& period, const ColumnMap& columns, std::string source,
                     IssueCollector<DataError>& issues)
    : scheme_(scheme), period_(period), cols_(columns), source_(std::move(source)), issues_(issues) {}

void KeyReader::issue(const char* id, std::size_t line, std::optional<std::size_t> col, const std::string& field, const std::string& person,
                      std::string message) {
    issues_.add(Issue{id, source_, "", line, col ? *col + 1 : 0, field, person, std::move(message), "", 0});
}

std::optional<RowKey> KeyReader::read(std::size_t row, std::size_t line, const std::function<std::string_view(std::size_t)>& cell) {
    const Scheme& s = scheme_.scheme();
    RowKey k;
    k.row = row;
    k.id = std::string(trim_id(cell(*cols_.id)));
    if (cols_.period) {
        const std::string_view text = cell(*cols_.period);
        const auto pr = Period::parse(trim_id(text));
        if (!pr) {
            issue("motiv.data_error.305", line, cols_.period, "period", k.id, "expected a period YYYY-MM, got '" + std::string(text) + "'");
            return std::nullopt;
        }
        if (period_ && !(*pr == *period_)) return std::nullopt;
    }
    if (k.id.empty()) {
        issue("motiv.data_error.304", line, cols_.id, "id", "", "empty person id");
        return std::nullopt;
    }
    bool ok = true;
    auto date = [&](const std::optional<std::size_t>& col, const char* what) -> std::optional<Date> {
        if (!col) return std::nullopt;
        const std::string_view text = trim_id(cell(*col));
        if (text.empty()) return std::nullopt;
        auto d = parse_iso_date(text);
        if (!d) {
            issue("motiv.data_error.304", line, col, what, k.id, "expected a date YYYY-MM-DD, got '" + std::string(text) + "'");
            ok = false;
        }
        return d;
    };
    k.start = date(cols_.start, "start_date");
    k.end = date(cols_.end, "end_date");
    if (k.start && k.end && *k.end < *k.start) {
        issue("motiv.data_error.308", line, cols_.end, "end_date", k.id, "end_date " + to_iso(*k.end) + " is before start_date " + to_iso(*k.start));
        ok = false;
    }
    auto& rows_of = seen_[fold(k.id)];
    for (const Seen& other : rows_of) {
        const bool dated = (k.start || k.end) && (other.start || other.end);
        // [start, end] ranges, open-ended where a date is missing, must not share a day.
        const bool overlap = !dated || ((!k.start || !other.end || *k.start <= *other.end) && (!other.start || !k.end || *other.start <= *k.end));
        if (overlap && ok) {
            issue("motiv.data_error.303", line, cols_.id, "id", k.id,
                  "duplicate person id '" + k.id + "' (first on line " + std::to_string(other.line) + ")" +
                      (dated ? ": their start_date / end_date ranges overlap" : "; a role change within the period needs start_date / end_date on both rows"));
            ok = false;
            break;
        }
    }
    rows_of.push_back(Seen{line, k.start, k.end});
    const std::string_view role = cell(*cols_.role);
    const CompiledRole* r = scheme_.role(role);
    if (!r) {
        std::string roles;
        for (const auto& x : s.roles) roles += (roles.empty() ? "" : ", ") + x.name;
        issue("motiv.data_error.201", line, cols_.role, "role", k.id, "unknown role '" + std::string(role) + "'; the scheme has: " + roles);
        return std::nullopt;
    }
    k.role = static_cast<std::uint32_t>(r - scheme_.roles().data());
    if (!ok) return std::nullopt;
    if (period_ && s.proration && (k.start || k.end)) {
        if (auto why = outside_period(*period_, k.start, k.end)) {
            const bool late = k.start && period_->last_day() < *k.start;
            issue("motiv.data_error.309", line, late ? cols_.start : cols_.end, late ? "start_date" : "end_date", k.id, std::move(*why));
            return std::nullopt;
        }
        k.share = period_share(s, *period_, k.start, k.end);
    }
    return k;
}

}  // namespace motiv::data
