// The words of pay statements in each language, in one table (translations.cpp), and numbers
// spelled the way each language writes them.
//
// These are the statement's own words. Labels and descriptions come from the rule file, which may
// give them per language (core/rules/translations.hpp); formulas and names of parameters are the
// rule file's technical language and appear only in a statement's technical footer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money/decimal.hpp"

namespace motiv::exports {

enum class Lang { en, ru };

// "en" / "ru"; std::nullopt for anything else.
std::optional<Lang> parse_lang(std::string_view code);
const char* lang_code(Lang lang);

// The phrase `key` in `lang`, with {1}, {2}... replaced by `args`. An unknown key is a programming
// error: it throws std::out_of_range (a test walks every key in both languages).
std::string tr(Lang lang, std::string_view key, const std::vector<std::string>& args = {});
// Every key of the table, for that test.
std::vector<std::string> translation_keys();

// "2026-10" as a month and year: "October 2026" / "октябрь 2026"; any other period as written.
std::string period_text(std::string_view period, Lang lang);

// A formatted amount ("1,250,000.00") with its currency, one format per language:
// "1,250,000.00 RUB" / "1 250 000,00 ₽" (no-break spaces; the ruble sign for RUB in Russian).
std::string money_with_currency(std::string_view number, std::string_view currency, Lang lang);

// A number as formatted by motiv ("1,250,000.00", "15%") respelled for `lang`: Russian groups
// thousands with a no-break space and uses a decimal comma ("1 250 000,00", "15%").
std::string localize_number(std::string_view text, Lang lang);

}  // namespace motiv::exports
