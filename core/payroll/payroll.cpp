#include "core/payroll/payroll.hpp"

#include <algorithm>
#include <map>

#include "core/errors.hpp"
#include "core/errors/catalogue.hpp"
#include "core/io/text_columns.hpp"

namespace motiv::payroll {

namespace {
std::string minor_display(std::int64_t minor, int places) { return Decimal::from_minor(minor, places).to_display(places); }

// Each payslip fits in int64 minor units, but their sums need not: total_minor() and by_role() add
// without checks, so a run whose sums would wrap (undefined behaviour) is refused here, where an
// error can still name what overflowed. Sums are checked in the order the accessors add them.
void check_sums(const PayrollRun& r, const Scheme& scheme) {
    auto fail = [&](const std::string& what) {
        throw EvalError(err::eval_overflow, err::tag(err::eval_overflow) + scheme.source + " payroll " + r.period + ": " + what +
                                                    " is out of range (overflow)", "");
    };
    std::int64_t total = 0;
    std::map<std::string, std::int64_t> role_totals;
    std::map<std::pair<std::string, std::string>, std::int64_t> component_sums;
    for (const auto& p : r.payslips) {
        if (__builtin_add_overflow(total, p.total_minor, &total)) fail("the total of all payslips");
        std::int64_t& rt = role_totals[p.role];
        if (__builtin_add_overflow(rt, p.total_minor, &rt)) fail("the total of role " + p.role);
        for (const auto& l : p.lines) {
            std::int64_t& cs = component_sums[{p.role, l.component}];
            if (__builtin_add_overflow(cs, l.minor, &cs)) fail("the sum of component " + l.component + " of role " + p.role);
        }
    }
}
}  // namespace

void refuse_period_rules(const Scheme& s) {
    const PeriodRules& pr = s.periods;
    if (pr.draws.empty() && pr.clawbacks.empty() && pr.bonuses.empty() && pr.team_overrides.empty()) return;
    throw RuleError({Issue{.id = err::periods_need_period_runner, .file = s.source, .pointer = "/periods", .message = "scheme " + s.name + " has a \"periods\" section (draws, clawbacks, bonuses, team overrides) that a one-period "
                           "payroll would ignore; pay it with `motiv run-periods` (Python: Scheme.pay_period), which carries state between periods"}});
}

std::int64_t PayrollRun::total_minor() const {
    std::int64_t t = 0;
    for (const auto& p : payslips) t += p.total_minor;
    return t;
}

std::vector<RoleSummary> PayrollRun::by_role() const {
    std::vector<RoleSummary> out;
    for (const auto& p : payslips) {
        auto it = std::find_if(out.begin(), out.end(), [&](const RoleSummary& r) { return r.role == p.role; });
        if (it == out.end()) {
            out.push_back(RoleSummary{p.role, 0, 0, {}});
            it = out.end() - 1;
        }
        ++it->people;
        it->total_minor += p.total_minor;
        for (const auto& l : p.lines) {
            auto c = std::find_if(it->components.begin(), it->components.end(), [&](const auto& x) { return x.first == l.component; });
            if (c == it->components.end()) it->components.emplace_back(l.component, l.minor);
            else c->second += l.minor;
        }
    }
    std::sort(out.begin(), out.end(), [](const RoleSummary& a, const RoleSummary& b) { return a.role < b.role; });
    return out;
}

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
    check_sums(r, scheme.scheme());
    return r;
}

std::string summary_text(const PayrollRun& run) {
    std::string s = "Payroll " + run.period + " (" + run.currency + ")\n";
    s += "  " + std::string("role") + std::string(8, ' ') + io::align_right("people", 7) + io::align_right("total", 18) + io::align_right("average", 16) + "\n";
    for (const auto& r : run.by_role()) {
        const std::int64_t avg = r.people ? r.total_minor / static_cast<std::int64_t>(r.people) : 0;
        s += "  " + io::align_left(r.role, 12) + io::align_right(std::to_string(r.people), 7) +
             io::align_right(minor_display(r.total_minor, run.minor_units), 18) + io::align_right(minor_display(avg, run.minor_units), 16) + "\n";
        for (const auto& [c, v] : r.components) s += "      " + io::align_left(c, 18) + io::align_right(minor_display(v, run.minor_units), 19) + "\n";
    }
    s += "  all" + std::string(9, ' ') + io::align_right(std::to_string(run.payslips.size()), 7) + io::align_right(minor_display(run.total_minor(), run.minor_units), 18) + "\n";
    return s;
}

}  // namespace motiv::payroll
