#include "apps/whatif/comparison.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "core/data/people_table.hpp"
#include "core/errors.hpp"
#include "core/errors/catalogue.hpp"
#include "core/io/text_columns.hpp"
#include "core/money/rounding.hpp"

namespace motiv::whatif {

namespace {

[[noreturn]] void overflow(const std::string& what) {
    throw EvalError(err::eval_overflow, err::tag(err::eval_overflow) + "what-if comparison: " + what + " is out of range (overflow)", "");
}

std::int64_t add(std::int64_t a, std::int64_t b, const std::string& what) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) overflow(what);
    return r;
}

std::int64_t fixed_part(const Payslip& p) {
    std::int64_t s = 0;
    for (const auto& l : p.lines)
        if (l.kind == "fixed") s = add(s, l.minor, "the fixed pay of " + p.person);
    return s;
}

PaySummary summary_of(std::vector<std::int64_t> totals, std::int64_t fixed, int minor_units, const std::string& what) {
    PaySummary s;
    s.people = totals.size();
    s.fixed = fixed;
    for (auto t : totals) s.cost = add(s.cost, t, "the cost of " + what);
    if (totals.empty()) return s;
    Fault f = Fault::none;
    s.mean = Decimal::div(Decimal::from_minor(s.cost, minor_units), Decimal::from_int(static_cast<std::int64_t>(totals.size())), f);
    std::sort(totals.begin(), totals.end());
    const std::size_t n = totals.size();
    const Decimal hi = Decimal::from_minor(totals[n / 2], minor_units);
    s.median = n % 2 ? hi : Decimal::div(Decimal::add(Decimal::from_minor(totals[n / 2 - 1], minor_units), hi, f), Decimal::from_int(2), f);
    if (f != Fault::none) overflow("the mean or median of " + what);
    return s;
}

GroupChange group_of(const std::string& role, const std::vector<const PersonChange*>& people, int minor_units) {
    GroupChange g;
    g.role = role;
    std::vector<std::int64_t> before, after;
    std::int64_t bf = 0, af = 0;
    for (const PersonChange* p : people) {
        before.push_back(p->before);
        after.push_back(p->after);
        bf = add(bf, p->before_fixed, "the fixed pay of " + role);
        af = add(af, p->after_fixed, "the fixed pay of " + role);
        g.gainers += p->after > p->before;
        g.losers += p->after < p->before;
    }
    g.before = summary_of(std::move(before), bf, minor_units, role);
    g.after = summary_of(std::move(after), af, minor_units, role);
    return g;
}

std::string money(std::int64_t minor, int places) { return Decimal::from_minor(minor, places).to_string_fixed(places); }

// A statistic shown to the minor unit: rounded half-even, declared here because it is not a payment.
std::string stat(Decimal d, int places) {
    Fault f = Fault::none;
    const Rounding r{RoundingMode::half_even, Decimal::from_minor(1, places)};
    return r.apply(d, f).to_string_fixed(places);
}

std::string variable_share(const PaySummary& s) {
    if (s.cost == 0) return "";
    Fault f = Fault::none;
    const Decimal share = Decimal::div(Decimal::from_int(s.cost - s.fixed), Decimal::from_int(s.cost), f);
    const Rounding r{RoundingMode::half_even, Decimal::from_minor(1, 4)};
    return r.apply(share, f).to_string_fixed(4);
}

}  // namespace

Comparison summarise(std::vector<PersonChange> people, std::string period, std::string currency, int minor_units) {
    Comparison c;
    c.period = std::move(period);
    c.currency = std::move(currency);
    c.minor_units = minor_units;
    c.people = std::move(people);
    std::map<std::string, std::vector<const PersonChange*>> by_role;
    std::vector<const PersonChange*> everyone;
    for (const auto& p : c.people) {
        std::int64_t d = 0;
        if (__builtin_sub_overflow(p.after, p.before, &d)) overflow("the change in pay of " + p.person);
        by_role[p.role].push_back(&p);
        everyone.push_back(&p);
    }
    for (const auto& [role, list] : by_role) c.roles.push_back(group_of(role, list, minor_units));
    c.all = group_of("all", everyone, minor_units);
    return c;
}

