// Totals of a pay run by role and component, added a payslip at a time with every sum checked.
//
// One implementation for a run held in memory (payroll::PayrollRun) and a run streamed from a file
// a chunk at a time (payroll_stream.hpp), so the terminal summary and the exports' totals cannot
// differ between the two.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace motiv::payroll {

struct RoleSummary {
    std::string role;
    std::size_t people = 0;
    std::int64_t total_minor = 0;
    std::vector<std::pair<std::string, std::int64_t>> components;  // component id -> sum, in the order first paid
};

class RunTotals {
public:
    // `source` (the rule file) and `period` name the run in overflow errors.
    RunTotals(std::string source, std::string period) : source_(std::move(source)), period_(std::move(period)) {}

    // One payslip of `role` with `total`; returns its role's summary, to which line() adds the
    // payslip's lines. Each sum is checked: a sum beyond int64 minor units throws EvalError
    // motiv.eval_error.502 naming it ("the total of all payslips", "the total of role hunter",
    // "the sum of component bonus of role operator").
    RoleSummary& payslip(std::string_view role, std::int64_t total);
    void line(RoleSummary& role, std::string_view component, std::int64_t minor);

    [[nodiscard]] std::size_t people() const { return people_; }
    [[nodiscard]] std::int64_t total_minor() const { return total_; }
    // The roles sorted by name.
    [[nodiscard]] std::vector<RoleSummary> by_role() const;

private:
    [[noreturn]] void overflow(const std::string& what) const;

    std::string source_, period_;
    std::size_t people_ = 0;
    std::int64_t total_ = 0;
    std::vector<RoleSummary> roles_;  // in the order first paid (a handful: a linear search is fastest)
};

}  // namespace motiv::payroll
