// Explanations: how every amount was derived, as a tree (JSON) and as text.
//
// Each node names what it is (a component, a field such as "rate", a sub-formula, an input or a
// parameter), the formula, the value, and the JSON pointer of the rule it comes from. A line's
// one-line summary reads like "bonus = operator.bonus.rate 15% * salary 60,000.00 = 9,000.00".
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace motiv {

struct Explanation {
    std::string label;    // "bonus", "rate", "talk_per_day", "operator.gate.calls"
    std::string formula;  // the formula as written, empty for plain values
    std::string detail;   // the formula with values substituted
    std::string value;    // the value, formatted ("9,000.00", "15%", "true")
    std::string pointer;  // JSON pointer of the rule, input or parameter declaration
    std::vector<Explanation> children;

    [[nodiscard]] nlohmann::json to_json() const;
    // Indented tree, one node per line.
    [[nodiscard]] std::string to_text(int indent = 0) const;
};

}  // namespace motiv
