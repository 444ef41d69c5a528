// The figures of a rule file's "periods" section (rules/period_rules.hpp: Figure) as they stand in
// one period: a literal as written, a parameter with its value in force for the period -- the same
// binding the engine uses (CompiledScheme::bind), so dated values and what-if overrides apply.
// Explanations name the parameter with its value, as the engine shows a parameter in a formula.
#pragma once

#include <string>

#include "core/engine/compiled_scheme.hpp"
#include "core/engine/explanation.hpp"
#include "core/rules/period_rules.hpp"

namespace motiv::periods {

class Figures {
public:
    // `params` must be bound from `scheme` (its values are indexed like Scheme::parameters).
    Figures(const Scheme& scheme, const BoundParameters& params) : s_(scheme), params_(params) {}

    [[nodiscard]] Decimal value(const Figure& f) const;
    // A count figure (days, periods): the loader bounded it, so it fits an int.
    [[nodiscard]] int count(const Figure& f) const;

    // `shown` (the value as the line shows it) for a literal; "hunter.draw.amount 45,000.00" for a parameter.
    [[nodiscard]] std::string show(const Figure& f, const std::string& shown) const;
    // An amount figure shown in the currency: "40,000.00" or "hunter.draw.amount 45,000.00".
    [[nodiscard]] std::string money(const Figure& f) const;

    // A leaf "label = shown" pointing at the figure; for a parameter, at its declaration, naming it
    // and the date its value is in force from.
    [[nodiscard]] Explanation fact(const std::string& label, const Figure& f, const std::string& shown) const;

    [[nodiscard]] int minor_units() const { return s_.currency.minor_units; }
    [[nodiscard]] const BoundParameters& params() const { return params_; }

private:
    const Scheme& s_;
    const BoundParameters& params_;
};

}  // namespace motiv::periods
