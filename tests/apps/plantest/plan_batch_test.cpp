// The plan features (tiers by attainment, pay curves, scorecards, adjustments, proration) run in the
// batch engine with results identical to the one-person path, row by row, for every example scheme.
#include <catch2/catch.hpp>

#include "tests/core/support.hpp"

#include <random>

#include "core/batch/batch.hpp"
#include "core/engine/compute.hpp"
#include "core/errors.hpp"

using namespace motiv;

namespace {

Decimal scaled(std::int64_t v, int scale) {
    int128 m = 1;
    for (int j = 0; j < Decimal::kPlaces - scale; ++j) m *= 10;
    return Decimal::from_raw(static_cast<int128>(v) * m);
}

}  // namespace

TEST_CASE("plan example schemes: the batch engine pays every row as the one-person path", "[plan][batch]") {
    const std::string name = GENERATE("quota_attainment", "attainment_tiers", "pay_curve", "scorecard", "guaranteed_minimum", "proration",
                                      "on_target");
    const auto cs = CompiledScheme::compile(load_scheme_file(std::string(MOTIV_SOURCE_DIR) + "/rules/examples/" + name + ".json"));
    const Scheme& s = cs->scheme();
    const auto params = cs->bind(*Period::parse("2026-11"));
    const std::size_t n = 3000;
    std::mt19937_64 rng(20261127);
    std::vector<std::uint32_t> role(n);
    std::vector<std::vector<std::int64_t>> cols(s.inputs.size(), std::vector<std::int64_t>(n));
    std::vector<int> scales(s.inputs.size());
    for (std::size_t k = 0; k < s.inputs.size(); ++k) {
        const InputDecl& in = s.inputs[k];
        scales[k] = in.kind == Kind::money ? 2 : in.kind == Kind::ratio ? 4 : 0;
        for (std::size_t i = 0; i < n; ++i) {
            std::int64_t v = 0;
            switch (in.kind) {
                // Amounts around a 1,000,000 quota, a third of them on round edges (50%, 100%, 120%, 150%).
                case Kind::money:
                    v = rng() % 3 == 0 ? std::int64_t{50000000} * static_cast<std::int64_t>(1 + rng() % 4)
                                       : static_cast<std::int64_t>(rng() % 400000000);
                    if (in.name == "quota" && rng() % 50 == 0) v = 0;  // attainment undefined: both paths refuse
                    break;
                case Kind::ratio: v = static_cast<std::int64_t>(rng() % 10001); break;
                default: v = static_cast<std::int64_t>(rng() % 4000); break;
            }
            cols[k][i] = v;
        }
    }
    for (std::size_t i = 0; i < n; ++i) role[i] = static_cast<std::uint32_t>(rng() % cs->roles().size());
    batch::Input in;
    in.role = role;
    for (std::size_t k = 0; k < cols.size(); ++k) in.columns.push_back(batch::Column{cols[k], scales[k], {}});
    const batch::Result r = batch::compute(*cs, params, in);
    std::size_t checked = 0;
    for (std::size_t i = 0; i < n; ++i) {
        PersonInputs p;
        p.id = std::to_string(i);
        p.role = cs->roles()[role[i]].rule->name;
        for (std::size_t k = 0; k < cols.size(); ++k) p.values.push_back(scaled(cols[k][i], scales[k]));
        Payslip slip;
        try {
            slip = compute_payslip(*cs, params, p);
        } catch (const Error&) {
            CHECK(r.status[i] != batch::RowStatus::ok);
            continue;
        }
        INFO(name << " row " << i);
        REQUIRE(r.status[i] == batch::RowStatus::ok);
        REQUIRE(r.total[i] == slip.total_minor);
        for (std::size_t c = 0; c < r.components.size(); ++c) {
            const PayLine* l = slip.line(r.components[c]);
            REQUIRE(r.amounts[i * r.components.size() + c] == (l ? l->minor : 0));
        }
        ++checked;
    }
    CHECK(checked > n * 9 / 10);
}
