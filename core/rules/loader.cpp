#include "core/rules/loader.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <initializer_list>
#include <set>

#include "core/errors.hpp"
#include "core/expr/parser.hpp"
#include "core/io/atomic_file.hpp"
#include "core/io/sha256.hpp"
#include "core/rules/json_document.hpp"
#include "core/rules/load_periods.hpp"
#include "core/rules/rule_reader.hpp"
#include "core/text/suggest.hpp"

namespace motiv {

using json = nlohmann::ordered_json;

const char* to_string(Kind k) {
    switch (k) {
        case Kind::money: return "money";
        case Kind::number: return "number";
        case Kind::count: return "count";
        case Kind::ratio: return "ratio";
        case Kind::tiers: return "tiers";
        case Kind::curve: return "curve";
    }
    return "?";
}

std::optional<Kind> parse_kind(std::string_view name) {
    for (Kind k : {Kind::money, Kind::number, Kind::count, Kind::ratio, Kind::tiers, Kind::curve})
        if (name == to_string(k)) return k;
    return std::nullopt;
}

expr::ValueType value_type(Kind k) {
    switch (k) {
        case Kind::money: return expr::ValueType::money;
        case Kind::tiers:
        case Kind::curve: return expr::ValueType::tiers;
        default: return expr::ValueType::number;
    }
}

const char* to_string(ComponentKind k) {
    switch (k) {
        case ComponentKind::fixed: return "fixed";
        case ComponentKind::percent: return "percent";
        case ComponentKind::commission: return "commission";
        case ComponentKind::penalty: return "penalty";
        case ComponentKind::formula: return "formula";
        case ComponentKind::scorecard: return "scorecard";
        case ComponentKind::adjustment: return "adjustment";
    }
    return "?";
}

const char* to_string(TierMode m) {
    switch (m) {
        case TierMode::flat: return "flat";
        case TierMode::graduated: return "graduated";
        case TierMode::retroactive: return "retroactive";
    }
    return "?";
}

const Role* Scheme::find_role(std::string_view n) const {
    for (const auto& r : roles)
        if (r.name == n) return &r;
    return nullptr;
}
const InputDecl* Scheme::find_input(std::string_view n) const {
    for (const auto& i : inputs)
        if (i.name == n) return &i;
    return nullptr;
}
const Parameter* Scheme::find_parameter(std::string_view n) const {
    for (const auto& p : parameters)
        if (p.name == n) return &p;
    return nullptr;
}

namespace {

bool is_reserved(std::string_view s) {
    return s == "and" || s == "or" || s == "not" || s == "true" || s == "false";
}

class Loader : RuleReader {
public:
    Loader(std::string source, const std::set<std::string>& numbers) : RuleReader(std::move(source), numbers) {}

