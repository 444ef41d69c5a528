#include "apps/whatif/profiles.hpp"

#include <algorithm>

#include "core/data/input_values.hpp"
#include "core/errors.hpp"
#include "core/io/atomic_file.hpp"
#include "core/rules/json_document.hpp"

namespace motiv::whatif {

Issue model_issue(const std::string& source, const std::string& pointer, std::string message) {
    return Issue{"motiv.rule_error.291", source, pointer, 0, 0, "", "", std::move(message), "", 0};
}

namespace {

const PersonInputs* find(const std::vector<PersonInputs>& list, std::string_view role) {
    auto it = std::find_if(list.begin(), list.end(), [&](const PersonInputs& p) { return p.role == role; });
    return it == list.end() ? nullptr : &*it;
}

std::string role_names(const Scheme& s) {
    std::string out;
    for (const auto& r : s.roles) out += (out.empty() ? "" : ", ") + r.name;
    return out;
}

// {role: {input: value}} -> one PersonInputs per role, in scheme role order.
std::vector<PersonInputs> read_level(const nlohmann::ordered_json& obj, const std::string& level, const CompiledScheme& cs,
                                     const std::string& source, IssueCollector<RuleError>& issues) {
    const Scheme& s = cs.scheme();
    const std::string base = json_pointer_join("", level);
    std::vector<PersonInputs> out;
    if (!obj.is_object()) {
        issues.add(model_issue(source, base, "expected an object of roles, got " + json_type_name(obj)));
        return out;
    }
    for (const auto& [role, inputs] : obj.items()) {
        const std::string at = json_pointer_join(base, role);
        if (!s.find_role(role)) {
            issues.add(model_issue(source, at, "unknown role '" + role + "'; the scheme has: " + role_names(s)));
            continue;
        }
        if (!inputs.is_object()) {
            issues.add(model_issue(source, at, "expected an object of input values, got " + json_type_name(inputs)));
            continue;
        }
        PersonInputs p;
        p.id = level + ":" + role, p.name = p.id, p.role = role, p.source = source;
        p.values.resize(s.inputs.size());
        for (const auto& [name, value] : inputs.items()) {
            const std::string vat = json_pointer_join(at, name);
            const InputDecl* decl = s.find_input(name);
            if (!decl) {
                issues.add(model_issue(source, vat, "unknown input '" + name + "'"));
                continue;
            }
            if (!value.is_string() && !value.is_number_integer() && !value.is_number_unsigned()) {
                issues.add(model_issue(source, vat, "expected a number, got " + json_type_name(value)));
                continue;
            }
            const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
            std::string error;
            auto v = data::parse_input_value(*decl, text, s.currency.minor_units, error);
            if (!v) {
                issues.add(model_issue(source, vat, error.empty() ? "expected a value, got ''" : error));
                continue;
            }
            p.values[static_cast<std::size_t>(decl - s.inputs.data())] = *v;
        }
        out.push_back(std::move(p));
    }
    std::stable_sort(out.begin(), out.end(), [&](const PersonInputs& a, const PersonInputs& b) {
        return s.find_role(a.role) < s.find_role(b.role);  // roles live in one vector: scheme order
    });
    return out;
}

}  // namespace

const PersonInputs* Profiles::target_of(std::string_view role) const { return find(target, role); }
const PersonInputs* Profiles::cap_of(std::string_view role) const { return find(cap, role); }

Profiles read_profiles(const nlohmann::ordered_json& doc, const CompiledScheme& cs, const std::string& source) {
    IssueCollector<RuleError> issues;
    Profiles p;
    if (!doc.is_object()) {
        issues.add(model_issue(source, "", "expected an object with \"target\", \"cap\" and \"effort\", got " + json_type_name(doc)));
        issues.throw_if_any();
    }
    for (const auto& [key, message] : unknown_keys(doc, {"target", "cap", "effort", "description"})) issues.add(model_issue(source, json_pointer_join("", key), message));
    if (doc.contains("target")) p.target = read_level(doc["target"], "target", cs, source, issues);
    if (doc.contains("cap")) p.cap = read_level(doc["cap"], "cap", cs, source, issues);
    if (doc.contains("effort")) {
        const auto& eff = doc["effort"];
        if (!eff.is_object()) issues.add(model_issue(source, "/effort", "expected an object of roles, got " + json_type_name(eff)));
        else
            for (const auto& [role, list] : eff.items()) {
                const std::string at = json_pointer_join("/effort", role);
                if (!cs.scheme().find_role(role)) {
                    issues.add(model_issue(source, at, "unknown role '" + role + "'; the scheme has: " + role_names(cs.scheme())));
                    continue;
                }
                if (!list.is_array()) {
                    issues.add(model_issue(source, at, "expected a list of input names, got " + json_type_name(list)));
                    continue;
                }
                auto& names = p.effort[role];
                for (std::size_t i = 0; i < list.size(); ++i) {
                    if (!list[i].is_string() || !cs.scheme().find_input(list[i].get<std::string>()))
                        issues.add(model_issue(source, json_pointer_join(at, i),
                                               "expected the name of an input, got " + (list[i].is_string() ? "'" + list[i].get<std::string>() + "'" : json_type_name(list[i]))));
                    else
                        names.push_back(list[i].get<std::string>());
                }
            }
    }
    issues.throw_if_any();
    return p;
}

Profiles load_profiles_file(const std::string& path, const CompiledScheme& cs) {
    return read_profiles(parse_json_exact(io::read_file(path, kMaxRuleFileBytes), path), cs, path);
}

}  // namespace motiv::whatif
