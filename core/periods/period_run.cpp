#include "core/periods/period_run.hpp"

#include <algorithm>
#include <unordered_set>

#include "core/errors.hpp"
#include "core/periods/bonus.hpp"
#include "core/periods/clawback.hpp"
#include "core/periods/draw.hpp"
#include "core/periods/pay_line.hpp"
#include "core/periods/team_override.hpp"

namespace motiv::periods {

Period next_period(const Period& p) { return p.month == 12 ? Period{p.year + 1, 1} : Period{p.year, p.month + 1}; }

namespace {

bool before(const Period& a, const Period& b) { return a.first_day() < b.first_day(); }

[[noreturn]] void refuse(const std::string& source, std::size_t line, const std::string& person, const std::string& message) {
    throw DataError({Issue{"motiv.data_error.404", source, "", line, 0, "", person, message, "", 0}});
}

}  // namespace

PeriodPay pay_period(const CompiledScheme& cs, const Period& period, const PeriodInputs& in, CarriedState state) {
    const Scheme& s = cs.scheme();
    const PeriodRules& rules = s.periods;
    const int mu = s.currency.minor_units;
    const std::string P = period.to_string();
    if (!state.scheme.empty() && state.scheme != s.name)
        refuse("state", 0, "", "the state is for scheme '" + state.scheme + "', not '" + s.name + "'");
    if (!state.last_period.empty()) {
        const auto last = Period::parse(state.last_period);
        if (!last) refuse("state", 0, "", "the state's last period '" + state.last_period + "' is not YYYY-MM");
        if (!(next_period(*last) == period))
            refuse("state", 0, "", "the state ends with " + state.last_period + ", so the next period to pay is " + next_period(*last).to_string() +
                                       ", not " + P + " (periods are paid in order, each once)");
    }
    // Check the events before paying anyone: a cancellation or correction that matches nothing is an error.
    std::vector<const Cancellation*> due;
    for (const auto& c : in.cancellations) {
        if (c.cancelled_on > period.last_day() || std::count(state.handled_deals.begin(), state.handled_deals.end(), c.deal)) continue;
        const auto who = std::find_if(in.people.begin(), in.people.end(), [&](const PersonInputs& p) { return p.id == c.person; });
        if (who == in.people.end()) continue;  // not paid this period: handled when next paid
        const PersonState* st = state.person(c.person);
        if (!st || !st->record(c.paid_period.to_string()))
            refuse(c.source, c.line, c.person, "deal " + c.deal + ": no stored pay for " + c.person + " in " + c.paid_period.to_string() + " to claw back from");
        if (!rules.clawback(who->role))
            refuse(c.source, c.line, c.person, "deal " + c.deal + ": role " + who->role + " has no clawback rule (/periods/clawbacks/" + who->role + ")");
        due.push_back(&c);
    }
    for (const auto& c : in.corrections) {
        if (!before(c.period, period))
            refuse(c.inputs.source, c.inputs.line, c.inputs.id, "a correction must be for a period before " + P + ", got " + c.period.to_string());
        if (std::none_of(in.people.begin(), in.people.end(), [&](const PersonInputs& p) { return p.id == c.inputs.id; }))
            refuse(c.inputs.source, c.inputs.line, c.inputs.id, c.inputs.id + " is not paid in " + P + ", where the correction would be paid");
        const PersonState* st = state.person(c.inputs.id);
        if (!st || !st->record(c.period.to_string()))
            refuse(c.inputs.source, c.inputs.line, c.inputs.id, "no stored pay for " + c.inputs.id + " in " + c.period.to_string() + " to correct");
    }
    for (const auto& q : in.recompute)
        if (!before(q, period)) refuse("recompute", 0, "", "a recomputed period must be before " + P + ", got " + q.to_string());

    std::unordered_set<std::string> ids;
    for (const auto& p : in.people)
        if (!ids.insert(p.id).second) refuse(p.source, p.line, p.id, "duplicate person id '" + p.id + "' in " + P);
    const BoundParameters params = cs.bind(period);
    PeriodPay out;
    out.period = period;
    // 1. Each person's own pay, recorded, plus bonuses.
    for (const auto& person : in.people) {
        PersonState* st = state.person(person.id);
        if (!st) {
            state.people.push_back(PersonState{});
            st = &state.people.back();
            st->person = person.id;
        }
        PersonPeriod pp;
        if (!st->left.empty()) pp.notes.push_back("back after leaving in " + st->left);
        st->left.clear();
        st->role = person.role;
        pp.payslip = compute_payslip(cs, params, person, in.explain);
        pp.earned = pp.payslip.total;
        PeriodRecord rec{P, person.role, s.sha256, named_inputs(s, person), {}, pp.payslip.total, {}};
        for (const auto& l : pp.payslip.lines) rec.lines.emplace_back(l.component, l.amount);
        st->history.push_back(std::move(rec));
        for (const auto& b : rules.bonuses)
            if (b.role == person.role) append_line(pp.payslip, bonus_line(cs, params, b, person, *st, in.explain));
        out.people.push_back(std::move(pp));
    }
    // 2. Team overrides: all computed from the lines so far, then added.
    std::vector<const Payslip*> slips;
    std::vector<std::string> managers;
    for (std::size_t i = 0; i < in.people.size(); ++i) {
        slips.push_back(&out.people[i].payslip);
        managers.push_back(in.people[i].manager);
    }
    std::vector<std::pair<std::size_t, PayLine>> overrides;
    for (std::size_t i = 0; i < in.people.size(); ++i)
        for (const auto& o : rules.team_overrides)
            if (o.role == in.people[i].role)
                overrides.emplace_back(i, team_override_line(o, team_of(o, in.people[i].id, slips, managers), s.rounding, mu));
    for (auto& [i, line] : overrides) append_line(out.people[i].payslip, std::move(line));
    // 3-5. Retro differences, clawbacks, draws.
    for (std::size_t i = 0; i < in.people.size(); ++i) {
        const PersonInputs& person = in.people[i];
        PersonPeriod& pp = out.people[i];
        PersonState& st = *state.person(person.id);
        for (const auto& c : in.corrections)
            if (c.inputs.id == person.id) {
                PeriodRecord& rec = *st.record(c.period.to_string());
                rec.role = c.inputs.role;
                append_line(pp.payslip, retro_line(cs, rec, c.inputs, in.accept_rules_change));
            }
        for (const auto& q : in.recompute)
            if (PeriodRecord* rec = st.record(q.to_string()))
                append_line(pp.payslip, retro_line(cs, *rec, record_inputs(s, *rec, person.id), in.accept_rules_change));
        if (const ClawbackRule* rule = rules.clawback(person.role)) {
            std::vector<ClawbackDue> dues;
            for (const Cancellation* c : due)
                if (c->person == person.id) {
                    ClawbackDue d = clawback_due(cs, *rule, *st.record(c->paid_period.to_string()), *c, in.accept_rules_change);
                    if (d.in_window) dues.push_back(std::move(d));
                    else pp.notes.push_back(d.why.label + ": " + d.why.value + " (" + d.why.pointer + ")");
                    state.handled_deals.push_back(c->deal);
                }
            if (auto line = clawback_line(*rule, dues, pp.payslip.total, st, mu)) append_line(pp.payslip, std::move(*line));
        }
        if (const DrawRule* rule = rules.draw(person.role)) {
            if (auto line = draw_line(*rule, pp.payslip.total, st, mu)) append_line(pp.payslip, std::move(*line));
            if (auto note = draw_period_end(*rule, st, mu); !note.empty()) pp.notes.push_back(note);
        }
    }
    // Leavers: in the state, active, and not paid this period.
    for (auto& st : state.people) {
        if (!st.left.empty() || std::any_of(in.people.begin(), in.people.end(), [&](const PersonInputs& p) { return p.id == st.person; })) continue;
        st.left = P;
        std::string note = st.person + " not paid in " + P + ": left";
        if (const DrawRule* rule = rules.draw(st.role))
            if (auto n = draw_on_leaving(*rule, st, mu); !n.empty()) note += "; " + n;
        if (!st.clawback_pending.is_zero()) note += "; clawback of " + show(st.clawback_pending, mu) + " still pending";
        out.notes.push_back(note);
    }
    state.scheme = s.name;
    state.last_period = P;
    state.rules_sha256 = s.sha256;
    out.state = std::move(state);
    return out;
}

std::vector<PeriodPay> pay_periods(const CompiledScheme& cs, const Period& from, const Period& to,
                                   const std::function<PeriodInputs(const Period&)>& inputs_for, CarriedState state) {
    if (before(to, from)) refuse("periods", 0, "", "the last period " + to.to_string() + " is before the first " + from.to_string());
    std::vector<PeriodPay> out;
    for (Period p = from;; p = next_period(p)) {
        out.push_back(pay_period(cs, p, inputs_for(p), out.empty() ? std::move(state) : out.back().state));
        if (p == to) break;
    }
    return out;
}

}  // namespace motiv::periods
