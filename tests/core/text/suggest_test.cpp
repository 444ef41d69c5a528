#include "core/text/suggest.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <tuple>
#include <vector>

using motiv::text::closest;
using motiv::text::did_you_mean;
using motiv::text::edit_distance;

TEST_CASE("edit distance counts insertions, deletions and substitutions", "[suggest]") {
    const auto [a, b, d] = GENERATE(table<std::string, std::string, std::size_t>({
        {"", "", 0}, {"abc", "", 3}, {"", "abc", 3}, {"salary", "salary", 0}, {"salery", "salary", 1},
        {"salar", "salary", 1}, {"ssalary", "salary", 1}, {"kitten", "sitting", 3}, {"ab", "ba", 2},
    }));
    CAPTURE(a, b);
    CHECK(edit_distance(a, b) == d);
    CHECK(edit_distance(b, a) == d);
}

TEST_CASE("closest suggests a near name, or the one name a word begins, never a far one", "[suggest]") {
    const std::vector<std::string> params = {"hunter.salary", "hunter.quota", "farmer.salary", "operator.rate"};
    const auto [word, expected] = GENERATE(table<std::string, std::string>({
        {"hunter.salery", "hunter.salary"},  // one letter wrong
        {"hunter.quot", "hunter.quota"},     // one missing
        {"farmer.salry", "farmer.salary"},
        {"operator", "operator.rate"},       // the one name it begins
        {"hunter", ""},                      // begins two names: no guess
        {"date", ""},                        // nothing near
        {"ab", ""},                          // too short to be a prefix of anything
    }));
    CAPTURE(word);
    CHECK(closest(word, params) == expected);
    CHECK(did_you_mean(word, params) == (expected.empty() ? "" : " (did you mean '" + expected + "'?)"));
}

TEST_CASE("an explicit distance bounds what is suggested", "[suggest]") {
    CHECK(closest("revnue", {"revenue", "calls"}, 1) == "revenue");
    CHECK(closest("rvnue", {"revenue", "calls"}, 1).empty());
    CHECK(closest("rvnue", {"revenue", "calls"}, 2) == "revenue");
}
