// The hostile-input catalogue (issue "Reliability"): every kind of bad rule file and bad data row a
// careless user -- or an attacker -- can hand motiv, each with the one specific error it must give:
// the stable id, the key words of the message, and the place. For a rule file the place is the file
// and the JSON pointer (plus line:column for JSON syntax, the column inside a formula for formula
// errors); for data it is the file, the row (its line), the column and the person. A data row that
// is refused must also leave nothing behind: the payroll pipeline of `motiv payroll` (read, validate,
// pay every row, then write atomically) writes no output file and no temporary.
//
// What must be accepted -- a UTF-8 BOM, CRLF line ends, Cyrillic and very long names, a guarded
// division -- is checked to give byte for byte the payroll of the plain file.
//
// The same catalogue through the command line and Python: tests/python/test_hostile.py.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/data/csv.hpp"
#include "core/data/people_table.hpp"
#include "core/engine/compiled_scheme.hpp"
#include "core/errors.hpp"
#include "apps/export/csv_export.hpp"
#include "core/io/atomic_file.hpp"
#include "core/payroll/payroll.hpp"
#include "core/rules/loader.hpp"

namespace fs = std::filesystem;
using motiv::Issue;

namespace {

const std::string kRoot = MOTIV_SOURCE_DIR;
const std::string kCustom = kRoot + "/tests/core/hostile/fixtures/custom.json";
const std::string kThreeTier = kRoot + "/rules/three_tier.json";
const std::string kPeople = kRoot + "/examples/department/people_2026-10.csv";
const motiv::Period kPeriod{2026, 10};

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A fresh directory for one test, removed afterwards: the place where "nothing was written" is checked.
struct TempDir {
    fs::path path;
    TempDir() {
        static int n = 0;
        path = fs::temp_directory_path() / ("motiv_hostile_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] std::string write(const std::string& name, const std::string& bytes) const {
        const std::string p = (path / name).string();
        std::ofstream out(p, std::ios::binary);
        out << bytes;
        REQUIRE(out.good());
        return p;
    }
    [[nodiscard]] std::vector<std::string> listing() const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(path)) names.push_back(e.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }
};

// --- rule files ------------------------------------------------------------------------------

using json = nlohmann::ordered_json;

// The custom fixture re-serialised after one edit (it has no floats or duplicate keys to lose).
// `raw` replaces the string "@RAW@" with literal JSON: a number nlohmann cannot hold (40 digits),
// or one that must keep its spelling (1e30, not 1e+30).
std::string custom_with(const std::function<void(json&)>& edit, const std::string& raw = "") {
    json j = json::parse(read_text(kCustom));
    edit(j);
    std::string text = j.dump(2);
    if (!raw.empty()) {
        const auto at = text.find("\"@RAW@\"");
        REQUIRE(at != std::string::npos);
        text.replace(at, 7, raw);
    }
    return text;
}

// The custom fixture's own bytes with one piece of text replaced (for what a DOM cannot hold).
std::string custom_replacing(const std::string& from, const std::string& to) {
    std::string text = read_text(kCustom);
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

json& component(json& j, const char* role, std::size_t index) { return j["roles"][role]["components"][index]; }

struct RuleCase {
    std::string item;                   // the catalogue entry
    std::function<std::string()> text;  // the rule file's bytes
    std::string id;
    std::string pointer;  // JSON pointer of the place; "" for the whole file
    std::string message;  // the key part of the message
    std::size_t line = 0, column = 0;  // JSON syntax errors
    std::size_t expr_column = 0;       // formula errors
};

// Loading and compiling: a rule error may come from either (references and cycles are compiled).
std::vector<Issue> rule_issues(const std::string& path) {
    try {
        (void)motiv::CompiledScheme::compile(motiv::load_scheme_file(path));
    } catch (const motiv::RuleError& e) {
        // The text a user reads starts with the id and the file.
        CHECK_THAT(std::string(e.what()), Catch::StartsWith("[" + e.issues().front().id + "] " + path));
        return e.issues();
    }
    FAIL("expected motiv::RuleError loading " << path);
    return {};
}

std::string long_name(std::size_t n, char c) { return std::string(n, c); }

std::vector<RuleCase> rule_cases() {
    const std::string p129 = "agent." + long_name(123, 'p');  // 129 characters
    const std::string long_formula = "revenue" + [] {
        std::string s;
        while (s.size() < 4097 - 7) s += " + 1";
        return s.substr(0, 4097 - 7);
    }();
    std::vector<RuleCase> cases = {
        // malformed JSON: line and column of the first bad byte
        {"malformed JSON: truncated", [] { return std::string("{\n  \"motiv\": 1,\n"); }, "motiv.rule_error.101", "",
         "unexpected end of input; expected string literal", 3, 1},
        {"malformed JSON: trailing comma", [] { return std::string("{\n  \"motiv\": 1,\n}"); }, "motiv.rule_error.101", "",
         "unexpected '}'; expected string literal", 3, 1},
        {"malformed JSON: single quotes", [] { return std::string("{'motiv': 1}"); }, "motiv.rule_error.101", "", "invalid literal", 1, 2},
        {"an empty file", [] { return std::string(); }, "motiv.rule_error.101", "", "unexpected end of input", 1, 1},
        {"a file of blanks", [] { return std::string("  \n\n"); }, "motiv.rule_error.101", "", "unexpected end of input", 3, 1},
        {"valid JSON, but a list", [] { return std::string("[{\"motiv\": 1}]"); }, "motiv.rule_error.201", "",
         "expected an object with the keys motiv, scheme, currency, inputs, parameters, roles; got an array"},
        {"valid JSON, but a number", [] { return std::string("1.5"); }, "motiv.rule_error.201", "", "got a number"},
        {"a 5 MiB file (limit 4 MiB)", [] { return "{\"description\": \"" + std::string(5u << 20, 'a') + "\"}"; }, "motiv.rule_error.104",
         "", "rule file too large: 5242899 bytes, the limit is 4194304"},
        {"deep nesting: 10,000 '['", [] { return std::string(10'000, '['); }, "motiv.rule_error.103", "",
         "JSON nested deeper than 64 levels (the level too many starts at /0/0/0/0/0/0/0/0"},
        {"deep nesting: objects", [] { std::string s; for (int i = 0; i < 100; ++i) s += "{\"a\": "; return s; }, "motiv.rule_error.103", "",
         "(the level too many starts at /a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a)"},
        // NaN and infinities: bare they are not JSON; as text they are not numbers
        {"NaN spelled in JSON", [] { return std::string("{\n  \"motiv\": NaN\n}"); }, "motiv.rule_error.101", "",
         "invalid literal; last read: '\"motiv\": N' (JSON has no NaN or Infinity: write a finite number)", 2, 12},
        {"Infinity spelled in JSON", [] { return std::string("{\n  \"motiv\": Infinity\n}"); }, "motiv.rule_error.101", "",
         "invalid literal; last read: '\"motiv\": I' (JSON has no NaN or Infinity", 2, 12},
        {"-Infinity spelled in JSON", [] { return std::string("{\n  \"motiv\": -Infinity\n}"); }, "motiv.rule_error.101", "",
         "invalid number; expected digit after '-'; last read: '-I' (JSON has no NaN or Infinity", 2, 13},
        {"\"NaN\" as a value", [] { return custom_with([](json& j) { j["parameters"]["agent.salary"]["value"] = "NaN"; }); },
         "motiv.rule_error.203", "/parameters/agent.salary/value", "expected money (e.g. \"45000.00\"), got \"NaN\": not a finite number"},
        {"\"Infinity\" as a value", [] { return custom_with([](json& j) { j["parameters"]["agent.salary"]["value"] = "Infinity"; }); },
         "motiv.rule_error.203", "/parameters/agent.salary/value", "got \"Infinity\": not a finite number"},
        {"\"-inf\" as a value", [] { return custom_with([](json& j) { j["inputs"]["revenue"]["min"] = "-inf"; }); },
         "motiv.rule_error.203", "/inputs/revenue/min", "got \"-inf\": not a finite number"},
        // huge and tiny numbers
        {"1e30 (a JSON number)", [] { return custom_with([](json& j) { j["parameters"]["agent.salary"]["value"] = "@RAW@"; }, "1e30"); },
         "motiv.rule_error.203", "/parameters/agent.salary/value", "got \"1e30\": out of range (|value| must be below 1.7e29)"},
        {"\"1e30\" (a string)", [] { return custom_with([](json& j) { j["parameters"]["agent.salary"]["value"] = "1e30"; }); },
         "motiv.rule_error.203", "/parameters/agent.salary/value", "got \"1e30\": out of range"},
        {"a 40-digit integer", [] { return custom_with([](json& j) { j["inputs"]["calls"]["max"] = "@RAW@"; }, "1234567890123456789012345678901234567890"); },
         "motiv.rule_error.203", "/inputs/calls/max", "expected a number, got \"1234567890123456789012345678901234567890\": out of range"},
        {"1e-12 as a ratio", [] { return custom_with([](json& j) { j["parameters"]["agent.rate"] = {{"type", "ratio"}, {"value", "@RAW@"}}; }, "1e-12"); },
         "motiv.rule_error.203", "/parameters/agent.rate/value", "got \"1e-12\" (an exact decimal with at most 9 places"},
        {"1e-12 as money", [] { return custom_with([](json& j) { j["parameters"]["agent.salary"]["value"] = "0.000000000001"; }); },
         "motiv.rule_error.203", "/parameters/agent.salary/value", "(an exact decimal with at most 9 places"},
        {"0.001 as money (3 places for RUB)", [] { return custom_with([](json& j) { j["parameters"]["agent.salary"]["value"] = "0.001"; }); },
         "motiv.rule_error.210", "/parameters/agent.salary/value", "expected money with at most 2 decimal places, got 0.001"},
        // wrong types
        {"format version as a string", [] { return custom_with([](json& j) { j["motiv"] = "1"; }); }, "motiv.rule_error.110", "/motiv",
         "expected the format version 1, got \"1\""},
        {"minor units as a string", [] { return custom_with([](json& j) { j["currency"]["minor_units"] = "2"; }); }, "motiv.rule_error.210",
         "/currency/minor_units", "expected a whole number of decimal places from 0 to 4, got \"2\""},
        {"a name as a number", [] { return custom_with([](json& j) { j["scheme"]["name"] = 5; }); }, "motiv.rule_error.201", "/scheme/name",
         "expected a string, got a number"},
        {"a version as a decimal number", [] { return custom_with([](json& j) { j["scheme"]["version"] = "@RAW@"; }, "2026.1"); },
         "motiv.rule_error.201", "/scheme/version", "expected a string, got a number"},
        {"required as a string", [] { return custom_with([](json& j) { j["inputs"]["calls"]["required"] = "yes"; }); }, "motiv.rule_error.201",
         "/inputs/calls/required", "expected true or false, got a string"},
        {"required as a decimal number", [] { return custom_with([](json& j) { j["inputs"]["calls"]["required"] = "@RAW@"; }, "1.5"); },
         "motiv.rule_error.201", "/inputs/calls/required", "expected true or false, got a number"},
        {"inputs as a list", [] { return custom_with([](json& j) { j["inputs"] = json::array(); }); }, "motiv.rule_error.201", "/inputs",
         "expected an object, got an array"},
        {"components as an object", [] { return custom_with([](json& j) { j["roles"]["agent"]["components"] = json::object(); }); },
         "motiv.rule_error.201", "/roles/agent/components", "expected an array of components, got an object"},
        {"a formula as a list", [] { return custom_with([](json& j) { component(j, "agent", 1)["amount"] = json::array({1}); }); },
         "motiv.rule_error.201", "/roles/agent/components/1/amount", "expected a formula (a string), got an array"},
        {"tiers as a number", [] { return custom_with([](json& j) { j["parameters"]["agent.tiers"] = {{"type", "tiers"}, {"value", 5}}; }); },
         "motiv.rule_error.201", "/parameters/agent.tiers/value", "expected a tier table"},
        {"money times money in a formula", [] { return custom_with([](json& j) { component(j, "agent", 1)["amount"] = "agent.salary + revenue * revenue"; }); },
         "motiv.rule_error.402", "/roles/agent/components/1/amount", "'*': money times money is not an amount", 0, 0, 16},
        // negative amounts where none may be
        {"a count parameter of -1", [] { return custom_with([](json& j) { j["parameters"]["agent.quota"] = {{"type", "count"}, {"value", -1}}; }); },
         "motiv.rule_error.210", "/parameters/agent.quota/value", "expected a count (a whole number >= 0), got -1"},
        {"a count default of -1", [] { return custom_with([](json& j) { j["inputs"]["calls"]["default"] = -1; }); }, "motiv.rule_error.210",
         "/inputs/calls/default", "expected a count (a whole number >= 0), got -1"},
        {"a negative rounding step", [] { return custom_with([](json& j) { j["rounding"] = {{"mode", "half_up"}, {"step", "-0.01"}}; }); },
         "motiv.rule_error.210", "/rounding/step", "the rounding step must be greater than zero, got -0.01"},
        // duplicates
        {"duplicate component ids", [] { return custom_with([](json& j) { component(j, "agent", 1)["id"] = "salary"; }); }, "motiv.rule_error.303",
         "/roles/agent/components/1/id", "duplicate id 'salary'"},
        {"duplicate JSON keys", [] { return custom_replacing("\"version\": \"1\"", "\"version\": \"1\", \"version\": \"2\""); }, "motiv.rule_error.102",
         "/scheme/version", "duplicate key 'version': each name may appear once"},
        {"duplicate input (JSON key)", [] { return custom_replacing("\"calls\": {\"type\": \"count\", \"unit\": \"calls\"}",
                                                                   "\"calls\": {\"type\": \"count\"}, \"calls\": {\"type\": \"money\"}"); },
         "motiv.rule_error.102", "/inputs/calls", "duplicate key 'calls'"},
        {"a parameter named like an input", [] { return custom_with([](json& j) { j["parameters"]["revenue"] = {{"type", "money"}, {"value", "1.00"}}; }); },
         "motiv.rule_error.303", "/parameters/revenue", "parameter 'revenue' has the same name as an input"},
        // unknown and cyclic references
        {"an unknown name", [] { return custom_with([](json& j) { component(j, "agent", 1)["amount"] = "revenu / calls"; }); }, "motiv.rule_error.301",
         "/roles/agent/components/1/amount", "unknown name 'revenu': not an input, parameter, variable or component of this role", 0, 0, 1},
        {"an unknown name mid-formula", [] { return custom_with([](json& j) { component(j, "agent", 1)["amount"] = "revenue / call"; }); },
         "motiv.rule_error.301", "/roles/agent/components/1/amount", "unknown name 'call'", 0, 0, 11},
        {"a component of another role", [] { return custom_with([](json& j) { component(j, "multiplier", 0)["amount"] = "per_call"; }); },
         "motiv.rule_error.301", "/roles/multiplier/components/0/amount", "unknown name 'per_call'", 0, 0, 1},
        {"a cycle of variables", [] { return custom_with([](json& j) {
             j["roles"]["agent"]["variables"] = {{"a", "b + 1"}, {"b", "a * 2"}};
             component(j, "agent", 1)["amount"] = "revenue * a";
         }); }, "motiv.rule_error.302", "/roles/agent/variables/a", "cycle: a -> b -> a"},
        {"a cycle of components", [] { return custom_with([](json& j) {
             component(j, "agent", 0)["amount"] = "per_call";
             component(j, "agent", 1)["amount"] = "salary + revenue";
         }); }, "motiv.rule_error.302", "/roles/agent/components/0", "cycle: salary -> per_call -> salary"},
        {"a component that reads itself", [] { return custom_with([](json& j) { component(j, "agent", 1)["amount"] = "per_call + revenue"; }); },
         "motiv.rule_error.302", "/roles/agent/components/1", "cycle: per_call -> per_call"},
        // empty roles
        {"a role with no components", [] { return custom_with([](json& j) { j["roles"]["agent"]["components"] = json::array(); }); },
         "motiv.rule_error.202", "/roles/agent/components", "a role needs at least one component"},
        {"a role that is an empty object", [] { return custom_with([](json& j) { j["roles"]["agent"] = json::object(); }); },
         "motiv.rule_error.202", "/roles/agent/components", "missing required key 'components'"},
        {"a scheme with no roles", [] { return custom_with([](json& j) { j["roles"] = json::object(); }); }, "motiv.rule_error.202", "/roles",
         "a scheme needs at least one role"},
        // unicode and very long names
        {"a Cyrillic role name", [] { return custom_replacing("\"agent\": {", "\"агент\": {"); }, "motiv.rule_error.205", "/roles/агент",
         "invalid role name 'агент'"},
        {"a parameter name of 129 characters", [p129] { return custom_with([&](json& j) { j["parameters"][p129] = {{"type", "money"}, {"value", "1.00"}}; }); },
         "motiv.rule_error.205", "/parameters/" + p129, "parameter name too long: 129 characters, the limit is 128 ('" + p129.substr(0, 32) + "...')"},
        {"an input name of 10,000 characters", [] { return custom_with([](json& j) { j["inputs"][long_name(10'000, 'x')] = {{"type", "money"}}; }); },
         "motiv.rule_error.205", "/inputs/" + long_name(10'000, 'x'), "input name too long: 10000 characters, the limit is 128"},
        {"a component id of 10,000 characters", [] { return custom_with([](json& j) { component(j, "agent", 1)["id"] = long_name(10'000, 'c'); }); },
         "motiv.rule_error.205", "/roles/agent/components/1/id", "component id too long: 10000 characters, the limit is 128"},
        {"a formula of 4,097 characters (limit 4,096)", [long_formula] { return custom_with([&](json& j) { component(j, "agent", 1)["amount"] = long_formula; }); },
         "motiv.rule_error.401", "/roles/agent/components/1/amount", "formula too long: 4097 characters, the limit is 4096"},
        {"a formula nested 65 levels (limit 64)", [] {
             return custom_with([](json& j) { component(j, "agent", 1)["amount"] = std::string(65, '(') + "revenue" + std::string(65, ')'); });
         }, "motiv.rule_error.401", "/roles/agent/components/1/amount", "formula nested too deeply (more than 64 levels)"},
    };
    return cases;
}

}  // namespace

TEST_CASE("hostile rule files: each gives its specific error naming the file and the JSON pointer", "[hostile][rules]") {
    static const std::vector<RuleCase> cases = rule_cases();
    const RuleCase& c = GENERATE(from_range(cases));
    CAPTURE(c.item);
    TempDir dir;
    const std::string path = dir.write("rules.json", c.text());
    const auto issues = rule_issues(path);
    REQUIRE(issues.size() == 1);
    const Issue& i = issues.front();
    CHECK(i.id == c.id);
    CHECK(i.file == path);
    CHECK(i.pointer == c.pointer);
    CHECK_THAT(i.message, Catch::Contains(c.message));
    CHECK(i.line == c.line);
    CHECK(i.column == c.column);
    if (c.expr_column) CHECK(i.expr_column == c.expr_column);
    CHECK(i.person.empty());
    // What a user reads names the place the same way.
    const std::string place = path + (c.line ? ":" + std::to_string(c.line) + ":" + std::to_string(c.column) : "") +
                              (c.pointer.empty() ? "" : " (" + c.pointer + ")");
    CHECK_THAT(i.describe(), Catch::StartsWith("[" + c.id + "] " + place + " "));
}

TEST_CASE("hostile rule files: what is not hostile loads", "[hostile][rules]") {
    TempDir dir;
    // A name of exactly 128 characters, Cyrillic labels and descriptions, a 4,096-character formula.
    const std::string p128 = "agent." + std::string(122, 'p');
    std::string formula = "if(calls > 0, revenue / calls, 0)";  // within 1,024 terms, padded with blanks
    formula += std::string(4096 - formula.size(), ' ');
    const std::string text = custom_with([&](json& j) {
        j["parameters"][p128] = {{"type", "money"}, {"value", "1.00"}, {"description", "Премия за звонки"}};
        component(j, "careful", 1)["amount"] = formula;
        component(j, "careful", 1)["label"] = "Премия";
    });
    REQUIRE(formula.size() == 4096);
    const auto cs = motiv::CompiledScheme::compile(motiv::load_scheme_file(dir.write("rules.json", text)));
    CHECK(cs->scheme().find_parameter(p128) != nullptr);
    CHECK(cs->scheme().find_role("careful")->components[1].label == "Премия");
    // 64 levels of JSON nesting are allowed (65 are not: above): root, parameters, agent.salary and
    // 61 arrays in a parameter's "source".
    const auto nested = [&](int arrays) {
        return custom_with([&](json& j) {
            json v = "deep";
            for (int k = 0; k < arrays; ++k) v = json::array({v});
            j["parameters"]["agent.salary"]["source"] = v;
        });
    };
    CHECK_NOTHROW(motiv::load_scheme_file(dir.write("nested64.json", nested(61))));
    CHECK_THROWS_AS(motiv::load_scheme_file(dir.write("nested65.json", nested(62))), motiv::RuleError);
}

// --- data ------------------------------------------------------------------------------------

namespace {

// Columns for three_tier's hunters, and for the custom scheme.
const std::string kHunters = "id,name,role,revenue,overdue_handovers\n";
const std::string kAgents = "id,name,role,revenue,calls\n";

struct DataCase {
    std::string item;
    std::string rules;  // rule file path
    std::string csv;    // the data file's bytes
    std::string id;
    std::size_t line = 0;    // row (its line in the file); 0 for a run-level failure
    std::size_t column = 0;  // 1-based column; 0 when the column does not exist
    std::string field;       // column name
    std::string person;
    std::string message;
    std::string pointer{};  // eval errors: the rule's JSON pointer
};

bool is_eval(const DataCase& c) { return c.id.rfind("motiv.eval_error.", 0) == 0; }

std::vector<DataCase> data_cases() {
    std::vector<DataCase> cases = {
        // huge and tiny numbers
        {"1e30 in a money cell", kThreeTier, kHunters + "h-1,Егор,hunter,1e30,0\n", "motiv.data_error.304", 2, 4, "revenue", "h-1",
         "expected money (e.g. 1250000.00), got '1e30': out of range (|value| must be below 1.7e29)"},
        {"a 40-digit integer in a money cell", kThreeTier, kHunters + "h-1,Егор,hunter,1234567890123456789012345678901234567890,0\n",
         "motiv.data_error.304", 2, 4, "revenue", "h-1", "got '1234567890123456789012345678901234567890': out of range"},
        {"1e30 in a count cell", kCustom, kAgents + "a-1,Анна,agent,100.00,1e30\n", "motiv.data_error.304", 2, 5, "calls", "a-1",
         "expected a count (a whole number), got '1e30': out of range"},
        {"1e-12 in a money cell", kThreeTier, kHunters + "h-1,Егор,hunter,1e-12,0\n", "motiv.data_error.304", 2, 4, "revenue", "h-1",
         "expected money with at most 2 decimal places, got '1e-12'"},
        {"1e-12 in a count cell", kCustom, kAgents + "a-1,Анна,agent,100.00,1e-12\n", "motiv.data_error.304", 2, 5, "calls", "a-1",
         "got '1e-12': more than 9 decimal places"},
        {"0.5 in a count cell", kCustom, kAgents + "a-1,Анна,agent,100.00,0.5\n", "motiv.data_error.304", 2, 5, "calls", "a-1",
         "expected a count (a whole number >= 0), got '0.5'"},
        // NaN and infinities
        {"NaN in a cell", kThreeTier, kHunters + "h-1,Егор,hunter,NaN,0\n", "motiv.data_error.304", 2, 4, "revenue", "h-1",
         "expected money (e.g. 1250000.00), got 'NaN': not a finite number"},
        {"nan in a cell", kThreeTier, kHunters + "h-1,Егор,hunter,nan,0\n", "motiv.data_error.304", 2, 4, "revenue", "h-1", "got 'nan': not a finite number"},
        {"inf in a cell", kThreeTier, kHunters + "h-1,Егор,hunter,inf,0\n", "motiv.data_error.304", 2, 4, "revenue", "h-1", "got 'inf': not a finite number"},
        {"Infinity in a cell", kThreeTier, kHunters + "h-1,Егор,hunter,Infinity,0\n", "motiv.data_error.304", 2, 4, "revenue", "h-1",
         "got 'Infinity': not a finite number"},
        {"-Infinity in a count cell", kThreeTier, kHunters + "h-1,Егор,hunter,100.00,-Infinity\n", "motiv.data_error.304", 2, 5,
         "overdue_handovers", "h-1", "expected a count (a whole number), got '-Infinity': not a finite number"},
        // negative amounts where none may be
        {"revenue -5 (min: 0)", kThreeTier, kHunters + "h-1,Егор,hunter,-5,0\n", "motiv.data_error.304", 2, 4, "revenue", "h-1",
         "expected at least 0, got '-5'"},
        {"a count of -1", kThreeTier, kHunters + "h-1,Егор,hunter,100.00,-1\n", "motiv.data_error.304", 2, 5, "overdue_handovers", "h-1",
         "expected a count (a whole number >= 0), got '-1'"},
        // division by zero, overflow: never a wrong number
        {"division by zero in a formula", kCustom, kAgents + "a-1,Анна,careful,100.00,0\na-2,Борис,agent,100.00,0\n", "motiv.eval_error.501", 0, 0, "",
         "a-2", "component 'per_call' cannot be computed: division by zero in 'revenue / calls' (/roles/agent/components/1/amount)",
         "/roles/agent/components/1"},
        {"revenue 1e20 through a tier table", kThreeTier, kHunters + "h-1,Егор,hunter,100000000000000000000.00,0\n", "motiv.eval_error.502", 0, 0, "",
         "h-1", "component 'commission' is out of range (overflow)", "/roles/hunter/components/1"},
        {"1e20 * 1e10 in a formula", kCustom, kAgents + "a-1,Анна,multiplier,100000000000000000000,10000000000\n", "motiv.eval_error.502", 0, 0, "",
         "a-1", "component 'product' cannot be computed: amount out of range (overflow) in 'revenue * calls'", "/roles/multiplier/components/0"},
        {"1e20 * 3: beyond int64 minor units", kCustom, kAgents + "a-1,Анна,multiplier,100000000000000000000,3\n", "motiv.eval_error.502", 0, 0, "",
         "a-1", "component 'product' is out of range (overflow)", "/roles/multiplier/components/0"},
        {"two payslips of 5e16 overflow the run's total", kCustom,
         kAgents + "a-1,Анна,multiplier,50000000000000000,1\na-2,Борис,multiplier,50000000000000000,1\n", "motiv.eval_error.502", 0, 0, "", "",
         "payroll 2026-10: the total of all payslips is out of range (overflow)", ""},
        // duplicates, unknown references
        {"duplicate person ids", kCustom, kAgents + "a-1,Анна,agent,100.00,1\na-1,Борис,agent,100.00,1\n", "motiv.data_error.303", 3, 1, "id", "a-1",
         "duplicate person id 'a-1' (first on line 2)"},
        {"an unknown role", kCustom, kAgents + "a-1,Анна,boss,100.00,1\n", "motiv.data_error.201", 2, 3, "role", "a-1",
         "unknown role 'boss'; the scheme has: agent, careful, multiplier"},
        {"an empty person id", kCustom, kAgents + ",Анна,agent,100.00,1\n", "motiv.data_error.304", 2, 1, "id", "", "empty person id"},
        // the shape of the file
        {"a missing column", kCustom, "id,name,role,revenue\na-1,Анна,agent,100.00\n", "motiv.data_error.202", 2, 0, "calls", "a-1",
         "missing required input 'calls' for role agent (no such column)"},
        {"an extra (unknown) column", kCustom, "id,name,role,revenue,calls,bonus\na-1,Анна,agent,100.00,1,5\n", "motiv.data_error.302", 1, 6, "bonus", "",
         "unknown column 'bonus': not an input of scheme hostile (inputs: revenue, calls)"},
        {"a row with a cell missing", kCustom, kAgents + "a-1,Анна,agent,100.00\n", "motiv.data_error.103", 2, 5, "calls", "",
         "expected 5 cells, got 4 (first missing column 'calls')"},
        {"a bad period: 2026-13", kCustom, "id,name,role,revenue,calls,period\na-1,Анна,agent,100.00,1,2026-13\n", "motiv.data_error.305", 2, 6, "period",
         "a-1", "expected a period YYYY-MM, got '2026-13'"},
        {"a bad period: 2026-1", kCustom, "id,name,role,revenue,calls,period\na-1,Анна,agent,100.00,1,2026-1\n", "motiv.data_error.305", 2, 6, "period",
         "a-1", "expected a period YYYY-MM, got '2026-1'"},
        {"a bad period: 26-10", kCustom, "id,name,role,revenue,calls,period\na-1,Анна,agent,100.00,1,26-10\n", "motiv.data_error.305", 2, 6, "period",
         "a-1", "expected a period YYYY-MM, got '26-10'"},
        // unicode and very long cells
        {"a name that is not UTF-8 (Latin-1)", kCustom, kAgents + "a-1,Jos\xE9,agent,100.00,1\n", "motiv.data_error.106", 2, 2, "name", "",
         "invalid UTF-8 at byte 4 of the cell; save the file as UTF-8"},
        {"a UTF-16 file", kCustom, std::string("\xFF\xFE" "i\0d\0", 6), "motiv.data_error.106", 1, 0, "", "", "the file is UTF-16 encoded; save it as UTF-8"},
        {"a name over 64 KiB", kCustom, kAgents + "a-1," + std::string(70'000, 'n') + ",agent,100.00,1\n", "motiv.data_error.107", 2, 2, "name", "",
         "cell longer than 65,536 bytes"},
        {"an empty file", kCustom, "", "motiv.data_error.101", 0, 0, "", "", "empty file: expected a header line naming the columns"},
    };
    return cases;
}

}  // namespace

TEST_CASE("hostile data rows: each gives its specific error naming file, row, column and person, and writes nothing", "[hostile][data]") {
    static const std::vector<DataCase> cases = data_cases();
    const DataCase& c = GENERATE(from_range(cases));
    CAPTURE(c.item);
    TempDir dir;
    const std::string data = dir.write("people.csv", c.csv);
    const std::string out = (dir.path / "payroll.csv").string();
    const auto cs = motiv::CompiledScheme::compile(motiv::load_scheme_file(c.rules));
    // `motiv payroll`'s pipeline: read, validate every row, pay every row, then write atomically.
    const auto pay = [&] {
        const auto table = motiv::data::read_csv_file(data);
        const auto people = motiv::data::read_people(table, *cs, kPeriod);
        const auto run = motiv::payroll::run(*cs, kPeriod, people);
        const auto pv = motiv::exports::make_provenance(cs->scheme(), run.period, data, "");
        motiv::io::write_file_atomically(out, motiv::exports::to_csv(run, cs->scheme(), pv, motiv::exports::csv_standard()), motiv::io::Overwrite::refuse);
    };
    if (is_eval(c)) {
        try {
            pay();
            FAIL("expected motiv::EvalError");
        } catch (const motiv::EvalError& e) {
            CHECK(e.id() == c.id);
            CHECK(e.pointer() == c.pointer);
            const std::string what = e.what();
            CHECK_THAT(what, Catch::StartsWith("[" + c.id + "] " + c.rules + (c.pointer.empty() ? "" : " (" + c.pointer + ")")));
            if (!c.person.empty()) CHECK_THAT(what, Catch::Contains("person '" + c.person + "'"));
            CHECK_THAT(what, Catch::Contains(c.message));
        }
    } else {
        try {
            pay();
            FAIL("expected motiv::DataError");
        } catch (const motiv::DataError& e) {
            REQUIRE(e.issues().size() == 1);
            const Issue& i = e.issues().front();
            CHECK(i.id == c.id);
            CHECK(i.file == data);
            CHECK(i.line == c.line);
            CHECK(i.column == c.column);
            CHECK(i.field == c.field);
            CHECK(i.person == c.person);
            CHECK_THAT(i.message, Catch::Contains(c.message));
            CHECK(i.pointer.empty());
            // What a user reads: "[id] people.csv:2:4 (row 2, column 'revenue', person 'h-1') ...".
            std::string head = "[" + c.id + "] " + data;
            if (c.line) head += ":" + std::to_string(c.line) + (c.column ? ":" + std::to_string(c.column) : "");
            CHECK_THAT(std::string(e.what()), Catch::StartsWith(head));
            if (!c.person.empty()) CHECK_THAT(std::string(e.what()), Catch::Contains("person '" + c.person + "'"));
            if (!c.field.empty()) CHECK_THAT(std::string(e.what()), Catch::Contains("column '" + c.field + "'"));
        }
    }
    // Nothing written: no payroll, no temporary beside it.
    CHECK_FALSE(fs::exists(out));
    CHECK(dir.listing() == std::vector<std::string>{"people.csv"});
}

namespace {

std::string payroll_of(const std::string& rules, const std::string& csv_path) {
    const auto cs = motiv::CompiledScheme::compile(motiv::load_scheme_file(rules));
    const auto table = motiv::data::read_csv_file(csv_path);
    const auto run = motiv::payroll::run(*cs, kPeriod, motiv::data::read_people(table, *cs, kPeriod));
    // The same provenance for every variant of the file: the bytes differ, the payroll must not.
    const auto pv = motiv::exports::make_provenance(cs->scheme(), run.period, "people.csv", "");
    return motiv::exports::to_csv(run, cs->scheme(), pv, motiv::exports::csv_standard());
}

std::string crlf(const std::string& s) {
    std::string out;
    for (char ch : s) {
        if (ch == '\n') out += '\r';
        out += ch;
    }
    return out;
}

}  // namespace

TEST_CASE("hostile data: a BOM and CRLF line ends are accepted and pay exactly as the plain file", "[hostile][data]") {
    TempDir dir;
    const std::string plain = read_text(kPeople);
    REQUIRE(plain.find('\r') == std::string::npos);
    REQUIRE(plain.rfind("\xEF\xBB\xBF", 0) == std::string::npos);
    const std::string expected = payroll_of(kThreeTier, kPeople);
    const std::pair<const char*, std::string> variants[] = {
        {"bom.csv", "\xEF\xBB\xBF" + plain},
        {"crlf.csv", crlf(plain)},
        {"bom_crlf.csv", "\xEF\xBB\xBF" + crlf(plain)},
        {"no_final_newline.csv", plain.substr(0, plain.size() - 1)},
    };
    for (const auto& [name, bytes] : variants) {
        CAPTURE(name);
        CHECK(payroll_of(kThreeTier, dir.write(name, bytes)) == expected);
    }
    // The department as the README states it: 715,977.01 RUB, Cyrillic names byte for byte.
    const auto table = motiv::data::parse_csv(expected, "payroll.csv");
    const auto total = table.column("total");
    const auto name = table.column("name");
    REQUIRE(total);
    REQUIRE(name);
    motiv::Decimal sum;
    REQUIRE(table.rows.back()[0] == "TOTAL");
    for (std::size_t r = 0; r + 1 < table.rows.size(); ++r) sum = sum + *motiv::Decimal::parse(table.rows[r][*total]);
    CHECK(sum.to_string_fixed(2) == "715977.01");
    CHECK(table.rows.back()[*total] == "715977.01");
    CHECK(table.rows[0][*name] == "Анна Смирнова");
    CHECK(table.rows[11][*name] == "Мария Соловьёва");
    const auto in = motiv::data::parse_csv(plain, "people.csv");
    for (std::size_t r = 0; r < in.rows.size(); ++r) CHECK(table.rows[r][*name] == in.rows[r][*in.column("name")]);
}

TEST_CASE("hostile data: Cyrillic and 10,000-character ids and names pass through to the payroll byte for byte", "[hostile][data]") {
    TempDir dir;
    const std::string long_id = "a-" + std::string(9'998, '7');
    std::string long_name;
    while (long_name.size() < 20'000) long_name += "Ж";  // 10,000 characters, 20,000 bytes
    const std::string quoted = "Соловьёва, \"Маша\"\nвторая строка";
    const std::string csv = kAgents + long_id + ",\"" + long_name + "\",agent,100.00,4\n" + "a-2,\"Соловьёва, \"\"Маша\"\"\nвторая строка\",careful,100.00,0\n";
    const std::string out = payroll_of(kCustom, dir.write("people.csv", csv));
    const auto table = motiv::data::parse_csv(out, "payroll.csv");
    REQUIRE(table.rows.size() == 3);  // two people and the TOTAL row
    CHECK(table.rows[0][*table.column("id")] == long_id);
    CHECK(table.rows[0][*table.column("name")] == long_name);
    CHECK(table.rows[0][*table.column("per_call")] == "25.00");
    CHECK(table.rows[1][*table.column("name")] == quoted);
    // if(calls > 0, revenue / calls, 0) is safe when calls is 0.
    CHECK(table.rows[1][*table.column("per_call")] == "0.00");
    CHECK(table.rows[1][*table.column("total")] == "1000.00");
}
