#include "core/payroll/run_totals.hpp"

#include <algorithm>

#include "core/errors.hpp"

namespace motiv::payroll {

void RunTotals::overflow(const std::string& what) const {
    throw EvalError("motiv.eval_error.502", "[motiv.eval_error.502] " + source_ + " payroll " + period_ + ": " + what + " is out of range (overflow)", "");
}

RoleSummary& RunTotals::payslip(std::string_view role, std::int64_t total) {
    if (__builtin_add_overflow(total_, total, &total_)) overflow("the total of all payslips");
    auto it = std::find_if(roles_.begin(), roles_.end(), [&](const RoleSummary& r) { return r.role == role; });
    if (it == roles_.end()) {
        roles_.push_back(RoleSummary{std::string(role), 0, 0, {}});
        it = roles_.end() - 1;
    }
    if (__builtin_add_overflow(it->total_minor, total, &it->total_minor)) overflow("the total of role " + it->role);
    ++it->people;
    ++people_;
    return *it;
}

void RunTotals::line(RoleSummary& role, std::string_view component, std::int64_t minor) {
    auto c = std::find_if(role.components.begin(), role.components.end(), [&](const auto& x) { return x.first == component; });
    if (c == role.components.end()) {
        role.components.emplace_back(std::string(component), 0);
        c = role.components.end() - 1;
    }
    if (__builtin_add_overflow(c->second, minor, &c->second)) overflow("the sum of component " + c->first + " of role " + role.role);
}

std::vector<RoleSummary> RunTotals::by_role() const {
    std::vector<RoleSummary> out = roles_;
    std::sort(out.begin(), out.end(), [](const RoleSummary& a, const RoleSummary& b) { return a.role < b.role; });
    return out;
}

}  // namespace motiv::payroll
