#include "core/payroll/payroll_stream.hpp"

#include <algorithm>
#include <exception>
#include <optional>
#include <vector>

#include "core/batch/batch.hpp"
#include "core/data/csv.hpp"
#include "core/data/people_table.hpp"
#include "core/errors.hpp"
#include "core/payroll/payroll.hpp"

namespace motiv::payroll {

namespace {

// Pays chunks of people: the batch engine's columns and result arrays, sized once and reused.
class ChunkPayer {
public:
    ChunkPayer(const CompiledScheme& cs, const Period& period, std::span<PaidRowSink* const> sinks, RunTotals& totals)
        : cs_(cs), s_(cs.scheme()), params_(cs.bind(period)), period_(period), sinks_(sinks), totals_(totals),
          columns_(batch::result_components(cs)) {
        for (const PaidRowSink* sink : sinks)
            if (const auto e = sink->payslips()) explain_ = explain_ == Explain::full ? Explain::full : *e;
        // Per role: its pay columns in its component order, and which columns it has.
        for (const auto& role : cs.roles()) {
            std::vector<std::size_t> lines;
            std::vector<std::uint8_t> has(columns_.size(), 0);
            for (const auto& c : role.components) {
                const auto col = static_cast<std::size_t>(std::find(columns_.begin(), columns_.end(), c.rule->id) - columns_.begin());
                lines.push_back(col);
                has[col] = 1;
            }
            role_lines_.push_back(std::move(lines));
            role_has_.push_back(std::move(has));
        }
        const std::size_t n = kStreamChunkRows;
        role_.resize(n);
        values_.assign(s_.inputs.size(), std::vector<std::int64_t>(n));
        present_.assign(s_.inputs.size(), std::vector<std::uint8_t>(n));
        amounts_.resize(n * columns_.size());
        total_.resize(n);
        status_.resize(n);
        bad_input_.resize(n);
        row_amounts_.resize(columns_.size());
    }

    // Pays people[0, n) and hands them to the sinks. Throws what compute_payslip throws for the
    // first row that cannot be paid.
    void pay(std::span<const PersonInputs> people) {
        if (explain_ || !fill_columns(people)) {
            for (const PersonInputs& p : people) emit_payslip(compute_payslip(cs_, params_, p, explain_.value_or(Explain::none)));
            return;
        }
        const std::size_t n = people.size();
        batch::Input in;
        in.role = std::span<const std::uint32_t>(role_.data(), n);
        for (std::size_t k = 0; k < s_.inputs.size(); ++k)
            in.columns.push_back(batch::Column{std::span<const std::int64_t>(values_[k].data(), n), scales_[k],
                                               std::span<const std::uint8_t>(present_[k].data(), n)});
        const std::size_t ncols = columns_.size();
        batch::Options options;
        options.threads = 1;  // a chunk is far below the rows worth a second thread
        batch::compute_into(cs_, params_, in,
                            batch::Output{std::span<std::int64_t>(amounts_.data(), n * ncols), std::span<std::int64_t>(total_.data(), n),
                                          std::span<batch::RowStatus>(status_.data(), n), std::span<std::uint32_t>(bad_input_.data(), n), false},
                            options);
        for (std::size_t i = 0; i < n; ++i) {
            if (status_[i] != batch::RowStatus::ok) {
                // The one-person path reports the row's error exactly as a run in memory does.
                emit_payslip(compute_payslip(cs_, params_, people[i], Explain::none));
                continue;
            }
            const std::uint32_t r = role_[i];
            PaidRow row{people[i].id, people[i].name, people[i].role, std::span<const std::int64_t>(amounts_.data() + i * ncols, ncols),
                        role_has_[r], role_lines_[r], total_[i], nullptr};
            emit(row);
        }
    }

private:
    // The chunk as the batch engine's columns: each input at the finest scale any of its values
    // has, so that every value is exact. False when some value does not fit int64 at that scale
    // (the chunk is then paid person by person) -- never a rounded value.
    bool fill_columns(std::span<const PersonInputs> people) {
        const std::size_t n = people.size();
        for (std::size_t i = 0; i < n; ++i) role_[i] = static_cast<std::uint32_t>(cs_.role(people[i].role) - cs_.roles().data());
        scales_.assign(s_.inputs.size(), 0);
        for (std::size_t k = 0; k < s_.inputs.size(); ++k) {
            // The reader put a dated person's share of the period in the built-in `prorata` input.
            auto value = [&](std::size_t i) -> const std::optional<Decimal>& { return people[i].values[k]; };
            // The finest scale: raised while some value is not a multiple of the current unit
            // (one remainder per value; Decimal::places() per value was a tenth of the run).
            int scale = 0;
            int128 unit = Decimal::kOne;  // 10^kPlaces
            for (std::size_t i = 0; i < n; ++i) {
                const auto& v = value(i);
                if (!v) continue;
                const int128 raw = v->raw();
                const bool small = raw >= INT64_MIN && raw <= INT64_MAX;
                while (scale < Decimal::kPlaces &&
                       (small ? static_cast<std::int64_t>(raw) % static_cast<std::int64_t>(unit) != 0 : raw % unit != 0)) {
                    ++scale;
                    unit /= 10;
                }
            }
            std::int64_t* dst = values_[k].data();
            std::uint8_t* given = present_[k].data();
            for (std::size_t i = 0; i < n; ++i) {
                const auto& v = value(i);
                given[i] = v ? 1 : 0;
                if (!v) {
                    dst[i] = 0;
                    continue;
                }
                const int128 x = v->raw() / unit;  // exact: the value has at most `scale` places
                if (x > INT64_MAX || x < INT64_MIN) return false;
                dst[i] = static_cast<std::int64_t>(x);
            }
            scales_[k] = scale;
        }
        return true;
    }

