#include "core/engine/payslip.hpp"

namespace motiv {

const PayLine* Payslip::line(std::string_view component) const {
    for (const auto& l : lines)
        if (l.component == component) return &l;
    return nullptr;
}

nlohmann::json Payslip::to_json() const {
    nlohmann::json j = {
        {"person", person}, {"name", name}, {"role", role}, {"period", period},
        {"scheme", {{"name", scheme}, {"version", version}, {"sha256", rules_sha256}}},
        {"currency", currency}, {"total", total.to_string_fixed(minor_units)}, {"total_minor", total_minor},
    };
    j["inputs"] = nlohmann::json::object();
    for (const auto& [k, v] : inputs) j["inputs"][k] = v.to_string();
    j["lines"] = nlohmann::json::array();
    for (const auto& l : lines) {
        j["lines"].push_back({{"component", l.component}, {"label", l.label}, {"kind", l.kind}, {"pointer", l.pointer},
                              {"amount", l.amount.to_string_fixed(minor_units)}, {"amount_minor", l.minor}, {"applied", l.applied},
                              {"summary", l.summary}, {"explanation", l.explanation.to_json()}});
    }
    return j;
}

std::string Payslip::to_text(bool with_trees) const {
    std::string s = "Payslip " + period + " for " + person + (name.empty() ? "" : " (" + name + ")") + ", role " + role + "\n";
    s += "Scheme " + scheme + " " + version + ", rules sha256 " + rules_sha256.substr(0, 16) + "...\n";
    std::size_t width = 5;
    for (const auto& l : lines) width = std::max(width, l.label.size());
    for (const auto& l : lines) {
        const std::string amount = l.amount.to_display(minor_units);
        s += "  " + l.label + std::string(width - l.label.size() + 2, ' ') + std::string(amount.size() < 16 ? 16 - amount.size() : 0, ' ') + amount + " " + currency + "\n";
        s += "      " + l.summary + "\n";
        if (with_trees)
            for (const auto& c : l.explanation.children) s += c.to_text(4);
    }
    const std::string t = total.to_display(minor_units);
    s += "  Total" + std::string(width - 5 + 2, ' ') + std::string(t.size() < 16 ? 16 - t.size() : 0, ' ') + t + " " + currency + "\n";
    return s;
}

}  // namespace motiv
