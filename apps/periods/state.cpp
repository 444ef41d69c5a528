#include "apps/periods/state.hpp"

#include <algorithm>
#include <unordered_set>

#include "core/errors.hpp"
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

// Strict reading: every key expected, every value of its type, errors with their pointer.
class Reader {
public:
    explicit Reader(std::string source) : source_(std::move(source)) {}

    void fail(const std::string& pointer, const std::string& msg) {
        issues_.add(Issue{"motiv.data_error.502", source_, pointer, 0, 0, "", "", msg, "", 0});
    }
    void done() { issues_.throw_if_any(); }

    const json* at(const json& obj, const std::string& p, const char* key) {
        if (!obj.is_object()) return nullptr;
        auto it = obj.find(key);
        if (it == obj.end()) {
            fail(p + "/" + key, std::string("missing key '") + key + "'");
            return nullptr;
        }
        return &*it;
    }
    std::string text(const json& obj, const std::string& p, const char* key) {
        const json* v = at(obj, p, key);
        if (!v) return {};
        if (!v->is_string()) {
            fail(p + "/" + key, "expected a string, got " + json_type_name(*v));
            return {};
        }
        return v->get<std::string>();
    }
    // An exact decimal written as a string, below 10^18 in magnitude (so sums of many cannot
    // overflow), and >= 0 where `non_negative` (a balance).
    Decimal decimal(const json& v, const std::string& p, bool non_negative = false) {
        if (v.is_string())
            if (auto d = Decimal::parse(v.get<std::string>()); d && d->to_int64() && (!non_negative || !d->is_negative()) &&
                                                               *d < Decimal::from_int(1'000'000'000'000'000'000) &&
                                                               Decimal::from_int(-1'000'000'000'000'000'000) < *d)
                return *d;
        fail(p, std::string("expected an exact decimal as a string") + (non_negative ? " >= 0" : "") + " below 10^18 (e.g. \"1250.00\"), got " +
                    (v.is_string() ? "\"" + v.get<std::string>() + "\"" : json_type_name(v)));
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
            fail(p + "/" + key, "expected a whole number >= 0, got " + (v->is_number() ? v->dump() : json_type_name(*v)));
            return 0;
        }
        return v->get<int>();
    }
    NamedValues values(const json& obj, const std::string& p, const char* key) {
        NamedValues out;
        const json* v = at(obj, p, key);
        if (!v) return out;
        if (!v->is_object()) {
            fail(p + "/" + key, "expected an object {name: \"amount\"}, got " + json_type_name(*v));
            return out;
        }
        for (const auto& [k, d] : v->items()) out.emplace_back(k, decimal(d, json_pointer_join(p + "/" + key, k)));
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
    std::string source_;
    IssueCollector<DataError> issues_;
};

}  // namespace

json CarriedState::to_json(int mu) const {
    json people_j = json::array();
    for (const auto& p : people) {
        json hist = json::array();
        for (const auto& r : p.history) {
            json lines = json::object();
            for (const auto& [k, d] : r.lines) lines[k] = money(d, mu);
            hist.push_back({{"period", r.period}, {"role", r.role}, {"rules_sha256", r.rules_sha256}, {"inputs", values_json(r.inputs)},
                            {"lines", lines}, {"total", money(r.total, mu)}, {"cancelled", values_json(r.cancelled)}});
        }
        json bonuses = json::array();
        for (const auto& b : p.bonuses) bonuses.push_back({{"id", b.id}, {"span", b.span}, {"advanced", money(b.advanced, mu)}});
        people_j.push_back({{"person", p.person}, {"role", p.role}, {"left", p.left}, {"draw_balance", money(p.draw_balance, mu)},
                            {"draw_periods_outstanding", p.draw_periods_outstanding}, {"clawback_pending", money(p.clawback_pending, mu)},
                            {"bonuses", bonuses}, {"history", hist}});
    }
    return {{"motiv_state", 1}, {"scheme", scheme}, {"last_period", last_period}, {"rules_sha256", rules_sha256},
            {"handled_deals", handled_deals}, {"people", people_j}};
}

CarriedState CarriedState::from_json(const json& j, const std::string& source) {
    Reader r(source);
    CarriedState s;
    if (!j.is_object() || !j.contains("motiv_state") || j["motiv_state"] != 1) {
        r.fail("", "expected a motiv state object with \"motiv_state\": 1 (as written by run-periods --state-out)");
        r.done();
    }
    s.scheme = r.text(j, "", "scheme");
    s.last_period = r.text(j, "", "last_period");
    s.rules_sha256 = r.text(j, "", "rules_sha256");
    if (const json* deals = r.array(j, "", "handled_deals"))
        for (std::size_t i = 0; i < deals->size(); ++i) {
            if ((*deals)[i].is_string()) s.handled_deals.push_back((*deals)[i].get<std::string>());
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
            PersonState ps_;
            ps_.person = r.text(pj, p, "person");
            ps_.role = r.text(pj, p, "role");
            ps_.left = r.text(pj, p, "left");
            ps_.draw_balance = r.decimal(pj, p, "draw_balance", true);
            ps_.draw_periods_outstanding = r.whole(pj, p, "draw_periods_outstanding");
            ps_.clawback_pending = r.decimal(pj, p, "clawback_pending", true);
            if (const json* bs = r.array(pj, p, "bonuses"))
                for (std::size_t k = 0; k < bs->size(); ++k) {
                    const std::string bp = p + "/bonuses/" + std::to_string(k);
                    ps_.bonuses.push_back({r.text((*bs)[k], bp, "id"), r.text((*bs)[k], bp, "span"), r.decimal((*bs)[k], bp, "advanced", true)});
                }
            if (const json* hs = r.array(pj, p, "history"))
                for (std::size_t k = 0; k < hs->size(); ++k) {
                    const std::string hp = p + "/history/" + std::to_string(k);
                    const json& hj = (*hs)[k];
                    PeriodRecord rec;
                    rec.period = r.text(hj, hp, "period");
                    rec.role = r.text(hj, hp, "role");
                    rec.rules_sha256 = r.text(hj, hp, "rules_sha256");
                    rec.inputs = r.values(hj, hp, "inputs");
                    rec.lines = r.values(hj, hp, "lines");
                    rec.total = r.decimal(hj, hp, "total");
                    rec.cancelled = r.values(hj, hp, "cancelled");
                    ps_.history.push_back(std::move(rec));
                }
            if (!seen.insert(ps_.person).second) r.fail(p + "/person", "duplicate person '" + ps_.person + "'");
            s.people.push_back(std::move(ps_));
        }
    }
    r.done();
    return s;
}

CarriedState CarriedState::parse(std::string_view text, const std::string& source) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        throw DataError({Issue{"motiv.data_error.501", source, "", 0, 0, "", "", std::string("the state file is not valid JSON: ") + e.what(), "", 0}});
    }
    return from_json(j, source);
}

CarriedState CarriedState::read_file(const std::string& path) { return parse(io::read_file(path, kMaxStateBytes), path); }

}  // namespace motiv::periods
