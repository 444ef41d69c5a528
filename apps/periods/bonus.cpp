#include "apps/periods/bonus.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "apps/periods/figure.hpp"
#include "apps/periods/pay_line.hpp"

namespace motiv::periods {

std::string span_of(BonusRule::Span span, const Period& p) {
    if (span == BonusRule::Span::year) return std::to_string(p.year);
    return std::to_string(p.year) + "-Q" + std::to_string((p.month - 1) / 3 + 1);
}

bool span_ends(BonusRule::Span span, const Period& p) { return span == BonusRule::Span::year ? p.month == 12 : p.month % 3 == 0; }

PayLine bonus_line(const CompiledScheme& cs, const BoundParameters& params, const BonusRule& rule, const PersonInputs& person, PersonState& st,
                   Explain explain) {
    const Scheme& s = cs.scheme();
    const int mu = s.currency.minor_units;
    const Period& period = params.period;
    const std::string span = span_of(rule.every, period);

    // The span's totals so far, from the history (which holds this month already).
    PersonInputs in = person;
    in.role = rule.computed_by;
    std::vector<Explanation> why;
    std::string months;
    for (const auto& rec : st.history) {
        auto rp = Period::parse(rec.period);
        if (rp && span_of(rule.every, *rp) == span && !(period.first_day() < rp->first_day())) months += (months.empty() ? "" : ", ") + rec.period;
    }
    for (const auto& name : rule.totals) {
        const InputDecl* decl = s.find_input(name);
        Decimal sum;
        std::string parts;
        for (const auto& rec : st.history) {
            auto rp = Period::parse(rec.period);
            if (!rp || span_of(rule.every, *rp) != span || period.first_day() < rp->first_day()) continue;
            for (const auto& [n, v] : rec.inputs)
                if (n == name) {
                    sum = checked_add(sum, v, rule.pointer, "the sum of " + name + " over " + span);
                    parts += (parts.empty() ? "" : " + ") + v.to_display(0);
                }
        }
        in.values[static_cast<std::size_t>(decl - s.inputs.data())] = sum;
        why.push_back(fact(name + " " + span + " to date", (parts.empty() ? "0" : parts) + " = " + sum.to_display(0), decl->pointer));
    }
    const Payslip plan = compute_payslip(cs, params, in, explain);
    for (const auto& l : plan.lines) {
        Explanation e = explain == Explain::full ? l.explanation : fact(l.component, show(l.amount, mu), l.pointer);
        e.label = rule.computed_by + "." + l.component;
        why.push_back(std::move(e));
    }
    const Decimal amount = plan.total;

    auto it = std::find_if(st.bonuses.begin(), st.bonuses.end(), [&](const BonusProgress& b) { return b.id == rule.id; });
    if (it == st.bonuses.end()) it = st.bonuses.insert(st.bonuses.end(), BonusProgress{rule.id, span, Decimal{}});
    if (it->span != span) *it = BonusProgress{rule.id, span, Decimal{}};
    const Decimal advanced = it->advanced;
    const std::string head = rule.id + " " + span + " on " + months + ": " + rule.computed_by + " pays " + show(amount, mu);

    if (span_ends(rule.every, period)) {
        Decimal true_up = amount - advanced;
        std::string summary = head + "; true-up = " + show(amount, mu) + " - advances " + show(advanced, mu) + " = " + show(true_up, mu);
        if (true_up.is_negative() && rule.negative == BonusRule::Negative::forgive) {
            summary += ", negative: forgiven (" + rule.pointer + "/negative_true_up) = 0.00";
            true_up = Decimal{};
        }
        it->advanced = Decimal{};
        it->span = "";  // closed: the next month starts a new span
        return make_line(rule.id, rule.label + " (true-up " + span + ")", "bonus", rule.pointer, true_up, mu, summary, std::move(why));
    }
    Fault f = Fault::none;
    const Figures fig(s, params);
    const Decimal rate = fig.value(rule.advance);
    const Decimal target = s.rounding.apply(Decimal::mul(amount, rate, f), f);
    if (f != Fault::none) throw EvalError("motiv.eval_error.502", "[motiv.eval_error.502] (" + rule.pointer + ") bonus advance out of range", rule.pointer);
    const Decimal advance = std::max(Decimal{}, target - advanced);
    it->advanced = advanced + advance;
    why.push_back(fig.fact("advance rate", rule.advance, rate.to_string()));
    const std::string summary = head + "; advance = max(" + fig.show(rule.advance, rate.to_string()) + " x " + show(amount, mu) + " = " + show(target, mu) +
                                " - advanced " + show(advanced, mu) + ", 0) = " + show(advance, mu) + " (rounded " + s.rounding.describe() + ")";
    return make_line(rule.id, rule.label + " (advance " + span + ")", "bonus", rule.pointer, advance, mu, summary, std::move(why));
}

}  // namespace motiv::periods
