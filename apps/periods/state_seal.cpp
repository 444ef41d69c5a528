#include "apps/periods/state_seal.hpp"

#include <string_view>

#include "core/io/sha256.hpp"
#include "core/errors/catalogue.hpp"

namespace motiv::periods {

using json = nlohmann::json;

namespace {

// SHA-256 over a kind tag, the digest this one chains from, and `value` without its "digest" and
// without `skip` (a part covered by digests of its own). nlohmann::json keeps keys sorted, and
// ensure_ascii makes the text independent of how the file spelt its characters: the same value
// read back gives the same digest.
std::string digest_of(std::string_view kind, std::string_view chained, const json& value, const char* skip = nullptr) {
    json copy = json::object();
    for (const auto& [k, v] : value.items())
        if (k != "digest" && (skip == nullptr || k != skip)) copy[k] = v;
    io::Sha256 h;
    h.update(kind);
    h.update("\n");
    h.update(chained);
    h.update("\n");
    h.update(copy.dump(-1, ' ', true, json::error_handler_t::replace));
    return h.hex();
}

// The digest a person's history chains from: their id, so a history moved to another person fails.
std::string anchor(const json& person) { return digest_of("motiv-state-anchor", person.at("person").get<std::string>(), json::object()); }

std::string person_digest(const json& person, const std::string& last) { return digest_of("motiv-state-person", last, person, "history"); }

std::string state_digest(const json& state, const std::vector<std::string>& people) {
    std::string joined;
    for (const auto& d : people) joined += d + ",";
    return digest_of("motiv-state", joined, state, "people");
}

const std::string* digest_in(const json& obj) {
    const auto it = obj.find("digest");
    return it != obj.end() && it->is_string() ? it->get_ptr<const std::string*>() : nullptr;
}

}  // namespace

void seal_state(json& state) {
    std::vector<std::string> people;
    for (json& person : state.at("people")) {
        std::string last = anchor(person);
        for (json& record : person.at("history")) {
            last = digest_of("motiv-state-record", last, record);
            record["digest"] = last;
        }
        person["digest"] = person_digest(person, last);
        people.push_back(person["digest"].get<std::string>());
    }
    state["digest"] = state_digest(state, people);
}

std::vector<Issue> check_state_seal(const json& state, const std::string& source) {
    std::vector<Issue> issues;
    const auto issue = [&](std::string pointer, std::string message) {
        issues.push_back(Issue{.id = err::state_tampered, .file = source, .pointer = std::move(pointer), .message = std::move(message)});
    };
    const std::string after = " after run-periods wrote it";
    std::vector<std::string> people;
    const json& ps = state.at("people");
    for (std::size_t i = 0; i < ps.size(); ++i) {
        const json& person = ps[i];
        const std::string id = person.at("person").get<std::string>();
        const std::string p = "/people/" + std::to_string(i);
        std::string last = anchor(person);
        bool chain_ok = true;
        const json& history = person.at("history");
        for (std::size_t k = 0; k < history.size() && chain_ok; ++k) {
            const json& record = history[k];
            last = digest_of("motiv-state-record", last, record);
            const std::string* stored = digest_in(record);
            if (stored == nullptr || *stored != last) {
                chain_ok = false;
                issue(p + "/history/" + std::to_string(k),
                      "the history of '" + id + "' was changed at period " + record.at("period").get<std::string>() + after +
                          ": that period, or one before it, was edited, removed or moved (its digest does not match)");
            }
        }
        if (!chain_ok) {
            people.emplace_back();
            continue;
        }
        const std::string want = person_digest(person, last);
        const std::string* stored = digest_in(person);
        if (stored == nullptr || *stored != want) {
            const std::string end = history.empty() ? "its history is empty" : "the last one kept is " + history.back().at("period").get<std::string>();
            issue(p, "the state of '" + id + "' was changed" + after + ": a balance or bonus edited, or periods removed from the end of its history (" + end +
                         ")");
        }
        people.push_back(want);
    }
    if (issues.empty()) {
        const std::string* stored = digest_in(state);
        if (stored == nullptr || *stored != state_digest(state, people))
            issue("", "the state was changed" + after + ": a person added or removed, or scheme, last_period ('" + state.at("last_period").get<std::string>() +
                          "'), rules_sha256 or handled_deals edited");
    }
    return issues;
}

}  // namespace motiv::periods
