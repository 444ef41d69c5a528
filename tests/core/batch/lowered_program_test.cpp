// The batch engine's int64 lowering must compute exactly what the Decimal program computes, and
// must hand back to it whatever it cannot vouch for: blocks that could overflow, rows that divide by
// zero, programs it cannot lower. Each case compares the batch with lowering on, with lowering off
// (the Decimal program alone) and with the one-person path, row by row, to the minor unit.
#include <catch2/catch.hpp>

#include "tests/core/batch/seeded_rows.hpp"
#include "tests/core/support.hpp"

#include <random>

#include "core/batch/batch.hpp"
#include "core/batch/isa.hpp"
#include "core/batch/lowered_program.hpp"
#include "core/engine/compute.hpp"
#include "core/errors.hpp"
#include "core/expr/compiler.hpp"
#include "core/rules/loader.hpp"

using namespace motiv;

namespace {

// A scheme that exercises every opcode, every rounding mode, products beyond 9 places, divisions
// (guarded and unguarded), negative amounts and tier edges. Role `plain` lowers; role `huge` holds a
// parameter beyond int64 at its scale, so it cannot lower and keeps the Decimal program.
const char* kScheme = R"json({
  "motiv": 1,
  "scheme": {"name": "lowering_check", "version": "1"},
  "currency": {"code": "RUB", "minor_units": 2},
  "rounding": {"mode": "half_up", "step": "0.01"},
  "inputs": {
    "x": {"type": "money"},
    "y": {"type": "number"},
    "n": {"type": "count"},
    "r": {"type": "ratio", "min": 0, "max": 1, "default": "0.5"}
  },
  "parameters": {
    "p.rate": {"type": "ratio", "value": "0.125"},
    "p.fine": {"type": "ratio", "value": "0.000123"},
    "p.huge": {"type": "money", "value": "100000000000000000000"},
    "p.tiers": {"type": "tiers", "basis": "money",
                "value": [{"from": "-1000", "rate": "2%"}, {"from": "0", "rate": "5%"}, {"from": "300", "rate": "7.5%"}, {"from": "1000", "rate": "10%"}]}
  },
  "roles": {
    "plain": {
      "variables": {
        "q": {"formula": "if(n > 0, x / n, x)"},
        "per": {"formula": "y / n"},
        "safe": {"formula": "n == 0 or y / n > 1"}
      },
      "components": [
        {"id": "fine", "kind": "formula", "amount": "x * p.fine * r", "rounding": {"mode": "half_even", "step": "0.01"}},
        {"id": "share", "kind": "formula", "amount": "q", "rounding": {"mode": "half_down", "step": "0.01"}},
        {"id": "scaled", "kind": "formula", "amount": "x * y", "cap": "abs(x)", "floor": "0 - abs(x) / 2", "rounding": {"mode": "ceiling", "step": "0.05"}},
        {"id": "grad", "kind": "commission", "base": "x", "tiers": "p.tiers", "mode": "graduated", "rounding": {"mode": "floor", "step": "1"}},
        {"id": "retro", "kind": "commission", "base": "x", "tiers": "p.tiers", "mode": "retroactive", "rounding": {"mode": "half_even", "step": "0.01"}},
        {"id": "mix", "kind": "formula", "amount": "rate_at(p.tiers, x) * abs(x) - min(x, 50) + max(x, -50) + clamp(x, -7, 7)", "rounding": {"mode": "up", "step": "100"}},
        {"id": "cut", "kind": "penalty", "rate": "p.rate", "of": "share", "when": "safe and not (x > 0 and y < 0)", "rounding": {"mode": "down", "step": "0.01"}},
        {"id": "per_n", "kind": "formula", "amount": "x * per", "when": "n != 3", "rounding": {"mode": "half_up", "step": "0.01"}}
      ]
    },
    "huge": {
      "components": [
        {"id": "capped", "kind": "formula", "amount": "min(x * p.rate, p.huge)"}
      ]
    }
  }
})json";

std::shared_ptr<const CompiledScheme> scheme() {
    static const auto cs = CompiledScheme::compile(load_scheme(kScheme, "lowering_check.json"));
    return cs;
}

struct Rows {
    std::vector<std::uint32_t> role;
    std::vector<std::int64_t> x, y, n, r;
    std::vector<std::uint8_t> r_present;
};

