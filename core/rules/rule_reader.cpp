#include "core/rules/rule_reader.hpp"

#include <algorithm>
#include <cctype>

#include "core/rules/json_document.hpp"
#include "core/rules/loader.hpp"

namespace motiv {

bool is_identifier(std::string_view s) {
    if (s.empty() || s.size() > kMaxNameLength) return false;
    if (!(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

bool is_path(std::string_view s) {
    if (s.empty() || s.size() > kMaxNameLength) return false;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = s.find('.', start);
        if (!is_identifier(s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start))) return false;
        if (dot == std::string_view::npos) return true;
        start = dot + 1;
    }
}

void RuleReader::issue(const char* id, const std::string& pointer, const std::string& message, const std::string& expression, std::size_t col) {
    issues_.add(Issue{id, source_, pointer, 0, 0, "", "", message, expression, col});
}

std::string RuleReader::type_name(const json& j, const std::string& pointer) const {
    return numbers_.count(pointer) ? std::string("a number") : json_type_name(j);
}

bool RuleReader::object(const json& j, const std::string& pointer) {
    if (j.is_object()) return true;
    issue("motiv.rule_error.201", pointer, "expected an object, got " + type_name(j, pointer));
    return false;
}

void RuleReader::keys(const json& obj, const std::string& pointer, std::initializer_list<const char*> allowed) {
    for (const auto& [k, message] : unknown_keys(obj, allowed)) issue("motiv.rule_error.204", json_pointer_join(pointer, k), message);
    // A "description" is free text wherever it is allowed; sections that never read it still must
    // not take null or a list for one (issue 17: every key is valid or an issue).
    for (const char* k : allowed)
        if (std::string_view(k) == "description" && obj.contains(k)) {
            const std::string p = json_pointer_join(pointer, k);
            const json& d = obj.at(k);
            bool per_language = d.is_object() && !d.empty();  // {"en": ..., "ru": ...}: text() reads it
            if (per_language)
                for (const auto& [code, t] : d.items())
                    per_language = per_language && is_language_code(code) && t.is_string() && !numbers_.count(json_pointer_join(p, code));
            if (!per_language && (!d.is_string() || numbers_.count(p))) {
                issue("motiv.rule_error.201", p, "expected a description (a string, or one string per language), got " + type_name(d, p));
                said_.insert(p);
            }
        }
}

const RuleReader::json* RuleReader::member(const json& obj, const std::string& pointer, const char* key, bool required) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        if (required) issue("motiv.rule_error.202", json_pointer_join(pointer, key), std::string("missing required key '") + key + "'");
        return nullptr;
    }
    return &*it;
}

bool RuleReader::limit(std::size_t n, std::size_t max, const std::string& pointer, const char* what) {
    if (n <= max) return true;
    issue("motiv.rule_error.209", pointer, "too many " + std::string(what) + ": " + std::to_string(n) + ", the limit is " + std::to_string(max));
    return false;
}

std::string RuleReader::string(const json& obj, const std::string& pointer, const char* key, bool required) {
    const json* v = member(obj, pointer, key, required);
    if (!v) return {};
    const std::string p = json_pointer_join(pointer, key);
    if (said_.count(p)) return {};  // keys() refused it already
    if (!v->is_string() || numbers_.count(p)) {  // 2026.1 is a number even though the DOM holds its text
        issue("motiv.rule_error.201", p, "expected a string, got " + type_name(*v, p));
        return {};
    }
    return v->get<std::string>();
}

std::string RuleReader::nonempty(const json& obj, const std::string& pointer, const char* key, bool required) {
    std::string t = string(obj, pointer, key, required);
    const std::string p = json_pointer_join(pointer, key);
    if (t.empty() && obj.contains(key) && obj.at(key).is_string() && !numbers_.count(p))
        issue("motiv.rule_error.201", p, "expected a non-empty string, got an empty string");
    return t;
}

std::string RuleReader::text(const json& obj, const std::string& pointer, const char* key, bool required) {
    const json* v = member(obj, pointer, key, required);
    if (!v || !v->is_object()) return string(obj, pointer, key, required);
    const std::string p = json_pointer_join(pointer, key);
    if (said_.count(p)) return {};  // keys() refused it already
    const char* expected = "expected a text in each language, e.g. {\"en\": \"Salary\", \"ru\": \"Оклад\"}";
    if (v->empty()) {
        issue("motiv.rule_error.212", p, std::string(expected) + ", got an empty object");
        return {};
    }
    std::vector<std::pair<std::string, std::string>> by_lang;
    for (const auto& [code, t] : v->items()) {
        const std::string tp = json_pointer_join(p, code);
        if (!is_language_code(code)) issue("motiv.rule_error.212", tp, std::string(expected) + ": '" + code + "' is not a language code (two or three lowercase letters)");
        else if (!t.is_string() || numbers_.count(tp)) issue("motiv.rule_error.212", tp, std::string(expected) + ", got " + type_name(t, tp));
        else by_lang.emplace_back(code, t.get<std::string>());
    }
    if (by_lang.empty()) return {};
    std::string fallback = by_lang.front().second;
    for (const auto& [code, t] : by_lang)
        if (code == "en") fallback = t;
    texts_.add(p, std::move(by_lang));
    return fallback;
}

