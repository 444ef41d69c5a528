// The payroll as CSV, in a dialect (csv_dialect.hpp) and with a declared set of columns.
#pragma once

#include <string>
#include <vector>

#include "apps/export/csv_dialect.hpp"
#include "apps/export/provenance.hpp"
#include "core/payroll/payroll.hpp"
#include "core/payroll/payroll_stream.hpp"

namespace motiv::exports {

// The columns a payroll CSV may have, by name:
//   id, name, role, period     person data
//   <component id>             that line's amount; empty where the person's role has no such component
//   total                      the payslip total
//   <input name>               the input's value as used (the default where the row left it empty);
//                              empty where the person's role does not read it
//   scheme, version, rules_sha256, data_sha256   provenance (always written: appended if not declared)
// The default set: id, name, role, period, every component (scheme order), total, then provenance.
std::vector<std::string> default_csv_columns(const payroll::PayrollRun& run);

// Writes a payroll CSV a row at a time (the one implementation behind to_csv and the streamed
// `motiv payroll`): amounts are formatted from int64 minor units straight into the caller's buffer,
// and the totals row is added by finish(). Amounts are plain decimals with the currency's places and
// the dialect's decimal separator ("47460.00" / "47460,00").
class CsvWriter {
public:
    // `names` empty means the default set (default_csv_columns). Throws std::invalid_argument
    // naming an unknown or repeated column or a bad dialect (check_dialect).
    CsvWriter(std::vector<std::string> names, std::vector<std::string> pay_columns, const Scheme& scheme, Provenance provenance,
              CsvDialect dialect, std::string period, int minor_units);
    // Whether row() needs the row's payslip (an input column: the value as used).
    [[nodiscard]] bool needs_payslips() const { return needs_payslips_; }
    // The BOM (if the dialect has one) and the header line.
    void header(std::string& out) const;
    void row(std::string& out, const payroll::PaidRow& row);
    // The totals row: "TOTAL" in the first text column and, in every amount column (components
    // and total), the sum of the rows above to the minor unit. EvalError motiv.eval_error.502 when
    // a column's sum left int64 minor units (the first column, in row order, that did).
    void finish(std::string& out) const;

private:
    enum class ColumnKind { id, name, role, period, component, total, input, provenance };
    struct Column {
        std::string name;
        ColumnKind kind;
        std::size_t index = 0;  // the scheme input (ColumnKind::input) or the pay column (ColumnKind::component)
        [[nodiscard]] bool is_amount() const { return kind == ColumnKind::component || kind == ColumnKind::total; }
    };
    [[nodiscard]] Column classify(const std::string& name) const;
    std::vector<std::string> names_;
    std::vector<std::string> pay_columns_;
    std::vector<Column> columns_;
    const Scheme& scheme_;
    Provenance provenance_;
    CsvDialect dialect_;
    std::string period_;
    int minor_units_;
    bool needs_payslips_ = false;
    std::vector<std::int64_t> sums_;
    std::string overflow_;  // the first column whose sum overflowed
};

// The payroll as CSV text (bytes, BOM included for Encoding::utf8_bom): CsvWriter's header, one row
// per payslip in input order, the totals row.
std::string to_csv(const payroll::PayrollRun& run, const Scheme& scheme, const Provenance& provenance, const CsvDialect& dialect,
                   std::vector<std::string> columns = {});

}  // namespace motiv::exports