    Scheme run(const json& root, const json& overrides) {
        Scheme s;
        s.source = source_;
        if (!root.is_object()) {
            issue("motiv.rule_error.201", "", "expected an object with the keys motiv, scheme, currency, inputs, parameters, roles; got " + type_name(root, ""));
            issues_.throw_if_any();
        }
        keys(root, "", {"motiv", "scheme", "currency", "rounding", "inputs", "parameters", "roles", "periods", "logs", "calendar", "proration", "on_target", "$schema", "description"});
        if (const json* v = member(root, "", "motiv", true)) {
            if (!v->is_number_integer() || *v != 1) issue("motiv.rule_error.110", "/motiv", "expected the format version 1, got " + v->dump());
        }
        if (const json* sc = member(root, "", "scheme", true); sc && object(*sc, "/scheme")) {
            keys(*sc, "/scheme", {"name", "version", "description"});
            s.name = nonempty(*sc, "/scheme", "name", true);
            s.version = nonempty(*sc, "/scheme", "version", true);
            s.description = text(*sc, "/scheme", "description", false);
        }
        if (const json* cur = member(root, "", "currency", true); cur && object(*cur, "/currency")) {
            keys(*cur, "/currency", {"code", "minor_units"});
            s.currency.code = nonempty(*cur, "/currency", "code", true);
            if (const json* mu = member(*cur, "/currency", "minor_units", true)) {
                if (!mu->is_number_integer() || *mu < 0 || *mu > 4)
                    issue("motiv.rule_error.210", "/currency/minor_units", "expected a whole number of decimal places from 0 to 4, got " + mu->dump());
                else
                    s.currency.minor_units = mu->get<int>();
            }
        }
        currency_ = s.currency;
        s.rounding = Rounding{RoundingMode::half_up, Decimal::from_minor(1, s.currency.minor_units)};
        if (const json* r = member(root, "", "rounding", false)) {
            if (auto rd = rounding(*r, "/rounding")) s.rounding = *rd;
        }
        if (const json* in = member(root, "", "inputs", true); in && object(*in, "/inputs")) {
            if (limit(in->size(), kMaxInputs, "/inputs", "inputs"))
                for (const auto& [name, decl] : in->items()) s.inputs.push_back(input(name, decl, json_pointer_join("/inputs", name)));
        }
        if (const json* pr = member(root, "", "proration", false)) proration(s, *pr, member(root, "", "calendar", false));
        if (const json* ps = member(root, "", "parameters", true); ps && object(*ps, "/parameters")) {
            if (limit(ps->size(), kMaxParameters, "/parameters", "parameters"))
                for (const auto& [name, decl] : ps->items()) s.parameters.push_back(parameter(name, decl, json_pointer_join("/parameters", name), overrides));
        }
        if (overrides.is_object()) {
            std::vector<std::string> known;
            for (const auto& p : s.parameters) known.push_back(p.name);
            for (const auto& [name, v] : overrides.items())
                if (!s.find_parameter(name))
                    issue("motiv.rule_error.301", json_pointer_join("/overrides", name), "override of unknown parameter '" + name + "'" + text::did_you_mean(name, known));
        } else if (!overrides.is_null()) {
            issue("motiv.rule_error.201", "/overrides", "expected an object {parameter name: value}, got " + json_type_name(overrides));
        }
        if (const json* rs = member(root, "", "roles", true); rs && object(*rs, "/roles")) {
            if (rs->empty()) issue("motiv.rule_error.202", "/roles", "a scheme needs at least one role");
            if (limit(rs->size(), kMaxRoles, "/roles", "roles"))
                for (const auto& [name, decl] : rs->items()) s.roles.push_back(role(name, decl, json_pointer_join("/roles", name)));
        }
        if (const json* ot = member(root, "", "on_target", false); ot && object(*ot, "/on_target"))
            for (const auto& [name, decl] : ot->items()) on_target(s, name, decl, json_pointer_join("/on_target", name));
        names(s);
        s.texts = std::move(texts_);
        issues_.throw_if_any();
        return s;
    }

private:
    // "invalid role name 'x': hint" -- or, for a name over kMaxNameLength, that limit, with the name
    // shortened (a 10,000-character name is not worth repeating whole; the pointer has it).
    void bad_name(const std::string& pointer, const std::string& what, const std::string& name, const std::string& hint) {
        if (name.size() <= kMaxNameLength) {
            issue("motiv.rule_error.205", pointer, "invalid " + what + " '" + name + "'" + hint);
            return;
        }
        std::size_t cut = 32;
        while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
        issue("motiv.rule_error.205", pointer, what + " too long: " + std::to_string(name.size()) + " characters, the limit is " +
                                                   std::to_string(kMaxNameLength) + " ('" + name.substr(0, cut) + "...')");
    }

    std::optional<Formula> formula(const json& obj, const std::string& pointer, const char* key, bool required) {
        const json* v = member(obj, pointer, key, required);
        if (!v) return std::nullopt;
        const std::string p = json_pointer_join(pointer, key);
        std::string text;
        if (v->is_string()) text = v->get<std::string>();
        else if (v->is_number_integer() || v->is_number_unsigned()) text = v->dump();
        else if (v->is_boolean()) text = v->get<bool>() ? "true" : "false";
        else {
            issue("motiv.rule_error.201", p, "expected a formula (a string), got " + json_type_name(*v));
            return std::nullopt;
        }
        try {
            return Formula{p, expr::parse(text)};
        } catch (const expr::SyntaxError& e) {
            issue("motiv.rule_error.401", p, std::string("formula syntax: ") + e.what(), text, e.column());
            return std::nullopt;
        }
    }

