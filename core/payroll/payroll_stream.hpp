// A pay run streamed from a people CSV: read, checked, paid and handed to the exports a chunk of
// rows at a time, so that a million people cost memory for one chunk, not for a million payslips.
//
// The rows are read by data::PeopleReader (the rules of data/people_table.hpp) and paid by the batch
// engine (core/batch: the int64 lowering with its exact Decimal fallback), which pays every row the
// same amount as compute_payslip; a row the engine refuses is paid by compute_payslip itself, so its
// error is the one-person path's error, word for word. A sink that needs payslips (explanations for
// JSON Lines, input values as used) gets them computed for each chunk, and dropped after it.
//
// Errors come in the order a run held in memory gives them (payroll::run after read_people_to_pay):
// CSV problems, then every problem of every row, then nobody to pay, then the first row that cannot
// be paid, then a sum out of range. Rows are handed to the sinks as they are paid, before the end
// of the file has been read: a sink must stage its output and publish it only when the run returned
// (exports::write_streamed does).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/engine/compiled_scheme.hpp"
#include "core/engine/compute.hpp"
#include "core/payroll/run_totals.hpp"

namespace motiv::payroll {

// One paid person, as the exports read it.
struct PaidRow {
    std::string_view id, name, role;
    std::span<const std::int64_t> amounts;  // per pay column (batch::result_components), 0 where the role has none
    std::span<const std::uint8_t> has;      // per pay column: 1 where the person's role has that component
    std::span<const std::size_t> lines;     // the role's pay columns in the role's component order (its payslip lines)
    std::int64_t total = 0;
    const Payslip* payslip = nullptr;       // only for sinks whose payslips() is set
};

class PaidRowSink {
public:
    virtual ~PaidRowSink() = default;
    // Whether rows must carry their payslip, and with what explanation; nullopt: amounts will do.
    [[nodiscard]] virtual std::optional<Explain> payslips() const { return std::nullopt; }
    virtual void row(const PaidRow& row) = 0;
};

// Rows paid per chunk: large enough that the batch engine runs at full speed, small enough that
// the chunk's strings and columns stay in cache-friendly megabytes.
inline constexpr std::size_t kStreamChunkRows = 8192;

// Reads `csv` (the bytes of the file `source`), pays every person of `period` and hands each to
// every sink, in file order. Returns the run's totals (by role and component, checked). Throws as
// the file comment says: DataError (motiv.data_error.1xx/2xx/3xx), EvalError (motiv.eval_error.5xx).
RunTotals stream_payroll(const CompiledScheme& scheme, const Period& period, std::string_view csv, const std::string& source,
                         std::span<PaidRowSink* const> sinks);

// The PaidRow of a payslip computed elsewhere (a run held in memory), its arrays in `amounts`,
// `has` and `lines`, sized here; `columns` are the run's pay columns.
PaidRow paid_row(const Payslip& payslip, std::span<const std::string> columns, std::vector<std::int64_t>& amounts,
                 std::vector<std::uint8_t>& has, std::vector<std::size_t>& lines);

}  // namespace motiv::payroll
