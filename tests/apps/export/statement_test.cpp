// Pay statements: translations, text and HTML rendering, file names.
#include "apps/export/statement.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "apps/export/statement_files.hpp"
#include "apps/export/statement_html.hpp"
#include "apps/export/statement_text.hpp"
#include "apps/export/translations.hpp"
#include "tests/apps/export/export_fixture.hpp"

using namespace motiv;

namespace {
exports::Statement statement_of(const std::string& id) {
    const auto& cs = *test::three_tier_scheme();
    return exports::build_statement(cs, cs.bind(test::kOctober), test::example_person(id), test::example_provenance());
}
}  // namespace

TEST_CASE("every phrase exists in both languages, and they differ", "[export][translations]") {
    for (const auto& key : exports::translation_keys()) {
        CAPTURE(key);
        const std::string en = exports::tr(exports::Lang::en, key);
        const std::string ru = exports::tr(exports::Lang::ru, key);
        CHECK_FALSE(en.empty());
        CHECK(en != ru);
    }
    CHECK_THROWS_AS(exports::tr(exports::Lang::en, "no such key"), std::out_of_range);
    // Placeholders are filled once: a placeholder inside an argument stays as written.
    CHECK(exports::tr(exports::Lang::en, "gate_for", {"{1}"}) == "required for: {1}");
}

TEST_CASE("one number format, month names and currency per language", "[export][translations]") {
    using exports::Lang;
    using Row = std::tuple<std::string, Lang, std::string>;
    const auto [number, lang, shown] = GENERATE(table<std::string, Lang, std::string>({
        Row{"-1,250,000.50", Lang::ru, "-1\u00A0250\u00A0000,50"}, Row{"-1,250,000.50", Lang::en, "-1,250,000.50"},
        Row{"12.5%", Lang::en, "12.5%"}, Row{"12.5%", Lang::ru, "12,5%"},
    }));
    CHECK(exports::localize_number(number, lang) == shown);
    CHECK(exports::money_with_currency("1,234,567.89", "RUB", Lang::ru) == "1\u00A0234\u00A0567,89\u00A0₽");
    CHECK(exports::money_with_currency("1,234,567.89", "RUB", Lang::en) == "1,234,567.89\u00A0RUB");
    CHECK(exports::money_with_currency("10.00", "USD", Lang::ru) == "10,00\u00A0USD");
    CHECK(exports::period_text("2026-10", Lang::ru) == "октябрь 2026");
    CHECK(exports::period_text("2026-01", Lang::en) == "January 2026");
    CHECK(exports::period_text("2026-13", Lang::en) == "2026-13");  // not a month: as written
    CHECK(exports::period_text("2026-Q4", Lang::ru) == "2026-Q4");
}

TEST_CASE("a statement lists each line with its amount, description and inputs; the rules in a footer", "[export][statement]") {
    const auto st = statement_of("h-01");
    REQUIRE(st.payslip.lines.size() == 3);
    CHECK(st.line_inputs[0].empty());  // the salary reads no input
    CHECK(st.line_inputs[1] == std::vector<std::pair<std::string, std::string>>{{"revenue", "1,250,000.00"}});
    CHECK(st.line_inputs[2] == std::vector<std::pair<std::string, std::string>>{{"overdue_handovers", "2"}});
    const std::string text = exports::statement_text(st, exports::Lang::en);
    CHECK(text.rfind("Pay statement — October 2026\nEmployee  h-01 Егор Лебедев\nRole      Hunter\n", 0) == 0);
    CHECK_THAT(text, Catch::Contains("  Commission on deals   89,000.00\u00A0RUB\n"
                                     "      Figures used: Revenue 1,250,000.00\n"));
    // 25,000 + 89,000 - 4,000 = 110,000.
    CHECK_THAT(text, Catch::Contains("  Total                110,000.00\u00A0RUB\n"));
    // Provenance after the content: the hashes, each rule's pointer and formula.
    const auto footer = text.find("\nTechnical details\n");
    REQUIRE(footer != std::string::npos);
    CHECK(text.find("Data file SHA-256  " + test::example_provenance().data_sha256 + "\n") > footer);
    CHECK(text.find("  Rule commission (commission) /roles/hunter/components/1: commission = graduated(hunter.commission.tiers, "
                    "revenue 1,250,000.00, quota hunter.quota 1,000,000.00) = 89,000.00\n") > footer);

    const std::string ru = exports::statement_text(st, exports::Lang::ru);
    CHECK(ru.rfind("Расчётный лист — октябрь 2026\nСотрудник  h-01 Егор Лебедев\nДолжность  Охотник\n", 0) == 0);
    CHECK_THAT(ru, Catch::Contains("  Комиссия со сделок               89\u00A0000,00\u00A0₽\n"
                                   "      Использованные данные: Выручка 1\u00A0250\u00A0000,00\n"));
    CHECK_THAT(ru, Catch::Contains("      Не больше начисленной комиссии\n"));  // the line's description, in Russian
}

