// Pay statements: translations, text and HTML rendering, file names.
#include "apps/export/statement.hpp"

#include <catch2/catch.hpp>

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
    CHECK(exports::localize_number("-1,250,000.50", exports::Lang::ru) == "-1\u00A0250\u00A0000,50");
    CHECK(exports::localize_number("12.5%", exports::Lang::en) == "12.5%");
}

TEST_CASE("a statement lists each line with its rule, formula and inputs, and adds up", "[export][statement]") {
    const auto st = statement_of("h-01");
    REQUIRE(st.payslip.lines.size() == 3);
    CHECK(st.line_inputs[0].empty());  // the salary reads no input
    CHECK(st.line_inputs[1] == std::vector<std::pair<std::string, std::string>>{{"revenue", "1,250,000.00"}});
    CHECK(st.line_inputs[2] == std::vector<std::pair<std::string, std::string>>{{"overdue_handovers", "2"}});
    const std::string text = exports::statement_text(st, exports::Lang::en);
    CHECK_THAT(text, Catch::Contains("  Commission on deals         89,000.00 RUB\n"
                                     "      Rule: commission (commission) /roles/hunter/components/1\n"
                                     "      Formula: commission = graduated(hunter.commission.tiers, revenue 1,250,000.00, quota hunter.quota 1,000,000.00) = 89,000.00\n"
                                     "      Inputs used: revenue 1,250,000.00\n"));
    // 25,000 + 89,000 - 4,000 = 110,000.
    CHECK_THAT(text, Catch::Contains("  Total                      110,000.00 RUB\n"));
    CHECK_THAT(text, Catch::Contains("Data file SHA-256  " + test::example_provenance().data_sha256 + "\n"));
}

TEST_CASE("the HTML statement is one self-contained page with everything escaped", "[export][statement]") {
    auto st = statement_of("op-02");
    st.payslip.name = "<b>Борис</b> & \"Co\"";
    const std::string html = exports::statement_html(st, exports::Lang::ru);
    CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">", 0) == 0);
    CHECK_THAT(html, Catch::Contains("op-02 &lt;b&gt;Борис&lt;/b&gt; &amp; &quot;Co&quot;"));
    CHECK_THAT(html, !Catch::Contains("<b>"));
    CHECK_THAT(html, !Catch::Contains("<script") && !Catch::Contains("<link") && !Catch::Contains("src="));
    CHECK_THAT(html, Catch::Contains("<td class=\"amount\" id=\"total\">42\u00A0000,00 RUB</td>"));
    // op-02's 180 calls miss the 200 gate: the bonus line is not paid, and the page says so.
    CHECK_THAT(html, Catch::Contains("<td class=\"not-met\">не выполнено; условие для: KPI bonus</td>"));
    CHECK(exports::html_escape("a<'b'>&") == "a&lt;&#39;b&#39;&gt;&amp;");
}

TEST_CASE("statement file names cannot leave the directory or hide", "[export][statement]") {
    CHECK(exports::safe_file_stem("h-01") == "h-01");
    CHECK(exports::safe_file_stem("../../etc/passwd") == "_._.._etc_passwd");
    CHECK(exports::safe_file_stem(".profile") == "_profile");
    CHECK(exports::safe_file_stem("") == "_");
    CHECK(exports::safe_file_stem("Анна") == "Анна");
    CHECK(exports::safe_file_stem("a\\b\nc") == "a_b_c");
    CHECK(exports::safe_file_stem(std::string(300, 'x')).size() == 120);
}
