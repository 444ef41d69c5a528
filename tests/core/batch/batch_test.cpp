// The batch engine must pay every row exactly as the one-person path does, whatever the thread
// count, and must refuse bad rows the same way.
#include <catch2/catch.hpp>

#include "tests/core/batch/seeded_rows.hpp"
#include "tests/core/support.hpp"

#include <random>

#include "core/batch/batch.hpp"
#include "core/engine/compute.hpp"
#include "core/errors.hpp"
#include "core/rules/loader.hpp"

using namespace motiv;

namespace {

std::shared_ptr<const CompiledScheme> three_tier() { return test::three_tier_scheme(); }
using test::input_index;
using test::Data;
using test::make_data;
using test::as_input;

Decimal scaled(std::int64_t v, int scale) {
    int128 m = 1;
    for (int j = 0; j < Decimal::kPlaces - scale; ++j) m *= 10;
    return Decimal::from_raw(static_cast<int128>(v) * m);
}

PersonInputs person_of(const CompiledScheme& cs, const Data& d, std::size_t i) {
    PersonInputs p;
    p.id = std::to_string(i);
    p.role = cs.roles()[d.role[i]].rule->name;
    for (std::size_t k = 0; k < d.cols.size(); ++k) p.values.push_back(scaled(d.cols[k][i], d.scales[k]));
    return p;
}

}  // namespace

TEST_CASE("batch pays every row exactly as the one-person path, whatever the thread count", "[batch]") {
    const auto cs = three_tier();
    const auto params = cs->bind(*Period::parse("2026-10"));
    const Data d = make_data(*cs, 20000, 20261027);
    const batch::Input in = as_input(d);
    const unsigned threads = GENERATE(1u, 2u, 3u);
    batch::Options opt;
    opt.threads = threads;
    opt.min_rows_per_thread = 1000;
    const batch::Result r = batch::compute(*cs, params, in, opt);
    REQUIRE(r.rows == 20000);
    std::size_t checked = 0, failed = 0;
    for (std::size_t i = 0; i < r.rows; ++i) {
        const PersonInputs p = person_of(*cs, d, i);
        Payslip slip;
        try {
            slip = compute_payslip(*cs, params, p);
        } catch (const Error&) {
            // The one-person path refuses this row: the batch must flag it too.
            CHECK(r.status[i] != batch::RowStatus::ok);
            ++failed;
            continue;
        }
        REQUIRE(r.status[i] == batch::RowStatus::ok);
        REQUIRE(r.total[i] == slip.total_minor);
        std::int64_t sum = 0;
        for (std::size_t c = 0; c < r.components.size(); ++c) {
            const PayLine* l = slip.line(r.components[c]);
            REQUIRE(r.amounts[i * r.components.size() + c] == (l ? l->minor : 0));
            sum += r.amounts[i * r.components.size() + c];
        }
        REQUIRE(sum == r.total[i]);
        ++checked;
    }
    CHECK(checked > 15000);
    CHECK(failed == r.failed());
}

TEST_CASE("batch flags missing and invalid inputs per row, and check() names them", "[batch]") {
    const auto cs = three_tier();
    const Scheme& s = cs->scheme();
    const auto params = cs->bind(*Period::parse("2026-10"));
    Data d = make_data(*cs, 8, 7);
    const auto rev = input_index(s, "revenue"), calls = input_index(s, "calls");
    std::uint32_t hunter = 0, op = 0;
    for (std::uint32_t k = 0; k < cs->roles().size(); ++k) {
        if (cs->roles()[k].rule->name == "hunter") hunter = k;
        if (cs->roles()[k].rule->name == "operator") op = k;
    }
    d.role[0] = hunter;
    d.role[1] = op;
    d.role[2] = hunter;
    d.cols[rev][2] = 1;  // 0.01 with scale 2: fine
    d.scales[rev] = 3;   // now 0.001: finer than a kopeck, invalid money
    d.cols[calls][1] = 5;
    std::vector<std::uint8_t> present(8, 1);
    present[0] = 0;  // hunter 0 has no revenue: required
    batch::Input in = as_input(d);
    in.columns[rev].present = present;
    const batch::Result r = batch::compute(*cs, params, in);
    CHECK(r.status[0] == batch::RowStatus::missing_input);
    CHECK(r.status[2] == batch::RowStatus::invalid_input);
    CHECK(r.total[0] == 0);
    CHECK(r.status[1] == batch::RowStatus::ok);
    try {
        batch::check(r, *cs, in);
        FAIL("check() must throw");
    } catch (const DataError& e) {
        REQUIRE(e.issues().size() >= 2);
        CHECK(e.issues()[0].id == "motiv.data_error.202");
        CHECK(e.issues()[0].message == "row 0: missing required input 'revenue'");
        CHECK(e.issues()[1].id == "motiv.data_error.304");
        CHECK_THAT(e.issues()[1].message, Catch::Contains("row 2: invalid value for input 'revenue' (money): 0.001"));
    }
}

