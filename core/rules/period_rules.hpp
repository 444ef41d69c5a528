// The "periods" section of a rule file: what happens across pay periods, as plain data.
//
// Read by rules/load_periods.cpp, applied by apps/periods/ (one concept per file there). Every
// figure -- draw amounts, recovery limits, clawback windows and floors, advance rates, override
// shares -- is declared here, never in code, either as a literal or as the name of a parameter (so
// that it can carry dated values and be changed by a what-if override). Each rule keeps its JSON
// pointer for explanations.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/money/decimal.hpp"

namespace motiv {

// A figure of the "periods" section: a literal, or a parameter of the scheme whose value in force
// for the period being paid applies (periods/figure.hpp resolves it). The loader has checked the
// parameter's kind and that every dated value of it is in the figure's range.
struct Figure {
    Decimal literal;            // when `parameter` is empty
    std::string parameter;      // the parameter's name; "" for a literal
    std::size_t index = 0;      // the parameter's index in Scheme::parameters (= in BoundParameters)
    std::string pointer;        // of the figure in the rule file, e.g. "/periods/draws/hunter/amount"
};

// A draw for one role: each period the person is paid at least `amount` (the period's pay so far,
// after clawbacks). Recoverable: the top-up is an advance, recovered from later pay above `amount`
// (at most `recovery_limit` per period), forgiven once outstanding `forgive_after` periods, or when
// the person leaves if `forgive_on_leaving`. Non-recoverable: a guarantee, never recovered.
struct DrawRule {
    enum class Kind { recoverable, non_recoverable };
    std::string role;
    std::string pointer;
    Kind kind = Kind::recoverable;
    Figure amount;                        // money
    std::optional<Figure> recovery_limit; // money
    std::optional<Figure> forgive_after;  // a count of periods, 1 to kMaxForgiveAfter
    bool forgive_on_leaving = false;
};

// Clawbacks for one role: a deal cancelled at most `within_days` after its payment takes back
// what it earned -- the `components` paid for its period minus the same components recomputed with
// `input` reduced by the deal's amount -- never taking the period's pay below `floor`; the rest is
// carried forward to the next periods.
struct ClawbackRule {
    std::string role;
    std::string pointer;
    std::string input;                    // the input the deal's amount counted in ("revenue")
    std::vector<std::string> components;  // the lines it earned ("commission")
    Figure within_days;  // a count of days, 0 to kMaxClawbackDays
    Figure floor;        // money
};

// A quarterly or annual bonus paid by monthly advances and trued up at the span's end. The amount
// is what role `computed_by` pays on the span's totals (`totals` inputs summed over the span's
// months so far, other inputs as in the current month). Each month pays `advance` x the amount so
// far minus the advances already paid (never negative); the span's last month pays the amount minus
// all advances. A negative true-up is recovered (`recover`) or written off (`forgive`).
struct BonusRule {
    enum class Span { quarter, year };
    enum class Negative { recover, forgive };
    std::string id;
    std::string label;
    std::string pointer;
    std::string role;         // who is paid
    std::string computed_by;  // the role whose components compute the bonus
    Span every = Span::quarter;
    std::vector<std::string> totals;
    Figure advance;           // ratio (0 to 1) of the amount so far paid monthly; 0 = no advances
    Negative negative = Negative::recover;
};

// A manager's override: `share` of the team's result, the members being the people whose
// `manager` column names the manager; `of` is a component id of the members' payslips or "total".
struct TeamOverrideRule {
    std::string id;
    std::string label;
    std::string pointer;
    std::string role;  // the managers' role
    Figure share;  // ratio, 0 to 1
    std::string of;
};

struct PeriodRules {
    std::vector<DrawRule> draws;          // at most one per role
    std::vector<ClawbackRule> clawbacks;  // at most one per role
    std::vector<BonusRule> bonuses;
    std::vector<TeamOverrideRule> team_overrides;

    [[nodiscard]] const DrawRule* draw(std::string_view role) const {
        for (const auto& d : draws)
            if (d.role == role) return &d;
        return nullptr;
    }
    [[nodiscard]] const ClawbackRule* clawback(std::string_view role) const {
        for (const auto& c : clawbacks)
            if (c.role == role) return &c;
        return nullptr;
    }
};

}  // namespace motiv
