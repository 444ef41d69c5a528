// The payroll as an Excel workbook (XLSX), written with libxlsxwriter.
//
// Sheets: "payroll" (one row per person, one column per component, total; a TOTAL row), "line
// items" (one row per payslip line with its derivation), "totals by role" (people, each component
// and the total per role; a TOTAL row with each component's total) and "provenance" (scheme,
// version, period, SHA-256 of the rules and the data; also in the workbook's document properties).
// Every column is as wide as its widest cell; the data sheets have a frozen header row and an
// autofilter over the people / lines / roles (not over the TOTAL row).
// Amounts are numbers, not text, so they add up in a spreadsheet, shown with a money format
// ("#,##0.00" for two minor units).
//
// XLSX stores numbers as IEEE doubles. An amount of n minor units is written as the double nearest
// to n / 10^minor_units, which reads back to exactly the same decimal (rounded to the minor unit)
// while |n| <= 2^53 (90,071,992,547,409.91 RUB). Larger amounts are refused rather than written
// inexactly.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "apps/export/provenance.hpp"
#include "core/payroll/payroll.hpp"
#include "core/payroll/payroll_stream.hpp"

namespace motiv::exports {

inline constexpr std::int64_t kXlsxMaxExactMinor = std::int64_t{1} << 53;
inline constexpr std::size_t kMaxRows = 1'048'576;  // rows of a worksheet

// IoError motiv.io_error.005 naming the sheet when `people` payslips of `lines` lines in all do not
// fit a worksheet: the check a run makes before any work.
void check_xlsx_rows(std::size_t people, std::size_t lines);
[[noreturn]] void does_not_fit(const std::string& why);

// Writes the workbook a row at a time in constant memory (the one implementation behind to_xlsx
// and the streamed `motiv payroll`). Rows need their payslip with explanations (the line items'
// derivations).
class XlsxWriter {
public:
    XlsxWriter(std::vector<std::string> pay_columns, std::string period, int minor_units);
    XlsxWriter(const XlsxWriter&) = delete;
    XlsxWriter& operator=(const XlsxWriter&) = delete;
    ~XlsxWriter();
    void row(const payroll::PaidRow& row);
    // The TOTAL row and the summary sheets; closes the workbook and returns the path of its file
    // (in a private temporary directory that lives as long as the writer).
    const std::string& finish(const payroll::RunTotals& totals, const Provenance& provenance);

private:
    struct Book;
    std::vector<std::string> columns_;
    std::string period_;
    std::unique_ptr<Book> book_;
    std::vector<std::int64_t> sums_;  // per pay column, then the total
    std::size_t row_ = 1, item_ = 1;
};

// The workbook's bytes. Throws motiv::IoError:
//   motiv.io_error.002  libxlsxwriter failed (the message names its reason)
//   motiv.io_error.005  the payroll does not fit: an amount beyond kXlsxMaxExactMinor minor units,
//                       or more rows or columns than a worksheet holds (1,048,576 x 16,384)
std::string to_xlsx(const payroll::PayrollRun& run, const Provenance& provenance);

}  // namespace motiv::exports
