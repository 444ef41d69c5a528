#include "apps/whatif/grid.hpp"

#include <stdexcept>

#include "core/data/csv.hpp"

namespace motiv::whatif {

std::vector<Decimal> stepped_values(Decimal from, Decimal to, Decimal step, std::size_t limit, const std::string& what) {
    if (step.is_negative() || step.is_zero()) throw std::invalid_argument(what + ": the step must be positive");
    if (to < from) throw std::invalid_argument(what + ": 'to' is below 'from'");
    Fault f = Fault::none;
    const Decimal span = Decimal::sub(to, from, f);
    // Count before allocating: the number of steps that fit, bounded by the limit.
    const int128 steps = span.raw() / step.raw();
    if (f != Fault::none || steps >= static_cast<int128>(limit))
        throw std::invalid_argument(what + ": more than " + std::to_string(limit) + " values");
    std::vector<Decimal> out;
    for (int128 k = 0; k <= steps; ++k) out.push_back(Decimal::from_raw(from.raw() + k * step.raw()));
    return out;
}

Axis parse_axis(std::string_view spec) {
    const auto eq = spec.find('=');
    if (eq == std::string_view::npos || eq == 0)
        throw std::invalid_argument("sweep '" + std::string(spec) + "': expected name=from:to:step (e.g. hunter.salary=20000:30000:2500)");
    Axis a;
    a.parameter = std::string(spec.substr(0, eq));
    const std::string_view range = spec.substr(eq + 1);
    std::vector<Decimal> parts;
    std::size_t start = 0;
    while (true) {
        const auto colon = range.find(':', start);
        const auto text = range.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start);
        auto d = Decimal::parse(text);
        if (!d) throw std::invalid_argument("sweep " + a.parameter + ": '" + std::string(text) + "' is not an exact decimal");
        parts.push_back(*d);
        if (colon == std::string_view::npos) break;
        start = colon + 1;
    }
    if (parts.size() == 1) {
        a.values = parts;
        return a;
    }
    if (parts.size() != 3) throw std::invalid_argument("sweep " + a.parameter + ": expected from:to:step, got '" + std::string(range) + "'");
    a.values = stepped_values(parts[0], parts[1], parts[2], kMaxGridPoints, "sweep " + a.parameter);
    return a;
}

Grid run_grid(const CompiledScheme& cs, const BoundParameters& params, const batch::Input& input, const std::vector<Axis>& axes,
              unsigned threads, const batch::SweepProgress& progress) {
    if (axes.empty()) throw std::invalid_argument("a sweep needs at least one parameter");
    std::size_t n = 1;
    for (const auto& a : axes) {
        if (a.values.empty()) throw std::invalid_argument("sweep " + a.parameter + ": no values");
        if (a.values.size() > kMaxGridPoints / n) throw std::invalid_argument("the sweep has more than " + std::to_string(kMaxGridPoints) + " points");
        n *= a.values.size();
    }
    Grid g;
    for (const auto& a : axes) g.parameters.push_back(a.parameter);
    for (const auto& r : cs.roles()) g.roles.push_back(r.rule->name);
    g.minor_units = cs.scheme().currency.minor_units;
    std::vector<std::vector<Decimal>> points(n, std::vector<Decimal>(axes.size()));
    for (std::size_t k = 0; k < n; ++k) {
        std::size_t rest = k;
        for (std::size_t j = axes.size(); j-- > 0;) {  // the last axis varies fastest
            points[k][j] = axes[j].values[rest % axes[j].values.size()];
            rest /= axes[j].values.size();
        }
    }
    g.points = batch::sweep_points(cs, params, input, g.parameters, points, threads, progress);
    return g;
}

std::string grid_csv(const Grid& g, data::CellGuard guard) {
    std::string out;
    std::vector<std::string> header = g.parameters;
    header.emplace_back("total");
    header.insert(header.end(), g.roles.begin(), g.roles.end());
    header.emplace_back("failed_rows");
    data::append_csv_row(out, header, ',', guard);
    for (const auto& p : g.points) {
        std::vector<std::string> row;
        for (const auto& v : p.values) row.push_back(v.to_string());
        row.push_back(Decimal::from_minor(p.total, g.minor_units).to_string_fixed(g.minor_units));
        for (auto t : p.role_total) row.push_back(Decimal::from_minor(t, g.minor_units).to_string_fixed(g.minor_units));
        row.push_back(std::to_string(p.failed));
        data::append_csv_row(out, row, ',', guard);
    }
    return out;
}

std::string grid_text(const Grid& g, std::size_t max_rows) {
    std::string s = "Sweep of " + std::to_string(g.points.size()) + " point" + (g.points.size() == 1 ? "" : "s") + ": cost by";
    for (const auto& p : g.parameters) s += " " + p;
    s += "\n";
    const std::size_t n = g.points.size();
    const std::size_t shown = std::min(n, std::max<std::size_t>(max_rows, 2));
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& p = g.points[shown == n ? i : i * (n - 1) / (shown - 1)];
        s += " ";
        for (std::size_t j = 0; j < p.values.size(); ++j) s += " " + g.parameters[j] + "=" + p.values[j].to_string();
        s += "  total " + Decimal::from_minor(p.total, g.minor_units).to_display(g.minor_units);
        if (p.failed) s += "  (" + std::to_string(p.failed) + " rows not paid)";
        s += "\n";
    }
    if (shown < n) s += "  (" + std::to_string(n - shown) + " more in the CSV)\n";
    return s;
}

}  // namespace motiv::whatif
