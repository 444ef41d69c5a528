#include "apps/whatif/distributions.hpp"

#include <algorithm>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/triangle_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <charconv>
#include <cmath>
#include <optional>

#include "core/errors.hpp"
#include "core/io/atomic_file.hpp"
#include "core/rules/json_document.hpp"
#include "apps/whatif/profiles.hpp"

namespace motiv::whatif {

// History lists are user input: bounded.
inline constexpr std::size_t kMaxHistory = 1'000'000;

const char* to_string(DistributionKind k) {
    switch (k) {
        case DistributionKind::normal: return "normal";
        case DistributionKind::lognormal: return "lognormal";
        case DistributionKind::uniform: return "uniform";
        case DistributionKind::triangular: return "triangular";
        case DistributionKind::resample: return "resample";
    }
    return "?";
}

double draw(const Distribution& d, Engine& engine) {
    switch (d.kind) {
        case DistributionKind::normal: return boost::random::normal_distribution<double>(d.a, d.b)(engine);
        case DistributionKind::lognormal: return boost::random::lognormal_distribution<double>(d.a, d.b)(engine);
        case DistributionKind::uniform: return boost::random::uniform_real_distribution<double>(d.a, d.b)(engine);
        case DistributionKind::triangular: return boost::random::triangle_distribution<double>(d.a, d.b, d.c)(engine);
        case DistributionKind::resample:
            return d.history[boost::random::uniform_int_distribution<std::size_t>(0, d.history.size() - 1)(engine)];
    }
    return 0;
}

namespace {

// A JSON number (integers as such; other numbers arrive as their literal text) or a numeric string.
std::optional<double> number_of(const nlohmann::ordered_json& v) {
    if (v.is_number_integer()) return static_cast<double>(v.get<std::int64_t>());
    if (v.is_number_unsigned()) return static_cast<double>(v.get<std::uint64_t>());
    if (!v.is_string()) return std::nullopt;
    const auto& s = v.get_ref<const std::string&>();
    double x = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
    if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(x)) return std::nullopt;
    return x;
}

struct Shape {
    DistributionKind kind;
    const char* name;
    std::vector<const char*> params;
};
const std::vector<Shape>& shapes() {
    static const std::vector<Shape> s{{DistributionKind::normal, "normal", {"mean", "sd"}},
                                      {DistributionKind::lognormal, "lognormal", {"mu", "sigma"}},
                                      {DistributionKind::uniform, "uniform", {"low", "high"}},
                                      {DistributionKind::triangular, "triangular", {"low", "mode", "high"}},
                                      {DistributionKind::resample, "resample", {}}};
    return s;
}

}  // namespace

