#include "core/rules/translations.hpp"

#include <algorithm>

namespace motiv {

void Translations::add(std::string pointer, std::vector<std::pair<std::string, std::string>> by_lang) {
    by_pointer_[std::move(pointer)] = std::move(by_lang);
}

const std::string& Translations::get(const std::string& pointer, std::string_view lang, const std::string& fallback) const {
    const auto it = by_pointer_.find(pointer);
    if (it == by_pointer_.end()) return fallback;
    for (const auto& [code, text] : it->second)
        if (code == lang) return text;
    return fallback;
}

bool is_language_code(std::string_view code) {
    return code.size() >= 2 && code.size() <= 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace motiv
