#include "apps/whatif/diagnostics.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/data/csv.hpp"
#include "core/errors.hpp"
#include "core/errors/catalogue.hpp"
#include "core/io/text_columns.hpp"
#include "core/money/rounding.hpp"
#include "apps/whatif/pay_curve.hpp"

namespace motiv::whatif {

namespace {

[[noreturn]] void overflow(const std::string& what) {
    throw EvalError(err::eval_overflow, err::tag(err::eval_overflow) + "diagnostics: " + what + " is out of range (overflow)", "");
}

Decimal half_even(Decimal x, int places) {
    Fault f = Fault::none;
    const Decimal r = Rounding{RoundingMode::half_even, Decimal::from_minor(1, places)}.apply(x, f);
    if (f != Fault::none) overflow("a value");
    return r;
}

std::optional<Decimal> ratio(std::int64_t part, std::int64_t whole) {
    if (whole == 0) return std::nullopt;
    Fault f = Fault::none;
    return half_even(Decimal::div(Decimal::from_int(part), Decimal::from_int(whole), f), 4);
}

std::int64_t fixed_part(const CompiledRole& role, const Payslip& slip) {
    std::int64_t s = 0;
    for (const auto& l : slip.lines)
        if (role.component(l.component)->rule->kind == ComponentKind::fixed) s += l.minor;
    return s;
}

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
}

// 0 to twice `target` (100 units when the target is 0) in about 200 steps of whole units.
std::vector<Decimal> default_range(Decimal target, int places) {
    Fault f = Fault::none;
    const Decimal q = Decimal::from_minor(1, places);
    const Decimal top = target.is_negative() || target.is_zero() ? Decimal::mul(Decimal::from_int(100), q, f) : Decimal::mul(Decimal::from_int(2), target, f);
    const Decimal step = std::max(q, half_even(Decimal::div(top, Decimal::from_int(200), f), places));
    if (f != Fault::none) overflow("the scan range");
    std::vector<Decimal> out;
    for (Decimal x{}; x <= top && out.size() < kMaxCurvePoints; x = Decimal::add(x, step, f)) out.push_back(x);
    return out;
}

}  // namespace

std::string kpi_text(Decimal v, int places) { return v.places() <= places ? v.to_string_fixed(places) : v.to_string(); }

std::vector<std::string> Diagnostics::warnings() const {
    std::vector<std::string> out;
    const int m = minor_units;
    auto money = [m](std::int64_t v) { return Decimal::from_minor(v, m).to_string_fixed(m); };
    for (const auto& d : monotonicity)
        out.push_back(d.role + ": more " + d.kpi + " pays less from " + kpi_text(d.from, d.places) + " to " + kpi_text(d.to, d.places) + " (" + money(d.pay_from) +
                      " -> " + money(d.pay_to) + "; rule " + join(d.rules) + " at " + join(d.pointers) + ")");
    for (const auto& c : cliffs)
        out.push_back(c.role + ": " + c.kpi + " " + kpi_text(c.from, c.places) + " -> " + kpi_text(c.to, c.places) + " changes pay by " + money(c.jump) + " (more than " +
                      (cliff ? cliff->to_string() : "") + "; rule " + join(c.rules) + ")");
    return out;
}

