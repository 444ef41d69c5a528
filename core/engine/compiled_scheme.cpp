#include "core/engine/compiled_scheme.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/errors.hpp"
#include "core/errors/catalogue.hpp"

namespace motiv {

using expr::OpCode;
using expr::Slot;
using expr::ValueType;

const CompiledField* CompiledComponent::field(std::string_view name) const {
    for (const auto& f : fields)
        if (f.name == name) return &f;
    return nullptr;
}

const CompiledVariable* CompiledRole::variable(std::string_view name) const {
    for (const auto& v : variables)
        if (v.rule->name == name) return &v;
    return nullptr;
}

const CompiledComponent* CompiledRole::component(std::string_view id) const {
    for (const auto& c : components)
        if (c.rule->id == id) return &c;
    return nullptr;
}

const CompiledRole* CompiledScheme::role(std::string_view name) const {
    for (const auto& r : roles_)
        if (r.rule->name == name) return &r;
    return nullptr;
}

namespace {

// Compiles one role. Variables and components are compiled on first reference (depth first), so
// instructions come out in dependency order whatever order the file lists them in; a name met
// again while it is still being compiled is a cycle.
class RoleCompiler {
public:
    RoleCompiler(const Scheme& s, const Role& r, IssueCollector<RuleError>& issues) : s_(s), r_(r), issues_(issues) {
        resolver_ = [this](std::string_view name, std::uint32_t column) { return resolve(name, column); };
        // Names are looked up once per formula node: scanning the lists instead cost (names in
        // formulas) x (variables + components + inputs + parameters), seconds for a large file.
        for (std::size_t i = r_.variables.size(); i-- > 0;) where_[r_.variables[i].name].variable = i;
        for (std::size_t i = r_.components.size(); i-- > 0;) where_[r_.components[i].id].component = i;
        for (std::size_t i = s_.inputs.size(); i-- > 0;) where_[s_.inputs[i].name].input = i;
        for (std::size_t i = s_.parameters.size(); i-- > 0;) where_[s_.parameters[i].name].parameter = i;
    }

    CompiledRole run() {
        CompiledRole out;
        out.rule = &r_;
        for (const auto& v : r_.variables) variable(v);
        std::vector<std::optional<CompiledComponent>> comps(r_.components.size());
        for (const auto& c : r_.components) component(c);
        for (const auto& c : r_.components) {
            auto it = components_.find(c.id);
            if (it != components_.end()) out.components.push_back(std::move(it->second));
        }
        out.variables = std::move(variables_);
        for (const auto& [idx, slot] : input_slots_) {
            out.inputs.emplace_back(idx, slot);
            const InputDecl& in = s_.inputs[idx];
            if (in.required && !in.default_value) out.required_inputs.push_back(idx);
        }
        for (const auto& [idx, slot] : param_slots_) out.params.emplace_back(idx, slot);
        out.program = b_.finish();
        return out;
    }

private:
    enum class State { active, done };

    void issue(const char* id, const std::string& pointer, const std::string& msg, const std::string& expression = "", std::size_t col = 0) {
        issues_.add(Issue{.id = id, .file = s_.source, .pointer = pointer, .message = msg, .expression = expression, .expr_column = col});
    }

    // Thrown by the resolver for a name whose own formula failed (or that closes a cycle) and caught
    // silently by formula(): the mistake was reported where it is, so a formula that merely uses the
    // name fails without a second, misleading message. (A typed stand-in cannot do this: a stand-in
    // number makes `when: gate` report "expected a condition" for a typo inside `gate`.)
    static constexpr const char* kPoisoned = "\x01poisoned";

    [[noreturn]] static void poisoned(std::uint32_t column) { throw expr::CompileError(kPoisoned, column); }

