#include "apps/whatif/monte_carlo.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/batch/batch.hpp"
#include "core/data/csv.hpp"
#include "core/errors.hpp"
#include "core/errors/catalogue.hpp"
#include "core/io/text_columns.hpp"
#include "core/money/rounding.hpp"
#include "apps/whatif/pay_curve.hpp"
#include "apps/whatif/pay_levels.hpp"
#include "apps/whatif/people_columns.hpp"

namespace motiv::whatif {

namespace {

// Rows paid per batch call: bounds memory whatever the number of draws (the draws are generated
// in one fixed sequence, so chunking does not change them).
constexpr std::size_t kChunkRows = 1u << 16;

[[noreturn]] void overflow(const std::string& what) {
    throw EvalError(err::eval_overflow, err::tag(err::eval_overflow) + "Monte Carlo: " + what + " is out of range (overflow)", "");
}

std::int64_t add(std::int64_t a, std::int64_t b, const char* what) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) overflow(what);
    return r;
}

// The drawn double as an exact input value: clipped to the input's range (never below 0),
// rounded half-even (IEEE nearbyint in the default rounding mode) to `places`.
Decimal to_value(double x, const InputDecl& in, int places, const std::string& person) {
    double lo = 0;
    if (in.min && in.min->to_double() > lo) lo = in.min->to_double();
    if (!(x >= lo)) x = lo;  // also NaN
    if (in.max && x > in.max->to_double()) x = in.max->to_double();
    double scale = 1;
    for (int i = 0; i < places; ++i) scale *= 10;  // exact powers of ten, no libm
    const double scaled = std::nearbyint(x * scale);
    if (!(scaled < 9.0e15)) overflow("a value of " + in.name + " drawn for " + person + " (" + std::to_string(x) + ")");
    Decimal v = Decimal::from_minor(static_cast<std::int64_t>(scaled), places);
    // The double of a declared bound may sit a hair outside it: the exact bound wins.
    if (in.max && *in.max < v) v = *in.max;
    if (in.min && v < *in.min) v = *in.min;
    return v;
}

std::int64_t nearest_rank(std::vector<std::int64_t> v, int q) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    std::size_t k = (static_cast<std::size_t>(q) * n + 99) / 100;  // ceil(q/100 x n)
    return v[k == 0 ? 0 : k - 1];
}

std::string money(std::int64_t minor, int places) { return Decimal::from_minor(minor, places).to_string_fixed(places); }

}  // namespace

Decimal share_of(std::size_t count, std::size_t of) {
    Fault f = Fault::none;
    const Decimal r = Decimal::div(Decimal::from_int(static_cast<std::int64_t>(count)), Decimal::from_int(static_cast<std::int64_t>(of)), f);
    return Rounding{RoundingMode::half_even, Decimal::from_minor(1, 4)}.apply(r, f);
}