    InputDecl input(const std::string& name, const json& decl, const std::string& pointer) {
        InputDecl in;
        in.name = name;
        in.pointer = pointer;
        if (!is_identifier(name) || is_reserved(name))
            bad_name(pointer, "input name", name, ": use letters, digits and _ (no dots), starting with a letter");
        if (!object(decl, pointer)) return in;
        keys(decl, pointer, {"type", "label", "unit", "description", "required", "default", "min", "max"});
        const std::string type = nonempty(decl, pointer, "type", true);
        if (!type.empty()) {
            auto k = parse_kind(type);
            if (!k || *k == Kind::tiers) issue("motiv.rule_error.206", pointer + "/type", "unknown input type '" + type + "'; expected one of: money, number, count, ratio");
            else in.kind = *k;
        }
        in.unit = string(decl, pointer, "unit", false);
        in.label = text(decl, pointer, "label", false);
        in.description = text(decl, pointer, "description", false);
        if (const json* r = member(decl, pointer, "required", false)) {
            if (!r->is_boolean()) issue("motiv.rule_error.201", pointer + "/required", "expected true or false, got " + type_name(*r, pointer + "/required"));
            else in.required = r->get<bool>();
        }
        if (const json* d = member(decl, pointer, "default", false)) {
            in.default_value = value(*d, pointer + "/default", in.kind);
            in.required = false;
        }
        if (const json* m = member(decl, pointer, "min", false)) in.min = value(*m, pointer + "/min", in.kind == Kind::count ? Kind::number : in.kind);
        if (const json* m = member(decl, pointer, "max", false)) in.max = value(*m, pointer + "/max", in.kind == Kind::count ? Kind::number : in.kind);
        return in;
    }

    std::optional<expr::TierTable> tiers(const json& v, const std::string& pointer, Kind basis) {
        if (!v.is_array()) {
            issue("motiv.rule_error.201", pointer, "expected a tier table: an array of {\"from\": ..., \"rate\": ...}, got " + type_name(v, pointer));
            return std::nullopt;
        }
        if (v.empty()) {
            issue("motiv.rule_error.208", pointer, "a tier table needs at least one tier");
            return std::nullopt;
        }
        if (!limit(v.size(), kMaxTiers, pointer, "tiers")) return std::nullopt;
        expr::TierTable t;
        bool ok = true;
        for (std::size_t i = 0; i < v.size(); ++i) {
            const std::string p = json_pointer_join(pointer, i);
            if (!object(v[i], p)) {
                ok = false;
                continue;
            }
            keys(v[i], p, {"from", "rate", "label"});
            const json* f = member(v[i], p, "from", true);
            const json* r = member(v[i], p, "rate", true);
            auto from = f ? value(*f, p + "/from", basis) : std::nullopt;
            auto rate = r ? value(*r, p + "/rate", Kind::ratio) : std::nullopt;
            if (!from || !rate) {
                ok = false;
                continue;
            }
            // An attainment or a count below zero does not exist: a tier "from -50%" paid commission
            // on zero revenue. A money basis may be negative (a base net of returns). A negative rate
            // turned a capped penalty into a payment (issue 17).
            if ((basis == Kind::ratio || basis == Kind::count) && from->is_negative()) {
                issue("motiv.rule_error.210", p + "/from", "expected a threshold >= 0, got " + from->to_string());
                ok = false;
            }
            if (rate->is_negative()) {
                issue("motiv.rule_error.210", p + "/rate", "expected a rate >= 0, got " + rate->to_string() + " (a cut is a penalty component)");
                ok = false;
            }
            if (!t.from.empty() && !(t.from.back() < *from)) {
                issue("motiv.rule_error.208", p + "/from", "tier thresholds must rise strictly: " + from->to_string() + " does not exceed " + t.from.back().to_string());
                ok = false;
            }
            t.from.push_back(*from);
            t.rate.push_back(*rate);
        }
        return ok ? std::optional<expr::TierTable>(std::move(t)) : std::nullopt;
    }