    std::optional<expr::Symbol> resolve(std::string_view name, std::uint32_t column) {
        const auto found = where_.find(name);
        if (found == where_.end()) return std::nullopt;
        const Where& w = found->second;
        if (w.variable != kNone) {
            if (auto sym = variable(r_.variables[w.variable])) return sym;
            poisoned(column);
        }
        if (w.component != kNone) {
            if (auto sym = component(r_.components[w.component])) return sym;
            poisoned(column);
        }
        if (const std::size_t i = w.input; i != kNone) {
            auto [it, fresh] = input_slots_.try_emplace(i, 0);
            if (fresh) it->second = b_.new_slot();
            return expr::Symbol{value_type(s_.inputs[i].kind), it->second, 0, ValueType::money};
        }
        if (const std::size_t i = w.parameter; i != kNone) {
            const Parameter& p = s_.parameters[i];
            if (p.kind == Kind::tiers || p.kind == Kind::curve)
                return expr::Symbol{ValueType::tiers, 0, static_cast<std::uint32_t>(i), value_type(p.basis), p.kind == Kind::curve, p.basis == Kind::ratio};
            auto [it, fresh] = param_slots_.try_emplace(i, 0);
            if (fresh) it->second = b_.new_slot();
            return expr::Symbol{value_type(p.kind), it->second, 0, ValueType::money};
        }
        return std::nullopt;
    }

    // Guards against cycles; returns false (after reporting) when `name` is already being compiled.
    bool enter(const std::string& name, const std::string& pointer) {
        auto [it, fresh] = state_.try_emplace(name, State::active);
        if (fresh) {
            stack_.push_back(name);
            return true;
        }
        if (it->second == State::active) {
            std::string path;
            bool on = false;
            for (const auto& s : stack_) {
                if (s == name) on = true;
                if (on) path += s + " -> ";
            }
            issue(err::rule_cycle, pointer, "cycle: " + path + name + " (a value cannot depend on itself)");
        }
        return false;
    }

    void leave(const std::string& name) {
        state_[name] = State::done;
        stack_.pop_back();
    }

    // Compiles a formula, reporting its errors at its pointer and column; nullopt on error.
    // Height of a formula's syntax tree. The parser adds a node after its operands, so one pass in
    // index order sees every operand's height before its parent's.
    static std::size_t height(const expr::Ast& ast) {
        std::vector<std::size_t> h(ast.nodes.size(), 1);
        for (std::size_t i = 0; i < ast.nodes.size(); ++i)
            for (const expr::NodeId a : ast.nodes[i].args)
                if (a < i) h[i] = std::max(h[i], h[a] + 1);
        return ast.nodes.empty() ? 0 : h[ast.root];
    }

    std::optional<expr::CompiledFormula> formula(const Formula& f, std::optional<ValueType> expected) {
        // Compiling recurses through the formula's tree and, at each name, into the formula that
        // defines it: the C++ stack grows with the sum of the heights along a chain of references.
        // Unbounded, a 1 MB file (256 variables, each a chain of 511 additions ending in the next
        // one) overflowed the stack.
        const std::size_t h = height(f.ast);
        if (depth_ + h > kMaxReferenceDepth && !stack_.empty()) {
            issue(err::rule_too_many, f.pointer,
                  "formulas nested too deeply through the names they use: more than " + std::to_string(kMaxReferenceDepth) +
                      " levels in all along " + stack_.front() + " -> ... -> " + stack_.back() + " (" + std::to_string(stack_.size()) +
                      " names); use fewer levels of variables");
            return std::nullopt;
        }
        depth_ += h;
        struct Restore {
            std::size_t& depth;
            std::size_t h;
            ~Restore() { depth -= h; }
        } restore{depth_, h};
        try {
            return expr::compile(f.ast, b_, resolver_, expected);
        } catch (const expr::CompileError& e) {
            const std::string msg = e.what();
            if (msg == kPoisoned) return std::nullopt;  // already reported where the name is defined
            const char* id = msg.rfind("unknown name", 0) == 0 ? err::rule_unknown_name : err::formula_type;
            issue(id, f.pointer, msg, f.ast.text, e.column());
            return std::nullopt;
        }
    }

