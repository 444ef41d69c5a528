#include "apps/export/xlsx_export.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <optional>
#include <vector>
#include <utility>

#include "core/errors.hpp"
#include "core/errors/catalogue.hpp"
#include "core/io/atomic_file.hpp"

namespace motiv::exports {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxRows = 1'048'576;
constexpr std::size_t kMaxColumns = 16'384;

[[noreturn]] void does_not_fit(const std::string& why) {
    throw IoError(err::io_export_cannot_hold, "cannot export the payroll as XLSX: " + why);
}

// libxlsxwriter writes to a file name only: the workbook is built in a private temporary
// directory, read back and then written atomically to its target like every other export.
class TemporaryDirectory {
public:
    TemporaryDirectory() {
        std::string tmpl = (fs::temp_directory_path() / "motiv-xlsx-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) throw IoError(err::io_cannot_write, "cannot create a temporary directory for the XLSX export in " + fs::temp_directory_path().string());
        path_ = tmpl;
    }
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
    ~TemporaryDirectory() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    [[nodiscard]] const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// Owns the workbook until it is closed (closing writes it); a workbook abandoned by an exception
// is closed into the temporary directory, which is then removed.
class Workbook {
public:
    explicit Workbook(const std::string& path) : wb_(workbook_new(path.c_str())) {
        if (!wb_) throw IoError(err::io_cannot_write, "libxlsxwriter cannot create a workbook");
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;
    ~Workbook() {
        if (wb_) workbook_close(wb_);
    }
    [[nodiscard]] lxw_workbook* get() const { return wb_; }
    void close() {
        const lxw_error err = workbook_close(std::exchange(wb_, nullptr));
        if (err != LXW_NO_ERROR) throw IoError(err::io_cannot_write, std::string("libxlsxwriter cannot write the workbook: ") + lxw_strerror(err));
    }

private:
    lxw_workbook* wb_;
};

class Sheet {
public:
    Sheet(lxw_workbook* wb, const char* name, lxw_format* money, lxw_format* bold, int minor_units)
        : ws_(workbook_add_worksheet(wb, name)), money_(money), bold_(bold), scale_(1.0), minor_units_(minor_units) {
        if (!ws_) throw IoError(err::io_cannot_write, std::string("libxlsxwriter cannot add the worksheet ") + name);
        for (int i = 0; i < minor_units; ++i) scale_ *= 10.0;
    }
    void text(std::size_t row, std::size_t col, const std::string& s, bool header = false) {
        check(row, col);
        worksheet_write_string(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), s.c_str(), header ? bold_ : nullptr);
        fit(col, characters(s) + (header ? 1 : 0));  // bold is a little wider
    }
    void amount(std::size_t row, std::size_t col, std::int64_t minor) {
        check(row, col);
        if (minor > kXlsxMaxExactMinor || minor < -kXlsxMaxExactMinor)
            does_not_fit("amount of " + std::to_string(minor) + " minor units is beyond 2^53, which a spreadsheet number cannot hold exactly");
        // Both operands are exact doubles (|minor| <= 2^53, 10^k), so the quotient is the double
        // nearest to the decimal amount.
        worksheet_write_number(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), static_cast<double>(minor) / scale_, money_);
        // As the money format shows it ("-1,250,000.00"): a column narrower than that shows #####.
        fit(col, Decimal::from_minor(minor, minor_units_).to_display(minor_units_).size());
    }
    void count(std::size_t row, std::size_t col, std::size_t n) {
        check(row, col);
        worksheet_write_number(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), static_cast<double>(n), nullptr);
        fit(col, std::to_string(n).size());
    }
    void boolean(std::size_t row, std::size_t col, bool b) {
        check(row, col);
        worksheet_write_boolean(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), b ? 1 : 0, nullptr);
        fit(col, 5);  // FALSE
    }
    // Every column as wide as its widest cell (up to kMaxWidth characters); with `filter_rows`, a
    // frozen header row and an autofilter over the header and the first `filter_rows` rows below it
    // (a TOTAL row after them stays out of sorting and filtering).
    void finish(std::optional<std::size_t> filter_rows) {
        for (std::size_t c = 0; c < width_.size(); ++c)
            worksheet_set_column(ws_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), static_cast<double>(std::min(width_[c] + 2, kMaxWidth)), nullptr);
        if (!filter_rows || width_.empty()) return;
        worksheet_freeze_panes(ws_, 1, 0);
        worksheet_autofilter(ws_, 0, 0, static_cast<lxw_row_t>(*filter_rows), static_cast<lxw_col_t>(width_.size() - 1));
    }

private:
    static void check(std::size_t row, std::size_t col) {
        if (row >= kMaxRows) does_not_fit("more than " + std::to_string(kMaxRows) + " rows in a worksheet");
        if (col >= kMaxColumns) does_not_fit("more than " + std::to_string(kMaxColumns) + " columns in a worksheet");
    }
    // Characters, not bytes: a Cyrillic name is as wide as a Latin one of the same length.
    static std::size_t characters(const std::string& s) {
        return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
    }
    void fit(std::size_t col, std::size_t chars) {
        if (width_.size() <= col) width_.resize(col + 1, 0);
        width_[col] = std::max(width_[col], chars);
    }
    static constexpr std::size_t kMaxWidth = 255;  // Excel's widest column (a derivation may be long)
    lxw_worksheet* ws_;
    lxw_format* money_;
    lxw_format* bold_;
    double scale_;
    int minor_units_;
    std::vector<std::size_t> width_;  // widest cell of each column so far, in characters
};

