#include "core/data/spreadsheet_cell.hpp"

#include <cctype>

namespace motiv::data {

namespace {

// "-4000.00", "+7", "-12,5%": a sign, digits, one optional separator, digits, an optional %.
bool plain_number(std::string_view s) {
    std::size_t i = (s.front() == '-' || s.front() == '+') ? 1 : 0;
    bool digits = false, separator = false;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (std::isdigit(static_cast<unsigned char>(c))) digits = true;
        else if ((c == '.' || c == ',') && !separator && digits) separator = true;
        else if (c == '%' && i + 1 == s.size() && digits) return true;
        else return false;
    }
    return digits && std::isdigit(static_cast<unsigned char>(s.back()));
}

}  // namespace

bool spreadsheet_may_run(std::string_view cell) {
    if (cell.empty()) return false;
    switch (cell.front()) {
        case '=':
        case '@':
        case '\t':
        case '\r': return true;
        case '+':
        case '-': return !plain_number(cell);
        default: return false;
    }
}

std::string spreadsheet_safe(std::string_view cell) {
    std::string out;
    if (spreadsheet_may_run(cell)) out += '\'';
    out += cell;
    return out;
}

}  // namespace motiv::data
