#include "apps/periods/clawback.hpp"

#include <algorithm>

#include "core/engine/compute.hpp"
#include "apps/periods/pay_line.hpp"

namespace motiv::periods {

namespace {

// The sum of the rule's components when the record's period is recomputed with `input` reduced by `less`.
Decimal earned_without(const CompiledScheme& cs, const ClawbackRule& rule, const PeriodRecord& rec, const PersonInputs& base, Decimal less) {
    const Scheme& s = cs.scheme();
    PersonInputs p = base;
    const InputDecl* in = s.find_input(rule.input);
    auto& v = p.values[static_cast<std::size_t>(in - s.inputs.data())];
    // Never below zero: deals cancelled beyond what was counted take back at most all of it.
    v = std::max(Decimal{}, checked_add(v.value_or(in->default_value.value_or(Decimal{})), -less, rule.pointer, rule.input + " less cancelled deals"));
    const Payslip slip = compute_payslip(cs, *Period::parse(rec.period), p, Explain::none);
    Decimal sum;
    for (const auto& id : rule.components)
        if (const PayLine* l = slip.line(id)) sum = sum + l->amount;
    return sum;
}

Decimal& cancelled_of(PeriodRecord& rec, const std::string& input) {
    for (auto& [name, v] : rec.cancelled)
        if (name == input) return v;
    rec.cancelled.emplace_back(input, Decimal{});
    return rec.cancelled.back().second;
}

}  // namespace

ClawbackDue clawback_due(const CompiledScheme& cs, const Figures& fig, const ClawbackRule& rule, PeriodRecord& rec, const Cancellation& deal,
                         const std::optional<RulesChange>& accepted) {
    const int mu = cs.scheme().currency.minor_units;
    ClawbackDue due;
    due.deal = deal.deal;
    const long days = (deal.cancelled_on - deal.paid_on).days();
    const int within = fig.count(rule.within_days);
    const std::string window = "cancelled " + std::to_string(days) + " days after payment (" + to_iso(deal.paid_on) + " -> " +
                               to_iso(deal.cancelled_on) + "), window " + fig.show(rule.within_days, std::to_string(within)) + " days";
    if (days > within) {
        due.in_window = false;
        due.why = fig.fact("deal " + deal.deal, rule.within_days, window + ": nothing is clawed back");
        return due;
    }
    check_rules(cs.scheme(), rec, deal.person, accepted);
    const PersonInputs base = record_inputs(cs.scheme(), rec, deal.person);
    Decimal& cancelled = cancelled_of(rec, rule.input);
    const Decimal before = earned_without(cs, rule, rec, base, cancelled);
    const Decimal less = checked_add(cancelled, deal.amount, rule.pointer, "the cancelled deals of " + rec.period);
    const Decimal after = earned_without(cs, rule, rec, base, less);
    due.amount = std::max(Decimal{}, before - after);
    std::string comps;
    for (const auto& c : rule.components) comps += (comps.empty() ? "" : " + ") + c;
    due.why = fact("deal " + deal.deal,
                   comps + " of " + rec.period + " with " + rule.input + " less " + show(cancelled, mu) + ": " + show(before, mu) + "; less " +
                       show(less, mu) + " (deal amount " + show(deal.amount, mu) + "): " + show(after, mu) + "; due " +
                       show(due.amount, mu) + " (" + window + ")",
                   rule.pointer);
    cancelled = less;
    return due;
}

std::optional<PayLine> clawback_line(const ClawbackRule& rule, const Figures& fig, const std::vector<ClawbackDue>& dues, Decimal pay_so_far,
                                     PersonState& st) {
    const int mu = fig.minor_units();
    const Decimal floor = fig.value(rule.floor);
    Decimal due = st.clawback_pending;
    std::vector<Explanation> why;
    if (!st.clawback_pending.is_zero()) why.push_back(fact("pending from earlier periods", show(st.clawback_pending, mu)));
    for (const auto& d : dues) {
        due = due + d.amount;
        why.push_back(d.why);
    }
    if (due.is_zero() && why.empty()) return std::nullopt;
    const Decimal room = std::max(Decimal{}, pay_so_far - floor);
    const Decimal taken = std::min(due, room);
    st.clawback_pending = due - taken;
    why.push_back(fig.fact("floor", rule.floor, show(floor, mu) + " (pay so far " + show(pay_so_far, mu) + ", room " + show(room, mu) + ")"));
    const std::string summary = "clawback = -min(due " + show(due, mu) + ", pay so far " + show(pay_so_far, mu) + " - floor " + fig.money(rule.floor) +
                                ") = " + show(-taken, mu) + "; carried forward " + show(st.clawback_pending, mu);
    return make_line("clawback", "Clawback", "clawback", rule.pointer, -taken, mu, summary, std::move(why));
}

}  // namespace motiv::periods
