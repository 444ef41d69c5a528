#include "core/rules/load_periods.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>

#include "core/errors.hpp"
#include "core/rules/json_document.hpp"

namespace motiv {

namespace {

using json = nlohmann::ordered_json;

class PeriodsReader {
public:
    PeriodsReader(const std::string& source, const std::set<std::string>& numbers, const Scheme& s)
        : source_(source), numbers_(numbers), s_(s) {}

    PeriodRules run(const json& section) {
        PeriodRules out;
        const std::string root = "/periods";
        if (!object(section, root)) return finish(out);
        keys(section, root, {"draws", "clawbacks", "bonuses", "team_overrides", "description"});
        each(section, root, "draws", [&](const std::string& name, const json& d, const std::string& p) { out.draws.push_back(draw(name, d, p)); });
        each(section, root, "clawbacks", [&](const std::string& name, const json& d, const std::string& p) { out.clawbacks.push_back(clawback(name, d, p)); });
        each(section, root, "bonuses", [&](const std::string& name, const json& d, const std::string& p) { out.bonuses.push_back(bonus(name, d, p)); });
        each(section, root, "team_overrides", [&](const std::string& name, const json& d, const std::string& p) { out.team_overrides.push_back(team_override(name, d, p)); });
        std::set<std::string> ids;
        for (const auto& b : out.bonuses) ids.insert(b.id);
        for (const auto& o : out.team_overrides)
            if (!ids.insert(o.id).second) issue("motiv.rule_error.303", o.pointer, "duplicate id '" + o.id + "': already used by a bonus");
        return finish(out);
    }

private:
    PeriodRules finish(PeriodRules& out) {
        issues_.throw_if_any();
        return std::move(out);
    }

    void issue(const char* id, const std::string& pointer, const std::string& message) {
        issues_.add(Issue{id, source_, pointer, 0, 0, "", "", message, "", 0});
    }

    std::string type_name(const json& j, const std::string& pointer) const {
        return numbers_.count(pointer) ? std::string("a number") : json_type_name(j);
    }

    bool object(const json& j, const std::string& pointer) {
        if (j.is_object()) return true;
        issue("motiv.rule_error.201", pointer, "expected an object, got " + type_name(j, pointer));
        return false;
    }

