// Labels and descriptions per language in a rule file: {"en": ..., "ru": ...} or a plain string.
#include "core/rules/translations.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <tuple>

#include "core/errors.hpp"
#include "core/io/atomic_file.hpp"
#include "core/rules/loader.hpp"
#include "tests/core/support.hpp"

using motiv::RuleError;

namespace {

// rules/three_tier.json with the hunter's commission label replaced by `label` (JSON text).
std::string with_commission_label(const std::string& label) {
    std::string text = motiv::io::read_file(motiv::test::kThreeTier);
    const std::string from = R"("label": {"en": "Commission on deals", "ru": "Комиссия со сделок"})";
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), "\"label\": " + label);
}

}  // namespace

TEST_CASE("a label per language: the default text is English, else the first written", "[loader][translations]") {
    using Row = std::tuple<std::string, std::string, std::string, std::string>;  // label JSON, default, en, ru
    const auto [label, fallback, en, ru] = GENERATE(table<std::string, std::string, std::string, std::string>({
        Row{R"({"en": "Commission", "ru": "Комиссия"})", "Commission", "Commission", "Комиссия"},
        Row{R"({"ru": "Комиссия", "en": "Commission"})", "Commission", "Commission", "Комиссия"},
        Row{R"({"ru": "Комиссия"})", "Комиссия", "Комиссия", "Комиссия"},  // no English: Russian everywhere
        Row{R"("Commission")", "Commission", "Commission", "Commission"},    // a plain string: one text for all
    }));
    CAPTURE(label);
    const motiv::Scheme s = motiv::load_scheme(with_commission_label(label), "<string>");
    const motiv::Component& c = s.find_role("hunter")->components[1];
    CHECK(c.label == fallback);
    CHECK(s.texts.get(c.pointer + "/label", "en", c.label) == en);
    CHECK(s.texts.get(c.pointer + "/label", "ru", c.label) == ru);
    CHECK(s.texts.get(c.pointer + "/label", "de", c.label) == fallback);
}

TEST_CASE("a malformed label per language is rule_error.212 at its pointer", "[loader][translations]") {
    using Row = std::tuple<std::string, std::string, std::string>;  // label JSON, pointer suffix, message part
    const auto [label, where, message] = GENERATE(table<std::string, std::string, std::string>({
        Row{R"({})", "", "got an empty object"},
        Row{R"({"EN": "Commission"})", "/EN", "'EN' is not a language code"},
        Row{R"({"en": 5})", "/en", "got a number"},
        Row{R"({"en": "Commission", "ru": ["Комиссия"]})", "/ru", "got an array"},
    }));
    CAPTURE(label);
    try {
        (void)motiv::load_scheme(with_commission_label(label), "<string>");
        FAIL("loaded");
    } catch (const RuleError& e) {
        REQUIRE(e.issues().size() == 1);
        const auto& i = e.issues()[0];
        CHECK(i.id == "motiv.rule_error.212");
        CHECK(i.pointer == "/roles/hunter/components/1/label" + where);
        CHECK_THAT(i.message, Catch::Contains(message) && Catch::Contains(R"({"en": "Salary", "ru": "Оклад"})"));
    }
}

TEST_CASE("the reference scheme says its statement words in Russian", "[loader][translations]") {
    const motiv::Scheme& s = motiv::test::three_tier_scheme()->scheme();
    const motiv::Role& op = *s.find_role("operator");
    CHECK(s.texts.get(op.pointer + "/label", "ru", op.label) == "Оператор");
    CHECK(s.texts.get(s.find_input("calls")->pointer + "/label", "ru", "") == "Холодные звонки");
    CHECK(s.find_input("calls")->label == "Cold calls");
    CHECK(motiv::is_language_code("ru"));
    CHECK_FALSE(motiv::is_language_code("r"));
    CHECK_FALSE(motiv::is_language_code("ru-RU"));
}
