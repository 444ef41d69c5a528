// The rule model: a pay scheme as read from a rule file, before compilation.
//
// Plain data, validated by the loader (rules/loader.hpp). Every element keeps the JSON pointer it
// came from, so any later error or explanation can say where in the file a rule lives.
// See docs/rule-files.md for the JSON shape of each element.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/calendar/period.hpp"
#include "core/calendar/working_calendar.hpp"
#include "core/expr/ast.hpp"
#include "core/expr/program.hpp"
#include "core/money/decimal.hpp"
#include "core/money/rounding.hpp"
#include "core/rules/period_rules.hpp"
#include "core/rules/translations.hpp"

namespace motiv {

// Declared type of an input or a parameter. count and ratio are numbers with extra checks:
// a count is a whole number >= 0; a ratio is a number (0.15 = 15%).
// A curve is a pay curve: points (attainment -> share of target) joined by straight lines.
enum class Kind { money, number, count, ratio, tiers, curve };
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
    std::string label;  // what a statement calls it ("Cold calls"); empty: the name
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
    Kind basis = Kind::money;  // for tiers and curves: what the thresholds (x of the points) measure
    std::string unit;
    std::string description;
    std::string pointer;
    struct Version {
        Date since;                 // not_a_date_time for an undated value (always in force)
        Decimal value;              // for scalars
        expr::TierTable table;      // for tiers and curves (a curve's points: from = x, rate = y)
    };
    std::vector<Version> versions;  // sorted by `since`, undated first
};

enum class ComponentKind { fixed, percent, commission, penalty, formula, scorecard, adjustment };
const char* to_string(ComponentKind k);
enum class TierMode { flat, graduated, retroactive };
const char* to_string(TierMode m);

// One line of a payslip and the rule that computes it.
//   fixed:      amount
//   percent:    rate x of
//   commission: rate x base (flat), or base through the tier table `tiers` (graduated / retroactive)
//   penalty:    -(amount), or a cut of another component: -(rate x of)
//   formula:    amount (any money formula, may be negative)
//   scorecard:  of x sum(weight x score of each measure) [x multiplier], a measure's score being
//               0 below its threshold, else actual / target, at most its cap
//   adjustment: brings the sum of the lines above it within [minimum, maximum]: a top-up to a
//               guaranteed minimum (positive) or a payslip cap (negative)
// With `prorate`, the amount is multiplied by the person's share of the period (Scheme::proration).
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
    std::optional<Formula> quota;             // commission: tiers by attainment of this quota
    std::optional<Formula> multiplier;        // scorecard: e.g. script compliance 0..1
    std::optional<Formula> minimum, maximum;  // adjustment: bounds of the payslip total
    std::string tiers;  // parameter name of the tier table (commission graduated/retroactive)
    std::optional<Rounding> rounding;
    bool prorate = false;
    struct Measure {
        std::string id;
        std::string pointer;
        Formula actual, target, weight;
        std::optional<Formula> threshold, cap;
    };
    std::vector<Measure> measures;  // scorecard
};

// A named intermediate value of a role ("talk_per_day"), usable in its formulas.
struct Variable {
    std::string name;
    std::string label;  // what a statement calls it; empty: the name
    std::string description;
    Formula formula;
    std::string pointer;
    std::optional<Kind> kind;  // declared display kind ("ratio" shows 1.12 as 112%)
};

struct Role {
    std::string name;
    std::string label;  // what a statement calls it ("Operator"); empty: the name
    std::string description;
    std::string pointer;
    std::vector<Variable> variables;
    std::vector<Component> components;  // payslip order
};

// How a person who joins, leaves or changes role within a period is paid: components marked
// `prorate` are multiplied by the share of the period's days (calendar or working days) the person
// was in the role, computed to 9 decimal places (half-even). The share is the built-in input
// `prorata` (ratio, default 1): given directly, or computed from a row's start_date / end_date.
struct Proration {
    enum class Basis { calendar_days, working_days } basis = Basis::calendar_days;
    WorkingCalendar calendar = WorkingCalendar::five_day_week();
    std::string pointer;
    std::size_t input = 0;  // index of the built-in input `prorata` in Scheme::inputs
};

// Declared on-target earnings of a role: what it pays at 100% attainment (the inputs given), and
// the share of that which is fixed (components of kind fixed). `motiv validate` checks both.
struct OnTarget {
    std::string role;
    std::string pointer;
    Period period;  // the period whose parameters the check uses
    Decimal earnings;
    std::optional<Decimal> fixed_share;
    Decimal tolerance;  // a ratio: 0.01 accepts 1% either way
    std::vector<std::pair<std::string, Decimal>> inputs;
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
    std::optional<Proration> proration;
    std::vector<OnTarget> on_target;
    PeriodRules periods;  // the optional "periods" section: carried state across periods
    Translations texts;   // labels and descriptions given per language, by JSON pointer (translations.hpp)

    std::string source;  // file path or "<string>"
    std::string sha256;  // of the file's bytes (plus the overrides, for a what-if): a payslip names exactly the rules it used

    [[nodiscard]] const Role* find_role(std::string_view name) const;
    [[nodiscard]] const InputDecl* find_input(std::string_view name) const;
    [[nodiscard]] const Parameter* find_parameter(std::string_view name) const;
};

}  // namespace motiv
