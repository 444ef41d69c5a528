// KPI norms derived from the compiled conditions of the reference scheme.
#include "apps/export/kpi_norms.hpp"

#include <catch2/catch.hpp>

#include "core/rules/loader.hpp"
#include "tests/apps/export/export_fixture.hpp"

using namespace motiv;

namespace {
std::vector<std::string> rows_of(const std::vector<exports::KpiNorm>& norms) {
    std::vector<std::string> out;
    for (const auto& k : norms) {
        std::string uses;
        for (const auto& c : k.components) uses += (uses.empty() ? "" : ",") + c;
        out.push_back(k.kpi + " " + k.value + " " + k.op + " " + k.norm + " " + k.norm_value + (k.met ? " met" : " not-met") +
                      (k.gate ? " gate " : " target ") + uses);
    }
    return out;
}
}  // namespace

TEST_CASE("an operator's KPIs are the comparisons with parameters in gates_passed and targets_met", "[export][kpi]") {
    const auto& cs = *test::three_tier_scheme();
    const auto params = cs.bind(test::kOctober);
    // op-01: 260 calls, 2880 / 22 = 130.909 min/day, 25 meetings, 25 / 260 = 9.6154%, script 96%.
    CHECK(rows_of(exports::kpi_norms(cs, params, test::example_person("op-01"))) == std::vector<std::string>{
              "calls 260 >= operator.gate.calls 200 met gate KPI bonus",
              "talk_per_day 130.91 >= operator.gate.talk_minutes_per_day 120 met gate KPI bonus",
              "script_compliance 96% >= operator.gate.script_compliance 80% met gate KPI bonus",
              "calls 260 >= operator.target.calls 250 met target KPI bonus",
              "talk_per_day 130.91 >= operator.target.talk_minutes_per_day 150 not-met target KPI bonus",
              "meetings 25 >= operator.target.meetings 20 met target KPI bonus",
              "effectiveness 9.62% >= operator.target.effectiveness 15% not-met target KPI bonus",
              "script_compliance 96% >= operator.target.script_compliance 95% met target KPI bonus",
          });
    // op-04: 2520 / 21 = 120 exactly: the gate (>=) is met.
    const auto op04 = exports::kpi_norms(cs, params, test::example_person("op-04"));
    CHECK(op04[1].value == "120");
    CHECK(op04[1].met);
    // Hunters and farmers compare inputs with literals or other inputs only: no norms.
    CHECK(exports::kpi_norms(cs, params, test::example_person("h-01")).empty());
    CHECK(exports::kpi_norms(cs, params, test::example_person("f-01")).empty());
}

TEST_CASE("a norm on the left is read with the KPI first; a comparison in a when is a gate of that line", "[export][kpi]") {
    const auto cs = CompiledScheme::compile(load_scheme(R"({
      "motiv": 1, "scheme": {"name": "n", "version": "1"}, "currency": {"code": "RUB", "minor_units": 2},
      "inputs": {"deals": {"type": "count"}},
      "parameters": {"min_deals": {"type": "count", "value": 3}, "deal_bonus": {"type": "money", "value": "1000.00"}},
      "roles": {"rep": {"components": [
        {"id": "bonus", "label": "Deal bonus", "kind": "fixed", "amount": "deal_bonus", "when": "min_deals < deals"}]}}
    })", "n.json"));
    PersonInputs p;
    p.id = "r-1";
    p.role = "rep";
    p.values = {Decimal::from_int(2)};
    const auto norms = exports::kpi_norms(*cs, cs->bind(test::kOctober), p);
    REQUIRE(norms.size() == 1);
    CHECK(norms[0].kpi == "deals");
    CHECK(norms[0].op == ">");  // min_deals < deals  ==  deals > min_deals
    CHECK(norms[0].norm_value == "3");
    CHECK_FALSE(norms[0].met);
    CHECK(norms[0].gate);
    CHECK(norms[0].components == std::vector<std::string>{"Deal bonus"});
    CHECK(norms[0].pointer == "/roles/rep/components/0/when");
}