    // The variable's symbol, compiling it on first use; nullopt when it failed or closes a cycle.
    std::optional<expr::Symbol> variable(const Variable& v) {
        if (auto it = symbols_.find(v.name); it != symbols_.end()) return it->second;
        if (!enter(v.name, v.pointer)) return std::nullopt;
        auto code = formula(v.formula, std::nullopt);
        std::optional<expr::Symbol> sym;
        if (code) {
            sym = expr::Symbol{code->type, code->slot, 0, ValueType::money};
            variables_.push_back(CompiledVariable{&v, std::move(*code)});
        }
        leave(v.name);
        symbols_[v.name] = sym;
        return sym;
    }

    // The component's symbol (its line amount), compiling it on first use; nullopt when it failed.
    std::optional<expr::Symbol> component(const Component& c) {
        if (auto it = symbols_.find(c.id); it != symbols_.end()) return it->second;
        if (c.id.empty()) return std::nullopt;
        if (!enter(c.id, c.pointer)) return std::nullopt;
        CompiledComponent out;
        out.rule = &c;
        bool ok = true;
        auto field = [&](const char* name, const std::optional<Formula>& f, ValueType type) -> std::optional<Slot> {
            if (!f) return std::nullopt;
            auto code = formula(*f, type);
            if (!code) {
                ok = false;
                return std::nullopt;
            }
            const Slot s = code->slot;
            out.fields.push_back(CompiledField{name, &*f, std::move(*code)});
            return s;
        };
        out.when = field("when", c.when, ValueType::boolean);
        auto amount = field("amount", c.amount, ValueType::money);
        auto rate = field("rate", c.rate, ValueType::number);
        auto of = field("of", c.of, ValueType::money);
        auto base = field("base", c.base, ValueType::money);
        auto cap = field("cap", c.cap, ValueType::money);
        auto floor = field("floor", c.floor, ValueType::money);
        auto quota = field("quota", c.quota, ValueType::money);
        auto multiplier = field("multiplier", c.multiplier, ValueType::number);
        auto minimum = field("minimum", c.minimum, ValueType::money);
        auto maximum = field("maximum", c.maximum, ValueType::money);
        if (c.kind == ComponentKind::scorecard) ok = measures(c, out) && ok;
        if (c.kind == ComponentKind::adjustment) {
            // The lines above this one, in payslip order (compiled first if they are not yet).
            out.above = b_.constant(Decimal{});
            for (const auto& other : r_.components) {
                if (&other == &c) break;
                if (auto sym = component(other)) out.above = b_.emit(OpCode::add, out.above, sym->slot);
                else ok = false;
            }
        }
        if (c.prorate) {
            if (!s_.proration) {
                issue(err::rule_missing, c.pointer + "/prorate", "'prorate' needs a \"proration\" section in the scheme (calendar or working days)");
                ok = false;
            } else if (auto sym = resolve("prorata", 0)) {
                out.prorata = sym->slot;
            }
        }
        if (c.kind == ComponentKind::commission && !c.tiers.empty()) {
            const Parameter* p = s_.find_parameter(c.tiers);
            if (!p || p->kind != Kind::tiers) {
                issue(err::rule_unknown_name, c.pointer + "/tiers", "'" + c.tiers + "' is not a tier table parameter" + (p ? " (it is a " + std::string(to_string(p->kind)) + ")" : ""));
                ok = false;
            } else if (quota && p->basis != Kind::ratio) {
                issue(err::formula_type, c.pointer + "/tiers", "a commission by attainment of a quota needs a tier table of basis ratio (thresholds as shares of the quota), '" + c.tiers + "' has basis " + to_string(p->basis));
                ok = false;
            } else if (!quota && c.quota) {
                ok = false;  // the quota's own error is reported
            } else if (!c.quota && p->basis != Kind::money) {
                issue(err::formula_type, c.pointer + "/tiers", "a commission's tier table must have basis money (or basis ratio with a 'quota'), '" + c.tiers + "' has basis " + to_string(p->basis));
                ok = false;
            } else {
                out.tiers = static_cast<std::size_t>(p - s_.parameters.data());
            }
        }
        if (ok) {
            switch (c.kind) {
                case ComponentKind::fixed:
                case ComponentKind::formula: out.raw = *amount; break;
                case ComponentKind::percent: out.raw = b_.emit(OpCode::mul, *rate, *of); break;
                case ComponentKind::commission:
                    if (c.mode == TierMode::flat) out.raw = b_.emit(OpCode::mul, *rate, *base);
                    else if (quota) {
                        out.quota = *quota;
                        out.raw = b_.emit(c.mode == TierMode::graduated ? OpCode::graduated_scaled : OpCode::retro_scaled, *base, *quota, 0, static_cast<std::uint32_t>(*out.tiers));
                    } else out.raw = b_.emit(c.mode == TierMode::graduated ? OpCode::graduated : OpCode::retro, *base, 0, 0, static_cast<std::uint32_t>(*out.tiers));
                    break;
                case ComponentKind::penalty: out.raw = amount ? *amount : b_.emit(OpCode::mul, *rate, *of); break;
                case ComponentKind::scorecard:
                    out.score = multiplier ? b_.emit(OpCode::mul, out.score, *multiplier) : out.score;
                    out.raw = b_.emit(OpCode::mul, *of, out.score);
                    break;
                case ComponentKind::adjustment: {
                    // clamp(above, minimum, maximum) - above: a top-up or a cut of the total.
                    Slot bounded = out.above;
                    if (minimum) bounded = b_.emit(OpCode::max, bounded, *minimum);
                    if (maximum) bounded = b_.emit(OpCode::min, bounded, *maximum);
                    out.raw = b_.emit(OpCode::sub, bounded, out.above);
                    break;
                }
            }
            out.unprorated = out.raw;
            if (out.prorata) out.raw = b_.emit(OpCode::mul, out.raw, *out.prorata);
            out.bounded = out.raw;
            if (cap) out.bounded = b_.emit(OpCode::min, out.bounded, *cap);
            if (floor) out.bounded = b_.emit(OpCode::max, out.bounded, *floor);
            out.rounding = b_.add_rounding(c.rounding.value_or(s_.rounding));
            out.rounded = b_.emit(OpCode::round, out.bounded, 0, 0, out.rounding);
            if (c.kind == ComponentKind::penalty) out.rounded = b_.emit(OpCode::neg, out.rounded);
            out.result = out.when ? b_.emit(OpCode::zero_unless, *out.when, out.rounded) : out.rounded;
        }
        leave(c.id);
        std::optional<expr::Symbol> sym;
        if (ok) sym = expr::Symbol{ValueType::money, out.result, 0, ValueType::money};
        if (ok) components_.emplace(c.id, std::move(out));
        symbols_[c.id] = sym;
        return sym;
    }

