// A Scheme compiled once into one Program per role: load once, evaluate many.
//
// Compilation resolves every name in every formula (inputs, parameters, role variables, other
// components, in any order), checks types (money vs number vs condition), finds cycles, and lowers
// each component to instructions: kind formula -> cap/floor -> one rounding -> `when`. Errors are
// collected across the whole file and thrown as one RuleError with JSON pointers and columns.
// The result is immutable and shared: compute as many payslips from it as you like, from any thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/period.hpp"
#include "core/expr/compiler.hpp"
#include "core/expr/program.hpp"
#include "core/rules/scheme.hpp"

namespace motiv {

// One formula field of a component ("when", "rate", "of", ...) as compiled.
struct CompiledField {
    std::string name;
    const Formula* formula = nullptr;
    expr::CompiledFormula code;
};

// One measure of a scorecard as compiled: score = 0 below threshold, else min(actual / target, cap).
struct CompiledMeasure {
    const Component::Measure* rule = nullptr;
    expr::Slot actual = 0, target = 0, weight = 0, score = 0, weighted = 0;
    std::optional<expr::Slot> threshold, cap;
};

struct CompiledComponent {
    const Component* rule = nullptr;
    std::vector<CompiledField> fields;  // in the order when, amount, rate, of, base, cap, floor
    expr::Slot raw = 0;       // the kind's formula, before cap and floor
    expr::Slot bounded = 0;   // after cap and floor
    expr::Slot rounded = 0;   // after the one rounding (negated for a penalty)
    expr::Slot result = 0;    // the line amount: `rounded`, or zero when `when` is false
    std::optional<expr::Slot> when;
    std::optional<std::size_t> tiers;  // parameter index of the tier table
    std::optional<expr::Slot> quota;   // commission by attainment: the quota that scales the tiers
    std::vector<CompiledMeasure> measures;  // scorecard
    expr::Slot score = 0;                   // scorecard: the weighted score (times the multiplier)
    expr::Slot above = 0;                   // adjustment: the sum of the lines above it
    std::optional<expr::Slot> prorata;      // prorated: the share of the period; `raw` includes it
    expr::Slot unprorated = 0;              // prorated: the amount before the share
    std::uint32_t rounding = 0;        // index into the program's roundings
    [[nodiscard]] const CompiledField* field(std::string_view name) const;
};

struct CompiledVariable {
    const Variable* rule = nullptr;
    expr::CompiledFormula code;
};

struct CompiledRole {
    const Role* rule = nullptr;
    expr::Program program;
    std::vector<std::pair<std::size_t, expr::Slot>> inputs;  // scheme input index -> slot
    std::vector<std::pair<std::size_t, expr::Slot>> params;  // scalar parameter index -> slot
    std::vector<std::size_t> required_inputs;                // inputs this role reads that a row must give
    std::vector<CompiledVariable> variables;                 // in evaluation order
    std::vector<CompiledComponent> components;               // payslip order
    [[nodiscard]] const CompiledVariable* variable(std::string_view name) const;
    [[nodiscard]] const CompiledComponent* component(std::string_view id) const;
};

// Parameter values in force for one period, indexed by parameter index.
struct BoundParameters {
    Period period;
    std::vector<Decimal> values;          // scalars (zero for tier tables)
    std::vector<expr::TierTable> tables;  // tier tables (empty for scalars)
};

class CompiledScheme {
public:
    // Compiles a loaded scheme; throws RuleError listing every problem found.
    static std::shared_ptr<const CompiledScheme> compile(Scheme scheme);

    // The compiled roles point into scheme_ (each CompiledRole::rule, CompiledComponent::rule ...):
    // a copy or a move would leave them pointing into the original. It is shared, never copied.
    CompiledScheme(const CompiledScheme&) = delete;
    CompiledScheme& operator=(const CompiledScheme&) = delete;
    CompiledScheme(CompiledScheme&&) = delete;
    CompiledScheme& operator=(CompiledScheme&&) = delete;
    ~CompiledScheme() = default;

    [[nodiscard]] const Scheme& scheme() const { return scheme_; }
    [[nodiscard]] const std::vector<CompiledRole>& roles() const { return roles_; }
    // nullptr for an unknown role.
    [[nodiscard]] const CompiledRole* role(std::string_view name) const;
    // The values in force on the period's first day; RuleError if a parameter has none then.
    [[nodiscard]] BoundParameters bind(const Period& period) const;

private:
    explicit CompiledScheme(Scheme s) : scheme_(std::move(s)) {}
    Scheme scheme_;
    std::vector<CompiledRole> roles_;
};

}  // namespace motiv
