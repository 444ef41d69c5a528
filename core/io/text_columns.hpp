// Columns of the plain-text reports (payroll summary, pay statement, what-if tables): a value
// aligned to a width counted in characters, so that Cyrillic labels (two bytes, one column) line
// up as Latin ones do.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>

namespace motiv::io {

// Display width in characters (code points) of UTF-8 text.
inline std::size_t text_width(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// `s` right-aligned in `w` columns (a wider value is kept whole).
inline std::string align_right(const std::string& s, std::size_t w) {
    const std::size_t n = text_width(s);
    return std::string(w > n ? w - n : 0, ' ') + s;
}

// `s` left-aligned in `w` columns, always followed by at least one space (so a wider value never
// runs into the next column).
inline std::string align_left(const std::string& s, std::size_t w) {
    const std::size_t n = text_width(s);
    return s + std::string(w > n ? w - n : 1, ' ');
}

}  // namespace motiv::io
