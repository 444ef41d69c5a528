#include "apps/periods/state.hpp"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "apps/periods/state_seal.hpp"
#include "core/errors.hpp"
#include "core/errors/catalogue.hpp"
#include "core/io/atomic_file.hpp"
#include "core/rules/json_document.hpp"

namespace motiv::periods {

using json = nlohmann::json;

const PeriodRecord* PersonState::record(std::string_view period) const {
    for (const auto& r : history)
        if (r.period == period) return &r;
    return nullptr;
}
PeriodRecord* PersonState::record(std::string_view period) {
    return const_cast<PeriodRecord*>(std::as_const(*this).record(period));
}

const PersonState* CarriedState::person(std::string_view id) const {
    for (const auto& p : people)
        if (p.person == id) return &p;
    return nullptr;
}
PersonState* CarriedState::person(std::string_view id) {
    return const_cast<PersonState*>(std::as_const(*this).person(id));
}

namespace {

json values_json(const NamedValues& v) {
    json out = json::object();
    for (const auto& [k, d] : v) out[k] = d.to_string();
    return out;
}

json money(Decimal d, int mu) { return d.places() <= mu ? d.to_string_fixed(mu) : d.to_string(); }

// Strict reading: every key expected and no other, every value of its type, errors with their pointer.
class Reader {
public:
    Reader(std::string source, int minor_units, const std::set<std::string>* number_texts)
        : source_(std::move(source)), minor_units_(minor_units), number_texts_(number_texts) {}

    void fail(const std::string& pointer, const std::string& msg, const char* id = err::state_bad_value) {
        issues_.add(Issue{.id = id, .file = source_, .pointer = pointer, .message = msg});
    }
    void done() { issues_.throw_if_any(); }

    // Refuses the keys of `obj` not in `allowed`, in the words rule files use (motiv.data_error.508).
    void keys(const json& obj, const std::string& p, std::initializer_list<const char*> allowed) {
        if (!obj.is_object()) return;
        for (const auto& [key, message] : unknown_keys(obj, allowed)) fail(json_pointer_join(p, key), message, err::state_unknown_key);
    }

    const json* at(const json& obj, const std::string& p, const char* key) {
        if (!obj.is_object()) {
            if (!reported_not_object_.contains(p)) fail(p, "expected an object, got " + json_type_name(obj));
            reported_not_object_.insert(p);
            return nullptr;
        }
        auto it = obj.find(key);
        if (it == obj.end()) {
            fail(p + "/" + key, std::string("missing key '") + key + "'");
            return nullptr;
        }
        return &*it;
    }
    // A seal's digest: checked against the content later (a missing one breaks the seal); here only its type.
    void digest(const json& obj, const std::string& p) {
        if (obj.is_object() && obj.contains("digest") && (!obj["digest"].is_string() || literal(p + "/digest")))
            fail(p + "/digest", "expected a digest (a string), got " + type_at(obj["digest"], p + "/digest"));
    }
    std::string text(const json& obj, const std::string& p, const char* key) {
        const json* v = at(obj, p, key);
        if (!v) return {};
        if (!v->is_string() || literal(p + "/" + key)) {
            fail(p + "/" + key, "expected a string, got " + type_at(*v, p + "/" + key));
            return {};
        }
        return v->get<std::string>();
    }
    // An exact decimal written as a string, below 10^18 in magnitude (so sums of many cannot
    // overflow), >= 0 where `non_negative` (a balance), and an amount of money -- `money` -- in the
    // currency's minor units at most: "1.005" in roubles is no amount run-periods wrote.
    Decimal decimal(const json& v, const std::string& p, bool non_negative = false, bool is_money = true) {
        if (v.is_string() && !literal(p))
            if (auto d = Decimal::parse(v.get<std::string>()); d && d->to_int64() && (!non_negative || !d->is_negative()) &&
                                                               *d < Decimal::from_int(1'000'000'000'000'000'000) &&
                                                               Decimal::from_int(-1'000'000'000'000'000'000) < *d) {
                if (!is_money || d->places() <= minor_units_) return *d;
                fail(p, "expected an amount with at most " + std::to_string(minor_units_) + " decimal places (the currency's minor units), got \"" +
                            v.get<std::string>() + "\"");
                return {};
            }
        fail(p, std::string("expected an exact decimal as a string") + (non_negative ? " >= 0" : "") + " below 10^18 (e.g. \"1250.00\"), got " +
                    (v.is_string() && !literal(p) ? "\"" + v.get<std::string>() + "\"" : type_at(v, p)));
        return {};
    }
    Decimal decimal(const json& obj, const std::string& p, const char* key, bool non_negative = false) {
        const json* v = at(obj, p, key);
        return v ? decimal(*v, p + "/" + key, non_negative) : Decimal{};
    }
    int whole(const json& obj, const std::string& p, const char* key) {
        const json* v = at(obj, p, key);
        if (!v) return 0;
        if (!v->is_number_integer() || *v < 0 || *v > 1'000'000) {
            // The type, not the value, unless a number: dumping a deeply nested array recurses.
            fail(p + "/" + key, "expected a whole number >= 0, got " + (v->is_number() ? v->dump() : type_at(*v, p + "/" + key)));
            return 0;
        }
        return v->get<int>();
    }
    // {name: "amount"}: amounts of money, or (`is_money` false) input values of any precision.
    NamedValues values(const json& obj, const std::string& p, const char* key, bool is_money) {
        NamedValues out;
        const json* v = at(obj, p, key);
        if (!v) return out;
        if (!v->is_object()) {
            fail(p + "/" + key, "expected an object {name: \"amount\"}, got " + json_type_name(*v));
            return out;
        }
        for (const auto& [k, d] : v->items()) out.emplace_back(k, decimal(d, json_pointer_join(p + "/" + key, k), false, is_money));
        return out;
    }
    const json* array(const json& obj, const std::string& p, const char* key) {
        const json* v = at(obj, p, key);
        if (v && !v->is_array()) {
            fail(p + "/" + key, "expected an array, got " + json_type_name(*v));
            return nullptr;
        }
        return v;
    }

private:
    // A non-integer number literal of the text, which the exact reader keeps as a string.
    [[nodiscard]] bool literal(const std::string& p) const { return number_texts_ != nullptr && number_texts_->contains(p); }
    [[nodiscard]] std::string type_at(const json& v, const std::string& p) const { return literal(p) ? "a number" : json_type_name(v); }

