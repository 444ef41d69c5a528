#include "core/engine/explanation.hpp"

namespace motiv {

nlohmann::json Explanation::to_json() const {
    nlohmann::json j = {{"label", label}, {"value", value}};
    if (!formula.empty()) j["formula"] = formula;
    if (!detail.empty()) j["detail"] = detail;
    if (!pointer.empty()) j["pointer"] = pointer;
    if (!children.empty()) {
        j["children"] = nlohmann::json::array();
        for (const auto& c : children) j["children"].push_back(c.to_json());
    }
    return j;
}

std::string Explanation::to_text(int indent) const {
    std::string s(static_cast<std::size_t>(indent) * 2, ' ');
    // A sub-formula is labelled by its own text: print it once, with values substituted.
    if (!detail.empty() && formula == label) s += detail;
    else {
        s += label;
        if (!detail.empty() && detail != label) s += ": " + detail;
        else if (!formula.empty() && formula != label) s += ": " + formula;
    }
    if (!value.empty()) s += " = " + value;
    if (!pointer.empty()) s += "  [" + pointer + "]";
    s += '\n';
    for (const auto& c : children) s += c.to_text(indent + 1);
    return s;
}

}  // namespace motiv