    // A scorecard's measures: score_i = 0 below the threshold, else min(actual / target, cap);
    // out.score = sum of weight_i x score_i. Actual, target, threshold and cap measure one thing.
    bool measures(const Component& c, CompiledComponent& out) {
        bool ok = true;
        out.score = b_.constant(Decimal{});
        for (const auto& m : c.measures) {
            CompiledMeasure cm;
            cm.rule = &m;
            const std::string prefix = m.id + ".";
            auto typed = [&](const char* part, const Formula& f, std::optional<ValueType> want) -> std::optional<std::pair<Slot, ValueType>> {
                auto code = formula(f, want);
                if (!code) return std::nullopt;
                const auto result = std::make_pair(code->slot, code->type);
                out.fields.push_back(CompiledField{prefix + part, &f, std::move(*code)});
                return result;
            };
            auto actual = typed("actual", m.actual, std::nullopt);
            const std::optional<ValueType> kind = actual ? std::optional<ValueType>(actual->second) : std::nullopt;
            auto target = typed("target", m.target, kind);
            auto weight = typed("weight", m.weight, ValueType::number);
            auto threshold = m.threshold ? typed("threshold", *m.threshold, kind) : std::nullopt;
            auto cap = m.cap ? typed("cap", *m.cap, ValueType::number) : std::nullopt;
            if (actual && actual->second != ValueType::money && actual->second != ValueType::number) {
                issue(err::formula_type, m.pointer + "/actual", "a measure's actual value must be a number or money, got " + std::string(expr::to_string(actual->second)));
                ok = false;
                continue;
            }
            if (!actual || !target || !weight || (m.threshold && !threshold) || (m.cap && !cap)) {
                ok = false;
                continue;
            }
            cm.actual = actual->first;
            cm.target = target->first;
            cm.weight = weight->first;
            Slot score = b_.emit(OpCode::div, cm.actual, cm.target);
            if (cap) {
                cm.cap = cap->first;
                score = b_.emit(OpCode::min, score, *cm.cap);
            }
            if (threshold) {
                cm.threshold = threshold->first;
                score = b_.emit(OpCode::select, b_.emit(OpCode::ge, cm.actual, *cm.threshold), score, b_.constant(Decimal{}));
            }
            cm.score = score;
            cm.weighted = b_.emit(OpCode::mul, cm.weight, cm.score);
            out.score = b_.emit(OpCode::add, out.score, cm.weighted);
            out.measures.push_back(cm);
        }
        return ok;
    }