    // One version's value: a scalar of the parameter's kind, or a tier table.
    void version(Parameter& p, const json& v, const std::string& pointer, Date since) {
        Parameter::Version ver;
        ver.since = since;
        if (p.kind == Kind::tiers) {
            auto t = tiers(v, pointer, p.basis);
            if (!t) return;
            ver.table = std::move(*t);
        } else if (p.kind == Kind::curve) {
            auto t = curve(v, pointer, p.basis);
            if (!t) return;
            ver.table = std::move(*t);
            ver.table.extrapolate = curve_extrapolate_;
            ver.table.rounding = curve_rounding_;
        } else {
            auto d = value(v, pointer, p.kind);
            if (!d) return;
            ver.value = *d;
        }
        p.versions.push_back(std::move(ver));
    }

    // `value` is a plain value, or {"2026-01-01": v1, "2026-07-01": v2} for dated versions.
    void values(Parameter& p, const json& v, const std::string& pointer) {
        if (!v.is_object()) {
            version(p, v, pointer, Date(boost::gregorian::not_a_date_time));
            return;
        }
        if (v.empty()) issue("motiv.rule_error.202", pointer, "dated values need at least one date");
        if (!limit(v.size(), kMaxVersions, pointer, "dated values")) return;
        for (const auto& [date, val] : v.items()) {
            const std::string vp = json_pointer_join(pointer, date);
            auto d = parse_iso_date(date);
            if (!d) {
                issue("motiv.rule_error.207", vp, "expected a date YYYY-MM-DD as the key of a dated value, got '" + date + "'");
                continue;
            }
            version(p, val, vp, *d);
        }
        std::sort(p.versions.begin(), p.versions.end(), [](const auto& a, const auto& b) { return a.since < b.since; });
    }

    Parameter parameter(const std::string& name, const json& decl, const std::string& pointer, const json& overrides) {
        Parameter p;
        p.name = name;
        p.pointer = pointer;
        if (!is_path(name) || is_reserved(name))
            bad_name(pointer, "parameter name", name, ": use dotted names like hunter.commission.rate");
        if (!object(decl, pointer)) return p;
        keys(decl, pointer, {"type", "value", "unit", "description", "basis", "source", "beyond", "rounding"});
        const std::string type = nonempty(decl, pointer, "type", true);
        if (!type.empty()) {
            if (auto k = parse_kind(type)) p.kind = *k;
            else issue("motiv.rule_error.206", pointer + "/type", "unknown parameter type '" + type + "'; expected one of: money, number, count, ratio, tiers, curve");
        }
        if (p.kind == Kind::tiers || p.kind == Kind::curve) {
            if (p.kind == Kind::curve) p.basis = Kind::ratio;  // attainment, unless declared
            const std::string basis = nonempty(decl, pointer, "basis", false);
            if (!basis.empty()) {
                auto b = parse_kind(basis);
                if (!b || *b == Kind::tiers || *b == Kind::curve) issue("motiv.rule_error.206", pointer + "/basis", "unknown tier basis '" + basis + "'; expected money, number, count or ratio");
                else p.basis = *b;
            }
        } else if (decl.contains("basis")) {
            issue("motiv.rule_error.204", pointer + "/basis", "'basis' applies only to parameters of type tiers or curve");
        }
        curve_extrapolate_ = false;
        curve_rounding_ = expr::TierTable{}.rounding;
        if (p.kind == Kind::curve) curve_options(decl, pointer);
        else
            for (const char* k : {"beyond", "rounding"})
                if (decl.contains(k)) issue("motiv.rule_error.204", pointer + "/" + k, "'" + std::string(k) + "' applies only to parameters of type curve");
        p.unit = string(decl, pointer, "unit", false);
        p.description = text(decl, pointer, "description", false);
        if (overrides.is_object() && overrides.contains(name)) {
            values(p, overrides.at(name), json_pointer_join("/overrides", name));
        } else if (const json* v = member(decl, pointer, "value", true)) {
            values(p, *v, pointer + "/value");
        }
        return p;
    }

