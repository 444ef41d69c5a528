// A pay statement as plain text for the terminal (`motiv explain --lang en|ru`).
#pragma once

#include <string>

#include "apps/export/statement.hpp"

namespace motiv::exports {

// Header (period as a month, person, role), every line with its amount, description and inputs, the
// total, the KPIs against their norms and the tiers; then the technical footer (scheme, version,
// SHA-256 of rules and data, each line's rule, pointer and formula, the norms' parameters).
// UTF-8, "\n" line ends.
std::string statement_text(const Statement& st, Lang lang);

}  // namespace motiv::exports
