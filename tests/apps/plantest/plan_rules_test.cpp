// The plan sections of the rule format refuse what they cannot mean, each problem at its pointer;
// pay curves interpolate exactly as documented.
#include <catch2/catch.hpp>

#include <tuple>

#include "core/engine/compiled_scheme.hpp"
#include "core/engine/compute.hpp"
#include "core/errors.hpp"
#include "core/expr/program.hpp"
#include "core/rules/loader.hpp"

using namespace motiv;

namespace {

// A scheme with one role "r"; `extra` adds top-level sections, `params` parameters.
std::string scheme_text(const std::string& components, const std::string& params = "", const std::string& extra = "") {
    return R"({"motiv": 1, "scheme": {"name": "t", "version": "1"}, "currency": {"code": "RUB", "minor_units": 2},)" + extra +
           R"( "inputs": {"revenue": {"type": "money"}, "calls": {"type": "count"}},
  "parameters": {"quota": {"type": "money", "value": "1000.00"},
                 "money_tiers": {"type": "tiers", "value": [{"from": "0", "rate": "5%"}]},
                 "att_tiers": {"type": "tiers", "basis": "ratio", "value": [{"from": "0", "rate": "5%"}]})" + params + R"(},
  "roles": {"r": {"components": )" + components + "}}}";
}

std::vector<std::tuple<std::string, std::string, std::string>> problems(const std::string& text) {
    try {
        (void)CompiledScheme::compile(load_scheme(text, "t.json"));
    } catch (const RuleError& e) {
        std::vector<std::tuple<std::string, std::string, std::string>> out;
        for (const auto& i : e.issues()) out.emplace_back(i.id, i.pointer, i.message);
        return out;
    }
    return {};
}

using Problem = std::tuple<std::string, std::string, std::string>;

}  // namespace