    void emit_payslip(const Payslip& p) { emit(paid_row(p, columns_, row_amounts_, row_has_, row_lines_)); }

    void emit(const PaidRow& row) {
        // A run in memory checks its sums after paying everyone: a sum out of range is reported
        // only if every row could be paid.
        if (!sum_error_) {
            try {
                RoleSummary& role = totals_.payslip(row.role, row.total);
                for (const std::size_t c : row.lines) totals_.line(role, columns_[c], row.amounts[c]);
            } catch (const EvalError&) {
                sum_error_ = std::current_exception();
            }
        }
        for (PaidRowSink* sink : sinks_) sink->row(row);
    }

public:
    [[nodiscard]] std::exception_ptr sum_error() const { return sum_error_; }

private:
    std::exception_ptr sum_error_;

    const CompiledScheme& cs_;
    const Scheme& s_;
    const BoundParameters params_;
    const Period period_;
    std::span<PaidRowSink* const> sinks_;
    RunTotals& totals_;
    const std::vector<std::string> columns_;
    std::optional<Explain> explain_;
    std::vector<std::vector<std::size_t>> role_lines_;
    std::vector<std::vector<std::uint8_t>> role_has_;
    std::vector<std::uint32_t> role_;
    std::vector<std::vector<std::int64_t>> values_;
    std::vector<std::vector<std::uint8_t>> present_;
    std::vector<int> scales_;
    std::vector<std::int64_t> amounts_, total_;
    std::vector<batch::RowStatus> status_;
    std::vector<std::uint32_t> bad_input_;
    std::vector<std::int64_t> row_amounts_;  // a payslip's row, for paid_row()
    std::vector<std::uint8_t> row_has_;
    std::vector<std::size_t> row_lines_;
};

}  // namespace

PaidRow paid_row(const Payslip& p, std::span<const std::string> columns, std::vector<std::int64_t>& amounts, std::vector<std::uint8_t>& has,
                 std::vector<std::size_t>& lines) {
    amounts.assign(columns.size(), 0);
    has.assign(columns.size(), 0);
    lines.clear();
    for (const PayLine& l : p.lines) {
        const auto c = static_cast<std::size_t>(std::find(columns.begin(), columns.end(), l.component) - columns.begin());
        if (c == columns.size()) continue;  // not a pay column (cannot happen for a run's own payslips)
        amounts[c] = l.minor;
        has[c] = 1;
        lines.push_back(c);
    }
    return PaidRow{p.person, p.name, p.role, amounts, has, lines, p.total_minor, &p};
}

RunTotals stream_payroll(const CompiledScheme& cs, const Period& period, std::string_view csv, const std::string& source,
                         std::span<PaidRowSink* const> sinks) {
    RunTotals totals(cs.scheme().source, period.to_string());
    ChunkPayer payer(cs, period, sinks, totals);
    std::optional<data::PeopleReader> reader;
    std::exception_ptr header_error, pay_error;
    // A scheme a one-period run must not pay is refused after the data's problems, as payroll::run
    // refuses it after read_people_to_pay.
    try {
        refuse_period_rules(cs.scheme());
    } catch (...) {
        pay_error = std::current_exception();
    }
    std::vector<PersonInputs> chunk(kStreamChunkRows);
    std::size_t n = 0, row = 0;
    // Once a row has a problem or a row cannot be paid, the rest of the file is only checked: the
    // run will throw, and its errors must be the ones a run held in memory gives.
    auto pay = [&] {
        if (n > 0 && !pay_error && !reader->has_problems()) {
            try {
                payer.pay(std::span<const PersonInputs>(chunk.data(), n));
            } catch (...) {
                pay_error = std::current_exception();
            }
        }
        n = 0;
    };
    data::for_each_csv_row(
        csv, source, std::nullopt,
        [&](const data::CsvTable& head) {
            try {
                reader.emplace(head, cs, period);
            } catch (...) {
                header_error = std::current_exception();  // thrown once the CSV itself is known to be well-formed
            }
        },
        [&](std::vector<std::string>& cells, std::size_t line) {
            const std::size_t r = row++;
            if (!reader || !reader->read(cells, r, line, chunk[n])) return;
            if (++n == chunk.size()) pay();
        });
    if (header_error) std::rethrow_exception(header_error);
    pay();
    reader->finish_to_pay();
    if (pay_error) std::rethrow_exception(pay_error);
    if (payer.sum_error()) std::rethrow_exception(payer.sum_error());
    return totals;
}

}  // namespace motiv::payroll
