#include "apps/logs/report.hpp"

#include <algorithm>
#include <set>

#include "core/data/csv.hpp"

namespace motiv::logs {

namespace {

std::string opt_date(const std::optional<Date>& d) { return d ? to_iso(*d) : std::string(); }

bool in_period(const Date& d, const Period& p) { return !(d < p.first_day()) && !(p.last_day() < d); }
Period month_of(const Date& d) { return Period{static_cast<int>(d.year()), static_cast<int>(d.month())}; }

Table kpis(const Department& dept) {
    Table t{"kpis", {"person", "name", "role", "period", "kpi", "value", "unit", "formula", "rows"}, {}};
    for (const auto& p : dept.people)
        for (const auto& k : p.kpis)
            t.rows.push_back({p.id, p.name, p.role, dept.period.to_string(), k.name, k.value.to_string(), k.unit, k.formula, describe_rows(k.rows)});
    return t;
}

Table funnel(const Department& dept, const LogSet& logs, const LogRules& rules, const Scheme& scheme) {
    const Period& P = dept.period;
    const int mu = scheme.currency.minor_units;
    std::size_t calls = 0, meetings = 0, sales = 0, first = 0, repeat = 0, cancelled = 0;
    Decimal first_amount, repeat_amount, cancelled_amount;
    for (const auto& c : logs.calls) {
        if (!in_period(c.date, P)) continue;
        ++calls;
        meetings += c.outcome == CallOutcome::meeting ? 1 : 0;
        sales += c.outcome == CallOutcome::sale ? 1 : 0;
    }
    for (const auto& d : logs.deals) {
        if (!in_period(d.date, P)) continue;
        const Decimal v = deal_value(d, logs, rules, scheme);
        if (d.status == DealStatus::cancelled) {
            ++cancelled;
            cancelled_amount = cancelled_amount + v;
            continue;
        }
        auto p = dept.points.find(d.client);
        const bool is_first = p != dept.points.end() && p->second.rows.front() == d.row;
        (is_first ? first : repeat) += 1;
        (is_first ? first_amount : repeat_amount) = (is_first ? first_amount : repeat_amount) + v;
    }
    auto conv = [](std::size_t n, std::size_t of) {
        return of == 0 ? std::string() : (Decimal::from_int(static_cast<std::int64_t>(n)) / Decimal::from_int(static_cast<std::int64_t>(of))).to_string();
    };
    auto n = [](std::size_t v) { return std::to_string(v); };
    Table t{"funnel", {"period", "stage", "count", "amount", "conversion_from_previous"}, {}};
    const std::string per = P.to_string();
    t.rows.push_back({per, "calls", n(calls), "", ""});
    t.rows.push_back({per, "meetings booked", n(meetings), "", conv(meetings, calls)});
    t.rows.push_back({per, "sales on the call", n(sales), "", conv(sales, calls)});
    t.rows.push_back({per, "first deals", n(first), first_amount.to_string_fixed(mu), conv(first, meetings)});
    t.rows.push_back({per, "repeat orders", n(repeat), repeat_amount.to_string_fixed(mu), conv(repeat, first)});
    t.rows.push_back({per, "cancelled deals", n(cancelled), cancelled_amount.to_string_fixed(mu), ""});
    return t;
}

// Refusals by reason code, most frequent first: "the most common refusals drive script changes".
Table refusals(const Department& dept, const LogSet& logs, const LogRules& rules) {
    std::map<std::string, std::size_t> count;
    std::size_t total = 0;
    for (const auto& c : logs.calls)
        if (c.outcome == CallOutcome::refusal && in_period(c.date, dept.period)) {
            ++count[c.reason];
            ++total;
        }
    std::vector<std::pair<std::string, std::size_t>> order;
    for (const auto& r : rules.refusal_reasons) order.emplace_back(r, count[r]);
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    Table t{"refusals", {"period", "reason", "count", "share"}, {}};
    for (const auto& [reason, n] : order) {
        const std::string share = total == 0 ? std::string()
                                             : (Decimal::from_int(static_cast<std::int64_t>(n)) / Decimal::from_int(static_cast<std::int64_t>(total))).to_string();
        t.rows.push_back({dept.period.to_string(), reason, std::to_string(n), share});
    }
    return t;
}

Table handovers(const Department& dept) {
    Table t{"handovers", {"client", "hunter", "first_deal", "deadline", "deadline_by", "handed_over", "holder", "state", "rows"}, {}};
    for (const auto& h : dept.handovers)
        t.rows.push_back({h.point.client, h.point.hunter, to_iso(h.point.first_deal), to_iso(h.point.deadline), h.point.deadline_by,
                          opt_date(h.handed_over), h.holder, to_string(h.state), describe_rows(h.rows)});
    return t;
}

Table takeaways_table(const Department& dept) {
    Table t{"takeaways", {"client", "group", "owner", "limit_days", "last_contact", "last_order", "trigger_date", "goes_to", "effective_from", "rows"}, {}};
    for (const auto& [id, k] : dept.taken) {
        if (k.trigger < dept.period.first_day()) continue;  // reported in the period it happened
        const Period next = dept.period.month == 12 ? Period{dept.period.year + 1, 1} : Period{dept.period.year, dept.period.month + 1};
        t.rows.push_back({k.client, k.group, k.owner, std::to_string(k.limit_days), opt_date(k.last_contact), opt_date(k.last_order),
                          to_iso(k.trigger), k.to.empty() ? "pool" : k.to, next.to_string(), describe_rows(k.rows)});
    }
    return t;
}

Table norms(const Department& dept) {
    Table t{"contact_norms", {"manager", "client", "group", "norm", "contacts", "met", "rows"}, {}};
    for (const auto& n : dept.norms)
        t.rows.push_back({n.manager, n.client, n.group, std::to_string(n.norm), std::to_string(n.contacts), n.met ? "yes" : "no", describe_rows(n.rows)});
    return t;
}

Table credits(const Department& dept, const LogSet& logs, const LogRules& rules, const Scheme& scheme) {
    const int mu = scheme.currency.minor_units;
    const Period& P = dept.period;
    Table t{"credits", {"deal", "client", "date", "person", "phase", "percent", "amount", "state", "counts_in", "how", "row"}, {}};
    for (const auto& c : dept.credits) {
        const Deal& d = *c.deal;
        const bool counted = counts_in(c, P);
        const bool held = is_held(c, P);
        if (reversed_in(c, P)) {  // cancelled in this period after it counted in an earlier one
            t.rows.push_back({d.id, d.client, to_iso(d.date), c.person.empty() ? "(nobody)" : c.person, c.phase == CreditPhase::hunter ? "hunter" : "farmer",
                              c.percent.to_string(), "-" + c.amount.to_string_fixed(mu), "taken_back", P.to_string(),
                              "counted on " + to_iso(*c.counts_on) + " (" + month_of(*c.counts_on).to_string() + "), cancelled on " + to_iso(*c.reversed_on),
                              describe_rows({d.row})});
            continue;
        }
        if (!counted && !held && !in_period(d.date, P)) continue;
        const std::string state = counted ? (rules.pay_on_collection ? "released" : "counted") : held ? "held" : "not_this_period";
        t.rows.push_back({d.id, d.client, to_iso(d.date), c.person.empty() ? "(nobody)" : c.person,
                          c.phase == CreditPhase::hunter ? "hunter" : "farmer", c.percent.to_string(), c.amount.to_string_fixed(mu), state,
                          c.counts_on ? month_of(*c.counts_on).to_string() : "",
                          c.how, describe_rows({d.row})});
    }
    std::set<const Deal*> credited;
    for (const auto& c : dept.credits) credited.insert(c.deal);
    for (const auto& d : logs.deals)  // a cancelled deal earns nothing; with pay on collection it reverses its hold
        if (d.status == DealStatus::cancelled && in_period(d.date, P) && !credited.count(&d))
            t.rows.push_back({d.id, d.client, to_iso(d.date), "", "", "", deal_value(d, logs, rules, scheme).to_string_fixed(mu),
                              rules.pay_on_collection ? "reversed" : "cancelled", "", "cancelled deals are never credited", describe_rows({d.row})});
    return t;
}

Table reactivations_table(const Department& dept, const Scheme& scheme) {
    Table t{"reactivations", {"client", "person", "deal", "deal_date", "previous_order", "bonus", "rows"}, {}};
    for (const auto& r : dept.reactivations)
        t.rows.push_back({r.client, r.person, r.deal->id, to_iso(r.deal->date), opt_date(r.previous_order),
                          r.bonus.to_string_fixed(scheme.currency.minor_units), describe_rows(r.rows)});
    return t;
}

Table spiffs_table(const Department& dept, const Scheme& scheme) {
    Table t{"spiffs", {"spiff", "person", "amount", "rows"}, {}};
    for (const auto& a : dept.spiffs) t.rows.push_back({a.spiff, a.person, a.amount.to_string_fixed(scheme.currency.minor_units), describe_rows(a.rows)});
    return t;
}

}  // namespace

std::vector<Table> report(const Department& dept, const LogSet& logs, const LogRules& rules, const Scheme& scheme) {
    return {kpis(dept),           funnel(dept, logs, rules, scheme), refusals(dept, logs, rules), handovers(dept),
            takeaways_table(dept), norms(dept),                      credits(dept, logs, rules, scheme),
            reactivations_table(dept, scheme), spiffs_table(dept, scheme)};
}

std::string to_csv(const Table& table, data::CellGuard guard) {
    std::string out;
    data::append_csv_row(out, table.header, ',', guard);
    for (const auto& r : table.rows) data::append_csv_row(out, r, ',', guard);
    return out;
}

}  // namespace motiv::logs