// Seeded rows: half random, half piled on edges, ties and zeros; `huge_every` > 0 puts an x near
// the int64 limit every that many rows (forcing those blocks back to the Decimal program).
Rows make_rows(std::size_t count, std::uint32_t seed, std::size_t huge_every) {
    std::mt19937_64 rng(seed);
    Rows d;
    test::EdgePicker pick(rng, 2);
    for (std::size_t i = 0; i < count; ++i) {
        d.role.push_back(rng() % 8 == 0 ? 1u : 0u);
        // x in kopecks: tier edges (-1000, 0, 300, 1000 RUB), one kopeck around them, small ties.
        d.x.push_back(pick({-100000, -100001, -99999, 0, 1, -1, 30000, 29999, 30001, 100000, 99999, 100001, 5, -5, 15, -15, 25, -25, 4999, -5001},
                           -20000000, 20000000));
        if (huge_every && i % huge_every == huge_every / 2) d.x.back() = (rng() % 2 ? 1 : -1) * (INT64_MAX / 3);
        d.y.push_back(pick({0, 500, -500, 1500, -1500, 1001, -999, 2500}, -5000, 5000));  // scale 3
        // n = 2^7, 2^8, 2^10 with an odd x or y: the quotient's 10th decimal is exactly 5, a tie
        // Decimal::div breaks to even (x / n has 10^7 x / n at 9 places, y / n 10^6 y / n).
        d.n.push_back(pick({0, 1, 2, 3, 128, 256, 1024}, 0, 7));
        d.r.push_back(pick({0, 5000, 10000, 1}, 0, 10000));  // scale 4
        d.r_present.push_back(rng() % 10 == 0 ? 0 : 1);
    }
    return d;
}

batch::Input as_input(const Rows& d) {
    batch::Input in;
    in.role = d.role;
    in.columns = {batch::Column{d.x, 2, {}}, batch::Column{d.y, 3, {}}, batch::Column{d.n, 0, {}}, batch::Column{d.r, 4, d.r_present}};
    return in;
}

PersonInputs person(const CompiledScheme& cs, const Rows& d, std::size_t i) {
    PersonInputs p;
    p.id = std::to_string(i);
    p.role = cs.roles()[d.role[i]].rule->name;
    p.values = {Decimal::from_minor(d.x[i], 2), Decimal::from_minor(d.y[i], 3), Decimal::from_minor(d.n[i], 0),
                d.r_present[i] ? std::optional<Decimal>(Decimal::from_minor(d.r[i], 4)) : std::nullopt};
    return p;
}

// Row i of a result: status, total, then every component amount.
std::vector<std::int64_t> row_of(const batch::Result& r, std::size_t i) {
    const std::size_t nc = r.components.size();
    std::vector<std::int64_t> out{static_cast<std::int64_t>(r.status[i]), r.total[i]};
    for (std::size_t c = 0; c < nc; ++c) out.push_back(r.amounts[i * nc + c]);
    return out;
}

// Batch with lowering == batch without == one-person path, on every row.
void require_identical(const CompiledScheme& cs, const Rows& d, unsigned threads) {
    const auto params = cs.bind(*Period::parse("2026-10"));
    const batch::Input in = as_input(d);
    batch::Options fast, exact;
    fast.threads = exact.threads = threads;
    fast.min_rows_per_thread = exact.min_rows_per_thread = 500;
    exact.lower = false;
    const batch::Result a = batch::compute(cs, params, in, fast);
    const batch::Result b = batch::compute(cs, params, in, exact);
    std::size_t paid = 0, faulted = 0;
    for (std::size_t i = 0; i < d.role.size(); ++i) {
        INFO("row " << i << ": x " << d.x[i] << " y " << d.y[i] << " n " << d.n[i] << " r " << d.r[i]);
        REQUIRE(row_of(a, i) == row_of(b, i));
        Payslip slip;
        try {
            slip = compute_payslip(cs, params, person(cs, d, i));
        } catch (const Error&) {
            REQUIRE(a.status[i] != batch::RowStatus::ok);
            ++faulted;
            continue;
        }
        REQUIRE(a.status[i] == batch::RowStatus::ok);
        REQUIRE(a.total[i] == slip.total_minor);
        for (std::size_t c = 0; c < a.components.size(); ++c) {
            const PayLine* l = slip.line(a.components[c]);
            REQUIRE(a.amounts[i * a.components.size() + c] == (l ? l->minor : 0));
        }
        ++paid;
    }
    // Both kinds of rows occur: a test that only ever took one path could not fail.
    CHECK(paid > d.role.size() / 2);
    CHECK(faulted > 0);
}

}  // namespace

