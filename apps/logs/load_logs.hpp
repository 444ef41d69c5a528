// Reads the "logs" section (and the "calendar") of a rule file into logs::LogRules.
//
// The section is optional in a rule file; a file without it cannot be paid from logs
// (motiv.rule_error.270 names the file). Every problem is collected and thrown as one RuleError with
// JSON pointers, like the scheme loader: .270 missing section, .271 wrong type or unknown key,
// .272 a bad value (a negative day count, a bad date, an unknown rounding mode), .273 a reference
// to something that does not exist (a role, a scheme input, a KPI, a client group).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "apps/logs/log_rules.hpp"
#include "core/rules/scheme.hpp"

namespace motiv {

// `scheme` is the scheme loaded from the same text: the feed must name its roles and inputs.
logs::LogRules load_log_rules(std::string_view text, const std::string& source, const Scheme& scheme);
logs::LogRules load_log_rules_file(const std::string& path, const Scheme& scheme);
// The same, nullopt when the file has no "logs" section (motiv validate checks it when present).
std::optional<logs::LogRules> load_log_rules_if_any(std::string_view text, const std::string& source, const Scheme& scheme);

// The top-level keys this file reads, which the scheme loader lets through.
inline constexpr const char* kLogsKey = "logs";
inline constexpr const char* kCalendarKey = "calendar";

}  // namespace motiv
