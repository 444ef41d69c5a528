#include "apps/export/tier_progress.hpp"

#include <algorithm>

#include "core/errors.hpp"

namespace motiv::exports {

namespace {

using expr::NodeKind;

// A use of a tier table: the table's parameter index, the formula measuring the basis and its node.
struct TierUse {
    std::size_t table;
    const CompiledComponent* component;  // nullptr for a use inside a variable
    const expr::Ast* ast;
    const expr::CompiledFormula* code;
    expr::NodeId basis;
};

}  // namespace

std::vector<TierProgress> tier_progress(const CompiledScheme& cs, const BoundParameters& params, const PersonInputs& person) {
    const Scheme& s = cs.scheme();
    const CompiledRole* role = cs.role(person.role);
    if (!role) return {};

    std::vector<TierUse> uses;
    auto calls_in = [&](const expr::Ast& ast, const expr::CompiledFormula& code, const CompiledComponent* c) {
        for (expr::NodeId id = 0; id < ast.nodes.size(); ++id) {
            const auto& n = ast.node(id);
            if (n.kind != NodeKind::call || n.args.size() != 2) continue;
            if (n.name != "rate_at" && n.name != "graduated" && n.name != "retroactive") continue;
            const auto& t = ast.node(n.args[0]);
            const Parameter* p = t.kind == NodeKind::name ? s.find_parameter(t.name) : nullptr;
            if (!p || p->kind != Kind::tiers) continue;
            uses.push_back({static_cast<std::size_t>(p - s.parameters.data()), c, &ast, &code, n.args[1]});
        }
    };
    for (const auto& v : role->rule->variables)
        if (const CompiledVariable* cv = role->variable(v.name)) calls_in(v.formula.ast, cv->code, nullptr);
    for (const auto& c : role->components) {
        if (c.tiers)
            if (const CompiledField* base = c.field("base")) uses.push_back({*c.tiers, &c, &base->formula->ast, &base->code, base->formula->ast.root});
        for (const auto& f : c.fields) calls_in(f.formula->ast, f.code, &c);
    }

    const expr::Frame frame = evaluate(cs, *role, params, person);
    std::vector<TierProgress> out;
    for (const auto& u : uses) {
        const expr::TierTable& t = params.tables[u.table];
        TierProgress tp;
        tp.table = s.parameters[u.table].name;
        if (u.component) {
            tp.component = u.component->rule->id;
            tp.line = u.component->rule->label.empty() ? tp.component : u.component->rule->label;
        }
        if (std::any_of(out.begin(), out.end(), [&](const TierProgress& o) { return o.table == tp.table && o.component == tp.component; })) continue;
        tp.basis = u.ast->text_of(u.basis);
        tp.value = frame.value(u.code->node_slots[u.basis])[0];
        // A commission by attainment measures its tiers in shares of the quota: the thresholds a
        // person can act on are those shares of their quota, in money.
        const CompiledField* base = u.component ? u.component->field("base") : nullptr;
        const bool by_quota = base && u.component->quota && u.ast == &base->formula->ast;
        const std::optional<Decimal> quota = by_quota ? std::optional<Decimal>(frame.value(*u.component->quota)[0]) : std::nullopt;
        Fault fault = Fault::none;
        tp.reached = quota ? t.tier_of(tp.value, *quota, fault) : t.tier_of(tp.value);
        tp.tiers = t.from.size();
        if (tp.reached >= 0) tp.rate = t.rate[static_cast<std::size_t>(tp.reached)];
        const std::size_t next = static_cast<std::size_t>(tp.reached + 1);
        if (next < t.from.size() && fault == Fault::none) {
            tp.next_from = quota ? Decimal::mul(t.from[next], *quota, fault) : t.from[next];
            if (fault != Fault::none) tp.next_from.reset();
        }
        if (tp.next_from) {
            tp.next_rate = t.rate[next];
            // When the basis is an input, pay the person again with it at the threshold.
            const auto& b = u.ast->node(u.basis);
            const InputDecl* in = b.kind == NodeKind::name ? s.find_input(b.name) : nullptr;
            if (in) {
                PersonInputs at_next = person;
                at_next.values[static_cast<std::size_t>(in - s.inputs.data())] = *tp.next_from;
                try {
                    const Payslip slip = compute_payslip(cs, params, at_next, Explain::none);
                    tp.next_total_minor = slip.total_minor;
                    if (const PayLine* l = slip.line(tp.component)) tp.next_line_minor = l->minor;
                } catch (const Error&) {
                    // The threshold itself cannot be paid (e.g. a division it feeds): show no figure.
                }
            }
        }
        out.push_back(std::move(tp));
    }
    return out;
}

}  // namespace motiv::exports