TEST_CASE("lowering: the reference scheme and the test scheme's plain role lower; a parameter beyond int64 does not", "[batch][lowering]") {
    for (const auto& cs : {test::three_tier_scheme(), scheme()}) {
        const auto params = cs->bind(*Period::parse("2026-10"));
        for (const CompiledRole& role : cs->roles()) {
            std::vector<std::pair<expr::Slot, Decimal>> known;
            for (const auto& [idx, slot] : role.params) known.emplace_back(slot, params.values[idx]);
            std::vector<batch::LoweredProgram::Input> inputs;
            for (const auto& [idx, slot] : role.inputs) inputs.push_back({slot, 4});
            const bool lowers = batch::LoweredProgram::lower(role.program, known, inputs, params.tables).has_value();
            INFO(cs->scheme().name << " role " << role.rule->name);
            CHECK(lowers == (role.rule->name != "huge"));
        }
    }
}

TEST_CASE("lowering: an opcode it does not know keeps the Decimal program", "[batch][lowering]") {
    expr::ProgramBuilder b;
    const expr::Slot x = b.new_slot();
    const expr::Slot y = b.emit(expr::OpCode::add, x, x);
    (void)b.emit(static_cast<expr::OpCode>(200), y);  // an opcode added after the lowering was written
    const expr::Program p = b.finish();
    const std::vector<batch::LoweredProgram::Input> inputs{{x, 2}};
    CHECK_FALSE(batch::LoweredProgram::lower(p, {}, inputs, {}).has_value());
}

TEST_CASE("lowering: values that could overflow int64 are refused before the block runs", "[batch][lowering]") {
    expr::ProgramBuilder b;
    const expr::Slot x = b.new_slot();
    const expr::Slot y = b.emit(expr::OpCode::mul, x, x);  // scale 4 from two scale-2 inputs
    (void)y;
    const expr::Program p = b.finish();
    const std::vector<batch::LoweredProgram::Input> inputs{{x, 2}};
    const auto lp = batch::LoweredProgram::lower(p, {}, inputs, {});
    REQUIRE(lp);
    std::vector<std::uint64_t> bounds(lp->lane_count(), 0);
    bounds[lp->value(x).lane] = std::uint64_t{1} << 31;  // (2^31)^2 = 2^62: at the limit, refused
    CHECK_FALSE(lp->in_range(bounds));
    bounds.assign(lp->lane_count(), 0);
    bounds[lp->value(x).lane] = (std::uint64_t{1} << 31) - 1;
    CHECK(lp->in_range(bounds));
}

TEST_CASE("lowering: every rounding mode rounds ties, negatives and products beyond 9 places as Decimal does", "[batch][lowering]") {
    // x (scale 4) rounded to 0.01, 1, 100 and 0.05 by each mode: lowered value == Rounding::apply.
    const std::vector<std::int64_t> xs{0, 1, -1, 49, 50, 51, -49, -50, -51, 150, -150, 250, -250, 12345, -12345, 5000, -5000, 15000, -15000,
                                       99999, -99999, 1000000, -1000000, 1234567, -1234567, 2500, -2500, 7500, -7500};
    for (const char* mode : {"half_up", "half_down", "half_even", "up", "down", "ceiling", "floor"}) {
        for (const char* step : {"0.01", "1", "100", "0.05", "0.0001"}) {
            const Rounding rounding{*parse_rounding_mode(mode), *Decimal::parse(step)};
            expr::ProgramBuilder b;
            const expr::Slot x = b.new_slot();
            const expr::Slot out = b.emit(expr::OpCode::round, x, 0, 0, b.add_rounding(rounding));
            const expr::Program p = b.finish();
            const std::vector<batch::LoweredProgram::Input> inputs{{x, 4}};
            const auto lp = batch::LoweredProgram::lower(p, {}, inputs, {});
            REQUIRE(lp);
            std::vector<std::int64_t> frame(lp->lane_count() * xs.size());
            std::copy(xs.begin(), xs.end(), frame.begin() + static_cast<std::ptrdiff_t>(lp->value(x).lane * xs.size()));
            std::vector<std::uint8_t> redo(xs.size(), 0);
            lp->run(frame.data(), xs.size(), xs.size(), redo.data());
            const batch::LoweredValue& v = lp->value(out);
            for (std::size_t i = 0; i < xs.size(); ++i) {
                Fault f = Fault::none;
                const Decimal want = rounding.apply(Decimal::from_minor(xs[i], 4), f);
                const std::int64_t got = v.kind == batch::LoweredValue::Kind::lane ? frame[v.lane * xs.size() + i] : v.value;
                INFO(mode << " to " << step << ": " << Decimal::from_minor(xs[i], 4).to_string());
                CHECK(Decimal::from_minor(got, v.scale) == want);
            }
        }
    }
}

