#include "core/engine/compute.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/engine/outside_period.hpp"
#include "core/engine/proration.hpp"
#include "core/errors.hpp"

namespace motiv {

using expr::NodeKind;
using expr::Slot;
using expr::ValueType;

std::string format_value(Decimal v, ValueType type, Kind kind, int minor_units) {
    if (type == ValueType::boolean) return v.is_zero() ? "false" : "true";
    if (type == ValueType::money) return v.to_display(minor_units);
    if (kind == Kind::ratio) {
        Fault f = Fault::none;
        const Decimal pct = Decimal::mul(v, Decimal::from_int(100), f);
        if (f == Fault::none && pct.places() <= 7) return pct.to_string() + "%";
    }
    return v.to_display(0);
}

namespace {

// Fault codes are values, not bit flags (program.hpp): domain (3) is not "overflow | division".
const char* fault_text(std::uint8_t f) {
    if (f == static_cast<std::uint8_t>(Fault::division_by_zero)) return "division by zero";
    if (f == static_cast<std::uint8_t>(Fault::overflow)) return "amount out of range (overflow)";
    return "invalid operation";
}

// Reads values back from a one-lane frame and turns formulas into explanations.
class Explainer {
public:
    Explainer(const CompiledScheme& cs, const CompiledRole& role, const BoundParameters& params, const expr::Frame& frame)
        : s_(cs.scheme()), role_(role), params_(params), frame_(frame) {
        // Every name a formula may use, looked up once per node: scanning the scheme's lists instead
        // cost (names in formulas) x (inputs + parameters) per payslip, minutes for a large scheme.
        // The first of a name wins, as the scans did (the loader refuses duplicates anyway).
        auto first = [](auto*& slot, auto* what) { if (!slot) slot = what; };
        for (const auto& in : s_.inputs) first(names_[in.name].input, &in);
        for (const auto& p : s_.parameters) first(names_[p.name].parameter, &p);
        for (const auto& v : role_.variables) first(names_[v.rule->name].variable, &v);
        for (const auto& c : role_.components) first(names_[c.rule->id].component, &c);
    }

    Decimal value(Slot s) const { return frame_.value(s)[0]; }
    std::string money(Slot s) const { return value(s).to_display(s_.currency.minor_units); }
    // A penalty's amount before its sign is applied, shown negated: "-4,000.00", and "0.00", not "-0.00".
    std::string money_negated(Slot s) const {
        Fault f = Fault::none;
        const Decimal v = Decimal::neg(value(s), f);
        return f == Fault::none ? v.to_display(s_.currency.minor_units) : "-" + money(s);
    }
    std::uint8_t fault(Slot s) const { return frame_.fault(s)[0]; }

    // Where a fault left in a component's line comes from: the formula it arose in and the
    // innermost part of it that faulted while its operands did not, followed through role variables
    // and other components. nullopt when no formula faulted (the component's own arithmetic did:
    // rate * of, a tier table, the rounding).
    struct FaultSite {
        std::string pointer;  // of the formula
        std::string formula;  // as written
        std::string part;     // the innermost faulting sub-formula
    };

    std::optional<FaultSite> fault_site(const CompiledComponent& c, int depth) const {
        for (const auto& f : c.fields)
            if (fault(f.code.slot) != 0) return fault_in(f.code, *f.formula, depth);
        return std::nullopt;
    }

