// A small scheme for the what-if analysis tests, with every figure worked out by hand:
//   salary      fixed 1,000.00
//   gate_bonus  50.00 per sale, capped at 500.00, when sales >= 10 (the gate)
//   commission  retroactive on revenue: 5% below 10,000.00, 10% of all of it from 10,000.00
//   overload    penalty of 30.00 per sale above 15 (more sales pay less: a monotonicity warning)
// At target (12 sales, revenue 10,000.00): 1,000 + min(600, 500) + 10% x 10,000 - 0 = 2,500.00.
#pragma once

#include <string>

#include "core/engine/compute.hpp"
#include "core/rules/loader.hpp"

namespace motiv::test {

inline const char* kSmallScheme = R"({
  "motiv": 1,
  "scheme": {"name": "small", "version": "1"},
  "currency": {"code": "RUB", "minor_units": 2},
  "rounding": {"mode": "half_up", "step": "0.01"},
  "inputs": {
    "sales":   {"type": "count", "unit": "deals"},
    "revenue": {"type": "money", "unit": "RUB", "min": 0}
  },
  "parameters": {
    "seller.salary":       {"type": "money", "value": "1000.00"},
    "seller.gate":         {"type": "count", "value": 10},
    "seller.per_sale":     {"type": "money", "value": "50.00"},
    "seller.bonus_cap":    {"type": "money", "value": "500.00"},
    "seller.overload_fee": {"type": "money", "value": "30.00"},
    "seller.tiers": {"type": "tiers", "basis": "money", "value": [{"from": "0", "rate": "5%"}, {"from": "10000", "rate": "10%"}]}
  },
  "roles": {
    "seller": {
      "components": [
        {"id": "salary", "kind": "fixed", "label": "Salary", "amount": "seller.salary"},
        {"id": "gate_bonus", "kind": "formula", "label": "Bonus", "amount": "sales * seller.per_sale", "cap": "seller.bonus_cap", "when": "sales >= seller.gate"},
        {"id": "commission", "kind": "commission", "label": "Commission", "base": "revenue", "tiers": "seller.tiers", "mode": "retroactive"},
        {"id": "overload", "kind": "penalty", "label": "Overload", "amount": "max(sales - 15, 0) * seller.overload_fee"}
      ]
    }
  }
})";

inline std::shared_ptr<const CompiledScheme> small_scheme() {
    static const auto cs = CompiledScheme::compile(load_scheme(kSmallScheme, "small.json"));
    return cs;
}

// A seller with `sales` and `revenue` (text, e.g. "10000.00").
inline PersonInputs seller(const std::string& id, std::int64_t sales, const std::string& revenue) {
    PersonInputs p;
    p.id = id, p.name = id, p.role = "seller", p.source = "test";
    p.values = {Decimal::from_int(sales), *Decimal::parse(revenue)};
    return p;
}

}  // namespace motiv::test
