// A pay statement as one self-contained HTML page: inline CSS, no scripts, fonts, images or other
// external assets, so the file opens anywhere, can be mailed, and prints on A4 (print styles).
#pragma once

#include <string>

#include "apps/export/statement.hpp"

namespace motiv::exports {

// The same content as statement_text, as tables. Every text from the rule file or the data is
// HTML-escaped. <html lang> is the statement's language.
std::string statement_html(const Statement& st, Lang lang);

// Text with & < > " ' escaped for HTML element content and attribute values.
std::string html_escape(std::string_view text);

}  // namespace motiv::exports