    std::optional<FaultSite> fault_in(const expr::CompiledFormula& code, const Formula& f, int depth) const {
        const expr::Ast& ast = f.ast;
        expr::NodeId id = ast.root;
        if (fault(code.node_slots[id]) == 0) return std::nullopt;
        while (true) {
            const auto& n = ast.node(id);
            std::optional<expr::NodeId> next;
            if (n.kind == NodeKind::call && n.name == "if" && n.args.size() == 3) {
                // Only the branch taken carries its fault to the result.
                const expr::NodeId cond = n.args[0];
                if (fault(code.node_slots[cond]) != 0) next = cond;
                else next = value(code.node_slots[cond]).is_zero() ? n.args[2] : n.args[1];
            } else {
                for (auto a : n.args) {
                    if (code.node_types[a] == ValueType::tiers) continue;  // a table name has no slot
                    if (fault(code.node_slots[a]) != 0) {
                        next = a;
                        break;
                    }
                }
            }
            if (!next || fault(code.node_slots[*next]) == 0) break;
            id = *next;
        }
        const auto& n = ast.node(id);
        if (n.kind == NodeKind::name && depth < 16) {
            if (const auto* v = lookup(n.name).variable)
                if (auto site = fault_in(v->code, v->rule->formula, depth + 1)) return site;
            if (const auto* c = lookup(n.name).component)
                if (auto site = fault_site(*c, depth + 1)) return site;
        }
        return FaultSite{f.pointer, ast.text, ast.text_of(id)};
    }

    // Kind of a name for display (ratio parameters show as percentages).
    Kind kind_of(const std::string& name) const {
        const Named& n = lookup(name);
        if (n.input) return n.input->kind;
        if (n.parameter) return n.parameter->kind;
        if (n.variable && n.variable->rule->kind) return *n.variable->rule->kind;
        return Kind::number;
    }

    std::string pointer_of(const std::string& name) const {
        const Named& n = lookup(name);
        if (n.input) return n.input->pointer;
        if (n.parameter) return n.parameter->pointer;
        if (n.variable) return n.variable->rule->pointer;
        if (n.component) return n.component->rule->pointer;
        return {};
    }

    std::string fmt(const expr::CompiledFormula& code, expr::NodeId id, const expr::Ast& ast) const {
        const auto& n = ast.node(id);
        const Kind k = n.kind == NodeKind::name ? kind_of(n.name) : Kind::number;
        return format_value(value(code.node_slots[id]), code.node_types[id], k, s_.currency.minor_units);
    }

    // The formula with each name followed by its value: "calls 230 >= operator.gate.calls 200".
    std::string render(const expr::CompiledFormula& code, const expr::Ast& ast, expr::NodeId id) const {
        std::string out;
        render_to(out, code, ast, id);
        return out;
    }

    // Appends rather than returns: building each operand's text and copying it into its parent's
    // cost (nodes x depth), quadratic for a long chain such as a + b + c + ...
    void render_to(std::string& out, const expr::CompiledFormula& code, const expr::Ast& ast, expr::NodeId id) const {
        const auto& n = ast.node(id);
        const bool parens = n.kind != NodeKind::call && n.length > 0 && ast.text[n.column - 1] == '(' && id != ast.root;
        if (parens) out += '(';
        switch (n.kind) {
            case NodeKind::number:
            case NodeKind::boolean: out += ast.text_of(id); break;
            case NodeKind::name: out += n.name + " " + fmt(code, id, ast); break;
            case NodeKind::unary:
                out += n.op == expr::Op::not_ ? "not " : "-";
                render_to(out, code, ast, n.args[0]);
                break;
            case NodeKind::binary:
                render_to(out, code, ast, n.args[0]);
                out += std::string(" ") + expr::op_symbol(n.op) + " ";
                render_to(out, code, ast, n.args[1]);
                break;
            case NodeKind::call: {
                out += n.name + "(";
                for (std::size_t i = 0; i < n.args.size(); ++i) {
                    if (i) out += ", ";
                    if (i == 0 && code.node_types[n.args[0]] == ValueType::tiers) out += ast.node(n.args[i]).name;
                    else render_to(out, code, ast, n.args[i]);
                }
                out += ")";
                break;
            }
        }
        if (parens) out += ')';
    }

