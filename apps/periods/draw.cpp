#include "apps/periods/draw.hpp"

#include <algorithm>

#include "apps/periods/pay_line.hpp"

namespace motiv::periods {

std::optional<PayLine> draw_line(const DrawRule& rule, const Figures& fig, Decimal pay, PersonState& st) {
    const int mu = fig.minor_units();
    const Decimal amount = fig.value(rule.amount);
    const std::string d = fig.money(rule.amount), e = show(pay, mu);
    std::vector<Explanation> why = {fig.fact("draw amount", rule.amount, show(amount, mu)), fact("pay so far", e)};
    if (pay < amount) {
        const Decimal top = amount - pay;
        if (rule.kind == DrawRule::Kind::non_recoverable)
            return make_line("draw_guarantee", "Guaranteed draw", "draw", rule.pointer, top, mu,
                             "draw_guarantee = draw " + d + " - pay so far " + e + " = " + show(top, mu) + " (non-recoverable)", std::move(why));
        const Decimal before = st.draw_balance;
        st.draw_balance = st.draw_balance + top;
        why.push_back(fact("balance", show(before, mu) + " -> " + show(st.draw_balance, mu)));
        return make_line("draw_advance", "Draw advance", "draw", rule.pointer, top, mu,
                         "draw_advance = draw " + d + " - pay so far " + e + " = " + show(top, mu) + " (recoverable; balance " + show(before, mu) + " -> " +
                             show(st.draw_balance, mu) + ")",
                         std::move(why));
    }
    if (rule.kind == DrawRule::Kind::non_recoverable || st.draw_balance.is_zero() || pay == amount) return std::nullopt;
    Decimal take = std::min(st.draw_balance, pay - amount);
    std::string formula = "min(balance " + show(st.draw_balance, mu) + ", pay so far " + e + " - draw " + d;
    if (rule.recovery_limit) {
        const Decimal limit = fig.value(*rule.recovery_limit);
        take = std::min(take, limit);
        formula += ", limit " + fig.money(*rule.recovery_limit);
        why.push_back(fig.fact("recovery limit", *rule.recovery_limit, show(limit, mu)));
    }
    const Decimal before = st.draw_balance;
    st.draw_balance = st.draw_balance - take;
    why.push_back(fact("balance", show(before, mu) + " -> " + show(st.draw_balance, mu)));
    return make_line("draw_recovery", "Draw recovery", "draw", rule.pointer, -take, mu,
                     "draw_recovery = -" + formula + ") = " + show(-take, mu) + " (balance " + show(before, mu) + " -> " + show(st.draw_balance, mu) + ")",
                     std::move(why));
}

std::string draw_period_end(const DrawRule& rule, const Figures& fig, PersonState& st) {
    if (st.draw_balance.is_zero()) {
        st.draw_periods_outstanding = 0;
        return {};
    }
    ++st.draw_periods_outstanding;
    if (!rule.forgive_after || st.draw_periods_outstanding < fig.count(*rule.forgive_after)) return {};
    const std::string after = rule.forgive_after->parameter.empty() ? "" : ", " + rule.forgive_after->parameter + " " + std::to_string(fig.count(*rule.forgive_after));
    const std::string note = "draw balance " + show(st.draw_balance, fig.minor_units()) + " forgiven after " + std::to_string(st.draw_periods_outstanding) +
                             " periods outstanding (" + rule.forgive_after->pointer + after + ")";
    st.draw_balance = Decimal{};
    st.draw_periods_outstanding = 0;
    return note;
}

std::string draw_on_leaving(const DrawRule& rule, PersonState& st, int mu) {
    if (st.draw_balance.is_zero()) return {};
    if (!rule.forgive_on_leaving)
        return "left with a draw balance of " + show(st.draw_balance, mu) + " still owed (" + rule.pointer + " does not forgive on leaving)";
    const std::string note = "draw balance " + show(st.draw_balance, mu) + " forgiven on leaving (" + rule.pointer + "/forgive_on_leaving)";
    st.draw_balance = Decimal{};
    st.draw_periods_outstanding = 0;
    return note;
}

}  // namespace motiv::periods
