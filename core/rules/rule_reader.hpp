// What every reader of a rule-file section shares: collecting issues, the "expected X, got Y" words,
// refusing unknown keys, reading members, strings and exact values of a declared kind.
//
// The main loader (rules/loader.cpp), the "periods" section's reader (rules/load_periods.cpp) and
// the "logs" section's (rules/load_logs.cpp) derive from RuleReader, so that a rule file's errors
// read the same wherever they are found and each check has one implementation. Issues are collected; the reader throws them all at once.
#pragma once

#include <nlohmann/json.hpp>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/errors.hpp"
#include "core/money/decimal.hpp"
#include "core/money/rounding.hpp"
#include "core/rules/scheme.hpp"
#include "core/rules/translations.hpp"

namespace motiv {

// A name of letters, digits and _, starting with a letter or _, at most kMaxNameLength characters.
bool is_identifier(std::string_view s);
// "hunter.commission.rate": identifiers joined by dots (a parameter's name).
bool is_path(std::string_view s);

class RuleReader {
protected:
    using json = nlohmann::ordered_json;

    // `numbers`: pointers of the non-integer number literals, which the DOM holds as text.
    RuleReader(std::string source, const std::set<std::string>& numbers) : source_(std::move(source)), numbers_(numbers) {}

    void issue(const char* id, const std::string& pointer, const std::string& message, const std::string& expression = "", std::size_t col = 0);

    // json_type_name, except that a number literal kept as text is "a number", not "a string".
    [[nodiscard]] std::string type_name(const json& j, const std::string& pointer) const;

    // An object, or issue rule_error.201.
    bool object(const json& j, const std::string& pointer);

    // Refuses unknown keys (rule_error.204): a misspelt "reqired" must not be ignored silently; and
    // an allowed "description" that is not a string (rule_error.201), read or not.
    void keys(const json& obj, const std::string& pointer, std::initializer_list<const char*> allowed);

    // obj[key], or nullptr (and rule_error.202 when `required`).
    const json* member(const json& obj, const std::string& pointer, const char* key, bool required);

    // n <= max, or issue rule_error.209 "too many <what>".
    bool limit(std::size_t n, std::size_t max, const std::string& pointer, const char* what);

    // A string (2026.1 is a number even though the DOM holds its text), or rule_error.201 and "".
    // Only for free text (a description, a label, a unit), where "" is a value like any other.
    std::string string(const json& obj, const std::string& pointer, const char* key, bool required);

    // A non-empty string: a name, a kind, a mode, a reference. "" when absent or refused, and a present
    // "" is refused (rule_error.201), so a caller may read "" as "not given": an empty value can never
    // fall back to a default silently (issue 17: "kind": "" crashed, "tiers": "" paid nothing).
    std::string nonempty(const json& obj, const std::string& pointer, const char* key, bool required);
    // A text shown to people (a label, a description): a string, or one string per language
    // ({"en": "Salary", "ru": "Оклад"}; rule_error.212 otherwise), whose texts are kept in texts_.
    // Returns the default text: "en" when given, else the first language written; "" when absent.
    std::string text(const json& obj, const std::string& pointer, const char* key, bool required);

    // An exact decimal written as a JSON string ("0.15", "12.5%") or a number (floats keep their text).
    std::optional<Decimal> decimal(const json& v, const std::string& pointer, const std::string& what);

    // "money (e.g. \"45000.00\")", "a ratio (e.g. ...)": what a value of kind `k` looks like.
    [[nodiscard]] static std::string kind_noun(Kind k);

    // A value of a declared kind: money has at most the currency's places, a count is whole and >= 0.
    // `what` replaces kind_noun(kind) in the message when the value is no decimal at all.
    std::optional<Decimal> value(const json& v, const std::string& pointer, Kind kind, const std::string& what = "");

    // {"mode": M, "step": S}: a rounding no finer than the currency's minor unit, or nullopt with
    // the issues said (rule_error.206 an unknown mode, .210 a step <= 0 or too fine).
    std::optional<Rounding> rounding(const json& r, const std::string& pointer);

    std::string source_;
    const std::set<std::string>& numbers_;
    Currency currency_;  // for money values: set once the file's currency is known
    IssueCollector<RuleError> issues_;
    std::set<std::string> said_;  // pointers of descriptions keys() refused, so string() does not repeat it
    Translations texts_;  // the per-language texts text() read
};

}  // namespace motiv
