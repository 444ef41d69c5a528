#include "apps/export/kpi_norms.hpp"

#include <algorithm>
#include <set>

namespace motiv::exports {

namespace {

using expr::NodeKind;
using expr::Op;

struct FormulaSite {
    const expr::Ast* ast;
    const expr::CompiledFormula* code;
    std::string pointer;
    std::string owner;  // the variable's name, or "" for a component field
    std::string component;  // the component's label (for a field), else ""
    bool is_when = false;
};

bool comparison(Op op) { return op == Op::lt || op == Op::le || op == Op::gt || op == Op::ge; }

// `P >= x` read as `x <= P`.
Op flipped(Op op) {
    switch (op) {
        case Op::lt: return Op::gt;
        case Op::le: return Op::ge;
        case Op::gt: return Op::lt;
        case Op::ge: return Op::le;
        default: return op;
    }
}

// Names a formula refers to (variables among them are followed by the caller).
void names_in(const expr::Ast& ast, std::set<std::string>& out) {
    for (const auto& n : ast.nodes)
        if (n.kind == NodeKind::name) out.insert(n.name);
}

// Rounds a value for display only (half-even): 2880 / 22 shows as 130.91, 25 / 260 as 9.62%.
Decimal for_display(Decimal v, bool ratio) {
    Fault f = Fault::none;
    const Decimal r = Rounding{RoundingMode::half_even, Decimal::from_raw(Decimal::kOne / (ratio ? 10'000 : 100))}.apply(v, f);
    return f == Fault::none ? r : v;
}

}  // namespace

std::vector<KpiNorm> kpi_norms(const CompiledScheme& cs, const BoundParameters& params, const PersonInputs& person) {
    const Scheme& s = cs.scheme();
    const CompiledRole* role = cs.role(person.role);
    if (!role) return {};
    const expr::Frame frame = evaluate(cs, *role, params, person);
    const int mu = s.currency.minor_units;

    std::vector<FormulaSite> formulas;
    for (const auto& v : role->rule->variables)
        if (const CompiledVariable* cv = role->variable(v.name)) formulas.push_back({&v.formula.ast, &cv->code, v.pointer, v.name, "", false});
    for (const auto& c : role->components)
        for (const auto& f : c.fields)
            formulas.push_back({&f.formula->ast, &f.code, f.formula->pointer, "", c.rule->label.empty() ? c.rule->id : c.rule->label, f.name == "when"});

    // Which variables each component's formulas reach (through other variables), split into those
    // reached from its `when` and from its other fields.
    auto reach = [&](const std::set<std::string>& start) {
        std::set<std::string> seen, todo = start;
        while (!todo.empty()) {
            const std::string n = *todo.begin();
            todo.erase(todo.begin());
            if (!seen.insert(n).second) continue;
            if (const CompiledVariable* v = role->variable(n)) names_in(v->rule->formula.ast, todo);
        }
        return seen;
    };
    struct Use {
        std::string label;
        bool when;
        std::set<std::string> names;
    };
    std::vector<Use> uses;
    for (const auto& c : role->components) {
        for (const auto& f : c.fields) {
            std::set<std::string> direct;
            names_in(f.formula->ast, direct);
            uses.push_back({c.rule->label.empty() ? c.rule->id : c.rule->label, f.name == "when", reach(direct)});
        }
    }

    auto kind_of = [&](const std::string& name) -> std::optional<Kind> {
        if (const InputDecl* in = s.find_input(name)) return in->kind;
        if (const Parameter* p = s.find_parameter(name)) return p->kind;
        return std::nullopt;
    };

    std::vector<KpiNorm> out;
    for (const auto& f : formulas) {
        const expr::Ast& ast = *f.ast;
        for (expr::NodeId id = 0; id < ast.nodes.size(); ++id) {
            const auto& n = ast.node(id);
            if (n.kind != NodeKind::binary || !comparison(n.op) || n.args.size() != 2) continue;
            // One side a scalar parameter, the other anything but a literal: that is a KPI and its norm.
            auto param_at = [&](expr::NodeId a) -> const Parameter* {
                const auto& x = ast.node(a);
                if (x.kind != NodeKind::name) return nullptr;
                const Parameter* p = s.find_parameter(x.name);
                return p && p->kind != Kind::tiers ? p : nullptr;
            };
            expr::NodeId kpi = n.args[0], norm = n.args[1];
            Op op = n.op;
            if (!param_at(norm) && param_at(kpi)) {
                std::swap(kpi, norm);
                op = flipped(op);
            }
            const Parameter* p = param_at(norm);
            const auto kk = ast.node(kpi).kind;
            if (!p || param_at(kpi) || kk == NodeKind::number || kk == NodeKind::boolean) continue;

            KpiNorm k;
            k.kpi = ast.text_of(kpi);
            k.op = expr::op_symbol(op);
            k.norm = p->name;
            if (std::any_of(out.begin(), out.end(), [&](const KpiNorm& o) { return o.kpi == k.kpi && o.op == k.op && o.norm == k.norm; })) continue;
            // A value of unknown kind (a variable, a sub-formula) is shown like its norm: a ratio as a percentage.
            const Kind norm_kind = p->kind;
            const Kind kpi_kind = ast.node(kpi).kind == NodeKind::name ? kind_of(ast.node(kpi).name).value_or(norm_kind) : norm_kind;
            const Decimal kv = frame.value(f.code->node_slots[kpi])[0];
            const Decimal nv = frame.value(f.code->node_slots[norm])[0];
            k.value = format_value(for_display(kv, kpi_kind == Kind::ratio), f.code->node_types[kpi], kpi_kind, mu);
            k.norm_value = format_value(nv, f.code->node_types[norm], norm_kind, mu);
            k.description = p->description;
            k.pointer = f.pointer;
            k.met = !frame.value(f.code->node_slots[id])[0].is_zero();
            for (const auto& u : uses) {
                const bool uses_it = f.owner.empty() ? u.label == f.component && u.when == f.is_when : u.names.count(f.owner) > 0;
                if (!uses_it) continue;
                k.gate = k.gate || u.when;
                if (std::find(k.components.begin(), k.components.end(), u.label) == k.components.end()) k.components.push_back(u.label);
            }
            out.push_back(std::move(k));
        }
    }
    return out;
}

}  // namespace motiv::exports
