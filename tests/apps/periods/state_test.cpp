// The carried state as JSON: a stored state is read back strictly, every problem with its pointer.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "core/errors.hpp"
#include "apps/periods/state.hpp"

using namespace motiv;
using namespace motiv::periods;

TEST_CASE("state JSON: round trip, and bad states named by pointer", "[periods][state]") {
    CarriedState s;
    s.scheme = "t";
    s.last_period = "2026-02";
    s.rules_sha256 = "abc";
    s.handled_deals = {"D-1"};
    PersonState p;
    p.person = "h-01";
    p.role = "hunter";
    p.draw_balance = "1500.5"_d;
    p.draw_periods_outstanding = 2;
    p.bonuses = {{"q", "2026-Q1", "100"_d}};
    p.history = {{"2026-02", "hunter", "abc", {{"revenue", "1000"_d}}, {{"salary", "20000"_d}}, "20000"_d, {{"revenue", "10"_d}}}};
    s.people = {p};
    const auto j = s.to_json(2);
    CHECK(j["people"][0]["draw_balance"] == "1500.50");  // money as exact text with the currency's places
    const CarriedState back = CarriedState::from_json(j, "state.json", 2);
    CHECK(back.to_json(2) == j);
    CHECK(back.people[0].history[0].cancelled == NamedValues{{"revenue", "10"_d}});

    auto bad = j;
    bad["people"][0]["draw_balance"] = 1500.5;  // a binary float is not an exact amount
    bad["people"][0]["history"][0]["lines"]["salary"] = "lots";
    bad["people"][0].erase("role");
    try {
        (void)CarriedState::from_json(bad, "state.json", 2);
        FAIL("read");
    } catch (const DataError& e) {
        REQUIRE(e.issues().size() == 3);
        for (const auto& i : e.issues()) CHECK(i.id == "motiv.data_error.502");  // 5xx: carried state (4xx are the logs')
        CHECK(e.issues()[0].file == "state.json");
        CHECK(e.issues()[0].pointer == "/people/0/role");
        CHECK(e.issues()[1].pointer == "/people/0/draw_balance");
        CHECK(e.issues()[1].message == "expected an exact decimal as a string >= 0 below 10^18 (e.g. \"1250.00\"), got a number");
        CHECK(e.issues()[2].pointer == "/people/0/history/0/lines/salary");
    }
    // A negative balance, or one so large that sums could overflow, is refused.
    for (const char* v : {"-1.00", "1e30"}) {
        auto huge = j;
        huge["people"][0]["clawback_pending"] = v;
        CHECK_THROWS_WITH(CarriedState::from_json(huge, "state.json", 2), Catch::Contains("(/people/0/clawback_pending) expected an exact decimal as a string >= 0 below 10^18"));
    }
    CHECK_THROWS_WITH(CarriedState::from_json(nlohmann::json::array(), "state.json", 2), Catch::Contains("expected a motiv state object"));
}

TEST_CASE("state text: not JSON, and a value nested 200,000 deep, are refused without recursion", "[periods][state]") {
    CHECK_THROWS_WITH(CarriedState::parse("{\"motiv_state\": 2,", "state.json", 2),
                      Catch::Contains("[motiv.data_error.501] state.json") && Catch::Contains("not valid JSON"));
    const std::string deep = std::string(200000, '[') + std::string(200000, ']');
    const std::string text = R"({"motiv_state": 2, "scheme": "t", "last_period": "", "rules_sha256": "", "handled_deals": [], "people": [
        {"person": "h-01", "role": "hunter", "left": "", "draw_balance": "0", "clawback_pending": "0", "bonuses": [], "history": [],
         "draw_periods_outstanding": )" + deep + "}]}";
    try {
        (void)CarriedState::parse(text, "state.json", 2);
        FAIL("read");
    } catch (const DataError& e) {
        REQUIRE(e.issues().size() == 1);
        CHECK(e.issues()[0].id == "motiv.data_error.501");
        CHECK_THAT(e.issues()[0].message, Catch::Contains("nested deeper than 64 levels") && Catch::Contains("/people/0/draw_periods_outstanding"));
    }
}

