#include "core/payroll/payroll.hpp"

#include <algorithm>
#include <map>

#include "core/errors.hpp"
#include "core/io/text_columns.hpp"

namespace motiv::payroll {

namespace {
std::string minor_display(std::int64_t minor, int places) { return Decimal::from_minor(minor, places).to_display(places); }

}  // namespace

void refuse_period_rules(const Scheme& s) {
    const PeriodRules& pr = s.periods;
    if (pr.draws.empty() && pr.clawbacks.empty() && pr.bonuses.empty() && pr.team_overrides.empty()) return;
    throw RuleError({Issue{"motiv.rule_error.292", s.source, "/periods", 0, 0, "", "",
                           "scheme " + s.name + " has a \"periods\" section (draws, clawbacks, bonuses, team overrides) that a one-period "
                           "payroll would ignore; pay it with `motiv run-periods` (Python: Scheme.pay_period), which carries state between periods",
                           "", 0}});
}

std::int64_t PayrollRun::total_minor() const {
    std::int64_t t = 0;
    for (const auto& p : payslips) t += p.total_minor;
    return t;
}

RunTotals PayrollRun::totals(const std::string& source) const {
    RunTotals t(source, period);
    for (const auto& p : payslips) {
        RoleSummary& role = t.payslip(p.role, p.total_minor);
        for (const auto& l : p.lines) t.line(role, l.component, l.minor);
    }
    return t;
}

std::vector<RoleSummary> PayrollRun::by_role() const { return totals().by_role(); }

PayrollRun run(const CompiledScheme& scheme, const Period& period, const std::vector<PersonInputs>& people, Explain explain) {
    refuse_period_rules(scheme.scheme());
    PayrollRun r;
    r.period = period.to_string();
    r.minor_units = scheme.scheme().currency.minor_units;
    r.currency = scheme.scheme().currency.code;
    for (const auto& role : scheme.roles())
        for (const auto& c : role.components)
            if (std::find(r.columns.begin(), r.columns.end(), c.rule->id) == r.columns.end()) r.columns.push_back(c.rule->id);
    const BoundParameters params = scheme.bind(period);
    r.payslips.reserve(people.size());
    for (const auto& p : people) r.payslips.push_back(compute_payslip(scheme, params, p, explain));
    // Each payslip fits in int64 minor units, but their sums need not: refused here, where an
    // error can still name what overflowed.
    (void)r.totals(scheme.scheme().source);
    return r;
}

std::string summary_text(const PayrollRun& run) { return summary_text(run.totals(), run.period, run.currency, run.minor_units); }

std::string summary_text(const RunTotals& totals, const std::string& period, const std::string& currency, int minor_units) {
    std::string s = "Payroll " + period + " (" + currency + ")\n";
    s += "  " + std::string("role") + std::string(8, ' ') + io::align_right("people", 7) + io::align_right("total", 18) + io::align_right("average", 16) + "\n";
    for (const auto& r : totals.by_role()) {
        const std::int64_t avg = r.people ? r.total_minor / static_cast<std::int64_t>(r.people) : 0;
        s += "  " + io::align_left(r.role, 12) + io::align_right(std::to_string(r.people), 7) +
             io::align_right(minor_display(r.total_minor, minor_units), 18) + io::align_right(minor_display(avg, minor_units), 16) + "\n";
        for (const auto& [c, v] : r.components) s += "      " + io::align_left(c, 18) + io::align_right(minor_display(v, minor_units), 19) + "\n";
    }
    s += "  all" + std::string(9, ' ') + io::align_right(std::to_string(totals.people()), 7) + io::align_right(minor_display(totals.total_minor(), minor_units), 18) + "\n";
    return s;
}

}  // namespace motiv::payroll