TEST_CASE("the HTML statement is one self-contained page with everything escaped", "[export][statement]") {
    auto st = statement_of("op-02");
    st.payslip.name = "<b>Борис</b> & \"Co\"";
    const std::string html = exports::statement_html(st, exports::Lang::ru);
    CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\"", 0) == 0);
    CHECK_THAT(html, Catch::Contains("op-02 &lt;b&gt;Борис&lt;/b&gt; &amp; &quot;Co&quot;"));
    CHECK_THAT(html, !Catch::Contains("<b>"));
    CHECK_THAT(html, !Catch::Contains("<script") && !Catch::Contains("<link") && !Catch::Contains("src="));
    CHECK_THAT(html, Catch::Contains("<td class=\"amount\" id=\"total\">42\u00A0000,00\u00A0₽</td>"));
    // op-02's 180 calls miss the 200 gate: the bonus line is not paid, and the page says so.
    CHECK_THAT(html, Catch::Contains("Холодные звонки: 180, норма ≥ 200 — <span class=\"not-met\">не выполнено; условие для: Премия за KPI</span>"));
    CHECK(html.find("<footer") < html.find("SHA-256"));
    CHECK(exports::html_escape("a<'b'>&") == "a&lt;&#39;b&#39;&gt;&amp;");
}

TEST_CASE("statement file names cannot leave the directory, hide or collide", "[export][statement][hostile]") {
    const auto [id, stem] = GENERATE(table<std::string, std::string>({
        {"h-01", "h-01"},
        {"../../etc/passwd", "_2E._2F.._2Fetc_2Fpasswd"},
        {".profile", "_2Eprofile"},
        {"", "_"},
        {"Анна", "Анна"},
        {"a\\b\nc", "a_5Cb_0Ac"},
        // issue 17: "a/b" and "a_b" were one file name; '_' is the escape, so it is escaped too.
        {"a/b", "a_2Fb"},
        {"a_b", "a_5Fb"},
        {"_", "_5F"},
        {"\xFF\xFE", "_FF_FE"},  // not UTF-8: bytes, escaped
    }));
    CHECK(exports::safe_file_stem(id) == stem);
}

TEST_CASE("statement file names are one-to-one, also when cut to 120 bytes", "[export][statement][hostile]") {
    const std::string long_a(300, 'x'), long_b = std::string(299, 'x') + "y";
    CHECK(exports::safe_file_stem(long_a).size() <= 120);
    CHECK(exports::safe_file_stem(long_a) != exports::safe_file_stem(long_b));
    std::set<std::string> stems;
    const std::vector<std::string> ids = {"a/b", "a_b", "a_2Fb", "a_5Fb", "a\\b", "A/B", "a.b", "a-b", "_", "", "~", "a~b"};
    for (const auto& id : ids) CHECK(stems.insert(exports::safe_file_stem(id)).second);
}
