// Checks one person's raw input values against the scheme's declarations.
//
// One piece of code for every entry point (CSV rows, Python dicts, the batch engine's columns):
// money has at most the currency's decimal places, a count is a whole number >= 0, values lie in
// the declared min/max, and an empty value takes the declared default.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/rules/scheme.hpp"

namespace motiv::data {

// Parses `text` for input `decl`. Returns the value, or nullopt with `error` set to what was expected
// ("expected money with at most 2 decimal places, got '12.345'"). Empty text gives the default, or
// nullopt with `error` empty when there is none (the caller decides whether it was required).
std::optional<Decimal> parse_input_value(const InputDecl& decl, std::string_view text, int minor_units, std::string& error);

// The same checks for a value already a Decimal.
std::optional<Decimal> check_input_value(const InputDecl& decl, Decimal value, int minor_units, std::string& error);

}  // namespace motiv::data