namespace {

// Two people, the first with three months of history, as run-periods writes them.
nlohmann::json sealed_state() {
    CarriedState s;
    s.scheme = "t";
    s.last_period = "2026-03";
    s.rules_sha256 = "abc";
    PersonState a;
    a.person = "h-01";
    a.role = "hunter";
    a.draw_balance = "100"_d;
    for (const char* month : {"2026-01", "2026-02", "2026-03"})
        a.history.push_back({month, "hunter", "abc", {{"revenue", "1000000"_d}}, {{"salary", "20000"_d}, {"commission", "50000"_d}}, "70000"_d, {}});
    PersonState b;
    b.person = "h-02";
    b.role = "hunter";
    b.history.push_back({"2026-03", "hunter", "abc", {{"revenue", "0"_d}}, {{"salary", "20000"_d}}, "20000"_d, {}});
    s.people = {a, b};
    return s.to_json(2);
}

std::vector<Issue> issues_of(const std::string& text) {
    try {
        (void)CarriedState::parse(text, "state.json", 2);
    } catch (const DataError& e) {
        return e.issues();
    }
    return {};
}

}  // namespace

TEST_CASE("state seal: an edited, cut, reordered or moved history is refused with the period named", "[periods][state][seal]") {
    using Edit = void (*)(nlohmann::json&);
    // clang-format off
    const auto [what, edit, pointer, words] = GENERATE(table<const char*, Edit, const char*, const char*>({
        {"a total edited",              [](nlohmann::json& j) { j["people"][0]["history"][1]["total"] = "-69999.00"; }, "/people/0/history/1", "changed at period 2026-02"},
        {"a line edited",               [](nlohmann::json& j) { j["people"][0]["history"][0]["lines"]["commission"] = "90000.00"; }, "/people/0/history/0", "changed at period 2026-01"},
        {"a stored input edited",       [](nlohmann::json& j) { j["people"][0]["history"][2]["inputs"]["revenue"] = "1"; }, "/people/0/history/2", "changed at period 2026-03"},
        {"a period removed",            [](nlohmann::json& j) { j["people"][0]["history"].erase(1); }, "/people/0/history/1", "changed at period 2026-03"},
        {"periods reordered",           [](nlohmann::json& j) { std::swap(j["people"][0]["history"][0], j["people"][0]["history"][1]); }, "/people/0/history/0", "changed at period 2026-02"},
        {"a period renamed",            [](nlohmann::json& j) { j["people"][0]["history"][0]["period"] = "2025-12"; }, "/people/0/history/0", "changed at period 2025-12"},
        {"a digest removed",            [](nlohmann::json& j) { j["people"][0]["history"][0].erase("digest"); }, "/people/0/history/0", "changed at period 2026-01"},
        {"the last period cut",         [](nlohmann::json& j) { j["people"][0]["history"].erase(2); }, "/people/0", "the last one kept is 2026-02"},
        {"the whole history cut",       [](nlohmann::json& j) { j["people"][0]["history"] = nlohmann::json::array(); }, "/people/0", "its history is empty"},
        {"a balance edited",            [](nlohmann::json& j) { j["people"][0]["draw_balance"] = "0.00"; }, "/people/0", "a balance or bonus edited"},
        {"a history moved to another",  [](nlohmann::json& j) { std::swap(j["people"][0]["history"], j["people"][1]["history"]); }, "/people/0/history/0", "changed at period 2026-03"},
        {"a person removed",            [](nlohmann::json& j) { j["people"].erase(1); }, "", "a person added or removed"},
        {"people reordered",            [](nlohmann::json& j) { std::swap(j["people"][0], j["people"][1]); }, "", "a person added or removed"},
        {"last_period edited",          [](nlohmann::json& j) { j["last_period"] = "2026-02"; }, "", "last_period ('2026-02')"},
        {"a handled deal dropped",      [](nlohmann::json& j) { j["handled_deals"] = nlohmann::json::array({"D-1"}); }, "", "handled_deals edited"},
        {"the file's digest removed",   [](nlohmann::json& j) { j.erase("digest"); }, "", "the state was changed"},
    }));
    // clang-format on
    INFO(what);
    const nlohmann::json good = sealed_state();
    CHECK(issues_of(good.dump()).empty());
    nlohmann::json bad = good;
    edit(bad);
    const std::vector<Issue> issues = issues_of(bad.dump(1));
    REQUIRE(!issues.empty());  // one per person whose history broke: the first is checked
    CHECK(issues[0].id == "motiv.data_error.505");
    CHECK(issues[0].file == "state.json");
    CHECK(issues[0].pointer == pointer);
    CHECK_THAT(issues[0].message, Catch::Contains(words) && Catch::Contains("after run-periods wrote it"));
}

