// A CSV cell made safe for a spreadsheet (CSV injection, OWASP): a person's name like
// =HYPERLINK("http://x","y"), +cmd|' /C calc'!A0 or @SUM(1) must be shown, never run.
//
// A cell starting with = + - @ TAB or CR gets a leading apostrophe, which Excel, LibreOffice and
// Google Sheets read as "text" and do not display. A plain number stays as it is, so amounts stay
// numeric: "-4000.00", "-4000,00" and "-12.5%" are numbers to a spreadsheet, never formulas
// (a sign, digits, at most one decimal separator, an optional percent sign).
#pragma once

#include <string>
#include <string_view>

namespace motiv::data {

// True when a spreadsheet could read `cell` as a formula (or a DDE command).
bool spreadsheet_may_run(std::string_view cell);

// `cell`, with a leading ' when spreadsheet_may_run(cell).
std::string spreadsheet_safe(std::string_view cell);

}  // namespace motiv::data