MonteCarlo run_monte_carlo(const CompiledScheme& cs, const BoundParameters& params, const std::vector<PersonInputs>& people,
                           const std::vector<Distribution>& dists, const Profiles& profiles, const MonteCarloOptions& opt) {
    if (people.empty()) throw std::invalid_argument("Monte Carlo: no people to pay");
    if (opt.draws < 1 || opt.draws > kMaxDraws) throw std::invalid_argument("Monte Carlo: the number of draws must be 1 to " + std::to_string(kMaxDraws));
    const Scheme& s = cs.scheme();
    const int mu = s.currency.minor_units;
    MonteCarlo mc;
    mc.minor_units = mu;
    mc.seed = opt.seed;
    const auto& roles = cs.roles();
    for (const auto& r : roles) mc.roles.push_back(r.rule->name);
    const std::size_t nroles = roles.size(), npeople = people.size();

    // Per role: its levels, on-target and cap pay; per person: the role index and own values.
    std::vector<PayLevels> levels;
    std::vector<std::optional<std::int64_t>> target_pay(nroles), cap_pay(nroles);
    for (std::size_t r = 0; r < nroles; ++r) {
        levels.emplace_back(cs, roles[r], params);
        if (const auto* p = profiles.target_of(mc.roles[r])) target_pay[r] = compute_payslip(cs, params, *p, Explain::none).total_minor;
        if (const auto* p = profiles.cap_of(mc.roles[r])) cap_pay[r] = compute_payslip(cs, params, *p, Explain::none).total_minor;
    }
    std::vector<std::size_t> role_of(npeople);
    for (std::size_t i = 0; i < npeople; ++i) {
        const auto it = std::find_if(roles.begin(), roles.end(), [&](const CompiledRole& r) { return r.rule->name == people[i].role; });
        if (it == roles.end()) throw std::invalid_argument("person " + people[i].id + ": unknown role '" + people[i].role + "'");
        role_of[i] = static_cast<std::size_t>(it - roles.begin());
    }
    std::vector<int> places;
    for (const auto& d : dists) places.push_back(kpi_places(s.inputs[d.input_index], mu));

    mc.total.assign(opt.draws, 0);
    mc.role_cost.assign(opt.draws * nroles, 0);
    std::vector<std::size_t> person_draws(nroles), gate(nroles), target(nroles), cap(nroles);
    Engine engine(opt.seed);
    const std::size_t per_chunk = std::max<std::size_t>(1, kChunkRows / npeople);
    batch::Options bopt;
    bopt.threads = opt.threads;
    for (std::size_t first = 0; first < opt.draws; first += per_chunk) {
        const std::size_t ndraws = std::min(per_chunk, opt.draws - first);
        std::vector<PersonInputs> rows;
        rows.reserve(ndraws * npeople);
        for (std::size_t k = 0; k < ndraws; ++k)
            for (const auto& p : people) {
                rows.push_back(p);
                auto& row = rows.back();
                for (std::size_t j = 0; j < dists.size(); ++j) {
                    const auto& d = dists[j];
                    double x = draw(d, engine);  // drawn even when unused, so that the sequence never shifts
                    const auto& own = p.values[d.input_index];
                    if (d.relative) {
                        if (!own) continue;  // nothing to scale: the person keeps no value
                        x *= own->to_double();
                    }
                    row.values[d.input_index] = to_value(x, s.inputs[d.input_index], places[j], p.id);
                }
            }
        const PeopleColumns cols(cs, rows);
        const auto res = batch::compute(cs, params, cols.input(), bopt);
        batch::check(res, cs, cols.input());
        for (std::size_t k = 0; k < ndraws; ++k)
            for (std::size_t i = 0; i < npeople; ++i) {
                const std::size_t row = k * npeople + i, r = role_of[i], draw_no = first + k;
                const std::int64_t pay = res.total[row];
                mc.total[draw_no] = add(mc.total[draw_no], pay, "a draw's cost");
                auto& rc = mc.role_cost[draw_no * nroles + r];
                rc = add(rc, pay, "a draw's cost of a role");
                ++person_draws[r];
                const auto pos = levels[r].of(rows[row]);
                gate[r] += pos.at_gate;
                target[r] += target_pay[r] && pay >= *target_pay[r];
                cap[r] += pos.at_cap || (cap_pay[r] && pay >= *cap_pay[r]);
            }
        if (opt.progress) opt.progress(first + ndraws);
    }

    mc.quantiles.push_back({"total", nearest_rank(mc.total, 50), nearest_rank(mc.total, 90), nearest_rank(mc.total, 99)});
    for (std::size_t r = 0; r < nroles; ++r) {
        std::vector<std::int64_t> v(opt.draws);
        for (std::size_t k = 0; k < opt.draws; ++k) v[k] = mc.role_cost[k * nroles + r];
        mc.quantiles.push_back({mc.roles[r], nearest_rank(v, 50), nearest_rank(v, 90), nearest_rank(v, 99)});
        if (person_draws[r] == 0) continue;
        RoleShares sh;
        sh.role = mc.roles[r];
        sh.person_draws = person_draws[r];
        if (levels[r].has_gate()) sh.at_gate = gate[r];
        if (target_pay[r]) sh.at_target = target[r];
        if (levels[r].has_cap() || cap_pay[r]) sh.at_cap = cap[r];
        mc.shares.push_back(sh);
    }
    return mc;
}

