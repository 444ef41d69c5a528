// Who is credited with each deal, and with how much, in the scheme's currency.
//
//  - Currency: a deal in another currency is converted at the rate in force on the deal date (the
//    latest rate dated on or before it in the rates file), rounded once by logs.currencies.rounding.
//  - Split: a deal credited to several people ("h-01:60;h-02:40") gives each the share's percent of
//    the amount, rounded by logs.credit.rounding; the remainder of the rounding goes to the first
//    person listed, so the shares always add up to the deal's amount to the minor unit.
//  - Handover: deals dated on or before the client's handover point credit the deal's credited
//    people (the client's hunter when none is named); deals after it credit the farmer who holds the
//    client in that period (takeaway.hpp), or nobody when no farmer holds it.
//  - Collection: normally a deal counts in the period of its date. With logs.collection.pay_on_collection
//    it counts in the period of its payment; a closed deal not yet paid is held; a cancelled deal never
//    counts (a cancelled deal reverses what it held).
//  - Reversal: a cancelled deal whose cancellation date falls in a later period than the one it counted
//    in (its date; its payment with pay on collection) counted then -- what was paid stays what was
//    paid -- and is taken back in the period of its cancellation (Credit::reversed_on; the KPI
//    reversed_revenue, which a rule file's penalty turns into a negative line). A cancelled deal
//    without a cancellation date, or cancelled in the period it counted in, never counts.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "apps/logs/handover.hpp"
#include "apps/logs/takeaway.hpp"
#include "core/rules/scheme.hpp"

namespace motiv::logs {

enum class CreditPhase { hunter, farmer };

struct Credit {
    const Deal* deal = nullptr;
    std::string person;          // empty: nobody (a farmer-phase deal of a client no farmer holds)
    Decimal percent;             // share of the deal, 0..100
    Decimal amount;              // in the scheme's currency, after conversion and split
    CreditPhase phase = CreditPhase::hunter;
    std::optional<Date> counts_on;  // the date whose period it counts in; nullopt = held (unpaid)
    std::optional<Date> reversed_on;  // a cancelled deal's cancellation, in a later period than counts_on
    std::string how;             // "1,000.00 USD x 92.5 = 92,500.00; 60% share"
};

// The deal's amount in the scheme's currency (converted and rounded when in another currency);
// `how` receives the conversion in words when there was one.
Decimal deal_value(const Deal& deal, const LogSet& logs, const LogRules& rules, const Scheme& scheme, std::string* how = nullptr);

// The credits of every deal that is not cancelled or was cancelled after it counted, in the file's order.
std::vector<Credit> credit_deals(const LogSet& logs, const LogRules& rules, const Scheme& scheme,
                                 const std::map<std::string, HandoverPoint>& points, const std::map<std::string, Takeaway>& taken);

// Whether a credit counts in `period`.
bool counts_in(const Credit& c, const Period& period);
// Whether a credit is taken back in `period` (its deal was cancelled then, after it counted earlier).
bool reversed_in(const Credit& c, const Period& period);
// Whether a credit is held at the end of `period`: dated by then, but counting only later (paid
// later) or not yet at all (unpaid). Only happens with pay on collection.
bool is_held(const Credit& c, const Period& period);

}  // namespace motiv::logs
