#include "apps/plantest/lint.hpp"

#include "core/engine/compute.hpp"
#include "core/errors.hpp"

namespace motiv::plantest {

namespace {

using expr::NodeKind;
using expr::Op;

class Linter {
public:
    explicit Linter(const CompiledScheme& cs) : cs_(cs), s_(cs.scheme()) {}

    LintReport run() {
        for (const auto& p : s_.parameters) parameter(p);
        for (const auto& r : s_.roles) role(r);
        for (const auto& o : s_.on_target) on_target(o);
        return std::move(out_);
    }

private:
    void warn(const char* id, const std::string& pointer, const std::string& msg) { out_.warnings.push_back(LintWarning{id, pointer, msg}); }

    static std::string pct(Decimal d) { return format_value(d, expr::ValueType::number, Kind::ratio, 2); }

    void parameter(const Parameter& p) {
        auto x = [&](Decimal d) { return p.basis == Kind::ratio ? pct(d) : d.to_string(); };
        for (std::size_t v = 0; v < p.versions.size(); ++v) {
            const expr::TierTable& t = p.versions[v].table;
            const std::string where = p.versions[v].since.is_not_a_date() ? p.pointer + "/value" : p.pointer + "/value/" + to_iso(p.versions[v].since);
            for (std::size_t k = 0; k < t.from.size(); ++k) {
                const std::string at = where + "/" + std::to_string(k);
                if (p.basis == Kind::ratio && Decimal::from_int(10) < t.from[k])
                    warn("motiv.lint.602", at, "threshold " + t.from[k].to_string() + " of '" + p.name + "' is a ratio: " + pct(t.from[k]) +
                                                   " of the quota; write \"" + t.from[k].to_string() + "%\" for " + t.from[k].to_string() + "%");
                if (k == 0) continue;
                if (p.kind == Kind::tiers && t.rate[k] < t.rate[k - 1])
                    warn("motiv.lint.601", at, "tier " + std::to_string(k + 1) + " of '" + p.name + "' pays " + pct(t.rate[k]) + ", less than the " +
                                                   pct(t.rate[k - 1]) + " of the tier below: a higher result earns a lower rate");
                if (p.kind == Kind::tiers && t.rate[k] == t.rate[k - 1])
                    warn("motiv.lint.601", at, "tiers " + std::to_string(k) + " and " + std::to_string(k + 1) + " of '" + p.name + "' have the same rate " +
                                                   pct(t.rate[k]) + ": one tier, or a rate mistyped?");
                if (p.kind == Kind::curve && t.rate[k] < t.rate[k - 1])
                    warn("motiv.lint.603", at, "pay curve '" + p.name + "' falls from " + pct(t.rate[k - 1]) + " at " + t.from[k - 1].to_string() + " to " +
                                                   pct(t.rate[k]) + " at " + x(t.from[k]) + ": more attainment would pay less");
            }
        }
    }

    // Declared kind and unit of a plain name, if it is an input or a scalar parameter.
    struct Dim {
        Kind kind;
        std::string unit;
        std::optional<Decimal> min, max;
    };
    std::optional<Dim> dim(const std::string& name) const {
        if (const InputDecl* in = s_.find_input(name)) return Dim{in->kind, in->unit, in->min, in->max};
        if (const Parameter* p = s_.find_parameter(name); p && p->kind != Kind::tiers && p->kind != Kind::curve) {
            std::optional<Decimal> v;
            if (p->versions.size() == 1) v = p->versions[0].value;  // a fixed value bounds itself
            return Dim{p->kind, p->unit, v, v};
        }
        return std::nullopt;
    }

    static bool compare(Op op) { return op == Op::lt || op == Op::le || op == Op::gt || op == Op::ge || op == Op::eq || op == Op::ne; }

    void units(const Formula& f) {
        const expr::Ast& ast = f.ast;
        for (const auto& n : ast.nodes) {
            const bool binary = n.kind == NodeKind::binary && (n.op == Op::add || n.op == Op::sub || compare(n.op));
            const bool minmax = n.kind == NodeKind::call && (n.name == "min" || n.name == "max");
            if (!binary && !minmax) continue;
            std::optional<std::pair<std::string, Dim>> first;
            for (const auto a : n.args) {
                const auto& an = ast.node(a);
                if (an.kind != NodeKind::name) continue;
                auto d = dim(an.name);
                if (!d) continue;
                if (!first) {
                    first.emplace(an.name, *d);
                    continue;
                }
                const Dim& x = first->second;
                const bool unit_clash = !x.unit.empty() && !d->unit.empty() && x.unit != d->unit;
                const bool kind_clash = x.kind != d->kind && (x.kind == Kind::money || d->kind == Kind::money || x.kind == Kind::ratio || d->kind == Kind::ratio);
                if (unit_clash || kind_clash)
                    warn("motiv.lint.605", f.pointer, "units do not match in '" + ast.text + "': " + first->first + " is " + describe(x) + ", " + an.name + " is " + describe(*d));
            }
        }
    }

    static std::string describe(const Dim& d) { return std::string(to_string(d.kind)) + (d.unit.empty() ? "" : " in " + d.unit); }

