#include "apps/periods/team_override.hpp"

#include "core/errors.hpp"
#include "apps/periods/pay_line.hpp"

namespace motiv::periods {

std::vector<TeamMember> team_of(const TeamOverrideRule& rule, const std::vector<const Payslip*>& members) {
    std::vector<TeamMember> out;
    for (const Payslip* m : members) {
        Decimal a;
        if (rule.of == "total") a = m->total;
        else if (const PayLine* l = m->line(rule.of)) a = l->amount;
        out.push_back({m->person, a});
    }
    return out;
}

PayLine team_override_line(const TeamOverrideRule& rule, const Figures& fig, const std::vector<TeamMember>& members, const Rounding& rounding) {
    const int mu = fig.minor_units();
    const Decimal share = fig.value(rule.share);
    Decimal sum;
    std::string parts;
    std::vector<Explanation> why;
    for (const auto& m : members) {
        sum = sum + m.amount;
        parts += (parts.empty() ? "" : " + ") + show(m.amount, mu);
        why.push_back(fact(m.id + "." + rule.of, show(m.amount, mu)));
    }
    Fault f = Fault::none;
    const Decimal amount = rounding.apply(Decimal::mul(share, sum, f), f);
    if (f != Fault::none) throw EvalError("motiv.eval_error.502", "[motiv.eval_error.502] (" + rule.pointer + ") team override out of range", rule.pointer);
    why.push_back(fig.fact("share", rule.share, share.to_string()));
    const std::string summary = rule.id + " = share " + fig.show(rule.share, share.to_string()) + " x team " + rule.of + " (" +
                                (members.empty() ? std::string("no members") : parts) + " = " + show(sum, mu) + ") = " + show(amount, mu) + " (rounded " +
                                rounding.describe() + ")";
    return make_line(rule.id, rule.label, "team_override", rule.pointer, amount, mu, summary, std::move(why));
}

}  // namespace motiv::periods
