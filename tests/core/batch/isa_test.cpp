// The batch engine's hot loops are compiled once per instruction set (core/batch/isa.hpp); every
// variant the CPU can run must pay exactly what the baseline x86-64 code pays.
#include <catch2/catch.hpp>

#include "tests/core/batch/seeded_rows.hpp"
#include "tests/core/support.hpp"

#include <cstdlib>

#include "core/batch/batch.hpp"
#include "core/batch/isa.hpp"

using namespace motiv;

namespace {

// Puts the default variant back however the test ends.
struct ForcedIsa {
    explicit ForcedIsa(batch::Isa isa) { batch::force_isa(isa); }
    ~ForcedIsa() { batch::force_isa(std::nullopt); }
    ForcedIsa(const ForcedIsa&) = delete;
    ForcedIsa& operator=(const ForcedIsa&) = delete;
};

}  // namespace

TEST_CASE("isa: names read back, and the baseline is always there", "[batch][isa]") {
    for (batch::Isa isa : {batch::Isa::baseline, batch::Isa::avx2, batch::Isa::x86_64_v4}) CHECK(batch::parse_isa(batch::to_string(isa)) == isa);
    CHECK_FALSE(batch::parse_isa("sse2"));
    CHECK(batch::supported(batch::Isa::baseline));
    CHECK(batch::supported(batch::active_isa()));
}

TEST_CASE("isa: every variant this CPU runs pays the reference scheme exactly as the baseline does", "[batch][isa]") {
    const auto cs = test::three_tier_scheme();
    const auto params = cs->bind(*Period::parse("2026-10"));
    const std::size_t n = 30000;
    const test::Data d = test::make_data(*cs, n, 20261127);
    const batch::Input in = test::as_input(d);
    batch::Options one;
    one.threads = 1;
    batch::Result want;
    {
        const ForcedIsa baseline(batch::Isa::baseline);
        want = batch::compute(*cs, params, in, one);
    }
    REQUIRE(want.failed() < n / 10);
    std::size_t compared = 0;
    for (batch::Isa isa : {batch::Isa::avx2, batch::Isa::x86_64_v4}) {
        if (!batch::supported(isa)) {
            WARN("this CPU cannot run the " << batch::to_string(isa) << " variant: not compared here");
            continue;
        }
        const ForcedIsa forced(isa);
        const batch::Result got = batch::compute(*cs, params, in, one);
        INFO(batch::to_string(isa));
        CHECK(std::equal(got.amounts.begin(), got.amounts.end(), want.amounts.begin(), want.amounts.end()));
        CHECK(std::equal(got.total.begin(), got.total.end(), want.total.begin(), want.total.end()));
        CHECK(std::equal(got.status.begin(), got.status.end(), want.status.begin(), want.status.end()));
        ++compared;
    }
    CHECK(compared == static_cast<std::size_t>(batch::supported(batch::Isa::avx2)) + batch::supported(batch::Isa::x86_64_v4));
}

TEST_CASE("isa: a bad MOTIV_BATCH_ISA is refused before anything is paid", "[batch][isa]") {
    const auto cs = test::three_tier_scheme();
    const auto params = cs->bind(*Period::parse("2026-10"));
    batch::Input in;
    in.columns.resize(cs->scheme().inputs.size());
    ::setenv("MOTIV_BATCH_ISA", "sse9", 1);
    batch::force_isa(std::nullopt);  // the environment is read again
    CHECK_THROWS_WITH(batch::compute(*cs, params, in), Catch::Contains("MOTIV_BATCH_ISA='sse9': expected baseline, avx2 or x86-64-v4"));
    ::unsetenv("MOTIV_BATCH_ISA");
    batch::force_isa(std::nullopt);
    CHECK(batch::compute(*cs, params, in).rows == 0);
}