    Explanation tree(const expr::CompiledFormula& code, const expr::Ast& ast, expr::NodeId id, const std::string& pointer, int depth) const {
        const auto& n = ast.node(id);
        Explanation e;
        if (text_budget_ == 0) {
            // Past the budget the rest of the tree is named and valued, not derived.
            e.label = n.kind == NodeKind::name ? n.name : std::string("...");
            e.value = code.node_types[id] == ValueType::tiers ? "tier table" : fmt(code, id, ast);
            return e;
        }
        // Every node holds the text of its whole subtree, so a tree of n nodes holds up to n x depth
        // characters: a large file made payslips of gigabytes. The budget bounds each payslip.
        auto spend = [this](const Explanation& x) { text_budget_ -= std::min(text_budget_, x.label.size() + x.formula.size() + x.detail.size()); };
        e.label = ast.text_of(id);
        e.value = code.node_types[id] == ValueType::tiers ? "" : fmt(code, id, ast);
        if (n.kind == NodeKind::name) {
            e.label = n.name;
            e.pointer = pointer_of(n.name);
            if (code.node_types[id] == ValueType::tiers) {
                const Parameter* p = lookup(n.name).parameter;
                e.value = p && p->kind == Kind::curve ? "pay curve" : "tier table";
            }
            // Expand a role variable into its own derivation (variables cannot form cycles). Each
            // reference is expanded anew, so the work is bounded by a budget as well as the depth:
            // v0 = min(v1, v1, ...), v1 = min(v2, v2, ...)... would otherwise grow exponentially.
            const auto* v = lookup(n.name).variable;
            if (v && depth < 16 && expansion_budget_ >= v->rule->formula.ast.nodes.size()) {
                expansion_budget_ -= v->rule->formula.ast.nodes.size();
                e.formula = v->rule->formula.ast.text;
                e.detail = render(v->code, v->rule->formula.ast, v->rule->formula.ast.root);
                spend(e);
                Explanation body = tree(v->code, v->rule->formula.ast, v->rule->formula.ast.root, v->rule->pointer, depth + 1);
                if (body.formula.empty()) e.children.push_back(std::move(body));  // a plain name or literal
                else e.children = std::move(body.children);                        // the formula's own parts
                return e;
            }
            spend(e);
            return e;
        }
        e.pointer = pointer;
        if (n.kind == NodeKind::number || n.kind == NodeKind::boolean) {
            spend(e);
            return e;
        }
        e.formula = ast.text_of(id);
        e.detail = render(code, ast, id);
        spend(e);
        for (auto a : n.args) {
            const auto k = ast.node(a).kind;
            if (k == NodeKind::number || k == NodeKind::boolean) continue;  // a literal explains itself
            e.children.push_back(tree(code, ast, a, pointer, depth + 1));
        }
        if (n.kind == NodeKind::call && n.name == "curve" && n.args.size() == 2) {
            if (const Parameter* p = lookup(ast.node(n.args[0]).name).parameter)
                e.children.push_back(curve_working(*p, value(code.node_slots[n.args[1]])));
        }
        return e;
    }

    Explanation field(const CompiledField& f) const {
        const auto& ast = f.formula->ast;
        Explanation e = tree(f.code, ast, ast.root, f.formula->pointer, 0);
        Explanation top;
        top.label = f.name;
        top.formula = ast.text;
        top.detail = render(f.code, ast, ast.root);
        top.value = e.value;
        top.pointer = f.formula->pointer;
        if (ast.node(ast.root).kind == NodeKind::name) top.children.push_back(std::move(e));
        else top.children = std::move(e.children);
        return top;
    }

    std::string field_text(const CompiledComponent& c, const char* name) const {
        const CompiledField* f = c.field(name);
        return f ? render(f->code, f->formula->ast, f->formula->ast.root) : std::string();
    }