TEST_CASE("batch with lowering pays exactly as without it and as the one-person path", "[batch][lowering]") {
    const auto cs = scheme();
    const unsigned threads = GENERATE(1u, 2u);
    SECTION("random rows on edges, ties, zero divisors and negative amounts") { require_identical(*cs, make_rows(6000, 20261127, 0), threads); }
    SECTION("with values near the int64 limit in some blocks (those blocks fall back)") { require_identical(*cs, make_rows(6000, 7, 700), threads); }
}

TEST_CASE("batch on the reference scheme: lowering on and off agree on seeded rows with edges", "[batch][lowering]") {
    const auto cs = test::three_tier_scheme();
    const Scheme& s = cs->scheme();
    const auto params = cs->bind(*Period::parse("2026-10"));
    std::mt19937_64 rng(99);
    const std::size_t n = 5000;
    std::vector<std::uint32_t> role(n);
    std::vector<std::vector<std::int64_t>> cols(s.inputs.size(), std::vector<std::int64_t>(n));
    std::vector<int> scales(s.inputs.size(), 2);
    // Tier edges at scale 2: 0; 300,000 and 1,000,000 (30% and 100% of the hunter's quota); 2,000,000.
    constexpr std::int64_t kEdges[] = {0, 30000000, 100000000, 200000000};
    for (std::size_t i = 0; i < n; ++i) {
        role[i] = static_cast<std::uint32_t>(rng() % 3);
        for (std::size_t k = 0; k < s.inputs.size(); ++k) {
            // Money at scale 2; others at scale 2 too (counts must then be whole: multiples of 100).
            const bool whole = s.inputs[k].kind == Kind::count;
            const std::int64_t v = static_cast<std::int64_t>(rng() % 300000000);
            if (s.proration && k == s.proration->input)
                cols[k][i] = rng() % 4 == 0 ? v % 101 : 100;  // the share of the month: 0.00-1.00, mostly whole
            else
                cols[k][i] = whole ? (v % 400) * 100 : (rng() % 5 == 0 ? kEdges[v % 4] : v);
        }
    }
    batch::Input in;
    in.role = role;
    for (std::size_t k = 0; k < s.inputs.size(); ++k) in.columns.push_back(batch::Column{cols[k], scales[k], {}});
    batch::Options fast, exact;
    fast.threads = exact.threads = 1;
    exact.lower = false;
    const batch::Result a = batch::compute(*cs, params, in, fast), b = batch::compute(*cs, params, in, exact);
    for (std::size_t i = 0; i < n; ++i)
        if (row_of(a, i) != row_of(b, i)) FAIL("row " << i << " differs");
    CHECK(a.failed() < n / 2);
}

TEST_CASE("lowering: code no pay line needs is dropped (the hunter's attainment division)", "[batch][lowering]") {
    // three_tier's hunter computes attainment = revenue / quota for explanations; no line reads it.
    const auto cs = test::three_tier_scheme();
    const auto params = cs->bind(*Period::parse("2026-10"));
    const CompiledRole* hunter = nullptr;
    for (const CompiledRole& role : cs->roles())
        if (role.rule->name == "hunter") hunter = &role;
    REQUIRE(hunter);
    std::vector<std::pair<expr::Slot, Decimal>> known;
    for (const auto& [idx, slot] : hunter->params) known.emplace_back(slot, params.values[idx]);
    std::vector<batch::LoweredProgram::Input> inputs;
    for (const auto& [idx, slot] : hunter->inputs) inputs.push_back({slot, 2});
    std::vector<expr::Slot> results;
    for (const auto& c : hunter->components) results.push_back(c.result);
    auto divisions = [](const batch::LoweredProgram& lp) {
        return std::count_if(lp.code().begin(), lp.code().end(), [](const auto& in) { return in.op == batch::LoweredProgram::Op::div; });
    };
    const auto all = batch::LoweredProgram::lower(hunter->program, known, inputs, params.tables);
    const auto needed = batch::LoweredProgram::lower(hunter->program, known, inputs, params.tables, results);
    REQUIRE((all && needed));
    CHECK(divisions(*all) == 1);
    CHECK(divisions(*needed) == 0);
    CHECK(needed->code().size() < all->code().size());
}

