// The error catalogue (core/errors/catalogue.def) is well formed: each id once, named once, in the
// form motiv.<kind>.<digits>, carried by the class its kind says, with a meaning and a remedy.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <type_traits>

#include "core/errors/catalogue.hpp"

using namespace motiv;

TEST_CASE("every catalogue entry has a unique, well-formed id, its class and both texts", "[errors][catalogue]") {
    const auto entries = err::catalogue();
    REQUIRE(entries.size() > 70);
    std::set<std::string_view> ids, names;
    for (const auto& e : entries) {
        INFO(e.id);
        CHECK(ids.insert(e.id).second);
        CHECK(names.insert(e.name).second);
        REQUIRE(e.id.starts_with("motiv."));
        const auto dot = e.id.rfind('.');
        const std::string_view kind = e.id.substr(6, dot - 6);
        const std::string_view number = e.id.substr(dot + 1);
        CHECK(!number.empty());
        CHECK(number.find_first_not_of("0123456789") == std::string_view::npos);
        const std::string_view expected_class = kind == "rule_error"   ? "RuleError"
                                                : kind == "data_error" ? "DataError"
                                                : kind == "eval_error" ? "EvalError"
                                                : kind == "io_error"   ? "IoError"
                                                : kind == "lint"       ? "Lint"
                                                                       : "";
        CHECK(e.error_class == expected_class);
        CHECK(e.meaning.size() > 10);
        CHECK(e.fix.size() > 5);
        CHECK(err::find(e.id) == &e);
    }
}

TEST_CASE("a catalogue constant is its id, usable wherever a string literal was", "[errors][catalogue]") {
    static_assert(std::is_same_v<decltype(err::rule_wrong_type), const char[21]>);
    CHECK(std::string(err::rule_wrong_type) == "motiv.rule_error.201");
    CHECK(std::string(err::io_exists) == "motiv.io_error.003");
    CHECK(err::find("motiv.rule_error.999") == nullptr);
    CHECK(err::tag(err::eval_overflow) == "[motiv.eval_error.502] ");
}
