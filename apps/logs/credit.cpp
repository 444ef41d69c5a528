#include "apps/logs/credit.hpp"

#include "apps/logs/read_logs.hpp"

namespace motiv::logs {

namespace {
Decimal rounded(const Rounding& r, Decimal v) {
    Fault f = Fault::none;
    Decimal out = r.apply(v, f);
    if (f != Fault::none) throw std::overflow_error("decimal overflow");
    return out;
}
}  // namespace

Decimal deal_value(const Deal& deal, const LogSet& logs, const LogRules& rules, const Scheme& scheme, std::string* how) {
    if (deal.currency == scheme.currency.code) return deal.amount;
    const ExchangeRate* r = rate_on(logs, deal.currency, deal.date);
    if (!r) throw std::logic_error("no exchange rate (read_logs checks every deal)");
    const Decimal v = rounded(rules.conversion_rounding, deal.amount * r->rate);
    if (how)
        *how = deal.amount.to_string() + " " + deal.currency + " x " + r->rate.to_string() + " (rate of " + to_iso(r->since) + ", " +
               r->row.to_string() + ") = " + v.to_string_fixed(scheme.currency.minor_units) + " " +
               scheme.currency.code + ", " + rules.conversion_rounding.describe();
    return v;
}

std::vector<Credit> credit_deals(const LogSet& logs, const LogRules& rules, const Scheme& scheme,
                                 const std::map<std::string, HandoverPoint>& points, const std::map<std::string, Takeaway>& taken) {
    std::vector<Credit> out;
    const Decimal hundred = Decimal::from_int(100);
    for (const auto& d : logs.deals) {
        std::optional<Date> counts_on = d.date;
        if (rules.pay_on_collection) counts_on = d.status == DealStatus::closed ? std::nullopt : d.paid;
        std::optional<Date> reversed_on;
        if (d.status == DealStatus::cancelled) {
            // Counted (released) in a period before the one it was cancelled in: taken back then.
            if (!d.cancelled || !counts_on || !(*counts_on < Period{static_cast<int>(d.cancelled->year()), static_cast<int>(d.cancelled->month())}.first_day()))
                continue;
            reversed_on = d.cancelled;
        }
        std::string conversion;
        const Decimal value = deal_value(d, logs, rules, scheme, &conversion);
        auto pit = points.find(d.client);
        const bool hunter_phase = pit == points.end() || !(pit->second.deadline < d.date);
        Credit base{&d, "", hundred, value, hunter_phase ? CreditPhase::hunter : CreditPhase::farmer, counts_on, reversed_on, conversion};
        if (!hunter_phase) {
            const Client* c = logs.find_client(d.client);
            const auto month = Period{static_cast<int>(d.date.year()), static_cast<int>(d.date.month())};
            const std::string holder = c ? portfolio_holder(*c, taken, month) : std::string();
            const StaffMember* s = logs.find_staff(holder);
            base.person = s && rules.is_farmer(s->role) ? holder : std::string();
            base.how += std::string(base.how.empty() ? "" : "; ") + "after the handover point (" + pit->second.deadline_by + ")";
            out.push_back(std::move(base));
            continue;
        }
        std::vector<CreditShare> shares = d.credited;
        if (shares.empty()) shares.push_back({pit != points.end() ? pit->second.hunter : std::string(), hundred});
        Decimal given;
        const std::size_t first = out.size();
        for (const auto& s : shares) {
            Credit c = base;
            c.person = s.person;
            c.percent = s.percent;
            if (shares.size() > 1) {
                c.amount = rounded(rules.credit_rounding, value * s.percent / hundred);
                c.how += std::string(c.how.empty() ? "" : "; ") + s.percent.to_string() + "% share, " + rules.credit_rounding.describe();
            }
            given = given + c.amount;
            out.push_back(std::move(c));
        }
        if (shares.size() > 1 && given != value) {  // the rounding remainder goes to the first person listed
            out[first].amount = out[first].amount + (value - given);
            out[first].how += ", plus the rounding remainder " + (value - given).to_string();
        }
    }
    return out;
}

bool is_held(const Credit& c, const Period& period) {
    return !(period.last_day() < c.deal->date) && (!c.counts_on || period.last_day() < *c.counts_on);
}

bool reversed_in(const Credit& c, const Period& period) {
    return c.reversed_on && !(*c.reversed_on < period.first_day()) && !(period.last_day() < *c.reversed_on);
}

bool counts_in(const Credit& c, const Period& period) {
    return c.counts_on && !(*c.counts_on < period.first_day()) && !(period.last_day() < *c.counts_on);
}

}  // namespace motiv::logs