std::optional<Decimal> RuleReader::decimal(const json& v, const std::string& pointer, const std::string& what) {
    std::string text;
    if (v.is_string()) text = v.get<std::string>();
    else if (v.is_number_integer() || v.is_number_unsigned()) text = v.dump();
    else {
        issue("motiv.rule_error.201", pointer, "expected " + what + ", got " + json_type_name(v));
        return std::nullopt;
    }
    auto d = Decimal::parse(text);
    if (!d) {
        // Say why a number was refused: "1e30" is too large, "NaN" no number at all.
        const ParseFailure why = parse_failure(text);
        if (why == ParseFailure::out_of_range || why == ParseFailure::not_finite || why == ParseFailure::too_long)
            issue("motiv.rule_error.203", pointer, "expected " + what + ", got \"" + text + "\": " + describe(why));
        else
            issue("motiv.rule_error.203", pointer, "expected " + what + ", got \"" + text + "\" (an exact decimal with at most 9 places, e.g. \"0.15\" or \"15%\")");
    }
    return d;
}

std::string RuleReader::kind_noun(Kind k) {
    switch (k) {
        case Kind::money: return "money (e.g. \"45000.00\")";
        case Kind::count: return "a count (a whole number >= 0)";
        case Kind::ratio: return "a ratio (e.g. \"0.15\" or \"15%\")";
        default: return "a number";
    }
}

std::optional<Decimal> RuleReader::value(const json& v, const std::string& pointer, Kind kind, const std::string& what) {
    auto d = decimal(v, pointer, what.empty() ? kind_noun(kind) : what);
    if (!d) return std::nullopt;
    // "5%" of money is 0.05 roubles: never what an author meant (issue 17).
    if (kind == Kind::money && v.is_string() && v.get_ref<const std::string&>().find('%') != std::string::npos) {
        issue("motiv.rule_error.203", pointer, "expected " + (what.empty() ? kind_noun(kind) : what) + ", got a percentage \"" + v.get<std::string>() + "\"");
        return std::nullopt;
    }
    if (kind == Kind::money && d->places() > currency_.minor_units) {
        issue("motiv.rule_error.210", pointer, "expected money with at most " + std::to_string(currency_.minor_units) + " decimal places, got " + d->to_string());
        return std::nullopt;
    }
    if (kind == Kind::count && (!d->is_integer() || d->is_negative())) {
        issue("motiv.rule_error.210", pointer, "expected a count (a whole number >= 0), got " + d->to_string());
        return std::nullopt;
    }
    return d;
}

std::optional<Rounding> RuleReader::rounding(const json& r, const std::string& pointer) {
    if (!object(r, pointer)) return std::nullopt;
    keys(r, pointer, {"mode", "step"});
    Rounding out;
    bool ok = true;
    const std::string mode = nonempty(r, pointer, "mode", true);
    if (!mode.empty()) {
        if (auto m = parse_rounding_mode(mode)) out.mode = *m;
        else {
            issue("motiv.rule_error.206", pointer + "/mode", "unknown rounding mode '" + mode + "'; expected one of: " + rounding_mode_names());
            ok = false;
        }
    } else ok = false;
    if (const json* st = member(r, pointer, "step", true)) {
        auto d = decimal(*st, pointer + "/step", "a rounding step (e.g. \"0.01\")");
        if (d && (d->is_negative() || d->is_zero())) {
            issue("motiv.rule_error.210", pointer + "/step", "the rounding step must be greater than zero, got " + d->to_string());
            ok = false;
        } else if (d && d->places() > currency_.minor_units) {
            issue("motiv.rule_error.210", pointer + "/step", "the rounding step " + d->to_string() + " is finer than the currency's minor unit");
            ok = false;
        } else if (d) out.step = *d;
        else ok = false;
    } else ok = false;
    return ok ? std::optional<Rounding>(out) : std::nullopt;
}

}  // namespace motiv