    // The tier-by-tier working of a tiered commission.
    Explanation tiers(const CompiledComponent& c, Decimal base) const {
        const Parameter& p = s_.parameters[*c.tiers];
        const expr::TierTable& t = params_.tables[*c.tiers];
        Explanation e;
        e.label = p.name;
        e.pointer = p.pointer;
        e.formula = std::string(to_string(c.rule->mode)) + " tiers";
        Fault f = Fault::none;
        const std::optional<Decimal> quota = c.quota ? std::optional<Decimal>(value(*c.quota)) : std::nullopt;
        const int reached = quota ? t.tier_of(base, *quota, f) : t.tier_of(base);
        std::vector<Decimal> parts;
        if (c.rule->mode == TierMode::graduated) expr::graduated_amount(t, base, f, &parts, quota ? &*quota : nullptr);
        // A threshold as written, and for a table by attainment the amount it is of the quota.
        auto edge = [&](std::size_t k) {
            if (!quota) return t.from[k].to_display(s_.currency.minor_units);
            Fault g = Fault::none;
            return format_value(t.from[k], ValueType::number, Kind::ratio, 2) + " of quota (" +
                   Decimal::mul(t.from[k], *quota, g).to_display(s_.currency.minor_units) + ")";
        };
        for (std::size_t k = 0; k < t.from.size(); ++k) {
            Explanation tier;
            const std::string upto = k + 1 < t.from.size() ? " to " + edge(k + 1) : " and above";
            tier.label = "tier " + std::to_string(k + 1) + ": from " + edge(k) + upto + " at " +
                         format_value(t.rate[k], ValueType::number, Kind::ratio, 2);
            if (c.rule->mode == TierMode::graduated) {
                const Decimal amount = Decimal::mul(parts[k], t.rate[k], f);
                tier.detail = parts[k].to_display(s_.currency.minor_units) + " * " + format_value(t.rate[k], ValueType::number, Kind::ratio, 2);
                tier.value = amount.to_display(s_.currency.minor_units);
            } else {
                tier.value = static_cast<int>(k) == reached ? "reached: applies to the whole base" : (static_cast<int>(k) < reached ? "passed" : "not reached");
            }
            e.children.push_back(std::move(tier));
        }
        e.value = reached < 0 ? "below the first tier" : "tier " + std::to_string(reached + 1) + " reached";
        return e;
    }

    // How a pay curve gave its value at x: the segment, the interpolation, the rounding.
    Explanation curve_working(const Parameter& p, Decimal x) const {
        const expr::TierTable& t = params_.tables[static_cast<std::size_t>(&p - s_.parameters.data())];
        auto at = [&](Decimal v) { return format_value(v, p.basis == Kind::money ? ValueType::money : ValueType::number, p.basis, s_.currency.minor_units); };
        auto pays = [&](Decimal v) { return format_value(v, ValueType::number, Kind::ratio, 2); };
        Explanation e;
        e.label = p.name;
        e.pointer = p.pointer;
        Fault f = Fault::none;
        const Decimal y = expr::curve_value(t, x, f);
        e.value = pays(y);
        const std::size_t n = t.from.size();
        if (n == 1 || x <= t.from[0]) {
            e.detail = "at " + at(x) + ", at or below the first point (" + at(t.from[0]) + ", " + pays(t.rate[0]) + "): " + pays(t.rate[0]);
        } else if (x >= t.from[n - 1] && !t.extrapolate) {
            e.detail = "at " + at(x) + ", at or past the last point (" + at(t.from[n - 1]) + ", " + pays(t.rate[n - 1]) + "): capped at " + pays(t.rate[n - 1]);
        } else {
            std::size_t i = 0;
            while (i + 2 < n && t.from[i + 1] <= x) ++i;
            e.detail = "at " + at(x) + ", on the line from (" + at(t.from[i]) + ", " + pays(t.rate[i]) + ") to (" + at(t.from[i + 1]) + ", " +
                       pays(t.rate[i + 1]) + ")" + (x > t.from[i + 1] ? ", extrapolated" : "") + ": " + pays(t.rate[i]) + " + (" +
                       pays(t.rate[i + 1]) + " - " + pays(t.rate[i]) + ") * (" + at(x) + " - " + at(t.from[i]) + ") / (" + at(t.from[i + 1]) +
                       " - " + at(t.from[i]) + "), rounded " + t.rounding.describe();
        }
        return e;
    }

