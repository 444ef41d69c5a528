// The carried state as JSON: a stored state is read back strictly, every problem with its pointer.
#include <catch2/catch.hpp>

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
    const CarriedState back = CarriedState::from_json(j, "state.json");
    CHECK(back.to_json(2) == j);
    CHECK(back.people[0].history[0].cancelled == NamedValues{{"revenue", "10"_d}});

    auto bad = j;
    bad["people"][0]["draw_balance"] = 1500.5;  // a binary float is not an exact amount
    bad["people"][0]["history"][0]["lines"]["salary"] = "lots";
    bad["people"][0].erase("role");
    try {
        (void)CarriedState::from_json(bad, "state.json");
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
        CHECK_THROWS_WITH(CarriedState::from_json(huge, "state.json"), Catch::Contains("(/people/0/clawback_pending) expected an exact decimal as a string >= 0 below 10^18"));
    }
    CHECK_THROWS_WITH(CarriedState::from_json(nlohmann::json::array(), "state.json"), Catch::Contains("expected a motiv state object"));
}

TEST_CASE("state text: not JSON, and a value nested 200,000 deep, are refused without recursion", "[periods][state]") {
    CHECK_THROWS_WITH(CarriedState::parse("{\"motiv_state\": 1,", "state.json"), Catch::Contains("[motiv.data_error.501] state.json") && Catch::Contains("not valid JSON"));
    const std::string deep = std::string(200000, '[') + std::string(200000, ']');
    const std::string text = R"({"motiv_state": 1, "scheme": "t", "last_period": "", "rules_sha256": "", "handled_deals": [], "people": [
        {"person": "h-01", "role": "hunter", "left": "", "draw_balance": "0", "clawback_pending": "0", "bonuses": [], "history": [],
         "draw_periods_outstanding": )" + deep + "}]}";
    try {
        (void)CarriedState::parse(text, "state.json");
        FAIL("read");
    } catch (const DataError& e) {
        REQUIRE(e.issues().size() == 1);
        CHECK(e.issues()[0].pointer == "/people/0/draw_periods_outstanding");
        CHECK(e.issues()[0].message == "expected a whole number >= 0, got an array");
    }
}