Diagnostics diagnose(const CompiledScheme& cs, const BoundParameters& params, const Profiles& profiles, const DiagnosticsOptions& opt,
                     const std::vector<PersonInputs>* people) {
    if (profiles.target.empty()) throw std::invalid_argument("diagnostics need a target profile for at least one role");
    const Scheme& s = cs.scheme();
    const int mu = s.currency.minor_units;
    Diagnostics d;
    d.minor_units = mu;
    d.cliff = opt.cliff;
    for (const auto& r : cs.roles()) d.roles.push_back(r.rule->name);
    std::vector<std::optional<std::int64_t>> at_target(d.roles.size()), at_stress(d.roles.size());

    for (const PersonInputs& profile : profiles.target) {
        const CompiledRole& role = *cs.role(profile.role);
        const std::size_t r = static_cast<std::size_t>(&role - cs.roles().data());
        // Effort inputs: as declared, else the profile's money, count and number inputs.
        std::vector<std::size_t> effort;
        if (auto it = profiles.effort.find(profile.role); it != profiles.effort.end()) {
            for (const auto& name : it->second) effort.push_back(static_cast<std::size_t>(s.find_input(name) - s.inputs.data()));
        } else {
            for (std::size_t i = 0; i < s.inputs.size(); ++i)
                if (profile.values[i] && (s.inputs[i].kind == Kind::money || s.inputs[i].kind == Kind::count || s.inputs[i].kind == Kind::number))
                    effort.push_back(i);
        }
        for (auto i : effort)
            if (!profile.values[i])
                throw std::invalid_argument("effort input " + s.inputs[i].name + " of " + profile.role + " has no value in the target profile");

        // Pay mix and leverage.
        const Payslip slip = compute_payslip(cs, params, profile, Explain::none);
        const std::int64_t fixed = fixed_part(role, slip);
        d.pay_mix.push_back({profile.role, fixed, slip.total_minor - fixed, slip.total_minor, ratio(slip.total_minor - fixed, slip.total_minor)});
        PersonInputs stressed = profile;
        for (auto i : effort) {
            Fault f = Fault::none;
            stressed.values[i] = half_even(Decimal::mul(*profile.values[i], opt.stress, f), kpi_places(s.inputs[i], mu));
            if (f != Fault::none) overflow("the stressed " + s.inputs[i].name);
        }
        const std::int64_t stress_pay = compute_payslip(cs, params, stressed, Explain::none).total_minor;
        d.leverage.push_back({profile.role, slip.total_minor, stress_pay, opt.stress, ratio(stress_pay, slip.total_minor)});
        at_target[r] = slip.total_minor;
        at_stress[r] = stress_pay;

        // Scans of each effort KPI: monotonicity and cliffs.
        for (auto i : effort) {
            const InputDecl& kpi = s.inputs[i];
            const int places = kpi_places(kpi, mu);
            const Decimal q = Decimal::from_minor(1, places);
            std::vector<Decimal> values;
            if (auto rr = opt.ranges.find(profile.role); rr != opt.ranges.end())
                if (auto kr = rr->second.find(kpi.name); kr != rr->second.end()) values = kr->second;
            if (values.empty()) values = default_range(*profile.values[i], places);
            const PayCurve curve = pay_curve(cs, params, profile, kpi.name, values, opt.threads);
            auto pay_at = [&](Decimal x) {
                PersonInputs p = profile;
                p.values[i] = x;
                return compute_payslip(cs, params, p, Explain::none);
            };
            std::optional<std::size_t> run;  // the range being extended, an index into d.monotonicity
            for (std::size_t k = 0; k + 1 < values.size(); ++k) {
                const std::int64_t a = curve.total[k], b = curve.total[k + 1];
                if (b < a) {
                    std::vector<std::string> fell, pointers;
                    for (std::size_t c = 0; c < curve.components.size(); ++c)
                        if (curve.amounts[k + 1][c] < curve.amounts[k][c]) {
                            fell.push_back(curve.components[c]);
                            pointers.push_back(role.components[c].rule->pointer);
                        }
                    if (run && d.monotonicity[*run].to == values[k] && d.monotonicity[*run].rules == fell) {
                        d.monotonicity[*run].to = values[k + 1];
                        d.monotonicity[*run].pay_to = b;
                    } else {
                        d.monotonicity.push_back({profile.role, kpi.name, places, values[k], values[k + 1], a, b, fell, pointers});
                        run = d.monotonicity.size() - 1;
                    }
                }
                std::int64_t step = 0;
                if (__builtin_sub_overflow(b, a, &step)) overflow("a step of pay");
                if (!opt.cliff || Decimal::from_minor(step < 0 ? -step : step, mu) <= *opt.cliff) continue;
                // Narrow the step down to one unit of the KPI, keeping the half with the larger change.
                Decimal lo = values[k], hi = values[k + 1];
                Payslip plo = pay_at(lo), phi = pay_at(hi);
                Fault f = Fault::none;
                while (q < Decimal::sub(hi, lo, f)) {
                    const Decimal mid = half_even(Decimal::add(lo, Decimal::div(Decimal::sub(hi, lo, f), Decimal::from_int(2), f), f), places);
                    if (mid <= lo || hi <= mid) break;
                    Payslip pm = pay_at(mid);
                    const auto left = pm.total_minor - plo.total_minor, right = phi.total_minor - pm.total_minor;
                    if ((left < 0 ? -left : left) >= (right < 0 ? -right : right)) hi = mid, phi = std::move(pm);
                    else lo = mid, plo = std::move(pm);
                }
                const std::int64_t jump = phi.total_minor - plo.total_minor;
                if (Decimal::from_minor(jump < 0 ? -jump : jump, mu) <= *opt.cliff) continue;
                Cliff c{profile.role, kpi.name, places, lo, hi, jump, {}, {}};
                for (std::size_t l = 0; l < phi.lines.size() && l < plo.lines.size(); ++l)
                    if (phi.lines[l].minor != plo.lines[l].minor) {
                        c.rules.push_back(phi.lines[l].component);
                        c.pointers.push_back(phi.lines[l].pointer);
                    }
                d.cliffs.push_back(std::move(c));
            }
        }
    }

    if (people) {
        std::vector<std::int64_t> count(d.roles.size()), current(d.roles.size());
        for (const auto& p : *people) {
            const CompiledRole* role = cs.role(p.role);
            if (!role) throw std::invalid_argument("person " + p.id + ": unknown role '" + p.role + "'");
            const auto r = static_cast<std::size_t>(role - cs.roles().data());
            ++count[r];
            if (__builtin_add_overflow(current[r], compute_payslip(cs, params, p, Explain::none).total_minor, &current[r])) overflow("the current cost");
        }
        auto add_case = [&](const std::string& name, auto&& value_of) {
            CostCase c{name, {}, 0};
            for (std::size_t r = 0; r < d.roles.size(); ++r) {
                const std::optional<std::int64_t> v = value_of(r);
                c.role.push_back(v);
                if (v && __builtin_add_overflow(c.total, *v, &c.total)) overflow("the " + name + " cost");
            }
            d.cost.push_back(std::move(c));
        };
        auto times_count = [&](const std::vector<std::optional<std::int64_t>>& pay) {
            return [&pay, &count](std::size_t r) -> std::optional<std::int64_t> {
                if (!pay[r]) return std::nullopt;
                std::int64_t v = 0;
                if (__builtin_mul_overflow(*pay[r], count[r], &v)) overflow("a cost");
                return v;
            };
        };
        add_case("target", times_count(at_target));
        add_case("current", [&](std::size_t r) -> std::optional<std::int64_t> { return current[r]; });
        add_case("stressed", times_count(at_stress));
    }
    return d;
}