    Component component(const json& c, const std::string& pointer) {
        Component out;
        out.pointer = pointer;
        if (!object(c, pointer)) return out;
        keys(c, pointer, {"id", "kind", "label", "description", "amount", "rate", "of", "base", "tiers", "mode", "when", "cap", "floor", "rounding",
                          "quota", "measures", "multiplier", "minimum", "maximum", "prorate"});
        out.id = string(c, pointer, "id", true);
        if (c.contains("id") && (!is_identifier(out.id) || is_reserved(out.id)))
            bad_name(pointer + "/id", "component id", out.id, ": use letters, digits and _, starting with a letter");
        out.label = text(c, pointer, "label", false);
        if (out.label.empty()) out.label = out.id;
        out.description = text(c, pointer, "description", false);
        const std::string kind = nonempty(c, pointer, "kind", true);
        // Which keys each kind needs (true) or allows (false); anything else is refused.
        struct Shape { ComponentKind kind; std::vector<std::pair<const char*, bool>> fields; };
        static const std::vector<std::pair<std::string, Shape>> shapes = {
            {"fixed", {ComponentKind::fixed, {{"amount", true}}}},
            {"percent", {ComponentKind::percent, {{"rate", true}, {"of", true}}}},
            {"commission", {ComponentKind::commission, {{"base", true}, {"rate", false}, {"tiers", false}, {"mode", false}}}},
            {"penalty", {ComponentKind::penalty, {{"amount", false}, {"rate", false}, {"of", false}}}},
            {"formula", {ComponentKind::formula, {{"amount", true}}}},
            {"scorecard", {ComponentKind::scorecard, {{"of", true}, {"measures", true}, {"multiplier", false}}}},
            {"adjustment", {ComponentKind::adjustment, {{"minimum", false}, {"maximum", false}}}},
        };
        const Shape* shape = nullptr;
        for (const auto& [n, s] : shapes)
            if (n == kind) shape = &s;
        if (!shape) {
            if (!kind.empty()) issue("motiv.rule_error.206", pointer + "/kind", "unknown component kind '" + kind + "'; expected one of: fixed, percent, commission, penalty, formula, scorecard, adjustment");
            return out;
        }
        out.kind = shape->kind;
        for (const char* f : {"amount", "rate", "of", "base", "tiers", "mode", "measures", "multiplier", "minimum", "maximum"}) {
            const bool allowed = std::any_of(shape->fields.begin(), shape->fields.end(), [&](const auto& p) { return std::string_view(p.first) == f; });
            if (c.contains(f) && !allowed) issue("motiv.rule_error.204", json_pointer_join(pointer, f), "'" + std::string(f) + "' does not apply to a " + kind + " component");
        }
        auto field = [&](const char* key) -> std::optional<Formula> {
            bool required = false, allowed = false;
            for (const auto& [n, req] : shape->fields)
                if (std::string_view(n) == key) {
                    allowed = true;
                    required = req;
                }
            return allowed ? formula(c, pointer, key, required) : std::nullopt;
        };
        out.amount = field("amount");
        out.rate = field("rate");
        out.of = field("of");
        out.base = field("base");
        out.multiplier = field("multiplier");
        out.minimum = field("minimum");
        out.maximum = field("maximum");
        if (out.kind == ComponentKind::adjustment && !out.minimum && !out.maximum && !c.contains("minimum") && !c.contains("maximum"))
            issue("motiv.rule_error.202", pointer, "an adjustment needs 'minimum' (a guaranteed total) and/or 'maximum' (a payslip cap)");
        if (out.kind == ComponentKind::scorecard) {
            if (const json* ms = member(c, pointer, "measures", true)) measures(out, *ms, pointer + "/measures");
        }
        if (c.contains("quota")) {
            if (out.kind != ComponentKind::commission || !c.contains("tiers"))
                issue("motiv.rule_error.204", pointer + "/quota", "'quota' applies only to a commission with 'tiers' (a table by attainment of the quota)");
            else out.quota = formula(c, pointer, "quota", true);
        }
        if (const json* pr = member(c, pointer, "prorate", false)) {
            if (!pr->is_boolean()) issue("motiv.rule_error.201", pointer + "/prorate", "expected true or false, got " + type_name(*pr, pointer + "/prorate"));
            else out.prorate = pr->get<bool>();
        }
        if (out.kind == ComponentKind::commission) {
            const bool has_rate = c.contains("rate"), has_tiers = c.contains("tiers");
            if (has_rate == has_tiers) issue("motiv.rule_error.202", pointer, "a commission needs either 'rate' (flat) or 'tiers' (a tier table parameter), not both");
            if (has_tiers) {
                out.tiers = nonempty(c, pointer, "tiers", true);
                const std::string mode = c.contains("mode") ? nonempty(c, pointer, "mode", true) : "graduated";
                if (mode == "graduated") out.mode = TierMode::graduated;
                else if (mode == "retroactive") out.mode = TierMode::retroactive;
                else issue("motiv.rule_error.206", pointer + "/mode", "unknown commission mode '" + mode + "'; expected graduated (marginal) or retroactive (whole amount)");
            } else if (c.contains("mode")) {
                issue("motiv.rule_error.204", pointer + "/mode", "'mode' applies only with 'tiers'");
            }
        }
        if (out.kind == ComponentKind::penalty) {
            const bool amount = c.contains("amount"), cut = c.contains("rate") || c.contains("of");
            if (amount == cut || (cut && !(c.contains("rate") && c.contains("of"))))
                issue("motiv.rule_error.202", pointer, "a penalty needs either 'amount', or 'rate' and 'of' (a cut of another component)");
        }
        out.when = formula(c, pointer, "when", false);
        out.cap = formula(c, pointer, "cap", false);
        out.floor = formula(c, pointer, "floor", false);
        if (const json* r = member(c, pointer, "rounding", false)) out.rounding = rounding(*r, pointer + "/rounding");
        return out;
    }