    // Where a name is defined: the first variable, component, input and parameter of that name.
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    struct Where {
        std::size_t variable = kNone, component = kNone, input = kNone, parameter = kNone;
    };

    const Scheme& s_;
    const Role& r_;
    IssueCollector<RuleError>& issues_;
    std::unordered_map<std::string_view, Where> where_;
    expr::ProgramBuilder b_;
    expr::Resolver resolver_;
    std::map<std::string, State> state_;
    std::map<std::string, std::optional<expr::Symbol>> symbols_;  // nullopt: failed, already reported
    std::vector<std::string> stack_;
    // Sum of the tree heights of the formulas being compiled (see formula()); the limit keeps the
    // recursion within a few MiB of stack, sanitizers included (a level costs about 2.3 KiB under
    // clang's ASan, 4.5 KiB under GCC's: 2,048 levels overflowed an 8 MiB stack).
    static constexpr std::size_t kMaxReferenceDepth = 1024;
    std::size_t depth_ = 0;
    std::map<std::size_t, Slot> input_slots_, param_slots_;
    std::vector<CompiledVariable> variables_;
    std::map<std::string, CompiledComponent> components_;
};

}  // namespace

std::shared_ptr<const CompiledScheme> CompiledScheme::compile(Scheme scheme) {
    std::shared_ptr<CompiledScheme> out(new CompiledScheme(std::move(scheme)));
    IssueCollector<RuleError> issues;
    for (const auto& r : out->scheme_.roles) out->roles_.push_back(RoleCompiler(out->scheme_, r, issues).run());
    issues.throw_if_any();
    return out;
}

BoundParameters CompiledScheme::bind(const Period& period) const {
    BoundParameters b;
    b.period = period;
    const Date day = period.first_day();
    b.values.resize(scheme_.parameters.size());
    b.tables.resize(scheme_.parameters.size());
    IssueCollector<RuleError> issues;
    for (std::size_t i = 0; i < scheme_.parameters.size(); ++i) {
        const Parameter& p = scheme_.parameters[i];
        const Parameter::Version* in_force = nullptr;
        for (const auto& v : p.versions)
            if (v.since.is_not_a_date() || v.since <= day) in_force = &v;
        if (!in_force) {
            issues.add(Issue{.id = err::rule_no_value_in_force, .file = scheme_.source, .pointer = p.pointer, .message = "parameter '" + p.name + "' has no value in force on " + to_iso(day) + " (period " + period.to_string() + ")"});
            continue;
        }
        b.values[i] = in_force->value;
        b.tables[i] = in_force->table;
    }
    issues.throw_if_any();
    return b;
}

}  // namespace motiv