    // Each measure of a scorecard: its score and weight, as the line's summary cannot hold them all.
    Explanation scorecard(const CompiledComponent& c) const {
        Explanation e;
        e.label = "scorecard";
        e.pointer = c.rule->pointer + "/measures";
        e.formula = "sum of weight * score; score = 0 below the threshold, else actual / target, at most the cap";
        e.value = ratio(c.score);
        for (const auto& m : c.measures) {
            Explanation x;
            x.label = m.rule->id;
            x.pointer = m.rule->pointer;
            const bool money_measure = c.field(m.rule->id + ".actual")->code.type == ValueType::money;
            auto amount = [&](Slot sl) { return money_measure ? money(sl) : value(sl).to_display(0); };
            std::string d = "actual " + amount(m.actual) + " / target " + amount(m.target);
            if (m.threshold) d += value(m.actual) >= value(*m.threshold) ? " (threshold " + amount(*m.threshold) + " met)" : " (below the threshold " + amount(*m.threshold) + ": 0)";
            if (m.cap) d += ", cap " + ratio(*m.cap);
            d += " = " + ratio(m.score) + "; x weight " + ratio(m.weight);
            x.detail = d;
            x.value = ratio(m.weighted);
            for (const auto& f : c.fields)
                if (f.name.rfind(m.rule->id + ".", 0) == 0) x.children.push_back(field(f));
            e.children.push_back(std::move(x));
        }
        return e;
    }

    std::string ratio(Slot sl) const { return format_value(value(sl), ValueType::number, Kind::ratio, 2); }

    // The line's amount and identity, without its explanation.
    PayLine bare_line(const CompiledComponent& c) const {
        const Component& r = *c.rule;
        PayLine l;
        l.component = r.id;
        l.label = r.label;
        l.kind = to_string(r.kind);
        l.pointer = r.pointer;
        l.amount = value(c.result);
        l.minor = *l.amount.to_minor(s_.currency.minor_units);  // rounded to at least the minor unit
        l.applied = !c.when || !value(*c.when).is_zero();
        return l;
    }

    PayLine line(const CompiledComponent& c) const {
        const Component& r = *c.rule;
        PayLine l = bare_line(c);

        std::string formula;
        switch (r.kind) {
            case ComponentKind::fixed:
            case ComponentKind::formula: formula = field_text(c, "amount"); break;
            case ComponentKind::percent: formula = field_text(c, "rate") + " * " + field_text(c, "of"); break;
            case ComponentKind::commission:
                if (r.mode == TierMode::flat) formula = field_text(c, "rate") + " * " + field_text(c, "base");
                else formula = std::string(to_string(r.mode)) + "(" + r.tiers + ", " + field_text(c, "base") +
                               (c.quota ? ", quota " + field_text(c, "quota") : std::string()) + ")";
                break;
            case ComponentKind::scorecard:
                formula = field_text(c, "of") + " * score " + ratio(c.score);
                break;
            case ComponentKind::adjustment:
                formula = std::string(r.minimum ? "max(" : "") + (r.maximum ? "min(" : "") + "lines above " + money(c.above) +
                          (r.maximum ? ", maximum " + field_text(c, "maximum") + ")" : "") + (r.minimum ? ", minimum " + field_text(c, "minimum") + ")" : "") +
                          " - lines above " + money(c.above);
                break;
            case ComponentKind::penalty:
                formula = "-(" + (r.amount ? field_text(c, "amount") : field_text(c, "rate") + " * " + field_text(c, "of")) + ")";
                break;
        }
        // A share of 100% (the whole period) is not worth a mention on every salary line.
        if (c.prorata && value(*c.prorata) != Decimal::from_int(1)) formula = "(" + formula + ") * prorata " + ratio(*c.prorata) + (prorata_note_.empty() ? "" : " (" + prorata_note_ + ")");
        std::string s = r.id + " = " + formula;
        const bool negated = r.kind == ComponentKind::penalty;
        s += " = " + (negated ? money_negated(c.raw) : money(c.raw));
        if (value(c.bounded) != value(c.raw)) s += " -> bounded by " + std::string(r.cap ? "cap " + field_text(c, "cap") : "") + (r.cap && r.floor ? ", " : "") + (r.floor ? "floor " + field_text(c, "floor") : "") + " = " + (negated ? money_negated(c.bounded) : money(c.bounded));
        const Rounding& rd = role_.program.roundings[c.rounding];
        if (value(c.bounded) != (negated ? Decimal::from_raw(-value(c.rounded).raw()) : value(c.rounded)))
            s += " -> rounded " + rd.describe() + " = " + money(c.rounded);
        if (c.when) {
            s += l.applied ? " (when " + field_text(c, "when") + ": true)" : "; not applied, line = " + money(c.result) + " (when " + field_text(c, "when") + ": false)";
        }
        l.summary = s;

        Explanation& e = l.explanation;
        e.label = r.id;
        e.pointer = r.pointer;
        e.formula = formula;
        e.detail = s;
        e.value = money(c.result);
        for (const auto& f : c.fields)
            if (f.name.find('.') == std::string::npos) e.children.push_back(field(f));  // a measure's fields go under it
        if (c.tiers && c.field("base")) e.children.push_back(tiers(c, value(c.field("base")->code.slot)));
        if (!c.measures.empty()) e.children.push_back(scorecard(c));
        Explanation rnd;
        rnd.label = "rounding";
        rnd.formula = rd.describe();
        rnd.value = money(c.rounded);
        e.children.push_back(std::move(rnd));
        return l;
    }

private:
    // What a name in a formula refers to (names are unique across these, the loader checks).
    struct Named {
        const InputDecl* input = nullptr;
        const Parameter* parameter = nullptr;
        const CompiledVariable* variable = nullptr;
        const CompiledComponent* component = nullptr;
    };