    // True when `n` (a comparison of a name with a literal or a fixed parameter) can never hold
    // for the values the name's declared range allows.
    bool never(const expr::Ast& ast, const expr::Node& n) const {
        if (n.kind == NodeKind::boolean) return !n.boolean;
        if (n.kind == NodeKind::binary && n.op == Op::and_) return never(ast, ast.node(n.args[0])) || never(ast, ast.node(n.args[1]));
        if (n.kind == NodeKind::binary && n.op == Op::or_) return never(ast, ast.node(n.args[0])) && never(ast, ast.node(n.args[1]));
        if (n.kind != NodeKind::binary || !compare(n.op)) return false;
        auto range = [&](const expr::Node& x) -> std::optional<std::pair<std::optional<Decimal>, std::optional<Decimal>>> {
            if (x.kind == NodeKind::number) return std::make_pair(std::optional<Decimal>(x.number), std::optional<Decimal>(x.number));
            if (x.kind != NodeKind::name) return std::nullopt;
            auto d = dim(x.name);
            if (!d) return std::nullopt;
            std::optional<Decimal> lo = d->min;
            if (!lo && (d->kind == Kind::count)) lo = Decimal{};
            return std::make_pair(lo, d->max);
        };
        auto l = range(ast.node(n.args[0])), r = range(ast.node(n.args[1]));
        if (!l || !r) return false;
        const auto& [llo, lhi] = *l;
        const auto& [rlo, rhi] = *r;
        switch (n.op) {
            case Op::lt: return llo && rhi && !(*llo < *rhi);
            case Op::le: return llo && rhi && *rhi < *llo;
            case Op::gt: return lhi && rlo && !(*rlo < *lhi);
            case Op::ge: return lhi && rlo && *lhi < *rlo;
            case Op::eq: return (lhi && rlo && *lhi < *rlo) || (llo && rhi && *rhi < *llo);
            default: return false;
        }
    }

    void role(const Role& r) {
        for (const auto& v : r.variables) units(v.formula);
        for (const auto& c : r.components) {
            for (const auto* f : {&c.amount, &c.rate, &c.of, &c.base, &c.when, &c.cap, &c.floor, &c.quota, &c.multiplier, &c.minimum, &c.maximum})
                if (*f) units(**f);
            if (c.when && never(c.when->ast, c.when->ast.node(c.when->ast.root)))
                warn("motiv.lint.604", c.when->pointer, "component '" + c.id + "' is never paid: '" + c.when->ast.text + "' cannot hold for any value the inputs' declared min/max allow");
            if (c.cap) {
                const auto& root = c.cap->ast.node(c.cap->ast.root);
                auto d = root.kind == NodeKind::name ? dim(root.name) : std::nullopt;
                const bool zero = (root.kind == NodeKind::number && root.number.is_zero()) || (d && d->max && d->min && d->max->is_zero() && d->min->is_zero());
                if (zero) warn("motiv.lint.604", c.cap->pointer, "component '" + c.id + "' is capped at zero: it can never pay");
            }
            for (const auto& m : c.measures) {
                units(m.actual);
                units(m.target);
            }
        }
    }

    void on_target(const OnTarget& o) {
        const CompiledRole* role = cs_.role(o.role);
        if (!role) return;
        PersonInputs p;
        p.id = "on_target." + o.role;
        p.role = o.role;
        p.source = s_.source;
        p.values.assign(s_.inputs.size(), std::nullopt);
        for (const auto& [name, v] : o.inputs)
            if (const InputDecl* in = s_.find_input(name)) p.values[static_cast<std::size_t>(in - s_.inputs.data())] = v;
        Payslip slip;
        try {
            slip = compute_payslip(cs_, o.period, p, Explain::none);
        } catch (const Error& e) {
            warn("motiv.lint.606", o.pointer, "on-target earnings of " + o.role + " cannot be checked: " + e.what());
            return;
        }
        const int mu = s_.currency.minor_units;
        Fault f = Fault::none;
        // |paid - declared| <= tolerance x declared
        const Decimal diff = Decimal::sub(slip.total, o.earnings, f);
        const Decimal allowed = Decimal::mul(o.tolerance, o.earnings, f);
        const bool ok = !(allowed < (diff.is_negative() ? Decimal::neg(diff, f) : diff));
        std::string note = "on target: " + o.role + " is paid " + slip.total.to_display(mu) + " at the declared inputs in " + o.period.to_string() +
                           " (declared " + o.earnings.to_display(mu) + ", tolerance " + pct(o.tolerance) + "): " + (ok ? "ok" : "DIFFERS");
        if (!ok)
            warn("motiv.lint.606", o.pointer + "/earnings", "on-target earnings of " + o.role + ": declared " + o.earnings.to_display(mu) + ", the scheme pays " +
                                                                slip.total.to_display(mu) + " at the declared inputs (off by " + diff.to_display(mu) + ")");
        if (o.fixed_share) {
            Decimal fixed;
            for (const auto& l : slip.lines)
                if (l.kind == "fixed") fixed = Decimal::add(fixed, l.amount, f);
            const Decimal share = slip.total.is_zero() ? Decimal{} : Decimal::div(fixed, slip.total, f);
            const Decimal d = Decimal::sub(share, *o.fixed_share, f);
            const bool mix_ok = !(o.tolerance < (d.is_negative() ? Decimal::neg(d, f) : d));
            const std::string shown = Rounding{RoundingMode::half_up, Decimal::from_raw(Decimal::kOne / 10000)}.apply(share, f).to_string();
            note += "; pay mix: fixed " + fixed.to_display(mu) + " = " + pct(Decimal::parse(shown).value_or(share)) + " of the total (declared " +
                    pct(*o.fixed_share) + "): " + (mix_ok ? "ok" : "DIFFERS");
            if (!mix_ok)
                warn("motiv.lint.606", o.pointer + "/fixed_share", "pay mix of " + o.role + ": declared fixed share " + pct(*o.fixed_share) + ", the scheme pays " +
                                                                       pct(Decimal::parse(shown).value_or(share)) + " fixed at the declared inputs");
        }
        out_.notes.push_back(note);
    }

    const CompiledScheme& cs_;
    const Scheme& s_;
    LintReport out_;
};

}  // namespace

LintReport lint(const CompiledScheme& scheme) { return Linter(scheme).run(); }

}  // namespace motiv::plantest