TEST_CASE("state seal: what was written reads back however the JSON is spelt", "[periods][state][seal]") {
    const nlohmann::json j = sealed_state();
    CHECK(j["motiv_state"] == 2);
    CHECK(j["digest"].get<std::string>().size() == 64);
    // Indentation, key order and \u escapes change the text, not the value: the seal still holds.
    CHECK(issues_of(j.dump(4)).empty());
    std::string escaped = j.dump();
    escaped.replace(escaped.find("\"scheme\":\"t\""), 12, "\"scheme\":\"\\u0074\"");
    CHECK(issues_of(escaped).empty());
    CHECK(CarriedState::parse(j.dump(), "state.json", 2).to_json(2) == j);
}

TEST_CASE("state reading: unknown and duplicate keys, too many places, numbers for amounts, format 1", "[periods][state]") {
    const std::string good = sealed_state().dump();
    // clang-format off
    const auto [what, text, id, pointer, words] = GENERATE_COPY(table<const char*, std::string, const char*, const char*, const char*>({
        {"an unknown key", std::string(good).insert(1, "\"extra\": 1, "), "motiv.data_error.508", "/extra", "unknown key 'extra'; expected one of: motiv_state"},
        {"an unknown key in a record", [&] { auto j = sealed_state(); j["people"][0]["history"][0]["note"] = "x"; return j.dump(); }(), "motiv.data_error.508",
         "/people/0/history/0/note", "unknown key 'note'"},
        {"a key twice", std::string(good).insert(1, "\"scheme\": \"t\", "), "motiv.data_error.507", "/scheme", "duplicate key 'scheme'"},
        {"an amount with 3 places", [&] { auto j = sealed_state(); j["people"][0]["history"][0]["total"] = "1.005"; return j.dump(); }(), "motiv.data_error.502",
         "/people/0/history/0/total", "expected an amount with at most 2 decimal places (the currency's minor units), got \"1.005\""},
        {"a balance with 3 places", [&] { auto j = sealed_state(); j["people"][1]["clawback_pending"] = "0.001"; return j.dump(); }(), "motiv.data_error.502",
         "/people/1/clawback_pending", "at most 2 decimal places"},
        {"a number for an amount", [&] { auto j = sealed_state(); j["people"][0]["draw_balance"] = "@"; auto t = j.dump(); return t.replace(t.find("\"@\""), 3, "100.5"); }(),
         "motiv.data_error.502", "/people/0/draw_balance", "got a number"},
        {"format 1", [&] { auto j = sealed_state(); j["motiv_state"] = 1; return j.dump(); }(), "motiv.data_error.506", "/motiv_state",
         "re-running the periods from the first one"},
    }));
    // clang-format on
    INFO(what);
    const std::vector<Issue> issues = issues_of(text);
    REQUIRE(!issues.empty());
    CHECK(issues[0].id == id);
    CHECK(issues[0].pointer == pointer);
    CHECK_THAT(issues[0].message, Catch::Contains(words));
}

TEST_CASE("state seal: the sealed seed states of the fuzz corpus read as written", "[periods][state][seal]") {
    for (const char* name : {"state_fresh", "state_after_feb", "state_after_may", "state_balances", "state_last_period_9999"}) {
        INFO(name);
        CHECK_NOTHROW(CarriedState::read_file(std::string(MOTIV_SOURCE_DIR) + "/fuzz/corpus/state/" + name + ".json", 2));
    }
}
