// A JSON log as a table of text cells (apps/logs/log_table.hpp): the shape, and the document's own
// errors -- syntax, duplicate keys, depth, size -- under the data ids of the same meaning.
#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "apps/logs/log_table.hpp"

namespace motiv::logs {
namespace {

TEST_CASE("a JSON log: keys become columns in order of first use, null and missing keys are empty", "[logs][json]") {
    const LogTable t = parse_json_log(R"([{"b": "x", "a": 1}, {"a": 2.50, "c": null}, {"c": "z", "b": -7}])", "t.json");
    CHECK(t.json);
    CHECK(t.header == std::vector<std::string>{"b", "a", "c"});
    CHECK(t.first_row == std::vector<std::size_t>{0, 0, 1});
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0] == std::vector<std::string>{"x", "1", ""});
    CHECK(t.rows[1] == std::vector<std::string>{"", "2.50", ""});  // a number's text as written: 2.50, not 2.5
    CHECK(t.rows[2] == std::vector<std::string>{"-7", "", "z"});
    CHECK(t.present[1] == std::vector<bool>{false, true, false});  // null is absent
    CHECK(parse_json_log("[]", "t.json").rows.empty());
}

TEST_CASE("a JSON log that is not JSON, or too big, or too deep, is refused with a data id", "[logs][json]") {
    const std::string deep = std::string(70, '[') + std::string(70, ']');
    const auto [text, id, line, message] = GENERATE_COPY(table<std::string, const char*, std::size_t, const char*>({
        {R"([{"a": }])", "motiv.data_error.108", 1, "invalid JSON: "},
        {R"([{"a": NaN}])", "motiv.data_error.108", 1, "(JSON has no NaN or Infinity: write a finite number)"},
        {deep, "motiv.data_error.107", 0, "JSON nested deeper than 64 levels"},
        {"\"" + std::string(kJsonLogMaxBytes, 'x') + "\"", "motiv.data_error.107", 0, "JSON log too large: 67108866 bytes, the limit is 67108864"},
        {R"([{"a": ")" + std::string(65537, 'x') + R"("}])", "motiv.data_error.107", 0, "value too long: 65537 bytes, the limit is 65536"},
    }));
    try {
        (void)parse_json_log(text, "t.json");
        FAIL("no DataError");
    } catch (const DataError& e) {
        CHECK(e.issues().front().id == id);
        CHECK(e.issues().front().file == "t.json");
        CHECK(e.issues().front().line == line);
        CHECK_THAT(e.issues().front().message, Catch::Contains(message));
    }
}

}  // namespace
}  // namespace motiv::logs
