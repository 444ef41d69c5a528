#include "apps/logs/derive.hpp"

#include <set>
#include <unordered_map>
#include <stdexcept>

#include "core/data/input_values.hpp"
#include "core/data/people_reader.hpp"
#include "core/errors.hpp"
#include "apps/logs/farmer_volume.hpp"
#include "apps/logs/operator_kpis.hpp"

namespace motiv::logs {

const PersonKpis* Department::person(std::string_view id) const {
    for (const auto& p : people)
        if (p.id == id) return &p;
    return nullptr;
}

namespace {

bool employed(const StaffMember& s, const Period& p) {
    return !(s.hired && p.last_day() < *s.hired) && !(s.left && *s.left < p.first_day());
}

// deals, credited_revenue, reversed_revenue and (with pay on collection) held_revenue of one person.
void add_credit_kpis(PersonKpis& out, const std::vector<Credit>& credits, const LogRules& rules, const Period& period) {
    Kpi deals{"deals", Decimal(), "count", "deals credited to the person that count in the period", {}};
    Kpi revenue{"credited_revenue", Decimal(), "money",
                rules.pay_on_collection ? "credited amounts of the deals paid in the period (pay on collection)"
                                        : "credited amounts of the deals dated in the period",
                {}};
    Kpi held{"held_revenue", Decimal(), "money", "credited amounts of deals dated by the period's end but not yet paid then (held)", {}};
    Kpi reversed{"reversed_revenue", Decimal(), "money", "credited amounts taken back: deals counted in an earlier period and cancelled in this one", {}};
    std::set<const Deal*> seen;
    for (const auto& c : credits) {
        if (c.person != out.id) continue;
        if (reversed_in(c, period)) {  // which deal, when it counted, when it was cancelled
            reversed.value = reversed.value + c.amount;
            reversed.rows.push_back(c.deal->row);
            reversed.formula += (reversed.rows.size() == 1 ? ": " : "; ") + c.deal->id + " " + c.amount.to_string() + " (counted " +
                                to_iso(*c.counts_on) + (c.deal->paid ? ", paid " + to_iso(*c.deal->paid) : std::string()) +
                                ", cancelled " + to_iso(*c.reversed_on) + ")";
        }
        if (counts_in(c, period)) {
            if (seen.insert(c.deal).second) deals.value = deals.value + Decimal::from_int(1);
            revenue.value = revenue.value + c.amount;
            revenue.rows.push_back(c.deal->row);
        } else if (is_held(c, period)) {
            held.value = held.value + c.amount;
            held.rows.push_back(c.deal->row);
        }
    }
    deals.rows = revenue.rows;
    out.set(std::move(deals));
    out.set(std::move(revenue));
    out.set(std::move(reversed));
    if (rules.pay_on_collection) out.set(std::move(held));
}

void add_handover_kpis(PersonKpis& out, const std::vector<HandoverStatus>& report) {
    Kpi overdue{"overdue_handovers", Decimal(), "count", "clients held past their handover deadline at the period's end", {}};
    Kpi made{"handovers_made", Decimal(), "count", "clients handed over in the period (on time or late)", {}};
    for (const auto& h : report) {
        if (h.state == HandoverState::overdue && h.holder == out.id) {
            overdue.value = overdue.value + Decimal::from_int(1);
            overdue.rows.insert(overdue.rows.end(), h.rows.begin(), h.rows.end());
        }
        if ((h.state == HandoverState::on_time || h.state == HandoverState::late) && h.point.hunter == out.id) {
            made.value = made.value + Decimal::from_int(1);
            made.rows.insert(made.rows.end(), h.rows.begin(), h.rows.end());
        }
    }
    out.set(std::move(overdue));
    out.set(std::move(made));
}

void add_takeaway_kpis(PersonKpis& out, const std::map<std::string, Takeaway>& taken, const Period& period) {
    Kpi k{"takeaways", Decimal(), "count", "the person's clients taken away in the period", {}};
    for (const auto& [id, t] : taken)
        if (t.owner == out.id && !(t.trigger < period.first_day())) {
            k.value = k.value + Decimal::from_int(1);
            k.rows.insert(k.rows.end(), t.rows.begin(), t.rows.end());
        }
    out.set(std::move(k));
}

// The elements of `all` whose key (a person) is `id`, grouped once so each person's KPIs read only
// their own rows: derivations stay linear in the size of the logs, however many people there are.
template <class T, class Key>
std::unordered_map<std::string, std::vector<T>> by_person(const std::vector<T>& all, Key key) {
    std::unordered_map<std::string, std::vector<T>> out;
    for (const auto& x : all) out[key(x)].push_back(x);
    return out;
}

template <class T>
const std::vector<T>& of(const std::unordered_map<std::string, std::vector<T>>& m, const std::string& id) {
    static const std::vector<T> none;
    auto it = m.find(id);
    return it == m.end() ? none : it->second;
}

}  // namespace

Department derive(const LogSet& logs, const LogRules& rules, const Scheme& scheme, const Period& period) {
    try {
        Department d;
        d.period = period;
        d.points = handover_points(logs, rules);
        d.taken = takeaways(logs, rules, d.points, period.last_day());
        d.credits = credit_deals(logs, rules, scheme, d.points, d.taken);
        d.handovers = handover_report(logs, rules, d.points, period);
        d.norms = contact_norms(logs, rules, d.taken, period);
        d.reactivations = reactivations(logs, rules, d.credits, period);
        d.spiffs = spiff_awards(rules, d.credits, period);
        const auto credits = by_person(d.credits, [](const Credit& c) { return c.person; });
        const auto norms = by_person(d.norms, [](const NormCheck& n) { return n.manager; });
        const auto reacts = by_person(d.reactivations, [](const Reactivation& r) { return r.person; });
        const auto spiffs = by_person(d.spiffs, [](const SpiffAward& a) { return a.person; });
        auto handovers = by_person(d.handovers, [](const HandoverStatus& h) { return h.holder; });
        for (const auto& h : d.handovers)  // handovers made count for the hunter, who no longer holds the client
            if (h.point.hunter != h.holder) handovers[h.point.hunter].push_back(h);
        std::unordered_map<std::string, std::vector<const Client*>> portfolios;
        for (const auto& c : logs.clients) portfolios[portfolio_holder(c, d.taken, period)].push_back(&c);
        std::map<std::string, std::map<std::string, Takeaway>> taken;
        for (const auto& [client, t] : d.taken) taken[t.owner].emplace(client, t);
        for (const auto& s : logs.staff) {
            if (!employed(s, period)) continue;
            PersonKpis p{s.id, s.name, s.role, s.team, {}, s.hired, s.left};
            if (rules.is_operator(s.role)) add_operator_kpis(p, s, logs, rules, period);
            if (rules.is_hunter(s.role) || rules.is_farmer(s.role)) {
                p.set(working_days_kpi(s, rules, period));
                add_credit_kpis(p, of(credits, s.id), rules, period);
                add_contact_kpis(p, of(norms, s.id));
                add_takeaway_kpis(p, taken[s.id], period);
                add_reactivation_kpis(p, of(reacts, s.id));
                add_spiff_kpis(p, of(spiffs, s.id));
            }
            if (rules.is_hunter(s.role)) add_handover_kpis(p, of(handovers, s.id));
            if (rules.is_farmer(s.role)) add_farmer_kpis(p, logs, rules, scheme, d.points, of(portfolios, s.id), period);
            d.people.push_back(std::move(p));
        }
        return d;
    } catch (const std::overflow_error&) {
        throw EvalError("motiv.eval_error.502", "a sum of the logs for " + period.to_string() + " overflows (amounts near 10^29)", "/logs");
    }
}

std::vector<PersonInputs> feed_inputs(const Department& dept, const LogRules& rules, const Scheme& scheme) {
    IssueCollector<DataError> issues;
    std::vector<PersonInputs> out;
    for (const auto& p : dept.people) {
        if (!scheme.find_role(p.role)) continue;
        PersonInputs in{p.id, p.name, p.role, "", std::vector<std::optional<Decimal>>(scheme.inputs.size()), std::nullopt, std::nullopt, "logs", 0};
        for (const auto& f : rules.feed) {
            if (f.role != p.role) continue;
            const InputDecl* decl = scheme.find_input(f.input);
            const Kpi* k = p.find(f.kpi);
            if (!decl || !k) continue;
            std::string error;
            auto v = data::check_input_value(*decl, k->value, scheme.currency.minor_units, error);
            if (!v) {
                Issue i{"motiv.data_error.407", rules.source, f.pointer, 0, 0, f.input, p.id,
                        "KPI " + f.kpi + " = " + k->value.to_string() + " cannot feed input '" + f.input + "': " + error, "", 0};
                issues.add(std::move(i));
                continue;
            }
            in.values[static_cast<std::size_t>(decl - scheme.inputs.data())] = *v;
        }
        // Hire and leave dates prorate as start_date / end_date do in a CSV (data/people_reader.hpp).
        if (scheme.proration) {
            in.start = p.hired;
            in.end = p.left;
            if (auto share = data::period_share(scheme, dept.period, in.start, in.end)) in.values[scheme.proration->input] = share;
        }
        // Inputs nobody fed take their declared default, as in a CSV row that leaves them empty.
        for (std::size_t i = 0; i < scheme.inputs.size(); ++i)
            if (!in.values[i] && scheme.inputs[i].default_value) in.values[i] = scheme.inputs[i].default_value;
        out.push_back(std::move(in));
    }
    issues.throw_if_any();
    return out;
}

payroll::PayrollRun pay(const Department& dept, const LogRules& rules, const CompiledScheme& scheme) {
    return payroll::run(scheme, dept.period, feed_inputs(dept, rules, scheme.scheme()), Explain::full);
}

}  // namespace motiv::logs
