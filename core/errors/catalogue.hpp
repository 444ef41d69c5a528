// The error catalogue: every id motiv reports, named. One source, core/errors/catalogue.def, gives
// both the constants the code uses (err::rule_wrong_type is "motiv.rule_error.201") and the table
// behind docs/errors.md, so an id cannot be used without being documented or documented unused
// (tests/scripts/test_error_catalogue.py pins both).
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace motiv::err {

// One entry: the id, the exception class that carries it, what it means and what to do.
struct Entry {
    std::string_view name;         // the constant's name, e.g. "rule_wrong_type"
    std::string_view id;           // "motiv.rule_error.201"
    std::string_view error_class;  // RuleError, DataError, EvalError, IoError, or Lint (a warning)
    std::string_view meaning;      // what it means, with the message's shape
    std::string_view fix;          // what to do
};

// Each id as a named constant: a character array, so it converts wherever a string literal did.
#define MOTIV_ERROR(name, id, error_class, meaning, fix) inline constexpr char name[] = id;
#include "core/errors/catalogue.def"
#undef MOTIV_ERROR

// Every entry, in the order of the catalogue.
[[nodiscard]] std::span<const Entry> catalogue() noexcept;

// The entry of `id`, or nullptr.
[[nodiscard]] const Entry* find(std::string_view id) noexcept;

// "[id] ": the prefix of messages that carry their id in the text (EvalError's what()).
[[nodiscard]] std::string tag(std::string_view id);

}  // namespace motiv::err
