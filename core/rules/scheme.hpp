// The rule model: a pay scheme as read from a rule file, before compilation.
//
// Plain data, validated by the loader (rules/loader.hpp). Every element keeps the JSON pointer it
// came from, so any later error or explanation can say where in the file a rule lives.
// See the README, "Rule file format", for the JSON shape of each element.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/calendar/period.hpp"
#include "core/expr/ast.hpp"
#include "core/expr/program.hpp"
#include "core/money/decimal.hpp"
#include "core/money/rounding.hpp"
#include "core/rules/period_rules.hpp"

namespace motiv {

// Declared type of an input or a parameter. count and ratio are numbers with extra checks:
// a count is a whole number >= 0; a ratio is a number (0.15 = 15%).
enum class Kind { money, number, count, ratio, tiers };
const char* to_string(Kind k);
std::optional<Kind> parse_kind(std::string_view name);
// The expression type a declared kind has in formulas.
expr::ValueType value_type(Kind k);

struct Currency {
    std::string code = "RUB";  // ISO 4217 code, informational
    int minor_units = 2;       // decimal places of the minor unit (kopecks: 2)
};

// A formula as written in the file, parsed once.
struct Formula {
    std::string pointer;  // JSON pointer of the string in the file
    expr::Ast ast;
};

// A per-person value supplied by the data (a KPI, a deal total...).
struct InputDecl {
    std::string name;
    Kind kind = Kind::number;
    std::string unit;
    std::string description;
    bool required = true;                  // a row must give it (when the role uses it)
    std::optional<Decimal> default_value;  // used when the row leaves it empty
    std::optional<Decimal> min, max;       // accepted range, inclusive
    std::string pointer;
};

// A named figure of the scheme (rate, norm, deadline, tier table), overridable by name in what-ifs.
// A value may carry dated versions: the one in force for a period is the latest dated on or before
// the period's first day.
struct Parameter {
    std::string name;  // dotted path, e.g. "hunter.commission.tiers"
    Kind kind = Kind::number;
    Kind basis = Kind::money;  // for tiers: what the thresholds measure
    std::string unit;
    std::string description;
    std::string pointer;
    struct Version {
        Date since;                 // not_a_date_time for an undated value (always in force)
        Decimal value;              // for scalars
        expr::TierTable table;      // for tiers
    };
    std::vector<Version> versions;  // sorted by `since`, undated first
};

enum class ComponentKind { fixed, percent, commission, penalty, formula };
const char* to_string(ComponentKind k);
enum class TierMode { flat, graduated, retroactive };
const char* to_string(TierMode m);

// One line of a payslip and the rule that computes it.
//   fixed:      amount
//   percent:    rate x of
//   commission: rate x base (flat), or base through the tier table `tiers` (graduated / retroactive)
//   penalty:    -(amount), or a cut of another component: -(rate x of)
//   formula:    amount (any money formula, may be negative)
// Then for all kinds: cap and floor bound the amount (the magnitude for a penalty), the amount is
// rounded once by the component's rounding (or the scheme's), and it is zero unless `when` holds.
struct Component {
    std::string id;
    std::string label;
    std::string description;
    std::string pointer;
    ComponentKind kind = ComponentKind::fixed;
    TierMode mode = TierMode::flat;
    std::optional<Formula> amount, rate, of, base, when, cap, floor;
    std::string tiers;  // parameter name of the tier table (commission graduated/retroactive)
    std::optional<Rounding> rounding;
};

// A named intermediate value of a role ("talk_per_day"), usable in its formulas.
struct Variable {
    std::string name;
    std::string description;
    Formula formula;
    std::string pointer;
};

struct Role {
    std::string name;
    std::string description;
    std::string pointer;
    std::vector<Variable> variables;
    std::vector<Component> components;  // payslip order
};

struct Scheme {
    std::string name;
    std::string version;
    std::string description;
    Currency currency;
    Rounding rounding;
    std::vector<InputDecl> inputs;
    std::vector<Parameter> parameters;
    std::vector<Role> roles;
    PeriodRules periods;  // the optional "periods" section: carried state across periods

    std::string source;  // file path or "<string>"
    std::string sha256;  // of the file's bytes (plus the overrides, for a what-if): a payslip names exactly the rules it used

    [[nodiscard]] const Role* find_role(std::string_view name) const;
    [[nodiscard]] const InputDecl* find_input(std::string_view name) const;
    [[nodiscard]] const Parameter* find_parameter(std::string_view name) const;
};

}  // namespace motiv