TEST_CASE("plan sections: each mistake reported at its pointer", "[plan][rules]") {
    const auto [name, text, expected] = GENERATE_COPY(table<std::string, std::string, std::vector<Problem>>({
        {"curve points must rise", scheme_text(R"([{"id": "a", "kind": "fixed", "amount": "quota"}])",
                                               R"(, "c": {"type": "curve", "value": [{"at": "1", "pays": "0"}, {"at": "1", "pays": "1"}]})"),
         {{"motiv.rule_error.208", "/parameters/c/value/1/at", "curve points must rise strictly: 1 does not exceed 1"}}},
        {"curve end unknown", scheme_text(R"([{"id": "a", "kind": "fixed", "amount": "quota"}])",
                                          R"(, "c": {"type": "curve", "beyond": "wrap", "value": [{"at": "1", "pays": "0"}]})"),
         {{"motiv.rule_error.206", "/parameters/c/beyond", "unknown curve end 'wrap'; expected cap (stay at the last point) or extrapolate (continue the last slope)"}}},
        {"beyond on a non-curve", scheme_text(R"([{"id": "a", "kind": "fixed", "amount": "quota"}])",
                                              R"(, "x": {"type": "money", "beyond": "cap", "value": "1.00"})"),
         {{"motiv.rule_error.204", "/parameters/x/beyond", "'beyond' applies only to parameters of type curve"}}},
        {"scorecard without measures", scheme_text(R"([{"id": "a", "kind": "scorecard", "of": "quota", "measures": []}])"),
         {{"motiv.rule_error.201", "/roles/r/components/0/measures", "expected a non-empty array of measures {\"id\", \"actual\", \"target\", \"weight\", \"threshold\", \"cap\"}, got an array"}}},
        {"measure without target", scheme_text(R"([{"id": "a", "kind": "scorecard", "of": "quota", "measures": [{"id": "m", "actual": "calls", "weight": "1"}]}])"),
         {{"motiv.rule_error.202", "/roles/r/components/0/measures/0/target", "missing required key 'target'"}}},
        {"measure of money against a count target", scheme_text(R"([{"id": "a", "kind": "scorecard", "of": "quota", "measures": [{"id": "m", "actual": "revenue", "target": "calls", "weight": "1"}]}])"),
         {{"motiv.rule_error.402", "/roles/r/components/0/measures/0/target", "expected money, but the formula gives a number"}}},
        {"adjustment without bounds", scheme_text(R"([{"id": "a", "kind": "adjustment"}])"),
         {{"motiv.rule_error.202", "/roles/r/components/0", "an adjustment needs 'minimum' (a guaranteed total) and/or 'maximum' (a payslip cap)"}}},
        {"prorate without proration", scheme_text(R"([{"id": "a", "kind": "fixed", "amount": "quota", "prorate": true}])"),
         {{"motiv.rule_error.202", "/roles/r/components/0/prorate", "'prorate' needs a \"proration\" section in the scheme (calendar or working days)"}}},
        {"proration basis unknown", scheme_text(R"([{"id": "a", "kind": "fixed", "amount": "quota"}])", "", R"( "proration": {"basis": "hours"},)"),
         {{"motiv.rule_error.206", "/proration/basis", "unknown proration basis 'hours'; expected calendar_days or working_days"}}},
        {"proration calendar holiday malformed", scheme_text(R"([{"id": "a", "kind": "fixed", "amount": "quota"}])", "",
                                                             R"( "proration": {"basis": "working_days", "calendar": {"holidays": ["2026-13-01"]}},)"),
         {{"motiv.rule_error.261", "/proration/calendar/holidays/0", "expected a date \"YYYY-MM-DD\""}}},
        {"quota without tiers", scheme_text(R"([{"id": "a", "kind": "commission", "base": "revenue", "rate": "5%", "quota": "quota"}])"),
         {{"motiv.rule_error.204", "/roles/r/components/0/quota", "'quota' applies only to a commission with 'tiers' (a table by attainment of the quota)"}}},
        {"quota with a money table", scheme_text(R"([{"id": "a", "kind": "commission", "base": "revenue", "tiers": "money_tiers", "quota": "quota"}])"),
         {{"motiv.rule_error.402", "/roles/r/components/0/tiers", "a commission by attainment of a quota needs a tier table of basis ratio (thresholds as shares of the quota), 'money_tiers' has basis money"}}},
        {"ratio table without a quota", scheme_text(R"([{"id": "a", "kind": "commission", "base": "revenue", "tiers": "att_tiers"}])"),
         {{"motiv.rule_error.402", "/roles/r/components/0/tiers", "a commission's tier table must have basis money (or basis ratio with a 'quota'), 'att_tiers' has basis ratio"}}},
        {"on_target for an unknown role and input", scheme_text(R"([{"id": "a", "kind": "fixed", "amount": "quota"}])", "",
                                                                R"( "on_target": {"x": {"period": "2026-10", "earnings": "1.00", "inputs": {"nope": "1"}}},)"),
         {{"motiv.rule_error.301", "/on_target/x/inputs/nope", "unknown input 'nope'"},
          {"motiv.rule_error.301", "/on_target/x", "on-target earnings for unknown role 'x'"}}},
    }));
    INFO(name);
    CHECK(problems(text) == expected);
}

TEST_CASE("pay curve values: linear between points, flat below, capped or extrapolated above", "[plan][curve]") {
    // Points (0.5, 0), (1.0, 1.0), (1.5, 2.0), rounded half-up to 0.0001.
    expr::TierTable t;
    t.from = {*Decimal::parse("0.5"), *Decimal::parse("1"), *Decimal::parse("1.5")};
    t.rate = {*Decimal::parse("0"), *Decimal::parse("1"), *Decimal::parse("2")};
    t.rounding = Rounding{RoundingMode::half_up, *Decimal::parse("0.0001")};
    const auto [x, capped, extrapolated] = GENERATE(table<std::string, std::string, std::string>({
        {"0", "0", "0"},                        // below the first point: its value
        {"0.5", "0", "0"},
        {"0.8", "0.6", "0.6"},                  // (0.8 - 0.5) / 0.5 = 0.6
        {"1", "1", "1"},
        {"1.23456789", "1.4691", "1.4691"},     // 1 + 0.23456789 / 0.5 = 1.46913578 -> 1.4691
        {"1.5", "2", "2"},
        {"1.7", "2", "2.4"},                    // 1 + (1.7 - 1) / 0.5 x 1 = 2.4 when extrapolated
        {"3", "2", "5"},                        // 1 + (3 - 1) x (2 - 1) / 0.5 = 5 when extrapolated
    }));
    INFO(x);
    Fault f = Fault::none;
    CHECK(expr::curve_value(t, *Decimal::parse(x), f) == *Decimal::parse(capped));
    t.extrapolate = true;
    CHECK(expr::curve_value(t, *Decimal::parse(x), f) == *Decimal::parse(extrapolated));
    CHECK(f == Fault::none);
}

