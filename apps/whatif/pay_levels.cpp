#include "apps/whatif/pay_levels.hpp"

namespace motiv::whatif {

PayLevels::PayLevels(const CompiledScheme& cs, const CompiledRole& role, const BoundParameters& params)
    : scheme_(&cs), role_(&role), params_(&params) {
    for (const auto& c : role.components) {
        if (c.when && c.rule->kind != ComponentKind::penalty) gates_.push_back(*c.when);
        if (const CompiledField* cap = c.field("cap")) caps_.push_back(Cap{c.raw, cap->code.slot, c.when});
    }
    using expr::OpCode;
    for (const auto& in : role.program.code) {
        const bool plain = in.op == OpCode::graduated || in.op == OpCode::retro || in.op == OpCode::rate_at || in.op == OpCode::curve;
        const bool scaled = in.op == OpCode::graduated_scaled || in.op == OpCode::retro_scaled || in.op == OpCode::rate_at_scaled;
        if (!plain && !scaled) continue;
        if (in.aux < params.tables.size() && params.tables[in.aux].from.size() > 1)
            tiers_.push_back(Tier{in.a, scaled ? std::optional<expr::Slot>(in.b) : std::nullopt, in.aux});
    }
}

PayLevels::Position PayLevels::of(const PersonInputs& person) const {
    Position p;
    if (gates_.empty() && !has_cap()) return p;
    const expr::Frame f = evaluate(*scheme_, *role_, *params_, person);
    auto holds = [&f](expr::Slot s) { return *f.fault(s) == 0 && !f.value(s)->is_zero(); };
    p.at_gate = !gates_.empty();
    for (auto g : gates_) p.at_gate = p.at_gate && holds(g);
    for (const auto& c : caps_)
        if ((!c.when || holds(*c.when)) && *f.fault(c.raw) == 0 && *f.fault(c.cap) == 0 && *f.value(c.cap) < *f.value(c.raw)) p.at_cap = true;
    for (const auto& t : tiers_) {
        if (*f.fault(t.x) != 0 || (t.scale && *f.fault(*t.scale) != 0)) continue;
        // The top tier starts at its threshold, times the quota for a table by attainment.
        Fault fault = Fault::none;
        const Decimal top = t.scale ? Decimal::mul(params_->tables[t.table].from.back(), *f.value(*t.scale), fault) : params_->tables[t.table].from.back();
        if (fault == Fault::none && !(*f.value(t.x) < top)) p.at_cap = true;
    }
    return p;
}

}  // namespace motiv::whatif
