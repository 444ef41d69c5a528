#include "apps/periods/retro.hpp"

#include "core/errors.hpp"
#include "apps/periods/pay_line.hpp"

namespace motiv::periods {

NamedValues named_inputs(const Scheme& s, const PersonInputs& p) {
    NamedValues out;
    for (std::size_t i = 0; i < s.inputs.size() && i < p.values.size(); ++i)
        if (p.values[i]) out.emplace_back(s.inputs[i].name, *p.values[i]);
    return out;
}

PersonInputs record_inputs(const Scheme& s, const PeriodRecord& rec, const std::string& person) {
    PersonInputs p;
    p.id = person;
    p.role = rec.role;
    p.source = "state " + rec.period;
    p.values.assign(s.inputs.size(), std::nullopt);
    for (const auto& [name, v] : rec.inputs) {
        const InputDecl* in = s.find_input(name);
        if (!in)
            throw DataError({Issue{"motiv.data_error.503", p.source, "", 0, 0, name, person,
                                   "the stored input '" + name + "' of " + rec.period + " is not an input of scheme " + s.name, "", 0}});
        p.values[static_cast<std::size_t>(in - s.inputs.data())] = v;
    }
    return p;
}

void check_rules(const Scheme& s, const PeriodRecord& rec, const std::string& person, const std::optional<RulesChange>& accepted) {
    if (rec.rules_sha256 == s.sha256) return;
    if (accepted && accepted->from_sha256 == rec.rules_sha256 && accepted->to_sha256 == s.sha256) return;
    throw RuleError({Issue{"motiv.rule_error.501", s.source, "", 0, 0, "", person,
                           "refusing to recompute " + rec.period + " for " + person + ": it was paid with rules sha256 " + rec.rules_sha256 +
                               " and this rule file is sha256 " + s.sha256 + "; to recompute it with these rules, accept the change " +
                               rec.rules_sha256 + " -> " + s.sha256 + " explicitly",
                           "", 0}});
}

PayLine retro_line(const CompiledScheme& cs, PeriodRecord& rec, const PersonInputs& inputs, const std::optional<RulesChange>& accepted) {
    const Scheme& s = cs.scheme();
    const int mu = s.currency.minor_units;
    check_rules(s, rec, inputs.id, accepted);
    const Period period = *Period::parse(rec.period);
    const Payslip now = compute_payslip(cs, period, inputs, Explain::none);
    const Decimal diff = now.total - rec.total;

    std::vector<Explanation> why;
    const NamedValues given = named_inputs(s, inputs);
    std::string changed;
    for (const auto& [name, v] : given) {
        Decimal before;
        bool had = false;
        for (const auto& [n, b] : rec.inputs)
            if (n == name) {
                before = b;
                had = true;
            }
        if (!had || before != v) changed += (changed.empty() ? "" : ", ") + name + " " + (had ? before.to_display(0) : "none") + " -> " + v.to_display(0);
    }
    for (const auto& l : now.lines) {
        Decimal paid;
        for (const auto& [id, a] : rec.lines)
            if (id == l.component) paid = a;
        why.push_back(fact(l.component + " " + rec.period, "paid " + show(paid, mu) + ", now " + show(l.amount, mu), l.pointer));
    }
    const std::string rules = rec.rules_sha256 == s.sha256 ? "same rules sha256 " + s.sha256.substr(0, 12)
                                                           : "rules sha256 " + rec.rules_sha256.substr(0, 12) + " -> " + s.sha256.substr(0, 12);
    const std::string summary = "retro " + rec.period + " = recomputed " + show(now.total, mu) + " - paid " + show(rec.total, mu) + " = " +
                                show(diff, mu) + " (" + (changed.empty() ? "inputs unchanged" : "inputs corrected: " + changed) + "; " + rules + ")";
    PayLine line = make_line("retro_" + rec.period, "Retro " + rec.period, "retro", "", diff, mu, summary, std::move(why));

    rec.inputs = given;
    rec.lines.clear();
    for (const auto& l : now.lines) rec.lines.emplace_back(l.component, l.amount);
    rec.total = now.total;
    rec.rules_sha256 = s.sha256;
    return line;
}

}  // namespace motiv::periods
