#include "apps/periods/period_run.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/errors.hpp"
#include "apps/periods/bonus.hpp"
#include "apps/periods/clawback.hpp"
#include "apps/periods/draw.hpp"
#include "apps/periods/pay_line.hpp"
#include "apps/periods/team_override.hpp"

namespace motiv::periods {

Period next_period(const Period& p) { return p.month == 12 ? Period{p.year + 1, 1} : Period{p.year, p.month + 1}; }

namespace {

bool before(const Period& a, const Period& b) { return a.first_day() < b.first_day(); }

[[noreturn]] void refuse(const std::string& source, std::size_t line, const std::string& person, const std::string& message) {
    throw DataError({Issue{"motiv.data_error.504", source, "", line, 0, "", person, message, "", 0}});
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
    // Indexes, so that a period of many people stays linear: id -> row, id -> state.
    // (state_of owns its keys: state.people grows below, which moves the strings.)
    std::unordered_map<std::string_view, std::size_t> row_of;
    std::unordered_map<std::string, std::size_t> state_of;
    for (std::size_t i = 0; i < in.people.size(); ++i)
        if (!row_of.emplace(in.people[i].id, i).second)
            refuse(in.people[i].source, in.people[i].line, in.people[i].id, "duplicate person id '" + in.people[i].id + "' in " + P);
    for (std::size_t i = 0; i < state.people.size(); ++i) state_of.emplace(state.people[i].person, i);
    auto stored = [&](const std::string& id) -> const PersonState* {
        auto it = state_of.find(id);
        return it == state_of.end() ? nullptr : &state.people[it->second];
    };
    // Check the events before paying anyone: a cancellation or correction that matches nothing is an error.
    const std::unordered_set<std::string> handled(state.handled_deals.begin(), state.handled_deals.end());
    std::vector<std::vector<const Cancellation*>> due(in.people.size());
    for (const auto& c : in.cancellations) {
        if (c.cancelled_on > period.last_day() || handled.count(c.deal)) continue;
        const auto who = row_of.find(c.person);
        if (who == row_of.end()) continue;  // not paid this period: handled when next paid
        const PersonState* st = stored(c.person);
        if (!st || !st->record(c.paid_period.to_string()))
            refuse(c.source, c.line, c.person, "deal " + c.deal + ": no stored pay for " + c.person + " in " + c.paid_period.to_string() + " to claw back from");
        const std::string& role = in.people[who->second].role;
        if (!rules.clawback(role)) refuse(c.source, c.line, c.person, "deal " + c.deal + ": role " + role + " has no clawback rule (/periods/clawbacks/" + role + ")");
        due[who->second].push_back(&c);
    }
    std::vector<std::vector<const Correction*>> corrections(in.people.size());
    for (const auto& c : in.corrections) {
        if (!before(c.period, period))
            refuse(c.inputs.source, c.inputs.line, c.inputs.id, "a correction must be for a period before " + P + ", got " + c.period.to_string());
        const auto who = row_of.find(c.inputs.id);
        if (who == row_of.end()) refuse(c.inputs.source, c.inputs.line, c.inputs.id, c.inputs.id + " is not paid in " + P + ", where the correction would be paid");
        const PersonState* st = stored(c.inputs.id);
        if (!st || !st->record(c.period.to_string()))
            refuse(c.inputs.source, c.inputs.line, c.inputs.id, "no stored pay for " + c.inputs.id + " in " + c.period.to_string() + " to correct");
        corrections[who->second].push_back(&c);
    }
    for (const auto& q : in.recompute)
        if (!before(q, period)) refuse("recompute", 0, "", "a recomputed period must be before " + P + ", got " + q.to_string());

    const BoundParameters params = cs.bind(period);
    const Figures figures(s, params);  // the periods section's figures in force this period
    PeriodPay out;
    out.period = period;
    std::vector<std::size_t> state_index(in.people.size());
    // 1. Each person's own pay, recorded, plus bonuses.
    for (std::size_t i = 0; i < in.people.size(); ++i) {
        const PersonInputs& person = in.people[i];
        auto it = state_of.find(person.id);
        if (it == state_of.end()) {
            state.people.push_back(PersonState{});
            state.people.back().person = person.id;
            it = state_of.emplace(state.people.back().person, state.people.size() - 1).first;
        }
        state_index[i] = it->second;
        PersonState& st = state.people[it->second];
        PersonPeriod pp;
        if (!st.left.empty()) pp.notes.push_back("back after leaving in " + st.left);
        st.left.clear();
        st.role = person.role;
        pp.payslip = compute_payslip(cs, params, person, in.explain);
        pp.earned = pp.payslip.total;
        PeriodRecord rec{P, person.role, s.sha256, named_inputs(s, person), {}, pp.payslip.total, {}};
        for (const auto& l : pp.payslip.lines) rec.lines.emplace_back(l.component, l.amount);
        st.history.push_back(std::move(rec));
        for (const auto& b : rules.bonuses)
            if (b.role == person.role) append_line(pp.payslip, bonus_line(cs, params, b, person, st, in.explain));
        out.people.push_back(std::move(pp));
    }
    // 2. Team overrides: all computed from the lines so far, then added.
    if (!rules.team_overrides.empty()) {
        std::unordered_map<std::string_view, std::vector<const Payslip*>> teams;
        for (std::size_t i = 0; i < in.people.size(); ++i)
            if (!in.people[i].manager.empty() && in.people[i].manager != in.people[i].id) teams[in.people[i].manager].push_back(&out.people[i].payslip);
        std::vector<std::pair<std::size_t, PayLine>> overrides;
        for (std::size_t i = 0; i < in.people.size(); ++i)
            for (const auto& o : rules.team_overrides)
                if (o.role == in.people[i].role) {
                    const auto team = teams.find(in.people[i].id);
                    overrides.emplace_back(i, team_override_line(o, figures, team_of(o, team == teams.end() ? std::vector<const Payslip*>{} : team->second), s.rounding));
                }
        for (auto& [i, line] : overrides) append_line(out.people[i].payslip, std::move(line));
    }
    // 3-5. Retro differences, clawbacks, draws.
    for (std::size_t i = 0; i < in.people.size(); ++i) {
        const PersonInputs& person = in.people[i];
        PersonPeriod& pp = out.people[i];
        PersonState& st = state.people[state_index[i]];
        for (const Correction* c : corrections[i]) {
            PeriodRecord& rec = *st.record(c->period.to_string());
            rec.role = c->inputs.role;
            append_line(pp.payslip, retro_line(cs, rec, c->inputs, in.accept_rules_change));
        }
        for (const auto& q : in.recompute)
            if (PeriodRecord* rec = st.record(q.to_string()))
                append_line(pp.payslip, retro_line(cs, *rec, record_inputs(s, *rec, person.id), in.accept_rules_change));
        if (const ClawbackRule* rule = rules.clawback(person.role)) {
            std::vector<ClawbackDue> dues;
            for (const Cancellation* c : due[i]) {
                ClawbackDue d = clawback_due(cs, figures, *rule, *st.record(c->paid_period.to_string()), *c, in.accept_rules_change);
                if (d.in_window) dues.push_back(std::move(d));
                else pp.notes.push_back(d.why.label + ": " + d.why.value + " (" + d.why.pointer + ")");
                state.handled_deals.push_back(c->deal);
            }
            if (auto line = clawback_line(*rule, figures, dues, pp.payslip.total, st)) append_line(pp.payslip, std::move(*line));
        }
        if (const DrawRule* rule = rules.draw(person.role)) {
            if (auto line = draw_line(*rule, figures, pp.payslip.total, st)) append_line(pp.payslip, std::move(*line));
            if (auto note = draw_period_end(*rule, figures, st); !note.empty()) pp.notes.push_back(note);
        }
    }
    // Leavers: in the state, active, and not paid this period.
    for (auto& st : state.people) {
        if (!st.left.empty() || row_of.count(st.person)) continue;
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
