#include "apps/export/csv_export.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/data/csv.hpp"
#include "core/errors.hpp"
#include "core/errors/catalogue.hpp"

namespace motiv::exports {

namespace {

const std::vector<std::string> kProvenanceColumns = {"scheme", "version", "rules_sha256", "data_sha256"};

enum class ColumnKind { id, name, role, period, component, total, input, provenance };

struct Column {
    std::string name;
    ColumnKind kind;
    std::size_t input = 0;  // scheme input index, for ColumnKind::input
    [[nodiscard]] bool is_amount() const { return kind == ColumnKind::component || kind == ColumnKind::total; }
};

Column classify(const std::string& name, const payroll::PayrollRun& run, const Scheme& scheme) {
    if (name == "id") return {name, ColumnKind::id};
    if (name == "name") return {name, ColumnKind::name};
    if (name == "role") return {name, ColumnKind::role};
    if (name == "period") return {name, ColumnKind::period};
    if (name == "total") return {name, ColumnKind::total};
    if (std::find(run.columns.begin(), run.columns.end(), name) != run.columns.end()) return {name, ColumnKind::component};
    if (std::find(kProvenanceColumns.begin(), kProvenanceColumns.end(), name) != kProvenanceColumns.end()) return {name, ColumnKind::provenance};
    for (std::size_t i = 0; i < scheme.inputs.size(); ++i)
        if (scheme.inputs[i].name == name) return {name, ColumnKind::input, i};
    std::string known = "id, name, role, period, total, scheme, version, rules_sha256, data_sha256";
    for (const auto& c : run.columns) known += ", " + c;
    for (const auto& in : scheme.inputs) known += ", " + in.name;
    throw std::invalid_argument("unknown CSV column '" + name + "'; expected one of: " + known);
}

// Text of an amount in the dialect: "47460.00" -> "47460,00".
std::string decimal_text(std::string text, char separator) {
    if (separator != '.') std::replace(text.begin(), text.end(), '.', separator);
    return text;
}

// Every cell, provenance and header included, is guarded (amounts are plain numbers and stay so).
void append_row(std::string& out, const std::vector<std::string>& cells, const CsvDialect& d) {
    data::append_csv_row(out, cells, d.delimiter, d.guard_formulas ? data::CellGuard::spreadsheet : data::CellGuard::raw);
    if (d.line_end != "\n") {
        out.pop_back();  // append_csv_row ends every row with "\n"
        out += d.line_end;
    }
}

std::string provenance_value(const std::string& column, const Provenance& p) {
    if (column == "scheme") return p.scheme;
    if (column == "version") return p.version;
    if (column == "rules_sha256") return p.rules_sha256;
    return p.data_sha256;
}

}  // namespace

std::vector<std::string> default_csv_columns(const payroll::PayrollRun& run) {
    std::vector<std::string> c = {"id", "name", "role", "period"};
    c.insert(c.end(), run.columns.begin(), run.columns.end());
    c.emplace_back("total");
    c.insert(c.end(), kProvenanceColumns.begin(), kProvenanceColumns.end());
    return c;
}

std::string to_csv(const payroll::PayrollRun& run, const Scheme& scheme, const Provenance& provenance, const CsvDialect& dialect,
                   std::vector<std::string> names) {
    check_dialect(dialect);
    if (names.empty()) names = default_csv_columns(run);
    // Provenance is not optional: a payroll without it cannot be checked against its rules and data.
    for (const char* p : {"period", "scheme", "version", "rules_sha256", "data_sha256"})
        if (std::find(names.begin(), names.end(), p) == names.end()) names.emplace_back(p);
    std::vector<Column> columns;
    for (const auto& n : names) {
        if (std::count(names.begin(), names.end(), n) > 1) throw std::invalid_argument("CSV column '" + n + "' is declared twice");
        columns.push_back(classify(n, run, scheme));
    }

    const int places = run.minor_units;
    auto amount = [&](std::int64_t minor) { return decimal_text(Decimal::from_minor(minor, places).to_string_fixed(places), dialect.decimal_separator); };

    std::string out;
    if (dialect.encoding == Encoding::utf8_bom) out += "\xEF\xBB\xBF";
    append_row(out, names, dialect);
    std::vector<std::int64_t> sums(columns.size(), 0);
    for (const auto& p : run.payslips) {
        std::vector<std::string> row;
        row.reserve(columns.size());
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const Column& c = columns[i];
            std::optional<std::int64_t> minor;
            switch (c.kind) {
                case ColumnKind::id: row.push_back(p.person); break;
                case ColumnKind::name: row.push_back(p.name); break;
                case ColumnKind::role: row.push_back(p.role); break;
                case ColumnKind::period: row.push_back(p.period); break;
                case ColumnKind::provenance: row.push_back(provenance_value(c.name, provenance)); break;
                case ColumnKind::total: minor = p.total_minor; break;
                case ColumnKind::component:
                    if (const PayLine* l = p.line(c.name)) minor = l->minor;
                    break;
                case ColumnKind::input: {
                    auto it = std::find_if(p.inputs.begin(), p.inputs.end(), [&](const auto& kv) { return kv.first == scheme.inputs[c.input].name; });
                    const InputDecl& decl = scheme.inputs[c.input];
                    std::string text;
                    if (it != p.inputs.end())
                        text = decl.kind == Kind::money && it->second.places() <= places ? it->second.to_string_fixed(places) : it->second.to_string();
                    row.push_back(decimal_text(text, dialect.decimal_separator));
                    break;
                }
            }
            if (c.is_amount()) {
                row.push_back(minor ? amount(*minor) : "");
                if (minor && __builtin_add_overflow(sums[i], *minor, &sums[i]))
                    throw EvalError(err::eval_overflow, err::tag(err::eval_overflow) + scheme.source + " payroll " + run.period +
                                                                ": the sum of column '" + c.name + "' is out of range (overflow)", "");
            }
        }
        append_row(out, row, dialect);
    }
    std::vector<std::string> totals;
    bool marked = false;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const Column& c = columns[i];
        if (c.is_amount()) totals.push_back(amount(sums[i]));
        else if (c.kind == ColumnKind::period) totals.push_back(run.period);
        else if (c.kind == ColumnKind::provenance) totals.push_back(provenance_value(c.name, provenance));
        else if (!marked) {
            totals.emplace_back("TOTAL");
            marked = true;
        } else totals.emplace_back();
    }
    append_row(out, totals, dialect);
    return out;
}

}  // namespace motiv::exports
