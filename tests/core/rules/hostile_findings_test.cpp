// Issue 17's findings in the rule-file readers, one row each: the bundled file with one value
// changed must be refused with this id at this pointer (the generated sweep over every key is
// hostile_keys_test.cpp). Before the fix each of these crashed, threw a foreign exception or paid.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "core/engine/compiled_scheme.hpp"
#include "core/errors.hpp"
#include "core/io/atomic_file.hpp"
#include "apps/logs/load_logs.hpp"
#include "core/rules/loader.hpp"

namespace {

using json = nlohmann::ordered_json;

// "id pointer" of every issue, or "ok".
std::string outcome(const std::string& file, const std::string& pointer, const json& value) {
    json root = json::parse(motiv::io::read_file(std::string(MOTIV_SOURCE_DIR) + "/" + file));
    root.at(json::json_pointer(pointer)) = value;
    const std::string text = root.dump();
    try {
        auto cs = motiv::CompiledScheme::compile(motiv::load_scheme(text, file));
        (void)motiv::load_log_rules_if_any(text, file, cs->scheme());
        return "ok";
    } catch (const motiv::IssueError& e) {
        std::string out;
        for (const auto& is : e.issues()) out += (out.empty() ? "" : "; ") + is.id + " " + is.pointer;
        return out;
    }
}

}  // namespace

TEST_CASE("issue 17: an empty, negative or misplaced value in a rule file is refused where it is", "[rules][hostile]") {
    const auto [file, pointer, value, expected] = GENERATE(table<std::string, std::string, json, std::string>({
        // crashes: validate/payroll segfault, Python load killed the interpreter
        {"rules/three_tier.json", "/roles/hunter/components/1/kind", "", "motiv.rule_error.201 /roles/hunter/components/1/kind"},
        {"rules/examples/quarterly_bonus.json", "/periods/bonuses/quarterly/totals", json::array({""}), "motiv.rule_error.201 /periods/bonuses/quarterly/totals/0"},
        {"rules/examples/on_target.json", "/on_target/hunter/period", "", "motiv.rule_error.201 /on_target/hunter/period"},
        // accepted silently: an empty string was "not given"
        {"rules/three_tier.json", "/roles/hunter/components/1/tiers", "", "motiv.rule_error.201 /roles/hunter/components/1/tiers"},
        {"rules/three_tier.json", "/rounding/mode", "", "motiv.rule_error.201 /rounding/mode"},
        {"rules/three_tier.json", "/inputs/revenue/type", "", "motiv.rule_error.201 /inputs/revenue/type"},
        {"rules/three_tier.json", "/parameters/hunter.salary/type", "", "motiv.rule_error.201 /parameters/hunter.salary/type"},
        {"rules/three_tier.json", "/parameters/hunter.commission.tiers/basis", "", "motiv.rule_error.201 /parameters/hunter.commission.tiers/basis"},
        {"rules/three_tier.json", "/proration/basis", "", "motiv.rule_error.201 /proration/basis"},
        {"rules/three_tier.json", "/logs/credit/rounding/mode", "", "motiv.rule_error.201 /logs/credit/rounding/mode"},
        // a tier from -50% paid commission on zero revenue; a negative rate made a capped penalty a payment
        {"rules/three_tier.json", "/parameters/hunter.commission.tiers/value/0/from", "-50%", "motiv.rule_error.210 /parameters/hunter.commission.tiers/value/0/from"},
        {"rules/three_tier.json", "/parameters/hunter.commission.tiers/value/2/rate", "-10%", "motiv.rule_error.210 /parameters/hunter.commission.tiers/value/2/rate"},
        {"rules/examples/on_target.json", "/on_target/hunter/earnings", "-90000.00", "motiv.rule_error.210 /on_target/hunter/earnings"},
        {"rules/examples/on_target.json", "/on_target/hunter/fixed_share", "120%", "motiv.rule_error.210 /on_target/hunter/fixed_share"},
        // a section's description that no reader read took null
        {"rules/three_tier.json", "/proration/description", nullptr, "motiv.rule_error.201 /proration/description"},
        {"rules/examples/logs_spiffs.json", "/logs/spiffs/0/product", "", "motiv.rule_error.201 /logs/spiffs/0/product"},
        // money is not a percentage
        {"rules/three_tier.json", "/parameters/hunter.salary/value", "5%", "motiv.rule_error.203 /parameters/hunter.salary/value"},
    }));
    INFO(file << " " << pointer << " = " << value.dump());
    // The finding comes first; a value read in a wrong basis may add issues after it.
    CHECK_THAT(outcome(file, pointer, value), Catch::Matchers::StartsWith(expected));
}
