// Properties of pay on seeded random generated cases (std::mt19937_64, fixed seeds: deterministic).
//
// - graduated_amount is continuous (one kopeck more changes it by at most the top rate x 0.01),
//   non-decreasing for non-negative rates, and additive within a tier;
// - retroactive tiers (the interpreter's retro op, then half_up to 0.01) jump at each edge by
//   exactly round(edge x new rate) - round((edge - 0.01) x old rate);
// - Rounding::apply gives a multiple of the step, within one step of the input (half a step for the
//   half_* modes), in the mode's direction, idempotent, symmetric, and the 64-bit fast path agrees
//   with the general 128-bit path;
// - three_tier payslips: the lines add up to the total;
// - batch::compute gives the same amounts under any row permutation and any split into chunks.
#include <catch2/catch.hpp>

#include "tests/core/support.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/batch/batch.hpp"
#include "core/engine/compiled_scheme.hpp"
#include "core/engine/compute.hpp"
#include "core/errors.hpp"
#include "core/expr/program.hpp"
#include "core/money/decimal.hpp"
#include "core/money/rounding.hpp"
#include "core/rules/loader.hpp"

using namespace motiv;
using motiv::expr::TierTable;

namespace {

using Rng = std::mt19937_64;

// Uniform in [lo, hi] (inclusive); modulo bias is irrelevant here and keeps results portable.
std::int64_t uniform(Rng& rng, std::int64_t lo, std::int64_t hi) {
    const auto span = static_cast<std::uint64_t>(hi - lo) + 1u;
    return lo + static_cast<std::int64_t>(rng() % span);
}

bool chance(Rng& rng, unsigned percent) { return rng() % 100u < percent; }

template <class T>
const T& one_of(Rng& rng, const std::vector<T>& v) {
    return v[static_cast<std::size_t>(rng() % v.size())];
}

Decimal cents(std::int64_t c) { return Decimal::from_minor(c, 2); }
Decimal micro(std::int64_t m) { return Decimal::from_minor(m, 6); }  // rates with 6 places

std::string show(const TierTable& t) {
    std::ostringstream s;
    for (std::size_t i = 0; i < t.from.size(); ++i) s << (i ? ", " : "") << t.from[i].to_string() << ": " << t.rate[i].to_string();
    return "{" + s.str() + "}";
}

// 1-6 tiers, thresholds rising strictly in kopecks (the first 0 or not), rates 0..150% (6 places).
TierTable random_tiers(Rng& rng) {
    TierTable t;
    const auto n = static_cast<std::size_t>(uniform(rng, 1, 6));
    std::int64_t from = chance(rng, 50) ? 0 : uniform(rng, 1, 10'000'000);
    for (std::size_t i = 0; i < n; ++i) {
        t.from.push_back(cents(from));
        t.rate.push_back(micro(uniform(rng, 0, 1'500'000)));
        from += chance(rng, 10) ? 1 : uniform(rng, 1, 50'000'000);  // sometimes one kopeck wide
    }
    return t;
}

// Revenues (kopecks) on, just below and just above every edge, and random ones.
std::vector<std::int64_t> revenues_around(Rng& rng, const TierTable& t) {
    std::vector<std::int64_t> out{0, 1, 2};
    for (const Decimal& f : t.from) {
        const std::int64_t e = *f.to_minor(2);
        for (std::int64_t d : {-2, -1, 0, 1, 2, 50})
            if (e + d >= 0) out.push_back(e + d);
    }
    const std::int64_t top = *t.from.back().to_minor(2) + 100'000'000;
    for (int i = 0; i < 40; ++i) out.push_back(uniform(rng, 0, top));
    return out;
}

Decimal max_rate(const TierTable& t) { return *std::max_element(t.rate.begin(), t.rate.end()); }

const Rounding kKopecks{RoundingMode::half_up, cents(1)};

Decimal round_kopecks(Decimal v) {
    Fault f = Fault::none;
    const Decimal r = kKopecks.apply(v, f);
    REQUIRE(f == Fault::none);
    return r;
}

// The interpreter's own path for a retroactive commission: slot 0 = revenue, slot 1 = retro(slot 0)
// through table 0, slot 2 = slot 1 rounded half_up to 0.01.
struct RetroProgram {
    expr::Program program;
    RetroProgram() {
        program.slot_count = 3;
        program.code.push_back(expr::Instr{expr::OpCode::retro, 1, 0, 0, 0, 0});
        program.code.push_back(expr::Instr{expr::OpCode::round, 2, 1, 0, 0, 0});
        program.roundings.push_back(kKopecks);
        program.sources.push_back(0);
    }
    // (unrounded, rounded) for every revenue, run as one block.
    std::vector<std::pair<Decimal, Decimal>> run(const TierTable& t, const std::vector<Decimal>& xs) const {
        expr::Frame frame(program.slot_count, xs.size());
        program.load_constants(frame);
        std::copy(xs.begin(), xs.end(), frame.value(0));
        const std::vector<TierTable> tables{t};
        program.run(frame, xs.size(), tables);
        std::vector<std::pair<Decimal, Decimal>> out;
        for (std::size_t i = 0; i < xs.size(); ++i) {
            REQUIRE(frame.fault(2)[i] == 0);
            out.emplace_back(frame.value(1)[i], frame.value(2)[i]);
        }
        return out;
    }
};

std::shared_ptr<const CompiledScheme> three_tier() { return test::three_tier_scheme(); }
using test::input_index;

// Seeded random three_tier rows (int64 columns with scales), values piled on edges and ties.
struct Rows {
    std::vector<std::uint32_t> role;
    std::vector<std::vector<std::int64_t>> cols;  // per scheme input
    std::vector<int> scales;
    [[nodiscard]] std::size_t size() const { return role.size(); }
};

Rows random_rows(const CompiledScheme& cs, std::size_t n, Rng& rng) {
    const Scheme& s = cs.scheme();
    Rows d;
    d.role.resize(n);
    d.cols.assign(s.inputs.size(), std::vector<std::int64_t>(n, 0));
    d.scales.assign(s.inputs.size(), 0);
    const auto calls = input_index(s, "calls"), talk = input_index(s, "talk_minutes"), days = input_index(s, "days_worked"),
               meet = input_index(s, "meetings"), script = input_index(s, "script_compliance"), rev = input_index(s, "revenue"),
               over = input_index(s, "overdue_handovers"), vol = input_index(s, "volume"), prev = input_index(s, "volume_prev");
    d.scales[talk] = 9;  // talk minutes to 10^-9: division near-ties
    d.scales[script] = 4;
    d.scales[rev] = d.scales[vol] = d.scales[prev] = 2;
    auto pick = [&](const std::vector<std::int64_t>& edges, std::int64_t lo, std::int64_t hi) {
        return chance(rng, 40) ? one_of(rng, edges) : uniform(rng, lo, hi);
    };
    constexpr std::int64_t G = 1'000'000'000;
    for (std::size_t i = 0; i < n; ++i) {
        d.role[i] = static_cast<std::uint32_t>(rng() % cs.roles().size());
        d.cols[calls][i] = pick({0, 199, 200, 249, 250, 2'000'000'000}, 0, 400);
        d.cols[meet][i] = pick({0, 19, 20, 30, 299'999'999}, 0, 60);
        const std::int64_t dw = pick({0, 1, 2, 3, 20, 21, 22}, 0, 23);
        d.cols[days][i] = dw;
        const std::int64_t norm = chance(rng, 50) ? 120 : 150;
        d.cols[talk][i] = chance(rng, 50) ? std::max<std::int64_t>(0, dw * norm * G + uniform(rng, -dw, dw))
                                          : uniform(rng, 0, (dw + 1) * 200 * G);
        d.cols[script][i] = pick({7999, 8000, 9499, 9500, 10000}, 0, 10000);
        d.cols[rev][i] = pick({0, 1, 29'999'999, 30'000'000, 30'000'050, 99'999'999, 100'000'000, 100'000'005}, 0, 300'000'000);
        d.cols[over][i] = pick({0, 1, 2}, 0, 10);
        d.cols[vol][i] = pick({99'999'999, 100'000'000, 199'999'999, 200'000'000}, 0, 300'000'000);
        d.cols[prev][i] = chance(rng, 30) ? d.cols[vol][i] : pick({100'000'000}, 0, 300'000'000);
    }
    return d;
}

// The rows at `idx` (in that order) as a new set of columns.
Rows take(const Rows& d, const std::vector<std::size_t>& idx) {
    Rows out;
    out.scales = d.scales;
    out.cols.assign(d.cols.size(), {});
    for (std::size_t i : idx) {
        out.role.push_back(d.role[i]);
        for (std::size_t k = 0; k < d.cols.size(); ++k) out.cols[k].push_back(d.cols[k][i]);
    }
    return out;
}

batch::Input as_input(const Rows& d) {
    batch::Input in;
    in.role = d.role;
    for (std::size_t k = 0; k < d.cols.size(); ++k) in.columns.push_back(batch::Column{d.cols[k], d.scales[k], {}});
    return in;
}

Decimal scaled(std::int64_t v, int scale) { return Decimal::from_minor(v, scale); }

// Row i of the result: its status, total and every component amount.
std::vector<std::int64_t> row_of(const batch::Result& r, std::size_t i) {
    const std::size_t nc = r.components.size();
    std::vector<std::int64_t> out{static_cast<std::int64_t>(r.status[i]), r.total[i]};
    out.insert(out.end(), r.amounts.begin() + static_cast<std::ptrdiff_t>(i * nc), r.amounts.begin() + static_cast<std::ptrdiff_t>((i + 1) * nc));
    return out;
}

}  // namespace

TEST_CASE("graduated_amount is continuous, non-decreasing and additive within a tier", "[properties]") {
    Rng rng(20261101);
    std::size_t checked = 0;
    for (int table = 0; table < 300; ++table) {
        const TierTable t = random_tiers(rng);
        INFO("tiers " << show(t));
        const Decimal top = max_rate(t);
        // Cumulative amount at each threshold, computed here from the tier widths.
        std::vector<Decimal> at_from(t.from.size());
        for (std::size_t k = 1; k < t.from.size(); ++k) at_from[k] = at_from[k - 1] + (t.from[k] - t.from[k - 1]) * t.rate[k - 1];
        for (const std::int64_t r : revenues_around(rng, t)) {
            Fault f = Fault::none;
            const Decimal x = cents(r), x1 = cents(r + 1);
            const Decimal g = expr::graduated_amount(t, x, f), g1 = expr::graduated_amount(t, x1, f);
            REQUIRE(f == Fault::none);
            const Decimal step = g1 - g;
            if (step.is_negative() || step > top * cents(1))
                FAIL("revenue " << x.to_string() << " -> +0.01 moves graduated from " << g.to_string() << " to " << g1.to_string());
            const int k = t.tier_of(x);
            const Decimal expected = k < 0 ? Decimal{} : at_from[static_cast<std::size_t>(k)] + (x - t.from[static_cast<std::size_t>(k)]) * t.rate[static_cast<std::size_t>(k)];
            if (g != expected) FAIL("revenue " << x.to_string() << ": graduated " << g.to_string() << ", expected " << expected.to_string());
            // Rounded to kopecks (as a pay line is), one kopeck more moves it by at most top x 0.01 + 0.01.
            const Decimal rstep = round_kopecks(g1) - round_kopecks(g);
            if (rstep.is_negative() || rstep > top * cents(1) + cents(1)) FAIL("rounded step " << rstep.to_string() << " at " << x.to_string());
            ++checked;
        }
        // Continuity at every threshold from below, to the 10^-9.
        for (std::size_t k = 0; k < t.from.size(); ++k) {
            if (t.from[k].is_zero()) continue;
            Fault f = Fault::none;
            const Decimal below = expr::graduated_amount(t, t.from[k] - Decimal::from_raw(1), f), at = expr::graduated_amount(t, t.from[k], f);
            REQUIRE(f == Fault::none);
            REQUIRE(at >= below);
            REQUIRE(at - below <= Decimal::from_raw(2));  // <= top rate (1.5) x 10^-9, rounded to 9 places
        }
    }
    REQUIRE(checked > 15000);
}

TEST_CASE("retroactive tiers jump at each edge by exactly the expected amount", "[properties]") {
    Rng rng(20261102);
    const RetroProgram prog;
    std::size_t edges = 0;
    for (int table = 0; table < 400; ++table) {
        const TierTable t = random_tiers(rng);
        INFO("tiers " << show(t));
        std::vector<Decimal> xs;
        for (const Decimal& e : t.from)
            if (!e.is_zero()) {
                xs.push_back(e - cents(1));
                xs.push_back(e);
            }
        const auto out = prog.run(t, xs);
        for (std::size_t i = 0; i < xs.size(); i += 2) {
            const Decimal below = xs[i], edge = xs[i + 1];
            const int k = t.tier_of(edge);
            REQUIRE(k >= 0);
            REQUIRE(t.from[static_cast<std::size_t>(k)] == edge);
            const Decimal old_rate = k == 0 ? Decimal{} : t.rate[static_cast<std::size_t>(k - 1)];
            const Decimal new_rate = t.rate[static_cast<std::size_t>(k)];
            // Unrounded: rate of the tier reached times the whole amount.
            REQUIRE(out[i].first == below * old_rate);
            REQUIRE(out[i + 1].first == edge * new_rate);
            const Decimal jump = round_kopecks(edge * new_rate) - round_kopecks(below * old_rate);
            if (out[i + 1].second - out[i].second != jump)
                FAIL("edge " << edge.to_string() << ": pay " << out[i].second.to_string() << " -> " << out[i + 1].second.to_string()
                             << ", expected a jump of " << jump.to_string());
            ++edges;
        }
    }
    // The README's example: 5% / 7% / 10% at 0 / 300,000 / 1,000,000.
    const TierTable readme{{cents(0), cents(30'000'000), cents(100'000'000)}, {micro(50'000), micro(70'000), micro(100'000)}};
    const auto out = prog.run(readme, {cents(99'999'999), cents(100'000'000)});
    CHECK(out[0].second == cents(7'000'000));
    CHECK(out[1].second == cents(10'000'000));
    REQUIRE(edges > 800);
}

TEST_CASE("Rounding::apply: a multiple of the step, within one step, idempotent, as the mode says", "[properties]") {
    Rng rng(20261103);
    const std::vector<RoundingMode> modes{RoundingMode::half_up, RoundingMode::half_down, RoundingMode::half_even, RoundingMode::up,
                                          RoundingMode::down,    RoundingMode::ceiling,   RoundingMode::floor};
    // Steps as raw values (10^-9 units): powers of ten (fast path) and others (general path).
    const std::vector<std::int64_t> steps{1, 10, 1'000, 1'000'000, 10'000'000, 100'000'000, 1'000'000'000, 100'000'000'000, 1'000'000'000'000,
                                          50'000'000, 250'000'000, 3'000'000'000, 7'770'000'000, 333'333'333, 999'999'999'999};
    std::size_t checked = 0;
    for (int i = 0; i < 120'000; ++i) {
        const RoundingMode mode = one_of(rng, modes);
        const Rounding rd{mode, Decimal::from_raw(one_of(rng, steps))};
        const int128 s = rd.step.raw();
        // Values: small, 64-bit, 128-bit; and exact ties and multiples of the step on purpose.
        int128 v;
        switch (rng() % 5) {
            case 0: v = uniform(rng, -100'000'000'000, 100'000'000'000); break;
            case 1: v = static_cast<std::int64_t>(rng()); break;
            case 2: v = static_cast<int128>(static_cast<std::int64_t>(rng())) * static_cast<int128>(rng() % 1'000'000'000'000'000ull); break;
            case 3: v = static_cast<int128>(uniform(rng, -1'000'000'000'000, 1'000'000'000'000)) * s + s / 2; break;  // a tie when s is even
            default: v = static_cast<int128>(uniform(rng, -1'000'000'000'000, 1'000'000'000'000)) * s; break;
        }
        if (chance(rng, 50) && v > 0) v = -v;
        const Decimal value = Decimal::from_raw(v);
        Fault f = Fault::none;
        const Decimal r = rd.apply(value, f);
        const Decimal generic = rd.apply(value, -1, f);  // the general path, whatever the step
        const Decimal again = rd.apply(r, f);
        REQUIRE(f == Fault::none);
        const int128 out = r.raw(), diff = out - v, adiff = diff < 0 ? -diff : diff;
        bool ok = out % s == 0 && adiff < s && again == r && generic == r;
        const int128 av = v < 0 ? -v : v, aout = out < 0 ? -out : out;
        switch (mode) {
            case RoundingMode::floor: ok = ok && out <= v; break;
            case RoundingMode::ceiling: ok = ok && out >= v; break;
            case RoundingMode::down: ok = ok && aout <= av && (out == 0 || (out < 0) == (v < 0)); break;
            case RoundingMode::up: ok = ok && aout >= av; break;
            case RoundingMode::half_up:
            case RoundingMode::half_down:
            case RoundingMode::half_even: {
                ok = ok && 2 * adiff <= s;
                if (2 * adiff == s) {  // a tie: the mode decides
                    if (mode == RoundingMode::half_up) ok = ok && aout > av;
                    if (mode == RoundingMode::half_down) ok = ok && aout < av;
                    if (mode == RoundingMode::half_even) ok = ok && (out / s) % 2 == 0;
                }
                break;
            }
        }
        // Symmetry: the modes defined on magnitudes are odd functions; floor(-x) = -ceiling(x).
        const Decimal neg = rd.apply(Decimal::from_raw(-v), f);
        if (mode == RoundingMode::floor || mode == RoundingMode::ceiling) {
            const Rounding mirror{mode == RoundingMode::floor ? RoundingMode::ceiling : RoundingMode::floor, rd.step};
            ok = ok && neg.raw() == -mirror.apply(value, f).raw();
        } else {
            ok = ok && neg.raw() == -out;
        }
        REQUIRE(f == Fault::none);
        if (!ok) FAIL(rd.describe() << " of " << value.to_string() << " gave " << r.to_string() << " (general path " << generic.to_string()
                                    << ", again " << again.to_string() << ", of the negation " << neg.to_string() << ")");
        ++checked;
    }
    REQUIRE(checked == 120'000);
}

TEST_CASE("three_tier payslips: the lines add up to the total", "[properties]") {
    const auto cs = three_tier();
    Rng rng(20261104);
    const Rows d = random_rows(*cs, 3000, rng);
    const std::vector<std::string> periods{"2026-01", "2026-06", "2026-07", "2026-10", "2027-03"};
    std::size_t paid = 0;
    for (const std::string& ps : periods) {
        const auto params = cs->bind(*Period::parse(ps));
        for (std::size_t i = 0; i < d.size(); ++i) {
            PersonInputs p;
            p.id = std::to_string(i);
            p.role = cs->roles()[d.role[i]].rule->name;
            for (std::size_t k = 0; k < d.cols.size(); ++k) p.values.emplace_back(scaled(d.cols[k][i], d.scales[k]));
            const Payslip slip = compute_payslip(*cs, params, p);
            std::int64_t minor = 0;
            Decimal sum;
            for (const PayLine& line : slip.lines) {
                minor += line.minor;
                sum = sum + line.amount;
                if (line.amount != Decimal::from_minor(line.minor, slip.minor_units) || (!line.applied && line.minor != 0))
                    FAIL(ps << " row " << i << " line " << line.component << ": " << line.amount.to_string() << " vs " << line.minor);
            }
            if (minor != slip.total_minor || sum != slip.total)
                FAIL(ps << " row " << i << " (" << p.role << "): lines add up to " << sum.to_string() << ", total " << slip.total.to_string());
            ++paid;
        }
    }
    REQUIRE(paid == 15000);
}

TEST_CASE("batch::compute: any row order and any split into chunks give the same amounts", "[properties]") {
    const auto cs = three_tier();
    Rng rng(20261105);
    for (int trial = 0; trial < 6; ++trial) {
        const std::size_t n = static_cast<std::size_t>(uniform(rng, 1, 6000));
        const Rows d = random_rows(*cs, n, rng);
        const auto params = cs->bind(*Period::parse(trial % 2 ? "2026-06" : "2026-10"));
        batch::Options one;
        one.threads = 1;
        const batch::Result whole = batch::compute(*cs, params, as_input(d), one);
        REQUIRE(whole.rows == n);
        REQUIRE(whole.failed() == 0);

        // A permutation, on two threads with small per-thread ranges.
        std::vector<std::size_t> perm(n);
        std::iota(perm.begin(), perm.end(), std::size_t{0});
        std::shuffle(perm.begin(), perm.end(), rng);
        const Rows shuffled = take(d, perm);
        batch::Options two;
        two.threads = 2;
        two.min_rows_per_thread = 100;
        const batch::Result rs = batch::compute(*cs, params, as_input(shuffled), two);
        REQUIRE(rs.components == whole.components);
        for (std::size_t i = 0; i < n; ++i)
            if (row_of(rs, i) != row_of(whole, perm[i])) FAIL("trial " << trial << ": shuffled row " << i << " (row " << perm[i] << ") differs");

        // Random chunks, including chunks of one row and chunks crossing kBlock boundaries.
        std::vector<std::size_t> cuts{0, n};
        for (int c = 0; c < 8; ++c) cuts.push_back(static_cast<std::size_t>(rng() % (n + 1)));
        cuts.push_back(std::min(n, batch::kBlock));
        cuts.push_back(std::min(n, batch::kBlock + 1));
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
            std::vector<std::size_t> idx(cuts[c + 1] - cuts[c]);
            std::iota(idx.begin(), idx.end(), cuts[c]);
            const batch::Result rc = batch::compute(*cs, params, as_input(take(d, idx)), one);
            for (std::size_t i = 0; i < idx.size(); ++i)
                if (row_of(rc, i) != row_of(whole, idx[i])) FAIL("trial " << trial << ": row " << idx[i] << " differs in chunk [" << cuts[c] << ", " << cuts[c + 1] << ")");
        }
    }
}