std::int64_t checked_add(std::int64_t a, std::int64_t b, const std::string& what) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) does_not_fit("the sum of " + what + " is out of range");
    return r;
}

void payroll_sheet(Sheet& s, const payroll::PayrollRun& run) {
    std::vector<std::string> header = {"id", "name", "role", "period"};
    header.insert(header.end(), run.columns.begin(), run.columns.end());
    header.emplace_back("total");
    for (std::size_t c = 0; c < header.size(); ++c) s.text(0, c, header[c], true);
    std::vector<std::int64_t> sums(run.columns.size() + 1, 0);
    std::size_t row = 1;
    for (const auto& p : run.payslips) {
        s.text(row, 0, p.person);
        s.text(row, 1, p.name);
        s.text(row, 2, p.role);
        s.text(row, 3, p.period);
        for (std::size_t k = 0; k < run.columns.size(); ++k) {
            if (const PayLine* l = p.line(run.columns[k])) {
                s.amount(row, 4 + k, l->minor);
                sums[k] = checked_add(sums[k], l->minor, "column " + run.columns[k]);
            }
        }
        s.amount(row, 4 + run.columns.size(), p.total_minor);
        sums.back() = checked_add(sums.back(), p.total_minor, "totals");
        ++row;
    }
    s.text(row, 0, "TOTAL", true);
    s.text(row, 3, run.period);
    for (std::size_t k = 0; k < sums.size(); ++k) s.amount(row, 4 + k, sums[k]);
    s.finish(run.payslips.size());
}

void line_items_sheet(Sheet& s, const payroll::PayrollRun& run) {
    const char* header[] = {"id", "name", "role", "period", "component", "label", "kind", "amount", "applied", "rule", "derivation"};
    for (std::size_t c = 0; c < std::size(header); ++c) s.text(0, c, header[c], true);
    std::size_t row = 1;
    for (const auto& p : run.payslips) {
        for (const auto& l : p.lines) {
            s.text(row, 0, p.person);
            s.text(row, 1, p.name);
            s.text(row, 2, p.role);
            s.text(row, 3, p.period);
            s.text(row, 4, l.component);
            s.text(row, 5, l.label);
            s.text(row, 6, l.kind);
            s.amount(row, 7, l.minor);
            s.boolean(row, 8, l.applied);
            s.text(row, 9, l.pointer);
            s.text(row, 10, l.summary);
            ++row;
        }
    }
    s.finish(row - 1);
}

void totals_by_role_sheet(Sheet& s, const payroll::PayrollRun& run) {
    std::vector<std::string> header = {"role", "people"};
    header.insert(header.end(), run.columns.begin(), run.columns.end());
    header.emplace_back("total");
    for (std::size_t c = 0; c < header.size(); ++c) s.text(0, c, header[c], true);
    std::size_t row = 1;
    std::vector<std::int64_t> sums(run.columns.size(), 0);
    std::vector<bool> paid(run.columns.size(), false);  // a component no role has stays empty, not 0
    const auto roles = run.by_role();
    for (const auto& r : roles) {
        s.text(row, 0, r.role);
        s.count(row, 1, r.people);
        for (std::size_t k = 0; k < run.columns.size(); ++k)
            for (const auto& [component, sum] : r.components)
                if (component == run.columns[k]) {
                    s.amount(row, 2 + k, sum);
                    sums[k] = checked_add(sums[k], sum, "column " + run.columns[k]);
                    paid[k] = true;
                }
        s.amount(row, 2 + run.columns.size(), r.total_minor);
        ++row;
    }
    s.text(row, 0, "TOTAL", true);
    s.count(row, 1, run.payslips.size());
    for (std::size_t k = 0; k < run.columns.size(); ++k)
        if (paid[k]) s.amount(row, 2 + k, sums[k]);
    s.amount(row, 2 + run.columns.size(), run.total_minor());
    s.finish(roles.size());
}

}  // namespace

std::string to_xlsx(const payroll::PayrollRun& run, const Provenance& pv) {
    TemporaryDirectory dir;
    const std::string path = (dir.path() / "payroll.xlsx").string();
    {
        Workbook wb(path);
        lxw_format* money = workbook_add_format(wb.get());
        std::string money_format = "#,##0";
        if (run.minor_units > 0) money_format += "." + std::string(static_cast<std::size_t>(run.minor_units), '0');
        format_set_num_format(money, money_format.c_str());
        lxw_format* bold = workbook_add_format(wb.get());
        format_set_bold(bold);

        Sheet payroll(wb.get(), "payroll", money, bold, run.minor_units);
        payroll_sheet(payroll, run);
        Sheet items(wb.get(), "line items", money, bold, run.minor_units);
        line_items_sheet(items, run);
        Sheet roles(wb.get(), "totals by role", money, bold, run.minor_units);
        totals_by_role_sheet(roles, run);
        Sheet about(wb.get(), "provenance", money, bold, run.minor_units);
        std::size_t row = 0;
        for (const auto& [k, v] : pv.fields()) {
            about.text(row, 0, k, true);
            about.text(row, 1, v);
            ++row;
        }
        about.finish(std::nullopt);

        std::string title = "Payroll " + pv.period + ", " + pv.scheme + " " + pv.version;
        std::string comments = "rules_sha256 " + pv.rules_sha256 + "; data_sha256 " + pv.data_sha256;
        std::string creator = "motiv";
        lxw_doc_properties props{};
        props.title = title.data();
        props.comments = comments.data();
        props.author = creator.data();
        workbook_set_properties(wb.get(), &props);
        wb.close();
    }
    return io::read_file(path);
}

}  // namespace motiv::exports
