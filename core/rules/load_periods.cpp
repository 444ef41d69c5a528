#include "core/rules/load_periods.hpp"

#include <initializer_list>

#include "core/errors.hpp"
#include "core/rules/json_document.hpp"
#include "core/rules/rule_reader.hpp"

namespace motiv {

namespace {

using json = nlohmann::ordered_json;

// The range a figure must lie in, by kind: money >= 0, a ratio from 0 to 1, a whole count from lo to hi.
struct Range {
    Kind kind = Kind::money;
    int lo = 0, hi = 0;  // counts only
    [[nodiscard]] bool holds(Decimal d) const {
        if (d.is_negative()) return false;
        if (kind == Kind::ratio) return !(Decimal::from_int(1) < d);
        if (kind == Kind::count) return !(d < Decimal::from_int(lo)) && !(Decimal::from_int(hi) < d);
        return true;
    }
    [[nodiscard]] std::string text() const {
        if (kind == Kind::ratio) return "a ratio from 0 to 1 (e.g. \"0.5\" or \"50%\")";
        if (kind == Kind::count) return "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
        return "money >= 0 (e.g. \"60000.00\")";
    }
};

const Range kMoney{Kind::money};
const Range kRatio{Kind::ratio};

class PeriodsReader : RuleReader {
public:
    PeriodsReader(const std::string& source, const std::set<std::string>& numbers, const Scheme& s) : RuleReader(source, numbers), s_(s) {
        currency_ = s.currency;
    }

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

    // Calls `f(name, value, pointer)` for each entry of the object `key`, if there is one.
    template <class F>
    void each(const json& obj, const std::string& pointer, const char* key, F f) {
        const json* m = member(obj, pointer, key, false);
        const std::string p = json_pointer_join(pointer, key);
        if (!m || !object(*m, p) || !limit(m->size(), kMaxPeriodRules, p, key)) return;
        for (const auto& [name, v] : m->items()) {
            const std::string vp = json_pointer_join(p, name);
            if (object(v, vp)) f(name, v, vp);
        }
    }

    // A figure within `range`: a literal, or the name of a parameter of the range's kind whose every
    // dated value (as overridden by a what-if) lies in the range.
    std::optional<Figure> figure(const json& obj, const std::string& pointer, const char* key, bool required, const Range& range) {
        const json* v = member(obj, pointer, key, required);
        if (!v) return std::nullopt;
        Figure f;
        f.pointer = json_pointer_join(pointer, key);
        const std::string kind = to_string(range.kind);
        const std::string expected = range.text() + " or the name of a " + kind + " parameter";
        if (v->is_string() && !numbers_.count(f.pointer)) {
            const std::string& name = v->get_ref<const std::string&>();
            if (is_path(name) && !Decimal::parse(name)) return parameter_figure(name, f, range, expected);
        }
        const std::optional<Decimal> d = value(*v, f.pointer, range.kind, expected);
        if (!d) return std::nullopt;
        if (!range.holds(*d)) {
            issue("motiv.rule_error.210", f.pointer, "expected " + range.text() + ", got " + d->to_string());
            return std::nullopt;
        }
        f.literal = *d;
        return f;
    }

    std::optional<Figure> parameter_figure(const std::string& name, Figure& f, const Range& range, const std::string& expected) {
        const Parameter* p = s_.find_parameter(name);
        if (!p) {
            issue("motiv.rule_error.301", f.pointer, "unknown parameter '" + name + "'; expected " + expected);
            return std::nullopt;
        }
        if (p->kind != range.kind) {
            issue("motiv.rule_error.301", f.pointer, "'" + name + "' is not a " + to_string(range.kind) + " parameter (its type is " + to_string(p->kind) + ")");
            return std::nullopt;
        }
        bool ok = true;
        for (const auto& v : p->versions)
            if (!range.holds(v.value)) {
                issue("motiv.rule_error.210", f.pointer, "parameter '" + name + "' is " + v.value.to_string() +
                                                          (v.since.is_not_a_date() ? "" : " from " + to_iso(v.since)) + "; expected " + range.text());
                ok = false;
            }
        if (!ok) return std::nullopt;
        f.parameter = name;
        f.index = static_cast<std::size_t>(p - s_.parameters.data());
        return f;
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
            if ((*v)[i].is_string() && !numbers_.count(ip) && !(*v)[i].get_ref<const std::string&>().empty()) out.push_back((*v)[i].get<std::string>());
            else if ((*v)[i].is_string() && !numbers_.count(ip)) issue("motiv.rule_error.201", ip, "expected a name, got an empty string");
            else issue("motiv.rule_error.201", ip, "expected a name (a string), got " + type_name((*v)[i], ip));
        }
        return out;
    }

