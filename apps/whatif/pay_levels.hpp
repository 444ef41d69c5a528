// Where a person stands in a role's scheme, read off the role's own rules (for Monte Carlo's
// shares at gate and at cap, whatif/monte_carlo.hpp):
// - gate: the `when` conditions of the role's components that are not penalties (the operator's
//   "every KPI gate passed"). A person is past the gate when every one of them holds. A role with
//   no such condition has no gate. (A penalty's `when`, e.g. "overdue_handovers > 0", is not a gate.)
// - cap: a person is at cap when some component's `cap` binds (its amount before the cap exceeds
//   the cap, and the line applies), or some tier lookup of the role (a graduated or retroactive
//   commission, by amount or by attainment of a quota; rate_at; a pay curve) has reached the top
//   tier (the last point) of a table with more than one. A role with
//   neither has no cap. (A ceiling written inside a formula, e.g. min(rate, max_rate), is not
//   visible to the rules' structure: declare a cap profile for it, whatif/profiles.hpp.)
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/engine/compute.hpp"

namespace motiv::whatif {

class PayLevels {
public:
    PayLevels(const CompiledScheme& scheme, const CompiledRole& role, const BoundParameters& params);

    [[nodiscard]] bool has_gate() const { return !gates_.empty(); }
    [[nodiscard]] bool has_cap() const { return !caps_.empty() || !tiers_.empty(); }

    struct Position {
        bool at_gate = false;
        bool at_cap = false;
    };
    // Runs the role's program for `person` (its required inputs given) and reads the position.
    [[nodiscard]] Position of(const PersonInputs& person) const;

private:
    struct Cap {
        expr::Slot raw = 0, cap = 0;
        std::optional<expr::Slot> when;
    };
    struct Tier {
        expr::Slot x = 0;
        std::optional<expr::Slot> scale;  // the quota of a table by attainment
        std::size_t table = 0;
    };
    const CompiledScheme* scheme_;
    const CompiledRole* role_;
    const BoundParameters* params_;
    std::vector<expr::Slot> gates_;
    std::vector<Cap> caps_;
    std::vector<Tier> tiers_;
};

}  // namespace motiv::whatif
