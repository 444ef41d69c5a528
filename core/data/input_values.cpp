#include "core/data/input_values.hpp"

namespace motiv::data {

namespace {
std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}
}  // namespace

std::optional<Decimal> check_input_value(const InputDecl& decl, Decimal v, int minor_units, std::string& error) {
    if (decl.kind == Kind::money && v.places() > minor_units) {
        error = "expected money with at most " + std::to_string(minor_units) + " decimal places, got '" + v.to_string() + "'";
        return std::nullopt;
    }
    if (decl.kind == Kind::count && (!v.is_integer() || v.is_negative())) {
        error = "expected a count (a whole number >= 0), got '" + v.to_string() + "'";
        return std::nullopt;
    }
    if (decl.min && v < *decl.min) {
        error = "expected at least " + decl.min->to_string() + ", got '" + v.to_string() + "'";
        return std::nullopt;
    }
    if (decl.max && v > *decl.max) {
        error = "expected at most " + decl.max->to_string() + ", got '" + v.to_string() + "'";
        return std::nullopt;
    }
    return v;
}

std::optional<Decimal> parse_input_value(const InputDecl& decl, std::string_view text, int minor_units, std::string& error) {
    error.clear();
    text = trim(text);
    if (text.empty()) return decl.default_value;
    auto v = Decimal::parse(text);
    if (!v) {
        const ParseFailure why = parse_failure(text);
        if (decl.kind == Kind::money && why == ParseFailure::too_precise) {
            error = "expected money with at most " + std::to_string(minor_units) + " decimal places, got '" + std::string(text) + "'";
            return std::nullopt;
        }
        const char* what = decl.kind == Kind::money ? "money (e.g. 1250000.00)" : decl.kind == Kind::count ? "a count (a whole number)" : decl.kind == Kind::ratio ? "a ratio (e.g. 0.15 or 15%)" : "a number";
        error = std::string("expected ") + what + ", got '" + std::string(text) + "'";
        // Say why a number was refused: "1e30" is too large, "1e-12" too fine, "NaN" no number at all.
        if (why != ParseFailure::syntax) error += std::string(": ") + describe(why);
        return std::nullopt;
    }
    return check_input_value(decl, *v, minor_units, error);
}

}  // namespace motiv::data
