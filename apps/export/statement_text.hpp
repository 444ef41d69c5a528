// A pay statement as plain text for the terminal (`motiv explain --lang en|ru`).
#pragma once

#include <string>

#include "apps/export/statement.hpp"

namespace motiv::exports {

// Header (person, period, scheme, SHA-256 of rules and data), every line with its amount, rule,
// formula and inputs, the total, the KPIs against their norms and the tiers. UTF-8, "\n" line ends.
std::string statement_text(const Statement& st, Lang lang);

}  // namespace motiv::exports