TEST_CASE("batch refuses columns that do not match the scheme", "[batch]") {
    const auto cs = three_tier();
    const auto params = cs->bind(*Period::parse("2026-10"));
    Data d = make_data(*cs, 4, 1);
    batch::Input in = as_input(d);
    in.columns.pop_back();
    CHECK_THROWS_WITH(batch::compute(*cs, params, in), Catch::Contains("input columns"));
    in = as_input(d);
    d.cols[0].pop_back();
    in.columns[0].values = d.cols[0];
    CHECK_THROWS_WITH(batch::compute(*cs, params, in), Catch::Contains("has 3 values, expected 4"));
}

TEST_CASE("compute_into over reused arrays pays exactly as a fresh result, failed rows included", "[batch]") {
    const auto cs = three_tier();
    const Scheme& s = cs->scheme();
    const auto params = cs->bind(*Period::parse("2026-10"));
    const std::size_t n = 6000;
    Data d = make_data(*cs, n, 20261127);
    // Rows that fail in every way the engine knows: an unknown role, a missing required input,
    // an invalid value (a negative count).
    const auto rev = input_index(s, "revenue"), calls = input_index(s, "calls");
    std::vector<std::uint8_t> present(n, 1);
    for (std::size_t i = 0; i < n; i += 97) d.role[i] = 99;
    for (std::size_t i = 5; i < n; i += 89) present[i] = 0;
    for (std::size_t i = 7; i < n; i += 83) d.cols[calls][i] = -1;
    batch::Input in = as_input(d);
    in.columns[rev].present = present;
    const bool lower = GENERATE(true, false);
    const unsigned threads = GENERATE(1u, 2u);
    batch::Options opt;
    opt.threads = threads;
    opt.min_rows_per_thread = 1000;
    opt.lower = lower;
    const batch::Result fresh = batch::compute(*cs, params, in, opt);
    REQUIRE(fresh.failed() > 100);  // the rows above fail, and failed() counts them
    CHECK(fresh.failed() == static_cast<std::size_t>(std::count_if(fresh.status.begin(), fresh.status.end(), [](batch::RowStatus st) { return st != batch::RowStatus::ok; })));

    // Arrays left dirty by an earlier run: every element must be overwritten.
    const std::size_t ncols = batch::result_components(*cs).size();
    REQUIRE(ncols == fresh.components.size());
    std::vector<std::int64_t> amounts(n * ncols, -7), total(n, -7);
    std::vector<batch::RowStatus> status(n, batch::RowStatus::overflow);
    std::vector<std::uint32_t> bad_input(n, 77);
    const std::size_t failed = batch::compute_into(*cs, params, in, batch::Output{amounts, total, status, bad_input, false}, opt);
    CHECK(failed == fresh.failed());
    CHECK(std::equal(amounts.begin(), amounts.end(), fresh.amounts.begin(), fresh.amounts.end()));
    CHECK(std::equal(total.begin(), total.end(), fresh.total.begin(), fresh.total.end()));
    CHECK(std::equal(status.begin(), status.end(), fresh.status.begin(), fresh.status.end()));
    for (std::size_t i = 0; i < n; ++i)
        if (status[i] == batch::RowStatus::missing_input || status[i] == batch::RowStatus::invalid_input) REQUIRE(bad_input[i] == fresh.bad_input[i]);
    // The same arrays again, with another parameter value: still no trace of the first run.
    BoundParameters richer = params;
    const auto salary = static_cast<std::size_t>(s.find_parameter("hunter.salary") - s.parameters.data());
    richer.values[salary] = *Decimal::parse("99999.99");
    const batch::Result fresh_richer = batch::compute(*cs, richer, in, opt);
    CHECK(batch::compute_into(*cs, richer, in, batch::Output{amounts, total, status, bad_input, false}, opt) == fresh_richer.failed());
    CHECK(std::equal(amounts.begin(), amounts.end(), fresh_richer.amounts.begin(), fresh_richer.amounts.end()));
    CHECK(std::equal(total.begin(), total.end(), fresh_richer.total.begin(), fresh_richer.total.end()));
    CHECK(total != std::vector<std::int64_t>(fresh.total.begin(), fresh.total.end()));
}

TEST_CASE("compute_into refuses arrays of the wrong length before writing", "[batch]") {
    const auto cs = three_tier();
    const auto params = cs->bind(*Period::parse("2026-10"));
    const Data d = make_data(*cs, 10, 3);
    const batch::Input in = as_input(d);
    const std::size_t ncols = batch::result_components(*cs).size();
    std::vector<std::int64_t> amounts(10 * ncols - 1, -7), total(10, -7);
    std::vector<batch::RowStatus> status(10, batch::RowStatus::overflow);
    std::vector<std::uint32_t> bad_input(10, 77);
    CHECK_THROWS_WITH(batch::compute_into(*cs, params, in, batch::Output{amounts, total, status, bad_input, false}),
                      Catch::Contains("must hold 10 rows (amounts: 10 x " + std::to_string(ncols) + " components)"));
    CHECK(total == std::vector<std::int64_t>(10, -7));
}