std::vector<Distribution> read_distributions(const nlohmann::ordered_json& doc, const CompiledScheme& cs, const std::string& source) {
    const Scheme& s = cs.scheme();
    IssueCollector<RuleError> issues;
    std::vector<Distribution> out;
    if (!doc.is_object() || !doc.contains("draws")) {
        issues.add(model_issue(source, "", "expected an object with \"draws\": {input: distribution}"));
        issues.throw_if_any();
    }
    for (const auto& [key, message] : unknown_keys(doc, {"draws", "description"})) issues.add(model_issue(source, json_pointer_join("", key), message));
    const auto& draws = doc["draws"];
    if (!draws.is_object()) issues.add(model_issue(source, "/draws", "expected an object of inputs, got " + json_type_name(draws)));
    else
        for (const auto& [name, spec] : draws.items()) {
            const std::string at = json_pointer_join("/draws", name);
            const InputDecl* decl = s.find_input(name);
            if (!decl) {
                std::string names;
                for (const auto& in : s.inputs) names += (names.empty() ? "" : ", ") + in.name;
                issues.add(model_issue(source, at, "unknown input '" + name + "'; the scheme's inputs: " + names));
                continue;
            }
            if (!spec.is_object() || !spec.contains("distribution") || !spec["distribution"].is_string()) {
                issues.add(model_issue(source, at, "expected an object with \"distribution\" (normal, lognormal, uniform, triangular or resample)"));
                continue;
            }
            const std::string kind = spec["distribution"].get<std::string>();
            const auto shape = std::find_if(shapes().begin(), shapes().end(), [&](const Shape& sh) { return kind == sh.name; });
            if (shape == shapes().end()) {
                issues.add(model_issue(source, at + "/distribution", "unknown distribution '" + kind + "'; expected normal, lognormal, uniform, triangular or resample"));
                continue;
            }
            Distribution d;
            d.input = name, d.input_index = static_cast<std::size_t>(decl - s.inputs.data()), d.kind = shape->kind, d.pointer = at;
            bool ok = true;
            for (const auto& item : spec.items()) {
                const std::string& k = item.key();
                const bool known = k == "distribution" || k == "relative" || k == "description" || (d.kind == DistributionKind::resample && k == "history") ||
                                   std::any_of(shape->params.begin(), shape->params.end(), [&](const char* p) { return k == p; });
                if (!known) {
                    std::string list;
                    for (const char* p : shape->params) list += std::string(p) + ", ";
                    issues.add(model_issue(source, json_pointer_join(at, k), "unknown key '" + k + "' for a " + kind + " distribution; expected " + list +
                                                                                  (d.kind == DistributionKind::resample ? "history, " : "") + "relative"));
                    ok = false;
                }
            }
            double* slot[] = {&d.a, &d.b, &d.c};
            for (std::size_t i = 0; i < shape->params.size(); ++i) {
                const char* p = shape->params[i];
                const std::string pat = json_pointer_join(at, p);
                if (!spec.contains(p)) {
                    issues.add(model_issue(source, pat, std::string("missing '") + p + "': a " + kind + " distribution needs it"));
                    ok = false;
                } else if (auto x = number_of(spec[p])) {
                    *slot[i] = *x;
                } else {
                    issues.add(model_issue(source, pat, "expected a finite number, got " + json_type_name(spec[p])));
                    ok = false;
                }
            }
            if (spec.contains("relative")) {
                if (!spec["relative"].is_boolean()) {
                    issues.add(model_issue(source, at + "/relative", "expected true or false, got " + json_type_name(spec["relative"])));
                    ok = false;
                } else {
                    d.relative = spec["relative"].get<bool>();
                }
            }
            if (d.kind == DistributionKind::resample) {
                const auto* h = spec.contains("history") ? &spec["history"] : nullptr;
                if (!h || !h->is_array() || h->empty() || h->size() > kMaxHistory) {
                    issues.add(model_issue(source, at + "/history", "expected a list of 1 to " + std::to_string(kMaxHistory) + " numbers"));
                    ok = false;
                } else {
                    for (std::size_t i = 0; i < h->size(); ++i) {
                        if (auto x = number_of((*h)[i])) d.history.push_back(*x);
                        else {
                            issues.add(model_issue(source, json_pointer_join(at + "/history", i), "expected a finite number, got " + json_type_name((*h)[i])));
                            ok = false;
                        }
                    }
                }
            }
            if (!ok) continue;
            // Parameters the Boost distributions require (they assert, not throw).
            const auto bad = [&](const std::string& field, const std::string& what) { issues.add(model_issue(source, json_pointer_join(at, field), what)); ok = false; };
            if ((d.kind == DistributionKind::normal || d.kind == DistributionKind::lognormal) && !(d.b >= 0))
                bad(d.kind == DistributionKind::normal ? "sd" : "sigma", "expected a number >= 0");
            // Boost's uniform loops forever and the triangle divides by zero when low == high: a
            // constant is a normal with sd 0.
            if (d.kind == DistributionKind::uniform && !(d.a < d.b)) bad("high", "expected high > low (for a constant, a normal with sd 0)");
            if (d.kind == DistributionKind::triangular && !(d.a <= d.b && d.b <= d.c && d.a < d.c))
                bad("mode", "expected low <= mode <= high and low < high");
            if (ok) out.push_back(std::move(d));
        }
    issues.throw_if_any();
    std::sort(out.begin(), out.end(), [](const Distribution& x, const Distribution& y) { return x.input_index < y.input_index; });
    return out;
}

std::vector<Distribution> load_distributions_file(const std::string& path, const CompiledScheme& cs) {
    return read_distributions(parse_json_exact(io::read_file(path, kMaxRuleFileBytes), path), cs, path);
}

}  // namespace motiv::whatif
