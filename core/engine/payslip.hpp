// A payslip: the lines of one person's pay for one period, each with its explanation.
//
// Amounts are exact: each line is held in minor units (kopecks) after its one declared rounding,
// and the total is the sum of the lines, so the lines always add up to the total.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/engine/explanation.hpp"
#include "core/money/decimal.hpp"

namespace motiv {

struct PayLine {
    std::string component;  // component id
    std::string label;
    std::string kind;       // fixed, percent, commission, penalty, formula
    std::string pointer;    // JSON pointer of the rule
    std::int64_t minor = 0; // amount in minor units
    Decimal amount;         // the same amount as a Decimal
    bool applied = true;    // false when the `when` condition did not hold (amount 0)
    std::string summary;    // one-line explanation
    Explanation explanation;
};

struct Payslip {
    std::string person;
    std::string name;
    std::string role;
    std::string period;          // "2026-10"
    std::string scheme;          // scheme name
    std::string version;         // scheme version
    std::string rules_sha256;    // SHA-256 of the rule file the pay was computed with
    std::string currency;
    int minor_units = 2;
    std::vector<PayLine> lines;
    std::int64_t total_minor = 0;
    Decimal total;
    std::vector<std::pair<std::string, Decimal>> inputs;  // the inputs the role read, as used

    [[nodiscard]] const PayLine* line(std::string_view component) const;
    [[nodiscard]] nlohmann::json to_json() const;
    // A readable statement: header, each line with its summary, the total.
    [[nodiscard]] std::string to_text(bool with_trees = false) const;
};

}  // namespace motiv