TEST_CASE("lowering: a quotient is Decimal's, on the double path and the integer path alike", "[batch][lowering]") {
    // z = x / y with x at 9 places and y a whole number: the lowered numerator is x's raw value
    // itself (k = 0), so it can be pushed right up to 2^53, where a double quotient rounds to the
    // next integer and must be corrected. Below 2^53 (bounds given) the kernel divides in double;
    // without bounds, or at or above 2^53, in integers. Both must equal Decimal's division: the
    // quotient at 9 places, half-even, with the sign of x / y.
    const std::int64_t top = std::int64_t{1} << 53;
    std::vector<std::pair<std::int64_t, std::int64_t>> cases{
        {0, 7}, {1, 2}, {3, 2}, {5, 2}, {-5, 2}, {5, -2}, {-5, -2}, {1, 3}, {2, 3}, {-2, 3}, {7, 0}, {0, 0},
        {top - 1, 1}, {top - 1, 2}, {top - 1, 4}, {top - 2, 4}, {top - 3, 2}, {top - 1, 3}, {top - 5, 3},
        {-(top - 1), 4}, {top - 1, -4},
        {4 * (std::int64_t{1} << 50) + 3, 4},  // 2^50 + 0.75: a double rounds it up to 2^50 + 1
        {4 * (std::int64_t{1} << 50) + 2, 4},  // a tie: half-even keeps 2^50 (even)
        {4 * (std::int64_t{1} << 50) + 6, 4},  // a tie: half-even goes up to 2^50 + 2
        {top - 1, top - 2}, {top - 2, top - 1}, {1, top - 1},
    };
    std::mt19937_64 rng(53);
    for (int i = 0; i < 4000; ++i) {
        const std::int64_t den = 1 + static_cast<std::int64_t>(rng() % (i % 2 ? 5 : 1000000));
        std::int64_t num = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(top));
        if (i % 3 == 0) num = num / den * den + den / 2 + static_cast<std::int64_t>(rng() % 2);  // ties and near-ties
        cases.emplace_back(i % 5 == 0 ? -num : num, i % 7 == 0 ? -den : den);
    }
    expr::ProgramBuilder b;
    const expr::Slot x = b.new_slot(), y = b.new_slot();
    const expr::Slot z = b.emit(expr::OpCode::div, x, y);
    const expr::Program p = b.finish();
    const std::vector<batch::LoweredProgram::Input> inputs{{x, 9}, {y, 0}};
    const auto lp = batch::LoweredProgram::lower(p, {}, inputs, {});
    REQUIRE(lp);
    REQUIRE(lp->value(z).scale == 9);
    const std::size_t n = cases.size();
    expr::Frame want(p.slot_count, n);
    for (std::size_t i = 0; i < n; ++i) {
        want.value(x)[i] = Decimal::from_raw(cases[i].first);
        want.value(y)[i] = Decimal::from_int(cases[i].second);
    }
    p.run(want, n, {});
    // Every instruction-set variant the CPU runs (isa.hpp), with bounds (double path) and without.
    std::vector<batch::Isa> variants;
    for (batch::Isa isa : {batch::Isa::baseline, batch::Isa::avx2, batch::Isa::x86_64_v4})
        if (batch::supported(isa)) variants.push_back(isa);
    for (const batch::Isa isa : variants)
    for (const bool with_bounds : {true, false}) {
        batch::force_isa(isa);
        std::vector<std::int64_t> frame(lp->lane_count() * n);
        for (std::size_t i = 0; i < n; ++i) {
            frame[lp->value(x).lane * n + i] = cases[i].first;
            frame[lp->value(y).lane * n + i] = cases[i].second;
        }
        // The bounds a worker would measure: below 2^53 for every case, so the double path runs.
        std::vector<std::uint64_t> bounds(lp->lane_count(), 0);
        bounds[lp->value(x).lane] = static_cast<std::uint64_t>(top - 1);
        bounds[lp->value(y).lane] = static_cast<std::uint64_t>(top - 1);
        REQUIRE(lp->in_range(bounds));
        std::vector<std::uint8_t> redo(n, 0);
        lp->run(frame.data(), n, n, redo.data(), with_bounds ? std::span<const std::uint64_t>(bounds) : std::span<const std::uint64_t>{});
        batch::force_isa(std::nullopt);
        for (std::size_t i = 0; i < n; ++i) {
            INFO(batch::to_string(isa) << (with_bounds ? ", double path: " : ", integer path: ") << cases[i].first << "e-9 / " << cases[i].second);
            REQUIRE((redo[i] != 0) == (cases[i].second == 0));
            if (cases[i].second == 0) continue;  // the caller redoes the row with the Decimal program
            REQUIRE(want.fault(z)[i] == 0);
            REQUIRE(Decimal::from_minor(frame[lp->value(z).lane * n + i], 9) == want.value(z)[i]);
        }
    }
}