TEST_CASE("tier tables scaled by a quota refuse a quota of zero or below", "[plan][tiers]") {
    expr::TierTable t;
    t.from = {Decimal{}, *Decimal::parse("0.3")};
    t.rate = {*Decimal::parse("0.05"), *Decimal::parse("0.07")};
    Fault f = Fault::none;
    const Decimal q = *Decimal::parse("1000000");
    // 300,000 x 5% + 100,000 x 7% = 22,000
    CHECK(expr::graduated_amount(t, *Decimal::parse("400000"), f, nullptr, &q) == *Decimal::parse("22000"));
    CHECK(f == Fault::none);
    const Decimal zero;
    expr::graduated_amount(t, *Decimal::parse("400000"), f, nullptr, &zero);
    CHECK(f == Fault::division_by_zero);
    f = Fault::none;
    const Decimal negative = *Decimal::parse("-1");
    expr::graduated_amount(t, *Decimal::parse("400000"), f, nullptr, &negative);
    CHECK(f == Fault::domain);
}

TEST_CASE("a pay curve's line explains its segment and rounding; a scorecard lists each measure", "[plan][explain]") {
    const auto curve = CompiledScheme::compile(load_scheme_file(std::string(MOTIV_SOURCE_DIR) + "/rules/examples/pay_curve.json"));
    PersonInputs p;
    p.id = "r";
    p.role = "capped";
    p.values = {*Decimal::parse("1234567.89")};
    const Payslip slip = compute_payslip(*curve, *Period::parse("2026-10"), p);
    // 1 + (2 - 1) x (1.23456789 - 1) / 0.5 = 1.46913578 -> 1.4691 x 50,000.00 = 73,455.00
    CHECK(slip.total.to_string_fixed(2) == "73455.00");
    const std::string text = slip.to_text(true);
    INFO(text);
    CHECK(text.find("rep.curve: at 123.456789%, on the line from (100%, 100%) to (150%, 200%): 100% + (200% - 100%) * "
                    "(123.456789% - 100%) / (150% - 100%), rounded half_up to 0.0001 = 146.91%") != std::string::npos);
    CHECK(text.find("rep.curve = pay curve") != std::string::npos);

    const auto card = CompiledScheme::compile(load_scheme_file(std::string(MOTIV_SOURCE_DIR) + "/rules/examples/scorecard.json"));
    PersonInputs o;
    o.id = "o";
    o.role = "operator";
    o.values = {Decimal::from_int(140), Decimal::from_int(3600), Decimal::from_int(10), Decimal::from_int(1)};
    const std::string card_text = compute_payslip(*card, *Period::parse("2026-10"), o).to_text(true);
    INFO(card_text);
    CHECK(card_text.find("calls: actual 140 / target 250 (below the threshold 150: 0), cap 120% = 0%; x weight 40% = 0%") != std::string::npos);
    CHECK(card_text.find("talk: actual 3,600 / target 3,000 (threshold 1,500 met), cap 120% = 120%; x weight 30% = 36%") != std::string::npos);
    CHECK(card_text.find("kpi_bonus = operator.target_bonus 8,000.00 * score 51% = 4,080.00") != std::string::npos);
}