    Role role(const std::string& name, const json& decl, const std::string& pointer) {
        Role r;
        r.name = name;
        r.pointer = pointer;
        if (!is_identifier(name)) bad_name(pointer, "role name", name, "");
        if (!object(decl, pointer)) return r;
        keys(decl, pointer, {"label", "description", "variables", "components", "attainment"});
        r.label = text(decl, pointer, "label", false);
        r.description = text(decl, pointer, "description", false);
        if (const json* a = member(decl, pointer, "attainment", false)) attainment(r, *a, pointer + "/attainment");
        if (const json* vars = member(decl, pointer, "variables", false); vars && object(*vars, pointer + "/variables")) {
            if (limit(vars->size(), kMaxVariablesPerRole, pointer + "/variables", "variables")) {
                for (const auto& [vn, vd] : vars->items()) {
                    const std::string vp = json_pointer_join(pointer + "/variables", vn);
                    if (!is_identifier(vn) || is_reserved(vn)) bad_name(vp, "variable name", vn, "");
                    Variable v;
                    v.name = vn;
                    v.pointer = vp;
                    std::optional<Formula> f;
                    if (vd.is_object()) {
                        keys(vd, vp, {"formula", "label", "description", "type"});
                        v.label = text(vd, vp, "label", false);
                        v.description = text(vd, vp, "description", false);
                        const std::string type = nonempty(vd, vp, "type", false);
                        if (!type.empty()) {
                            v.kind = parse_kind(type);
                            if (!v.kind || *v.kind == Kind::tiers || *v.kind == Kind::curve) {
                                issue("motiv.rule_error.206", vp + "/type", "unknown variable type '" + type + "'; expected money, number, count or ratio");
                                v.kind.reset();
                            }
                        }
                        f = formula(vd, vp, "formula", true);
                    } else {
                        json wrapper = json::object({{"formula", vd}});
                        f = formula(wrapper, vp, "formula", true);
                        if (f) f->pointer = vp;
                    }
                    if (f) {
                        v.formula = std::move(*f);
                        r.variables.push_back(std::move(v));
                    }
                }
            }
        }
        if (const json* comps = member(decl, pointer, "components", true)) {
            if (!comps->is_array()) issue("motiv.rule_error.201", pointer + "/components", "expected an array of components, got " + type_name(*comps, pointer + "/components"));
            else if (comps->empty()) issue("motiv.rule_error.202", pointer + "/components", "a role needs at least one component");
            else if (limit(comps->size(), kMaxComponentsPerRole, pointer + "/components", "components"))
                for (std::size_t i = 0; i < comps->size(); ++i)
                    r.components.push_back(component((*comps)[i], json_pointer_join(pointer + "/components", i)));
        }
        return r;
    }