    const Named& lookup(std::string_view name) const {
        static const Named none;
        const auto it = names_.find(name);
        return it == names_.end() ? none : it->second;
    }

    // Formula nodes that expanding variables may add to one payslip's explanations: far more than
    // a person reads, and it keeps a hostile scheme from making a payslip take hours.
    static constexpr std::size_t kExpansionBudget = 4096;

    const Scheme& s_;
    const CompiledRole& role_;
    const BoundParameters& params_;
    const expr::Frame& frame_;
    std::unordered_map<std::string_view, Named> names_;

public:
    std::string prorata_note_;  // "15 of 31 calendar days, 2026-10-17 to 2026-10-31"

private:
    mutable std::size_t expansion_budget_ = kExpansionBudget;
    // Characters of formula text (labels, formulas, details) in one payslip's explanation trees.
    static constexpr std::size_t kTextBudget = std::size_t{1} << 18;
    mutable std::size_t text_budget_ = kTextBudget;
};

}  // namespace

namespace {

// The share of the period a person is paid for, when the scheme prorates; DataError for bad dates.
std::optional<ProrataShare> prorata_of(const Scheme& s, const Period& period, const PersonInputs& person) {
    if (s.proration) {
        if (auto why = outside_period(period, person.start, person.end))
            throw DataError({Issue{"motiv.data_error.309", person.source, "", person.line, 0, person.start && period.last_day() < *person.start ? "start_date" : "end_date", person.id, *why, "", 0}});
        try {
            return prorata_share(*s.proration, period, person.start, person.end);
        } catch (const std::invalid_argument& e) {
            throw DataError({Issue{"motiv.data_error.308", person.source, "", person.line, 0, "end_date", person.id, e.what(), "", 0}});
        }
    }
    if (person.start || person.end)
        throw DataError({Issue{"motiv.data_error.308", person.source, "", person.line, 0, person.start ? "start_date" : "end_date", person.id,
                               "start_date / end_date given, but scheme " + s.name + " declares no proration", "", 0}});
    return std::nullopt;
}

}  // namespace

expr::Frame evaluate(const CompiledScheme& cs, const CompiledRole& role, const BoundParameters& params, const PersonInputs& person,
                     std::optional<ProrataShare>* share_out) {
    const Scheme& s = cs.scheme();
    const std::optional<ProrataShare> share = prorata_of(s, params.period, person);
    expr::Frame frame(role.program.slot_count, 1);
    role.program.load_constants(frame);
    for (const auto& [idx, slot] : role.params) frame.broadcast(slot, params.values[idx]);
    for (const auto& [idx, slot] : role.inputs) {
        const InputDecl& in = s.inputs[idx];
        Decimal v = person.values[idx] ? *person.values[idx] : in.default_value.value_or(Decimal{});
        if (share && idx == s.proration->input) v = share->share;  // the built-in `prorata`, from the dates
        frame.broadcast(slot, v);
    }
    role.program.run(frame, 1, params.tables);
    if (share_out) *share_out = share;
    return frame;
}

Payslip compute_payslip(const CompiledScheme& cs, const Period& period, const PersonInputs& person, Explain explain) {
    return compute_payslip(cs, cs.bind(period), person, explain);
}

Payslip compute_payslip(const CompiledScheme& cs, const BoundParameters& params, const PersonInputs& person, Explain explain) {
    const Scheme& s = cs.scheme();
    const CompiledRole* role = cs.role(person.role);
    if (!role) {
        std::string roles;
        for (const auto& r : s.roles) roles += (roles.empty() ? "" : ", ") + r.name;
        throw DataError({Issue{"motiv.data_error.201", person.source, "", person.line, 0, "role", person.id,
                               "unknown role '" + person.role + "'; the scheme has: " + roles, "", 0}});
    }
    if (person.values.size() != s.inputs.size())
        throw std::invalid_argument("PersonInputs.values must have one entry per scheme input");
    IssueCollector<DataError> missing;
    for (std::size_t idx : role->required_inputs) {
        if (!person.values[idx])
            missing.add(Issue{"motiv.data_error.202", person.source, "", person.line, 0, s.inputs[idx].name, person.id,
                              "missing required input '" + s.inputs[idx].name + "' (" + to_string(s.inputs[idx].kind) + ") for role " + person.role, "", 0});
    }
    missing.throw_if_any();

    std::optional<ProrataShare> share;
    const expr::Frame frame = evaluate(cs, *role, params, person, &share);
    Payslip p;
    for (const auto& [idx, slot] : role->inputs) p.inputs.emplace_back(s.inputs[idx].name, frame.value(slot)[0]);

    p.person = person.id;
    p.name = person.name;
    p.role = person.role;
    p.period = params.period.to_string();
    p.scheme = s.name;
    p.version = s.version;
    p.rules_sha256 = s.sha256;
    p.currency = s.currency.code;
    p.minor_units = s.currency.minor_units;
    Explainer ex(cs, *role, params, frame);
    if (share) ex.prorata_note_ = share->note;
    for (const auto& c : role->components) {
        if (const std::uint8_t f = frame.fault(c.result)[0]) {
            const std::string id = f == static_cast<std::uint8_t>(Fault::division_by_zero) ? "motiv.eval_error.501" : "motiv.eval_error.502";
            std::string where;
            if (auto site = ex.fault_site(c, 0)) {
                where = " in '" + site->part + "' (" + site->pointer + (site->part == site->formula ? "" : ": " + site->formula) + ")";
            }
            throw EvalError(id, "[" + id + "] " + s.source + " (" + c.rule->pointer + ") person '" + person.id +
                                "': component '" + c.rule->id + "' cannot be computed: " + fault_text(f) + where,
                            c.rule->pointer);
        }
        if (!frame.value(c.result)[0].to_minor(s.currency.minor_units))
            throw EvalError("motiv.eval_error.502", "[motiv.eval_error.502] " + s.source + " (" + c.rule->pointer + ") person '" + person.id +
                            "': component '" + c.rule->id + "' is out of range (overflow)", c.rule->pointer);
        PayLine l = explain == Explain::full ? ex.line(c) : ex.bare_line(c);
        Fault f = Fault::none;
        p.total = Decimal::add(p.total, l.amount, f);
        if (f != Fault::none || __builtin_add_overflow(p.total_minor, l.minor, &p.total_minor))
            throw EvalError("motiv.eval_error.502", "[motiv.eval_error.502] " + s.source + " (" + c.rule->pointer + ") person '" + person.id +
                            "': the payslip total is out of range (overflow)", c.rule->pointer);
        p.lines.push_back(std::move(l));
    }
    return p;
}

}  // namespace motiv
