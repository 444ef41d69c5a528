#include "apps/export/csv_export.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/data/csv.hpp"
#include "core/data/spreadsheet_cell.hpp"
#include "core/errors.hpp"

namespace motiv::exports {

namespace {

const std::vector<std::string> kProvenanceColumns = {"scheme", "version", "rules_sha256", "data_sha256"};

// Text of an amount in the dialect: "47460.00" -> "47460,00".
std::string decimal_text(std::string text, char separator) {
    if (separator != '.') std::replace(text.begin(), text.end(), '.', separator);
    return text;
}

std::string provenance_value(const std::string& column, const Provenance& p) {
    if (column == "scheme") return p.scheme;
    if (column == "version") return p.version;
    if (column == "rules_sha256") return p.rules_sha256;
    return p.data_sha256;
}

// A cell, quoted when it must be (RFC 4180), guarded against formulas when the dialect says so
// (data/spreadsheet_cell.hpp; every cell, the header and provenance included, as append_csv_row does).
void append_text(std::string& out, std::string_view text, char delimiter, bool guard_formulas) {
    const bool guard = guard_formulas && data::spreadsheet_may_run(text);
    const char specials[] = {delimiter, '"', '\r', '\n'};
    if (text.find_first_of(std::string_view(specials, 4)) == std::string_view::npos) {
        if (guard) out += '\'';
        out += text;
        return;
    }
    out += '"';
    if (guard) out += '\'';
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

// n minor units as a plain decimal with `places` places: what Decimal::from_minor(n, places)
// .to_string_fixed(places) gives, without making a Decimal or a string per cell.
void append_amount(std::string& out, std::int64_t minor, int places, char separator) {
    char buf[32];
    char* end = buf + sizeof buf;
    char* p = end;
    std::uint64_t mag = minor < 0 ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
    for (int i = 0; i < places; ++i) {
        *--p = static_cast<char>('0' + mag % 10);
        mag /= 10;
    }
    if (places > 0) *--p = separator;
    do {
        *--p = static_cast<char>('0' + mag % 10);
        mag /= 10;
    } while (mag > 0);
    if (minor < 0) *--p = '-';
    out.append(p, static_cast<std::size_t>(end - p));
}

}  // namespace

std::vector<std::string> default_csv_columns(const payroll::PayrollRun& run) {
    std::vector<std::string> c = {"id", "name", "role", "period"};
    c.insert(c.end(), run.columns.begin(), run.columns.end());
    c.emplace_back("total");
    c.insert(c.end(), kProvenanceColumns.begin(), kProvenanceColumns.end());
    return c;
}

CsvWriter::CsvWriter(std::vector<std::string> names, std::vector<std::string> pay_columns, const Scheme& scheme, Provenance provenance,
                     CsvDialect dialect, std::string period, int minor_units)
    : names_(std::move(names)), pay_columns_(std::move(pay_columns)), scheme_(scheme), provenance_(std::move(provenance)), dialect_(std::move(dialect)),
      period_(std::move(period)), minor_units_(minor_units) {
    check_dialect(dialect_);
    if (names_.empty()) {
        names_ = {"id", "name", "role", "period"};
        names_.insert(names_.end(), pay_columns_.begin(), pay_columns_.end());
        names_.emplace_back("total");
        names_.insert(names_.end(), kProvenanceColumns.begin(), kProvenanceColumns.end());
    }
    // Provenance is not optional: a payroll without it cannot be checked against its rules and data.
    for (const char* p : {"period", "scheme", "version", "rules_sha256", "data_sha256"})
        if (std::find(names_.begin(), names_.end(), p) == names_.end()) names_.emplace_back(p);
    for (const auto& name : names_) {
        if (std::count(names_.begin(), names_.end(), name) > 1) throw std::invalid_argument("CSV column '" + name + "' is declared twice");
        columns_.push_back(classify(name));
        if (columns_.back().kind == ColumnKind::input) needs_payslips_ = true;
    }
    sums_.assign(columns_.size(), 0);
}

CsvWriter::Column CsvWriter::classify(const std::string& name) const {
    if (name == "id") return {name, ColumnKind::id};
    if (name == "name") return {name, ColumnKind::name};
    if (name == "role") return {name, ColumnKind::role};
    if (name == "period") return {name, ColumnKind::period};
    if (name == "total") return {name, ColumnKind::total};
    if (auto it = std::find(pay_columns_.begin(), pay_columns_.end(), name); it != pay_columns_.end())
        return {name, ColumnKind::component, static_cast<std::size_t>(it - pay_columns_.begin())};
    if (std::find(kProvenanceColumns.begin(), kProvenanceColumns.end(), name) != kProvenanceColumns.end()) return {name, ColumnKind::provenance};
    for (std::size_t i = 0; i < scheme_.inputs.size(); ++i)
        if (scheme_.inputs[i].name == name) return {name, ColumnKind::input, i};
    std::string known = "id, name, role, period, total, scheme, version, rules_sha256, data_sha256";
    for (const auto& c : pay_columns_) known += ", " + c;
    for (const auto& in : scheme_.inputs) known += ", " + in.name;
    throw std::invalid_argument("unknown CSV column '" + name + "'; expected one of: " + known);
}

void CsvWriter::header(std::string& out) const {
    if (dialect_.encoding == Encoding::utf8_bom) out += "\xEF\xBB\xBF";
    for (std::size_t i = 0; i < names_.size(); ++i) {
        if (i > 0) out += dialect_.delimiter;
        append_text(out, names_[i], dialect_.delimiter, dialect_.guard_formulas);
    }
    out += dialect_.line_end;
}

void CsvWriter::row(std::string& out, const payroll::PaidRow& r) {
    const char d = dialect_.delimiter;
    const bool guard = dialect_.guard_formulas;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (i > 0) out += dialect_.delimiter;
        const Column& c = columns_[i];
        switch (c.kind) {
            case ColumnKind::id: append_text(out, r.id, d, guard); break;
            case ColumnKind::name: append_text(out, r.name, d, guard); break;
            case ColumnKind::role: append_text(out, r.role, d, guard); break;
            case ColumnKind::period: append_text(out, period_, d, guard); break;
            case ColumnKind::provenance: append_text(out, provenance_value(c.name, provenance_), d, guard); break;
            case ColumnKind::total:
            case ColumnKind::component: {
                const bool given = c.kind == ColumnKind::total || r.has[c.index] != 0;
                if (!given) break;
                const std::int64_t minor = c.kind == ColumnKind::total ? r.total : r.amounts[c.index];
                append_amount(out, minor, minor_units_, dialect_.decimal_separator);
                if (__builtin_add_overflow(sums_[i], minor, &sums_[i]) && overflow_.empty()) overflow_ = c.name;
                break;
            }
            case ColumnKind::input: {
                const Payslip* p = r.payslip;
                const InputDecl& decl = scheme_.inputs[c.index];
                auto it = std::find_if(p->inputs.begin(), p->inputs.end(), [&](const auto& kv) { return kv.first == decl.name; });
                if (it == p->inputs.end()) break;
                const std::string text = decl.kind == Kind::money && it->second.places() <= minor_units_ ? it->second.to_string_fixed(minor_units_) : it->second.to_string();
                append_text(out, decimal_text(text, dialect_.decimal_separator), d, guard);
                break;
            }
        }
    }
    out += dialect_.line_end;
}

void CsvWriter::finish(std::string& out) const {
    if (!overflow_.empty())
        throw EvalError("motiv.eval_error.502", "[motiv.eval_error.502] " + scheme_.source + " payroll " + period_ + ": the sum of column '" + overflow_ +
                                                    "' is out of range (overflow)", "");
    const char d = dialect_.delimiter;
    bool marked = false;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (i > 0) out += dialect_.delimiter;
        const Column& c = columns_[i];
        if (c.is_amount()) append_amount(out, sums_[i], minor_units_, dialect_.decimal_separator);
        else if (c.kind == ColumnKind::period) append_text(out, period_, d, dialect_.guard_formulas);
        else if (c.kind == ColumnKind::provenance) append_text(out, provenance_value(c.name, provenance_), d, dialect_.guard_formulas);
        else if (!marked) {
            out += "TOTAL";
            marked = true;
        }
    }
    out += dialect_.line_end;
}

std::string to_csv(const payroll::PayrollRun& run, const Scheme& scheme, const Provenance& provenance, const CsvDialect& dialect,
                   std::vector<std::string> names) {
    CsvWriter w(std::move(names), run.columns, scheme, provenance, dialect, run.period, run.minor_units);
    std::string out;
    w.header(out);
    std::vector<std::int64_t> amounts;
    std::vector<std::uint8_t> has;
    std::vector<std::size_t> lines;
    for (const auto& p : run.payslips) w.row(out, payroll::paid_row(p, run.columns, amounts, has, lines));
    w.finish(out);
    return out;
}

}  // namespace motiv::exports