    std::string source_;
    int minor_units_;
    const std::set<std::string>* number_texts_;
    std::set<std::string> reported_not_object_;
    IssueCollector<DataError> issues_;
};

CarriedState read_state(const json& j, const std::string& source, int minor_units, const std::set<std::string>* number_texts) {
    Reader r(source, minor_units, number_texts);
    CarriedState s;
    if (!j.is_object() || !j.contains("motiv_state") || !j["motiv_state"].is_number_integer() || (j["motiv_state"] != 1 && j["motiv_state"] != kStateFormat)) {
        r.fail("", "expected a motiv state object with \"motiv_state\": " + std::to_string(kStateFormat) + " (as written by run-periods --state-out)");
        r.done();
    }
    if (j["motiv_state"] == 1) {
        // Written before states were sealed: nothing shows whether its history is what motiv paid.
        r.fail("/motiv_state",
               "a state file of format 1, written by a motiv before state files were sealed: its history cannot be checked; "
               "rebuild it by re-running the periods from the first one (run-periods without --state-in)",
               err::state_unsealed);
        r.done();
    }
    r.keys(j, "", {"motiv_state", "scheme", "last_period", "rules_sha256", "handled_deals", "people", "digest"});
    s.scheme = r.text(j, "", "scheme");
    s.last_period = r.text(j, "", "last_period");
    s.rules_sha256 = r.text(j, "", "rules_sha256");
    r.digest(j, "");
    if (const json* deals = r.array(j, "", "handled_deals"))
        for (std::size_t i = 0; i < deals->size(); ++i) {
            if ((*deals)[i].is_string() && !(number_texts && number_texts->contains("/handled_deals/" + std::to_string(i))))
                s.handled_deals.push_back((*deals)[i].get<std::string>());
            else r.fail("/handled_deals/" + std::to_string(i), "expected a deal id (a string)");
        }
    if (const json* ps = r.array(j, "", "people")) {
        std::unordered_set<std::string> seen;
        for (std::size_t i = 0; i < ps->size(); ++i) {
            const json& pj = (*ps)[i];
            const std::string p = "/people/" + std::to_string(i);
            if (!pj.is_object()) {
                r.fail(p, "expected an object, got " + json_type_name(pj));
                continue;
            }
            r.keys(pj, p, {"person", "role", "left", "draw_balance", "draw_periods_outstanding", "clawback_pending", "bonuses", "history", "digest"});
            PersonState ps_;
            ps_.person = r.text(pj, p, "person");
            ps_.role = r.text(pj, p, "role");
            ps_.left = r.text(pj, p, "left");
            ps_.draw_balance = r.decimal(pj, p, "draw_balance", true);
            ps_.draw_periods_outstanding = r.whole(pj, p, "draw_periods_outstanding");
            ps_.clawback_pending = r.decimal(pj, p, "clawback_pending", true);
            r.digest(pj, p);
            if (const json* bs = r.array(pj, p, "bonuses"))
                for (std::size_t k = 0; k < bs->size(); ++k) {
                    const std::string bp = p + "/bonuses/" + std::to_string(k);
                    r.keys((*bs)[k], bp, {"id", "span", "advanced"});
                    ps_.bonuses.push_back({r.text((*bs)[k], bp, "id"), r.text((*bs)[k], bp, "span"), r.decimal((*bs)[k], bp, "advanced", true)});
                }
            if (const json* hs = r.array(pj, p, "history"))
                for (std::size_t k = 0; k < hs->size(); ++k) {
                    const std::string hp = p + "/history/" + std::to_string(k);
                    const json& hj = (*hs)[k];
                    r.keys(hj, hp, {"period", "role", "rules_sha256", "inputs", "lines", "total", "cancelled", "digest"});
                    PeriodRecord rec;
                    rec.period = r.text(hj, hp, "period");
                    rec.role = r.text(hj, hp, "role");
                    rec.rules_sha256 = r.text(hj, hp, "rules_sha256");
                    rec.inputs = r.values(hj, hp, "inputs", false);
                    rec.lines = r.values(hj, hp, "lines", true);
                    rec.total = r.decimal(hj, hp, "total");
                    rec.cancelled = r.values(hj, hp, "cancelled", true);
                    r.digest(hj, hp);
                    ps_.history.push_back(std::move(rec));
                }
            if (!seen.insert(ps_.person).second) r.fail(p + "/person", "duplicate person '" + ps_.person + "'");
            s.people.push_back(std::move(ps_));
        }
    }
    r.done();
    // Only a state read without an issue is checked against its seal: every key is there, of its type.
    if (auto broken = check_state_seal(j, source); !broken.empty()) throw DataError(std::move(broken));
    return s;
}

// The exact reader's issues, as a state file's: a duplicate key is data_error.507, the rest
// (syntax, nesting, size) say the text is not a state (501).
[[noreturn]] void rethrow_as_state(const RuleError& e, const std::string& source) {
    std::vector<Issue> issues;
    for (Issue i : e.issues()) {
        if (i.id == err::rule_duplicate_key) {
            i.id = err::state_duplicate_key;
        } else {
            i.id = err::state_not_json;
            i.message = (i.line != 0 ? "the state file is not valid JSON: " : "the state file cannot be read: ") + i.message;
        }
        i.file = source;
        issues.push_back(std::move(i));
    }
    throw DataError(std::move(issues));
}

}  // namespace

json CarriedState::to_json(int mu) const {
    json people_j = json::array();
    for (const auto& p : people) {
        json hist = json::array();
        for (const auto& r : p.history) {
            json lines = json::object();
            for (const auto& [k, d] : r.lines) lines[k] = money(d, mu);
            json cancelled = json::object();
            for (const auto& [k, d] : r.cancelled) cancelled[k] = money(d, mu);
            hist.push_back({{"period", r.period}, {"role", r.role}, {"rules_sha256", r.rules_sha256}, {"inputs", values_json(r.inputs)},
                            {"lines", lines}, {"total", money(r.total, mu)}, {"cancelled", cancelled}});
        }
        json bonuses = json::array();
        for (const auto& b : p.bonuses) bonuses.push_back({{"id", b.id}, {"span", b.span}, {"advanced", money(b.advanced, mu)}});
        people_j.push_back({{"person", p.person}, {"role", p.role}, {"left", p.left}, {"draw_balance", money(p.draw_balance, mu)},
                            {"draw_periods_outstanding", p.draw_periods_outstanding}, {"clawback_pending", money(p.clawback_pending, mu)},
                            {"bonuses", bonuses}, {"history", hist}});
    }
    json out = {{"motiv_state", kStateFormat}, {"scheme", scheme}, {"last_period", last_period}, {"rules_sha256", rules_sha256},
                {"handled_deals", handled_deals}, {"people", people_j}};
    seal_state(out);
    return out;
}

CarriedState CarriedState::from_json(const json& j, const std::string& source, int minor_units) { return read_state(j, source, minor_units, nullptr); }

CarriedState CarriedState::parse(std::string_view text, const std::string& source, int minor_units) {
    std::set<std::string> number_texts;
    json j;
    try {
        j = json(parse_json_exact(text, source, &number_texts, kMaxStateBytes));
    } catch (const RuleError& e) {
        rethrow_as_state(e, source);
    }
    return read_state(j, source, minor_units, &number_texts);
}

CarriedState CarriedState::read_file(const std::string& path, int minor_units) { return parse(io::read_file(path, kMaxStateBytes), path, minor_units); }

}  // namespace motiv::periods