    template <class E>
    std::optional<E> choice(const json& obj, const std::string& pointer, const char* key, std::initializer_list<std::pair<const char*, E>> options, std::optional<E> fallback) {
        const std::string t = nonempty(obj, pointer, key, !fallback);
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
        r.amount = figure(d, p, "amount", true, kMoney).value_or(Figure{});
        r.recovery_limit = figure(d, p, "recovery_limit", false, kMoney);
        r.forgive_after = figure(d, p, "forgive_after", false, Range{Kind::count, 1, kMaxForgiveAfter});
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
        r.input = nonempty(d, p, "input", true);
        input(r.input, p + "/input");
        r.components = texts(d, p, "components");
        for (std::size_t i = 0; i < r.components.size(); ++i) component(ro, r.components[i], json_pointer_join(p + "/components", i));
        r.within_days = figure(d, p, "within_days", true, Range{Kind::count, 0, kMaxClawbackDays}).value_or(Figure{});
        r.floor = figure(d, p, "floor", true, kMoney).value_or(Figure{});
        return r;
    }

    // What a bonus and an override share: a line id (the key), a label, and the role it pays.
    void paid_line(const std::string& name, const json& d, const std::string& p, const char* what, std::string& id, std::string& label,
                   std::string& pointer, std::string& paid_role) {
        id = name;
        pointer = p;
        if (!is_identifier(name)) issue("motiv.rule_error.205", p, "invalid " + std::string(what) + " id '" + name + "': use letters, digits and _, starting with a letter");
        label = d.contains("label") ? nonempty(d, p, "label", false) : name;
        paid_role = nonempty(d, p, "role", true);
        role(paid_role, p + "/role");
    }

    BonusRule bonus(const std::string& name, const json& d, const std::string& p) {
        keys(d, p, {"label", "description", "role", "computed_by", "every", "totals", "advance", "negative_true_up"});
        BonusRule b;
        paid_line(name, d, p, "bonus", b.id, b.label, b.pointer, b.role);
        b.computed_by = nonempty(d, p, "computed_by", true);
        role(b.computed_by, p + "/computed_by");
        b.every = choice<BonusRule::Span>(d, p, "every", {{"quarter", BonusRule::Span::quarter}, {"year", BonusRule::Span::year}}, std::nullopt)
                      .value_or(BonusRule::Span::quarter);
        b.totals = texts(d, p, "totals");
        for (std::size_t i = 0; i < b.totals.size(); ++i) input(b.totals[i], json_pointer_join(p + "/totals", i));
        b.advance = figure(d, p, "advance", false, kRatio).value_or(Figure{});
        b.negative = choice<BonusRule::Negative>(d, p, "negative_true_up", {{"recover", BonusRule::Negative::recover}, {"forgive", BonusRule::Negative::forgive}},
                                                 BonusRule::Negative::recover)
                         .value_or(BonusRule::Negative::recover);
        return b;
    }

    TeamOverrideRule team_override(const std::string& name, const json& d, const std::string& p) {
        keys(d, p, {"label", "description", "role", "share", "of"});
        TeamOverrideRule o;
        paid_line(name, d, p, "override", o.id, o.label, o.pointer, o.role);
        o.share = figure(d, p, "share", true, kRatio).value_or(Figure{});
        o.of = nonempty(d, p, "of", true);
        if (!o.of.empty() && o.of != "total") {
            bool found = false;
            for (const auto& r : s_.roles)
                for (const auto& c : r.components) found = found || c.id == o.of;
            if (!found) issue("motiv.rule_error.301", p + "/of", "no role has a component '" + o.of + "'; expected a component id or \"total\"");
        }
        return o;
    }

    const Scheme& s_;
};

}  // namespace

void load_periods(const json& root, const std::string& source, const std::set<std::string>& numbers, Scheme& scheme) {
    if (!root.is_object() || !root.contains("periods")) return;
    scheme.periods = PeriodsReader(source, numbers, scheme).run(root.at("periods"));
}

}  // namespace motiv
