// Texts of a rule file given in several languages: a label or description may be a plain string or
// one string per language, {"en": "Salary", "ru": "Оклад"}. The scheme's own fields (Component::label,
// InputDecl::description...) hold the default text -- "en" when given, else the first language
// written -- so every reader that knows one language keeps working; a statement asks for its language.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace motiv {

class Translations {
public:
    // Records the texts of the string at `pointer` ("/roles/hunter/components/0/label"), in file order.
    void add(std::string pointer, std::vector<std::pair<std::string, std::string>> by_lang);
    // The text at `pointer` in `lang`, or `fallback` (the default text) when the file gives none in it.
    [[nodiscard]] const std::string& get(const std::string& pointer, std::string_view lang, const std::string& fallback) const;
    [[nodiscard]] bool empty() const { return by_pointer_.empty(); }

private:
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> by_pointer_;
};

// A language code as a rule file may use it: two or three lowercase ASCII letters ("en", "ru").
bool is_language_code(std::string_view code);

}  // namespace motiv