namespace {
std::string money(std::int64_t v, int m) { return Decimal::from_minor(v, m).to_string_fixed(m); }
std::string opt_text(const std::optional<Decimal>& v) { return v ? v->to_string_fixed(4) : ""; }
}  // namespace

std::string pay_mix_csv(const Diagnostics& d, data::CellGuard guard) {
    std::string out;
    data::append_csv_row(out, {"role", "fixed", "variable", "total", "variable_share"}, ',', guard);
    for (const auto& p : d.pay_mix)
        data::append_csv_row(out, {p.role, money(p.fixed, d.minor_units), money(p.variable, d.minor_units), money(p.total, d.minor_units), opt_text(p.variable_share)}, ',', guard);
    return out;
}

std::string leverage_csv(const Diagnostics& d, data::CellGuard guard) {
    std::string out;
    data::append_csv_row(out, {"role", "at_100", "at_stress", "stress", "leverage"}, ',', guard);
    for (const auto& l : d.leverage)
        data::append_csv_row(out, {l.role, money(l.at_100, d.minor_units), money(l.at_stress, d.minor_units), l.stress.to_string(), opt_text(l.leverage)}, ',', guard);
    return out;
}

std::string monotonicity_csv(const Diagnostics& d, data::CellGuard guard) {
    std::string out;
    data::append_csv_row(out, {"role", "kpi", "from", "to", "pay_from", "pay_to", "rules", "pointers"}, ',', guard);
    for (const auto& m : d.monotonicity)
        data::append_csv_row(out, {m.role, m.kpi, kpi_text(m.from, m.places), kpi_text(m.to, m.places), money(m.pay_from, d.minor_units), money(m.pay_to, d.minor_units),
                                   join(m.rules), join(m.pointers)}, ',', guard);
    return out;
}

