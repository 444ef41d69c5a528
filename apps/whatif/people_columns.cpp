#include "apps/whatif/people_columns.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/errors.hpp"

namespace motiv::whatif {

PeopleColumns::PeopleColumns(const CompiledScheme& cs, const std::vector<PersonInputs>& people) {
    const auto& roles = cs.roles();
    for (const auto& p : people) {
        auto it = std::find_if(roles.begin(), roles.end(), [&](const CompiledRole& r) { return r.rule->name == p.role; });
        if (it == roles.end()) throw std::invalid_argument("person " + p.id + ": unknown role '" + p.role + "'");
        role_.push_back(static_cast<std::uint32_t>(it - roles.begin()));
    }
    const std::size_t ninputs = cs.scheme().inputs.size();
    values_.resize(ninputs);
    present_.resize(ninputs);
    input_.role = role_;
    input_.columns.resize(ninputs);
    for (std::size_t i = 0; i < ninputs; ++i) {
        int scale = 0;
        bool any = false;
        for (const auto& p : people)
            if (i < p.values.size() && p.values[i]) {
                scale = std::max(scale, p.values[i]->places());
                any = true;
            }
        if (!any) continue;  // an absent column: defaults apply, as in a CSV without it
        auto& vals = values_[i];
        auto& pres = present_[i];
        vals.assign(people.size(), 0);
        pres.assign(people.size(), 0);
        for (std::size_t r = 0; r < people.size(); ++r) {
            const auto& v = r < people.size() && i < people[r].values.size() ? people[r].values[i] : std::nullopt;
            if (!v) continue;
            const auto minor = v->to_minor(scale);
            if (!minor)
                throw EvalError("motiv.eval_error.502", "[motiv.eval_error.502] " + people[r].source + ":" + std::to_string(people[r].line) +
                                                            " (person '" + people[r].id + "') input " + cs.scheme().inputs[i].name + " " +
                                                            v->to_string() + " is out of range for a sweep (overflow)", "");
            vals[r] = *minor;
            pres[r] = 1;
        }
        input_.columns[i] = batch::Column{vals, scale, pres};
    }
}

}  // namespace motiv::whatif
