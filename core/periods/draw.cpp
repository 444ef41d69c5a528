#include "core/periods/draw.hpp"

#include <algorithm>

#include "core/periods/pay_line.hpp"

namespace motiv::periods {

std::optional<PayLine> draw_line(const DrawRule& rule, Decimal pay, PersonState& st, int mu) {
    const std::string d = show(rule.amount, mu), e = show(pay, mu);
    std::vector<Explanation> why = {fact("draw amount", d, rule.pointer + "/amount"), fact("pay so far", e)};
    if (pay < rule.amount) {
        const Decimal top = rule.amount - pay;
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
    if (rule.kind == DrawRule::Kind::non_recoverable || st.draw_balance.is_zero() || pay == rule.amount) return std::nullopt;
    Decimal take = std::min(st.draw_balance, pay - rule.amount);
    std::string formula = "min(balance " + show(st.draw_balance, mu) + ", pay so far " + e + " - draw " + d;
    if (rule.recovery_limit) {
        take = std::min(take, *rule.recovery_limit);
        formula += ", limit " + show(*rule.recovery_limit, mu);
        why.push_back(fact("recovery limit", show(*rule.recovery_limit, mu), rule.pointer + "/recovery_limit"));
    }
    const Decimal before = st.draw_balance;
    st.draw_balance = st.draw_balance - take;
    why.push_back(fact("balance", show(before, mu) + " -> " + show(st.draw_balance, mu)));
    return make_line("draw_recovery", "Draw recovery", "draw", rule.pointer, -take, mu,
                     "draw_recovery = -" + formula + ") = " + show(-take, mu) + " (balance " + show(before, mu) + " -> " + show(st.draw_balance, mu) + ")",
                     std::move(why));
}

std::string draw_period_end(const DrawRule& rule, PersonState& st, int mu) {
    if (st.draw_balance.is_zero()) {
        st.draw_periods_outstanding = 0;
        return {};
    }
    ++st.draw_periods_outstanding;
    if (!rule.forgive_after || st.draw_periods_outstanding < *rule.forgive_after) return {};
    const std::string note = "draw balance " + show(st.draw_balance, mu) + " forgiven after " + std::to_string(st.draw_periods_outstanding) +
                             " periods outstanding (" + rule.pointer + "/forgive_after)";
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