    void keys(const json& obj, const std::string& pointer, std::initializer_list<const char*> allowed) {
        std::string list;
        for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
        for (const auto& item : obj.items()) {
            const std::string& k = item.key();
            if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return k == a; }))
                issue("motiv.rule_error.204", json_pointer_join(pointer, k), "unknown key '" + k + "'; expected one of: " + list);
        }
    }

    const json* member(const json& obj, const std::string& pointer, const char* key, bool required) {
        auto it = obj.find(key);
        if (it != obj.end()) return &*it;
        if (required) issue("motiv.rule_error.202", json_pointer_join(pointer, key), std::string("missing required key '") + key + "'");
        return nullptr;
    }

    // Calls `f(name, value, pointer)` for each entry of the object `key`, if there is one.
    template <class F>
    void each(const json& obj, const std::string& pointer, const char* key, F f) {
        const json* m = member(obj, pointer, key, false);
        const std::string p = json_pointer_join(pointer, key);
        if (!m || !object(*m, p)) return;
        if (m->size() > kMaxPeriodRules) {
            issue("motiv.rule_error.209", p, "too many " + std::string(key) + ": " + std::to_string(m->size()) + ", the limit is " + std::to_string(kMaxPeriodRules));
            return;
        }
        for (const auto& [name, v] : m->items()) {
            const std::string vp = json_pointer_join(p, name);
            if (object(v, vp)) f(name, v, vp);
        }
    }

    std::string text(const json& obj, const std::string& pointer, const char* key, bool required) {
        const json* v = member(obj, pointer, key, required);
        if (!v) return {};
        const std::string p = json_pointer_join(pointer, key);
        if (!v->is_string() || numbers_.count(p) || v->get_ref<const std::string&>().empty()) {
            issue("motiv.rule_error.201", p, "expected a non-empty string, got " + (v->is_string() && !numbers_.count(p) ? std::string("an empty string") : type_name(*v, p)));
            return {};
        }
        return v->get<std::string>();
    }

    // An exact decimal (string or number) within [lo, hi]; money has at most the currency's places.
    std::optional<Decimal> amount(const json& obj, const std::string& pointer, const char* key, bool required, bool money,
                                  std::optional<Decimal> hi = std::nullopt) {
        const json* v = member(obj, pointer, key, required);
        if (!v) return std::nullopt;
        const std::string p = json_pointer_join(pointer, key);
        std::string what = money ? "money >= 0 (e.g. \"60000.00\")" : "a ratio from 0 to 1 (e.g. \"0.5\" or \"50%\")";
        std::optional<Decimal> d;
        if (v->is_string()) d = Decimal::parse(v->get<std::string>());
        else if (v->is_number_integer() || v->is_number_unsigned()) d = Decimal::parse(v->dump());
        if (!d || d->is_negative() || (hi && *hi < *d) || (money && d->places() > s_.currency.minor_units)) {
            std::string got;
            if (numbers_.count(p)) got = v->get<std::string>();
            else if (v->is_string()) got = "\"" + v->get<std::string>() + "\"";
            else if (v->is_number()) got = v->dump();
            else got = type_name(*v, p);
            if (money) what += " with at most " + std::to_string(s_.currency.minor_units) + " decimal places";
            issue(d ? "motiv.rule_error.210" : "motiv.rule_error.203", p, "expected " + what + ", got " + got);
            return std::nullopt;
        }
        return d;
    }

    std::optional<int> whole(const json& obj, const std::string& pointer, const char* key, bool required, int lo, int hi) {
        const json* v = member(obj, pointer, key, required);
        if (!v) return std::nullopt;
        const std::string p = json_pointer_join(pointer, key);
        if (!v->is_number_integer() || *v < lo || *v > hi) {
            issue("motiv.rule_error.210", p, "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " +
                                                 (v->is_number_integer() ? v->dump() : type_name(*v, p)));
            return std::nullopt;
        }
        return v->get<int>();
    }

    std::vector<std::string> texts(const json& obj, const std::string& pointer, const char* key) {
        std::vector<std::string> out;
        const json* v = member(obj, pointer, key, true);
        if (!v) return out;
        const std::string p = json_pointer_join(pointer, key);
        if (!v->is_array() || v->empty() || v->size() > kMaxPeriodRules) {
            issue("motiv.rule_error.201", p, "expected a list of 1 to " + std::to_string(kMaxPeriodRules) + " names, got " + type_name(*v, p));
            return out;
        }
        for (std::size_t i = 0; i < v->size(); ++i) {
            const std::string ip = json_pointer_join(p, i);
            if ((*v)[i].is_string() && !numbers_.count(ip)) out.push_back((*v)[i].get<std::string>());
            else issue("motiv.rule_error.201", ip, "expected a name (a string), got " + type_name((*v)[i], ip));
        }
        return out;
    }

    template <class E>
    std::optional<E> choice(const json& obj, const std::string& pointer, const char* key, std::initializer_list<std::pair<const char*, E>> options, std::optional<E> fallback) {
        const std::string t = text(obj, pointer, key, !fallback);
        if (t.empty()) return fallback;
        std::string list;
        for (const auto& [n, e] : options) {
            if (t == n) return e;
            list += std::string(list.empty() ? "" : ", ") + n;
        }
        issue("motiv.rule_error.206", json_pointer_join(pointer, key), "unknown " + std::string(key) + " '" + t + "'; expected one of: " + list);
        return std::nullopt;
    }

    std::string known_roles() const {
        std::string out;
        for (const auto& r : s_.roles) out += (out.empty() ? "" : ", ") + r.name;
        return out;
    }

    // The role named `name` (a key or a "role" value at `pointer`), or an issue.
    const Role* role(const std::string& name, const std::string& pointer) {
        if (name.empty()) return nullptr;
        if (const Role* r = s_.find_role(name)) return r;
        issue("motiv.rule_error.301", pointer, "unknown role '" + name + "'; the scheme has: " + known_roles());
        return nullptr;
    }

    void input(const std::string& name, const std::string& pointer) {
        if (name.empty() || s_.find_input(name)) return;
        issue("motiv.rule_error.301", pointer, "unknown input '" + name + "'");
    }

    void component(const Role* r, const std::string& id, const std::string& pointer) {
        if (!r) return;
        for (const auto& c : r->components)
            if (c.id == id) return;
        issue("motiv.rule_error.301", pointer, "role " + r->name + " has no component '" + id + "'");
    }

    DrawRule draw(const std::string& name, const json& d, const std::string& p) {
        keys(d, p, {"kind", "amount", "recovery_limit", "forgive_after", "forgive_on_leaving", "description"});
        DrawRule r;
        r.role = name;
        r.pointer = p;
        role(name, p);
        r.kind = choice<DrawRule::Kind>(d, p, "kind", {{"recoverable", DrawRule::Kind::recoverable}, {"non_recoverable", DrawRule::Kind::non_recoverable}}, std::nullopt)
                     .value_or(DrawRule::Kind::recoverable);
        r.amount = amount(d, p, "amount", true, true).value_or(Decimal{});
        r.recovery_limit = amount(d, p, "recovery_limit", false, true);
        r.forgive_after = whole(d, p, "forgive_after", false, 1, kMaxForgiveAfter);
        if (const json* f = member(d, p, "forgive_on_leaving", false)) {
            if (f->is_boolean()) r.forgive_on_leaving = f->get<bool>();
            else issue("motiv.rule_error.201", p + "/forgive_on_leaving", "expected true or false, got " + type_name(*f, p + "/forgive_on_leaving"));
        }
        if (r.kind == DrawRule::Kind::non_recoverable)
            for (const char* k : {"recovery_limit", "forgive_after", "forgive_on_leaving"})
                if (d.contains(k)) issue("motiv.rule_error.204", json_pointer_join(p, k), "'" + std::string(k) + "' applies only to a recoverable draw");
        return r;
    }

    ClawbackRule clawback(const std::string& name, const json& d, const std::string& p) {
        keys(d, p, {"input", "components", "within_days", "floor", "description"});
        ClawbackRule r;
        r.role = name;
        r.pointer = p;
        const Role* ro = role(name, p);
        r.input = text(d, p, "input", true);
        input(r.input, p + "/input");
        r.components = texts(d, p, "components");
        for (std::size_t i = 0; i < r.components.size(); ++i) component(ro, r.components[i], json_pointer_join(p + "/components", i));
        r.within_days = whole(d, p, "within_days", true, 0, kMaxClawbackDays).value_or(0);
        r.floor = amount(d, p, "floor", true, true).value_or(Decimal{});
        return r;
    }

    // What a bonus and an override share: a line id (the key), a label, and the role it pays.
    void paid_line(const std::string& name, const json& d, const std::string& p, const char* what, std::string& id, std::string& label,
                   std::string& pointer, std::string& paid_role) {
        id = name;
        pointer = p;
        if (!valid_id(name)) issue("motiv.rule_error.205", p, "invalid " + std::string(what) + " id '" + name + "': use letters, digits and _, starting with a letter");
        label = d.contains("label") ? text(d, p, "label", false) : name;
        paid_role = text(d, p, "role", true);
        role(paid_role, p + "/role");
    }

    BonusRule bonus(const std::string& name, const json& d, const std::string& p) {
        keys(d, p, {"label", "description", "role", "computed_by", "every", "totals", "advance", "negative_true_up"});
        BonusRule b;
        paid_line(name, d, p, "bonus", b.id, b.label, b.pointer, b.role);
        b.computed_by = text(d, p, "computed_by", true);
        role(b.computed_by, p + "/computed_by");
        b.every = choice<BonusRule::Span>(d, p, "every", {{"quarter", BonusRule::Span::quarter}, {"year", BonusRule::Span::year}}, std::nullopt)
                      .value_or(BonusRule::Span::quarter);
        b.totals = texts(d, p, "totals");
        for (std::size_t i = 0; i < b.totals.size(); ++i) input(b.totals[i], json_pointer_join(p + "/totals", i));
        b.advance = amount(d, p, "advance", false, false, Decimal::from_int(1)).value_or(Decimal{});
        b.negative = choice<BonusRule::Negative>(d, p, "negative_true_up", {{"recover", BonusRule::Negative::recover}, {"forgive", BonusRule::Negative::forgive}},
                                                 BonusRule::Negative::recover)
                         .value_or(BonusRule::Negative::recover);
        return b;
    }

    TeamOverrideRule team_override(const std::string& name, const json& d, const std::string& p) {
        keys(d, p, {"label", "description", "role", "share", "of"});
        TeamOverrideRule o;
        paid_line(name, d, p, "override", o.id, o.label, o.pointer, o.role);
        o.share = amount(d, p, "share", true, false, Decimal::from_int(1)).value_or(Decimal{});
        o.of = text(d, p, "of", true);
        if (!o.of.empty() && o.of != "total") {
            bool found = false;
            for (const auto& r : s_.roles)
                for (const auto& c : r.components) found = found || c.id == o.of;
            if (!found) issue("motiv.rule_error.301", p + "/of", "no role has a component '" + o.of + "'; expected a component id or \"total\"");
        }
        return o;
    }

    static bool valid_id(const std::string& s) {
        if (s.empty() || s.size() > 128 || !(std::isalpha(static_cast<unsigned char>(s[0])))) return false;
        return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
    }

    const std::string& source_;
    const std::set<std::string>& numbers_;
    const Scheme& s_;
    IssueCollector<RuleError> issues_;
};

}  // namespace

void load_periods(const json& root, const std::string& source, const std::set<std::string>& numbers, Scheme& scheme) {
    if (!root.is_object() || !root.contains("periods")) return;
    scheme.periods = PeriodsReader(source, numbers, scheme).run(root.at("periods"));
}

}  // namespace motiv