std::string cliffs_csv(const Diagnostics& d, data::CellGuard guard) {
    std::string out;
    data::append_csv_row(out, {"role", "kpi", "from", "to", "jump", "rules", "pointers"}, ',', guard);
    for (const auto& c : d.cliffs)
        data::append_csv_row(out, {c.role, c.kpi, kpi_text(c.from, c.places), kpi_text(c.to, c.places), money(c.jump, d.minor_units), join(c.rules), join(c.pointers)}, ',', guard);
    return out;
}

std::string cost_csv(const Diagnostics& d, data::CellGuard guard) {
    std::string out;
    std::vector<std::string> header{"case"};
    header.insert(header.end(), d.roles.begin(), d.roles.end());
    header.emplace_back("total");
    data::append_csv_row(out, header, ',', guard);
    for (const auto& c : d.cost) {
        std::vector<std::string> row{c.name};
        for (const auto& v : c.role) row.push_back(v ? money(*v, d.minor_units) : "");
        row.push_back(money(c.total, d.minor_units));
        data::append_csv_row(out, row, ',', guard);
    }
    return out;
}

std::string diagnostics_text(const Diagnostics& d) {
    const int m = d.minor_units;
    auto disp = [&](std::int64_t v) { return Decimal::from_minor(v, m).to_display(m); };
    std::string s = "Diagnostics at target: pay mix and leverage\n";
    s += "  " + io::align_left("role", 12) + io::align_right("fixed", 14) + io::align_right("variable", 14) + io::align_right("variable %", 12) + io::align_right("at stress", 14) + io::align_right("leverage", 10) + "\n";
    for (std::size_t i = 0; i < d.pay_mix.size(); ++i) {
        const auto& p = d.pay_mix[i];
        const auto& l = d.leverage[i];
        Fault f = Fault::none;
        s += "  " + io::align_left(p.role, 12) + io::align_right(disp(p.fixed), 14) + io::align_right(disp(p.variable), 14) +
             io::align_right(p.variable_share ? Decimal::mul(*p.variable_share, Decimal::from_int(100), f).to_string_fixed(2) + "%" : "-", 12) +
             io::align_right(disp(l.at_stress), 14) + io::align_right(l.leverage ? l.leverage->to_string_fixed(4) : "-", 10) + "\n";
    }
    if (!d.cost.empty()) {
        s += "Cost\n  " + io::align_left("case", 12);
        for (const auto& r : d.roles) s += io::align_right(r, 14);
        s += io::align_right("total", 16) + "\n";
        for (const auto& c : d.cost) {
            s += "  " + io::align_left(c.name, 12);
            for (const auto& v : c.role) s += io::align_right(v ? disp(*v) : "-", 14);
            s += io::align_right(disp(c.total), 16) + "\n";
        }
    }
    const auto w = d.warnings();
    s += "Warnings: " + std::to_string(w.size()) + "\n";
    for (const auto& line : w) s += "  " + line + "\n";
    return s;
}

}  // namespace motiv::whatif
