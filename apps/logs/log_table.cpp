#include "apps/logs/log_table.hpp"

#include <unordered_map>

#include "core/errors.hpp"
#include "core/io/atomic_file.hpp"
#include "core/rules/json_document.hpp"

namespace motiv::logs {

LogTable::LogTable(data::CsvTable csv)
    : source(std::move(csv.source)), header(std::move(csv.header)), rows(std::move(csv.rows)), row_lines(std::move(csv.row_lines)) {}

std::optional<std::size_t> LogTable::column(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return i;
    return std::nullopt;
}

namespace {

using json = nlohmann::ordered_json;

[[noreturn]] void refuse(const char* id, const std::string& source, std::string pointer, const std::string& message) {
    throw DataError({Issue{id, source, std::move(pointer), 0, 0, "", "", message, "", 0}});
}

// The document's own errors (syntax, duplicate key, depth, size) under the data ids of the same meaning.
[[noreturn]] void rethrow_as_data(const RuleError& e) {
    std::vector<Issue> out = e.issues();
    for (auto& i : out) {
        if (i.id == "motiv.rule_error.102") i.id = "motiv.data_error.102";
        else if (i.id == "motiv.rule_error.103" || i.id == "motiv.rule_error.104") i.id = "motiv.data_error.107";
        else i.id = "motiv.data_error.108";
    }
    throw DataError(std::move(out));
}

}  // namespace

LogTable parse_json_log(std::string_view text, std::string source) {
    if (text.size() > kJsonLogMaxBytes)
        refuse("motiv.data_error.107", source, "",
               "JSON log too large: " + std::to_string(text.size()) + " bytes, the limit is " + std::to_string(kJsonLogMaxBytes) + " (write a large log as CSV)");
    json doc;
    try {
        doc = parse_json_exact(text, source, nullptr, kJsonLogMaxBytes);
    } catch (const RuleError& e) {
        rethrow_as_data(e);
    }
    if (!doc.is_array()) refuse("motiv.data_error.108", source, "", "expected an array of objects, one per row, got " + json_type_name(doc));
    if (doc.size() > data::kCsvMaxRows)
        refuse("motiv.data_error.107", source, "", "too many rows: " + std::to_string(doc.size()) + ", the limit is " + std::to_string(data::kCsvMaxRows));

    LogTable t;
    t.source = std::move(source);
    t.json = true;
    IssueCollector<DataError> issues;
    std::unordered_map<std::string, std::size_t> index;  // column of each key
    auto add = [&](const char* id, std::string pointer, std::string message) {
        issues.add(Issue{id, t.source, std::move(pointer), 0, 0, "", "", std::move(message), "", 0});
    };
    for (std::size_t r = 0; r < doc.size(); ++r) {
        const json& row = doc[r];
        const std::string at = json_pointer_join("", r);
        std::vector<std::string> cells(t.header.size());
        std::vector<bool> has(t.header.size());
        if (!row.is_object()) add("motiv.data_error.108", at, "expected an object (one row), got " + json_type_name(row));
        static const json kNoKeys = json::object();
        for (const auto& item : (row.is_object() ? row : kNoKeys).items()) {
            auto [it, fresh] = index.try_emplace(item.key(), t.header.size());
            if (fresh) {
                if (t.header.size() >= data::kCsvMaxColumns) {
                    add("motiv.data_error.107", at, "too many distinct keys: the limit is " + std::to_string(data::kCsvMaxColumns));
                    issues.throw_if_any();
                }
                t.header.push_back(item.key());
                t.first_row.push_back(r);
                cells.emplace_back();
                has.push_back(false);
            }
            const std::size_t c = it->second;
            const json& v = item.value();
            if (v.is_null()) continue;
            if (v.is_string()) cells[c] = v.get<std::string>();
            else if (v.is_number()) cells[c] = v.dump();  // integers; other numbers are kept as their text by parse_json_exact
            else {
                add("motiv.data_error.108", json_pointer_join(at, item.key()), "expected a string or a number, got " + json_type_name(v));
                continue;
            }
            if (cells[c].size() > data::kCsvMaxCellBytes) {
                add("motiv.data_error.107", json_pointer_join(at, item.key()),
                    "value too long: " + std::to_string(cells[c].size()) + " bytes, the limit is " + std::to_string(data::kCsvMaxCellBytes));
                cells[c].clear();
            }
            has[c] = true;
        }
        t.rows.push_back(std::move(cells));
        t.present.push_back(std::move(has));
    }
    issues.throw_if_any();
    for (std::size_t r = 0; r < t.rows.size(); ++r) {  // rows read before a key first appeared lack its cell
        t.rows[r].resize(t.header.size());
        t.present[r].resize(t.header.size(), false);
    }
    return t;
}

LogTable read_log_file(const std::string& path, std::string* bytes) {
    const bool json_file = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
    std::string text = io::read_file(path, json_file ? kJsonLogMaxBytes : (std::size_t{1} << 30));
    LogTable t = json_file ? parse_json_log(text, path) : LogTable(data::parse_csv(text, path));
    if (bytes) *bytes = std::move(text);
    return t;
}

}  // namespace motiv::logs
