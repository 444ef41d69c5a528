// Reads JSON text into nlohmann::json without losing exactness, for untrusted rule files.
//
// nlohmann/json would turn 0.15 into a binary double; money must never pass through one. This SAX
// reader keeps every non-integer number as its literal text (a JSON string "0.15"), which the
// loader then parses exactly as a Decimal. It also refuses duplicate keys (nlohmann keeps the last
// one silently) and nesting deeper than kMaxJsonDepth, and reports syntax errors with line and column.
#pragma once

#include <nlohmann/json.hpp>
#include <initializer_list>
#include <set>
#include <utility>
#include <vector>
#include <string>
#include <string_view>

namespace motiv {

inline constexpr std::size_t kMaxJsonDepth = 64;
inline constexpr std::size_t kMaxRuleFileBytes = 4u << 20;  // 4 MiB

// Throws RuleError (motiv.rule_error.101 syntax, .102 duplicate key, .103 too deep, .104 too large),
// naming `source`, the line and column (syntax) or the JSON pointer (duplicate key).
// Objects keep the file's key order (ordered_json): roles, inputs and parameters are listed, and
// payroll columns appear, in the order the author wrote them.
// `number_texts`, when given, receives the JSON pointers of those non-integer number literals: the
// DOM holds them as strings, so this is how a reader tells 2026.1 from "2026.1" where only a string
// will do (a scheme's version, a unit) and names the type it found.
// `max_bytes`: the size limit (rule_error.104); other untrusted JSON (logs) sets its own.
nlohmann::ordered_json parse_json_exact(std::string_view text, const std::string& source, std::set<std::string>* number_texts = nullptr,
                                        std::size_t max_bytes = kMaxRuleFileBytes);

// "/roles/hunter" + "components" -> "/roles/hunter/components" (escapes ~ and / per RFC 6901).
std::string json_pointer_join(const std::string& base, std::string_view token);
std::string json_pointer_join(const std::string& base, std::size_t index);

// For each key of `obj` that is not in `allowed`: the message "unknown key 'k'; expected one of: a, b"
// with the key, so that every reader of a rule file refuses misspelt keys with the same words.
std::vector<std::pair<std::string, std::string>> unknown_keys(const nlohmann::ordered_json& obj, std::initializer_list<const char*> allowed);
// The same for plain nlohmann::json (a carried state).
std::vector<std::pair<std::string, std::string>> unknown_keys(const nlohmann::json& obj, std::initializer_list<const char*> allowed);

// "a string", "a number", "an object"... for "expected X, got Y" messages.
std::string json_type_name(const nlohmann::ordered_json& j);
// The same for plain nlohmann::json (a carried state): without it, a call would convert -- copy,
// recursively -- the whole value to ordered_json, overflowing the stack on deep nesting.
std::string json_type_name(const nlohmann::json& j);
std::string json_type_name(nlohmann::json::value_t type);

}  // namespace motiv