    // One name, one meaning: inputs, parameters, variables and components of a role must not collide.
    void names(const Scheme& s) {
        std::set<std::string> global;
        for (const auto& in : s.inputs) global.insert(in.name);
        for (const auto& p : s.parameters)
            if (global.count(p.name)) issue("motiv.rule_error.303", p.pointer, "parameter '" + p.name + "' has the same name as an input");
        for (const auto& p : s.parameters) global.insert(p.name);
        for (const auto& r : s.roles) {
            std::set<std::string> local;
            for (const auto& v : r.variables) {
                if (global.count(v.name)) issue("motiv.rule_error.303", v.pointer, "variable '" + v.name + "' has the same name as an input or parameter");
                local.insert(v.name);
            }
            for (const auto& c : r.components) {
                if (c.id.empty()) continue;
                if (global.count(c.id) || local.count(c.id))
                    issue("motiv.rule_error.303", c.pointer + "/id", "duplicate id '" + c.id + "': already used by another component, variable, input or parameter");
                local.insert(c.id);
            }
        }
    }

#include "core/rules/loader_plan_sections.inc"

    bool curve_extrapolate_ = false;  // options of the curve parameter being read
    Rounding curve_rounding_;
};

}  // namespace

Scheme load_scheme(std::string_view text, const std::string& source, const Overrides& overrides) {
    std::set<std::string> numbers, override_numbers;
    const json root = parse_json_exact(text, source, &numbers);
    // Overrides are read as exactly as the file: through their JSON text.
    const bool overridden = !overrides.is_null() && !(overrides.is_object() && overrides.empty());
    const json ov = overridden ? parse_json_exact(overrides.dump(), "<overrides>", &override_numbers) : json::object();
    for (const auto& p : override_numbers) numbers.insert("/overrides" + p);  // the loader's pointers for them
    Scheme s = Loader(source, numbers).run(root, ov);
    load_periods(root, source, numbers, s);  // the "periods" section, once names can be checked
    // The hash names exactly what paid: the file's bytes, plus the overrides of a what-if.
    s.sha256 = io::sha256_hex(overridden ? std::string(text) + "\n//motiv-overrides " + ov.dump() : std::string(text));
    return s;
}

std::string read_rule_file(const std::string& path) {
    std::string text;
    try {
        text = io::read_file(path, kMaxRuleFileBytes + 1);
    } catch (const IoError& e) {
        // Too large is the size limit (104, as parse_json_exact says it), not an unreadable file.
        if (e.id() == "motiv.io_error.004") {
            std::error_code ec;
            const auto size = std::filesystem::file_size(path, ec);
            throw RuleError({Issue{"motiv.rule_error.104", path, "", 0, 0, "", "",
                                   "rule file too large: " + (ec ? "more than " + std::to_string(kMaxRuleFileBytes) : std::to_string(size)) +
                                       " bytes, the limit is " + std::to_string(kMaxRuleFileBytes), "", 0}});
        }
        throw RuleError({Issue{"motiv.rule_error.100", path, "", 0, 0, "", "", std::string("cannot read the rule file: ") + e.what(), "", 0}});
    }
    return text;
}

Scheme load_scheme_file(const std::string& path, const Overrides& overrides) {
    const std::string text = read_rule_file(path);
    return load_scheme(text, path, overrides);
}

}  // namespace motiv
