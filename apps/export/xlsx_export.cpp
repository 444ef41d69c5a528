#include "apps/export/xlsx_export.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <vector>
#include <utility>

#include "core/errors.hpp"
#include "core/io/atomic_file.hpp"

namespace motiv::exports {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxColumns = 16'384;

}  // namespace

[[noreturn]] void does_not_fit(const std::string& why) {
    throw IoError("motiv.io_error.005", "cannot export the payroll as XLSX: " + why);
}

namespace {

// libxlsxwriter writes to a file name only: the workbook is built in a private temporary
// directory, read back and then written atomically to its target like every other export.
class TemporaryDirectory {
public:
    TemporaryDirectory() {
        std::string tmpl = (fs::temp_directory_path() / "motiv-xlsx-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) throw IoError("motiv.io_error.002", "cannot create a temporary directory for the XLSX export in " + fs::temp_directory_path().string());
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
    Workbook(const std::string& path, std::string tmpdir) : tmpdir_(std::move(tmpdir)) {
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE;
        options.tmpdir = tmpdir_.data();
        wb_ = workbook_new_opt(path.c_str(), &options);
        if (!wb_) throw IoError("motiv.io_error.002", "libxlsxwriter cannot create a workbook");
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;
    ~Workbook() {
        if (wb_) workbook_close(wb_);
    }
    [[nodiscard]] lxw_workbook* get() const { return wb_; }
    void close() {
        const lxw_error err = workbook_close(std::exchange(wb_, nullptr));
        if (err != LXW_NO_ERROR) throw IoError("motiv.io_error.002", std::string("libxlsxwriter cannot write the workbook: ") + lxw_strerror(err));
    }

private:
    std::string tmpdir_;  // its own temporary files go there, removed with the directory
    lxw_workbook* wb_ = nullptr;
};

class Sheet {
public:
    Sheet(lxw_workbook* wb, const char* name, lxw_format* money, lxw_format* bold, int minor_units)
        : ws_(workbook_add_worksheet(wb, name)), money_(money), bold_(bold), scale_(1.0), minor_units_(minor_units) {
        if (!ws_) throw IoError("motiv.io_error.002", std::string("libxlsxwriter cannot add the worksheet ") + name);
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
    // An autofilter over the header and the first `rows` rows below it (a TOTAL row after them
    // stays out of sorting and filtering), and a frozen header row. In constant-memory mode a
    // range may not end above the row being written: call it after the last filtered row, before
    // the TOTAL row.
    void filter(std::size_t rows) {
        if (width_.empty()) return;
        worksheet_autofilter(ws_, 0, 0, static_cast<lxw_row_t>(rows), static_cast<lxw_col_t>(width_.size() - 1));
        worksheet_freeze_panes(ws_, 1, 0);
    }
    // Every column as wide as its widest cell (up to kMaxWidth characters).
    void finish() {
        for (std::size_t c = 0; c < width_.size(); ++c)
            worksheet_set_column(ws_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), static_cast<double>(std::min(width_[c] + 2, kMaxWidth)), nullptr);
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

// The payroll sheet's header and fixed layout (its rows come one at a time).
void payroll_header(Sheet& s, const std::vector<std::string>& columns) {
    std::vector<std::string> header = {"id", "name", "role", "period"};
    header.insert(header.end(), columns.begin(), columns.end());
    header.emplace_back("total");
    for (std::size_t c = 0; c < header.size(); ++c) s.text(0, c, header[c], true);
}

void line_items_header(Sheet& s) {
    const char* header[] = {"id", "name", "role", "period", "component", "label", "kind", "amount", "applied", "rule", "derivation"};
    for (std::size_t c = 0; c < std::size(header); ++c) s.text(0, c, header[c], true);
}

void totals_by_role_sheet(Sheet& s, const std::vector<std::string>& columns, const payroll::RunTotals& totals) {
    std::vector<std::string> header = {"role", "people"};
    header.insert(header.end(), columns.begin(), columns.end());
    header.emplace_back("total");
    for (std::size_t c = 0; c < header.size(); ++c) s.text(0, c, header[c], true);
    std::size_t row = 1;
    std::vector<std::int64_t> sums(columns.size(), 0);
    std::vector<bool> paid(columns.size(), false);  // a component no role has stays empty, not 0
    const auto roles = totals.by_role();
    for (const auto& r : roles) {
        s.text(row, 0, r.role);
        s.count(row, 1, r.people);
        for (std::size_t k = 0; k < columns.size(); ++k)
            for (const auto& [component, sum] : r.components)
                if (component == columns[k]) {
                    s.amount(row, 2 + k, sum);
                    sums[k] = checked_add(sums[k], sum, "column " + columns[k]);
                    paid[k] = true;
                }
        s.amount(row, 2 + columns.size(), r.total_minor);
        ++row;
    }
    s.filter(roles.size());
    s.text(row, 0, "TOTAL", true);
    s.count(row, 1, totals.people());
    for (std::size_t k = 0; k < columns.size(); ++k)
        if (paid[k]) s.amount(row, 2 + k, sums[k]);
    s.amount(row, 2 + columns.size(), totals.total_minor());
    s.finish();
}

lxw_format* money_format(lxw_workbook* wb, int minor_units) {
    lxw_format* money = workbook_add_format(wb);
    std::string f = "#,##0";
    if (minor_units > 0) f += "." + std::string(static_cast<std::size_t>(minor_units), '0');
    format_set_num_format(money, f.c_str());
    return money;
}

lxw_format* bold_format(lxw_workbook* wb) {
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    return bold;
}

}  // namespace

// The workbook being written: in libxlsxwriter's constant-memory mode each sheet keeps one row in
// memory and the rest in a temporary file, so a workbook of a million rows costs a row's memory.
// Rows must then come in order within each sheet: the sheets are added up front (their tab order)
// and the summaries written by finish().
struct XlsxWriter::Book {
    TemporaryDirectory dir;
    std::string path = (dir.path() / "payroll.xlsx").string();
    Workbook wb;
    lxw_format* money;
    lxw_format* bold;
    Sheet payroll, items, roles, about;
    Book(int minor_units)
        : wb(path, dir.path().string()), money(money_format(wb.get(), minor_units)), bold(bold_format(wb.get())),
          payroll(wb.get(), "payroll", money, bold, minor_units), items(wb.get(), "line items", money, bold, minor_units),
          roles(wb.get(), "totals by role", money, bold, minor_units), about(wb.get(), "provenance", money, bold, minor_units) {}
};

XlsxWriter::XlsxWriter(std::vector<std::string> pay_columns, std::string period, int minor_units)
    : columns_(std::move(pay_columns)), period_(std::move(period)), book_(std::make_unique<Book>(minor_units)), sums_(columns_.size() + 1, 0) {
    payroll_header(book_->payroll, columns_);
    line_items_header(book_->items);
}

XlsxWriter::~XlsxWriter() = default;

void XlsxWriter::row(const payroll::PaidRow& r) {
    Sheet& s = book_->payroll;
    const std::string id(r.id), name(r.name), role(r.role);
    s.text(row_, 0, id);
    s.text(row_, 1, name);
    s.text(row_, 2, role);
    s.text(row_, 3, period_);
    for (std::size_t k = 0; k < columns_.size(); ++k) {
        if (!r.has[k]) continue;
        s.amount(row_, 4 + k, r.amounts[k]);
        sums_[k] = checked_add(sums_[k], r.amounts[k], "column " + columns_[k]);
    }
    s.amount(row_, 4 + columns_.size(), r.total);
    sums_.back() = checked_add(sums_.back(), r.total, "totals");
    ++row_;
    Sheet& items = book_->items;
    for (const auto& l : r.payslip->lines) {
        items.text(item_, 0, id);
        items.text(item_, 1, name);
        items.text(item_, 2, role);
        items.text(item_, 3, period_);
        items.text(item_, 4, l.component);
        items.text(item_, 5, l.label);
        items.text(item_, 6, l.kind);
        items.amount(item_, 7, l.minor);
        items.boolean(item_, 8, l.applied);
        items.text(item_, 9, l.pointer);
        items.text(item_, 10, l.summary);
        ++item_;
    }
}

const std::string& XlsxWriter::finish(const payroll::RunTotals& totals, const Provenance& pv) {
    Sheet& s = book_->payroll;
    s.filter(row_ - 1);
    s.text(row_, 0, "TOTAL", true);
    s.text(row_, 3, period_);
    for (std::size_t k = 0; k < sums_.size(); ++k) s.amount(row_, 4 + k, sums_[k]);
    s.finish();
    book_->items.filter(item_ - 1);
    book_->items.finish();
    totals_by_role_sheet(book_->roles, columns_, totals);
    std::size_t row = 0;
    for (const auto& [k, v] : pv.fields()) {
        book_->about.text(row, 0, k, true);
        book_->about.text(row, 1, v);
        ++row;
    }
    book_->about.finish();

    std::string title = "Payroll " + pv.period + ", " + pv.scheme + " " + pv.version;
    std::string comments = "rules_sha256 " + pv.rules_sha256 + "; data_sha256 " + pv.data_sha256;
    std::string creator = "motiv";
    lxw_doc_properties props{};
    props.title = title.data();
    props.comments = comments.data();
    props.author = creator.data();
    workbook_set_properties(book_->wb.get(), &props);
    book_->wb.close();
    return book_->path;
}

void check_xlsx_rows(std::size_t people, std::size_t lines) {
    // Header and TOTAL rows on the payroll sheet, the header on the line items.
    if (people + 2 > kMaxRows)
        does_not_fit(std::to_string(people) + " people need " + std::to_string(people + 2) + " rows of the payroll sheet; a worksheet holds " +
                     std::to_string(kMaxRows));
    if (lines + 1 > kMaxRows)
        does_not_fit(std::to_string(lines) + " payslip lines need " + std::to_string(lines + 1) + " rows of the line items sheet; a worksheet holds " +
                     std::to_string(kMaxRows));
}

std::string to_xlsx(const payroll::PayrollRun& run, const Provenance& pv) {
    std::size_t lines = 0;
    for (const auto& p : run.payslips) lines += p.lines.size();
    check_xlsx_rows(run.payslips.size(), lines);
    std::string path;
    XlsxWriter w(run.columns, run.period, run.minor_units);
    std::vector<std::int64_t> amounts;
    std::vector<std::uint8_t> has;
    std::vector<std::size_t> line_columns;
    for (const auto& p : run.payslips) w.row(payroll::paid_row(p, run.columns, amounts, has, line_columns));
    return io::read_file(w.finish(run.totals(), pv));
}

}  // namespace motiv::exports