std::string draws_csv(const MonteCarlo& mc, data::CellGuard guard) {
    std::string out;
    std::vector<std::string> header{"draw", "total"};
    header.insert(header.end(), mc.roles.begin(), mc.roles.end());
    data::append_csv_row(out, header, ',', guard);
    const std::size_t nroles = mc.roles.size();
    for (std::size_t k = 0; k < mc.total.size(); ++k) {
        std::vector<std::string> row{std::to_string(k), money(mc.total[k], mc.minor_units)};
        for (std::size_t r = 0; r < nroles; ++r) row.push_back(money(mc.role_cost[k * nroles + r], mc.minor_units));
        data::append_csv_row(out, row, ',', guard);
    }
    return out;
}

std::string quantiles_csv(const MonteCarlo& mc, data::CellGuard guard) {
    std::string out;
    data::append_csv_row(out, {"of", "P50", "P90", "P99"}, ',', guard);
    for (const auto& q : mc.quantiles)
        data::append_csv_row(out, {q.of, money(q.p50, mc.minor_units), money(q.p90, mc.minor_units), money(q.p99, mc.minor_units)}, ',', guard);
    return out;
}

std::string shares_csv(const MonteCarlo& mc, data::CellGuard guard) {
    std::string out;
    data::append_csv_row(out, {"role", "person_draws", "at_gate", "at_target", "at_cap"}, ',', guard);
    auto share = [&](const std::optional<std::size_t>& c, std::size_t n) { return c ? share_of(*c, n).to_string_fixed(4) : std::string(); };
    for (const auto& s : mc.shares)
        data::append_csv_row(out, {s.role, std::to_string(s.person_draws), share(s.at_gate, s.person_draws), share(s.at_target, s.person_draws),
                                   share(s.at_cap, s.person_draws)}, ',', guard);
    return out;
}

std::string monte_carlo_text(const MonteCarlo& mc) {
    const int m = mc.minor_units;
    auto disp = [&](std::int64_t v) { return Decimal::from_minor(v, m).to_display(m); };
    std::string s = "Monte Carlo: " + std::to_string(mc.total.size()) + " draws, seed " + std::to_string(mc.seed) + " (cost, nearest rank)\n";
    s += "  " + io::align_left("of", 12) + io::align_right("P50", 16) + io::align_right("P90", 16) + io::align_right("P99", 16) + "\n";
    for (const auto& q : mc.quantiles) s += "  " + io::align_left(q.of, 12) + io::align_right(disp(q.p50), 16) + io::align_right(disp(q.p90), 16) + io::align_right(disp(q.p99), 16) + "\n";
    s += "  " + io::align_left("share", 12) + io::align_right("at gate", 16) + io::align_right("at target", 16) + io::align_right("at cap", 16) + "\n";
    auto pct = [](const std::optional<std::size_t>& c, std::size_t n) {
        if (!c) return std::string("-");
        Fault f = Fault::none;
        return Decimal::mul(share_of(*c, n), Decimal::from_int(100), f).to_string_fixed(2) + "%";
    };
    for (const auto& sh : mc.shares)
        s += "  " + io::align_left(sh.role, 12) + io::align_right(pct(sh.at_gate, sh.person_draws), 16) + io::align_right(pct(sh.at_target, sh.person_draws), 16) +
             io::align_right(pct(sh.at_cap, sh.person_draws), 16) + "\n";
    return s;
}

}  // namespace motiv::whatif