Comparison compare(const payroll::PayrollRun& before, const payroll::PayrollRun& after) {
    if (before.payslips.size() != after.payslips.size())
        throw std::invalid_argument("compare: the runs pay " + std::to_string(before.payslips.size()) + " and " +
                                    std::to_string(after.payslips.size()) + " people");
    if (before.minor_units != after.minor_units || before.currency != after.currency)
        throw std::invalid_argument("compare: the schemes pay in different currencies (" + before.currency + " and " + after.currency + ")");
    std::vector<PersonChange> people;
    people.reserve(before.payslips.size());
    for (std::size_t i = 0; i < before.payslips.size(); ++i) {
        const Payslip& b = before.payslips[i];
        const Payslip& a = after.payslips[i];
        if (b.person != a.person) throw std::invalid_argument("compare: row " + std::to_string(i) + " is " + b.person + " before and " + a.person + " after");
        people.push_back(PersonChange{b.person, b.name, b.role, b.total_minor, a.total_minor, fixed_part(b), fixed_part(a)});
    }
    return summarise(std::move(people), before.period, before.currency, before.minor_units);
}

Comparison compare_table(const CompiledScheme& before, const CompiledScheme& after, const data::CsvTable& table, const Period& period) {
    const Scheme& a = after.scheme();
    if (before.scheme().currency.code != a.currency.code || before.scheme().currency.minor_units != a.currency.minor_units)
        throw RuleError({Issue{.id = err::whatif_currency_mismatch, .file = a.source, .pointer = "/currency", .message = "cannot compare schemes paying in different currencies: " + before.scheme().currency.code + " (" +
                                   before.scheme().source + ") and " + a.currency.code}});
    const auto people_before = data::read_people(table, before, period);
    const auto people_after = data::read_people(table, after, period);
    if (people_before.empty())
        throw DataError({Issue{.id = err::data_nobody_to_pay, .file = table.source, .field = "period", .message = "no people to pay for period " + period.to_string()}});
    return compare(payroll::run(before, period, people_before), payroll::run(after, period, people_after));
}

std::string people_csv(const Comparison& c, data::CellGuard guard) {
    std::string out;
    data::append_csv_row(out, {"id", "name", "role", "before", "after", "delta", "change", "before_fixed", "before_variable",
                               "after_fixed", "after_variable"}, ',', guard);
    const int m = c.minor_units;
    for (const auto& p : c.people) {
        const std::int64_t d = p.delta();
        data::append_csv_row(out, {p.person, p.name, p.role, money(p.before, m), money(p.after, m), money(d, m),
                                   d > 0 ? "gain" : d < 0 ? "loss" : "same", money(p.before_fixed, m), money(p.before - p.before_fixed, m),
                                   money(p.after_fixed, m), money(p.after - p.after_fixed, m)}, ',', guard);
    }
    return out;
}

std::string roles_csv(const Comparison& c, data::CellGuard guard) {
    std::string out;
    data::append_csv_row(out, {"role", "people", "before_cost", "after_cost", "delta", "before_mean", "after_mean", "before_median",
                               "after_median", "before_fixed", "after_fixed", "before_variable_share", "after_variable_share",
                               "gainers", "losers"}, ',', guard);
    const int m = c.minor_units;
    auto row = [&](const GroupChange& g) {
        data::append_csv_row(out, {g.role, std::to_string(g.before.people), money(g.before.cost, m), money(g.after.cost, m),
                                   money(g.after.cost - g.before.cost, m), stat(g.before.mean, m), stat(g.after.mean, m),
                                   stat(g.before.median, m), stat(g.after.median, m), money(g.before.fixed, m), money(g.after.fixed, m),
                                   variable_share(g.before), variable_share(g.after), std::to_string(g.gainers), std::to_string(g.losers)}, ',', guard);
    };
    for (const auto& g : c.roles) row(g);
    row(c.all);
    return out;
}

std::string summary_text(const Comparison& c) {
    const int m = c.minor_units;
    auto disp = [&](std::int64_t v) { return Decimal::from_minor(v, m).to_display(m); };
    std::string s = "What-if " + c.period + " (" + c.currency + "): cost before -> after\n";
    s += "  role        " + io::align_right("people", 7) + io::align_right("before", 16) + io::align_right("after", 16) + io::align_right("delta", 15) + io::align_right("gain", 6) + io::align_right("lose", 6) + "\n";
    auto line = [&](const GroupChange& g) {
        s += "  " + io::align_left(g.role, 12) + io::align_right(std::to_string(g.before.people), 7) +
             io::align_right(disp(g.before.cost), 16) + io::align_right(disp(g.after.cost), 16) + io::align_right(disp(g.after.cost - g.before.cost), 15) +
             io::align_right(std::to_string(g.gainers), 6) + io::align_right(std::to_string(g.losers), 6) + "\n";
    };
    for (const auto& g : c.roles) line(g);
    line(c.all);
    return s;
}

}  // namespace motiv::whatif
