#include "apps/whatif/pay_curve.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/batch/batch.hpp"
#include "core/data/csv.hpp"
#include "core/io/text_columns.hpp"
#include "apps/whatif/people_columns.hpp"

namespace motiv::whatif {

int kpi_places(const InputDecl& input, int minor_units) {
    switch (input.kind) {
        case Kind::money: return minor_units;
        case Kind::count: return 0;
        case Kind::ratio: return 4;
        default: return 2;
    }
}

PayCurve pay_curve(const CompiledScheme& cs, const BoundParameters& params, const PersonInputs& person, const std::string& kpi,
                   const std::vector<Decimal>& values, unsigned threads) {
    const Scheme& s = cs.scheme();
    const auto kpi_it = std::find_if(s.inputs.begin(), s.inputs.end(), [&](const InputDecl& in) { return in.name == kpi; });
    if (kpi_it == s.inputs.end()) {
        std::string names;
        for (const auto& in : s.inputs) names += (names.empty() ? "" : ", ") + in.name;
        throw std::invalid_argument("unknown input '" + kpi + "'; the scheme's inputs: " + names);
    }
    const CompiledRole* role = cs.role(person.role);
    if (!role) throw std::invalid_argument("person " + person.id + ": unknown role '" + person.role + "'");
    if (values.empty()) throw std::invalid_argument("a pay curve needs at least one value of " + kpi);
    if (values.size() > kMaxCurvePoints) throw std::invalid_argument("a pay curve has at most " + std::to_string(kMaxCurvePoints) + " values");
    if (person.values.size() != s.inputs.size()) throw std::invalid_argument("PersonInputs.values must have one entry per scheme input");

    // One row per value: the person with the KPI replaced.
    const auto k = static_cast<std::size_t>(kpi_it - s.inputs.begin());
    std::vector<PersonInputs> rows(values.size(), person);
    for (std::size_t i = 0; i < values.size(); ++i) rows[i].values[k] = values[i];
    const PeopleColumns cols(cs, rows);
    batch::Options opt;
    opt.threads = threads;
    const auto res = batch::compute(cs, params, cols.input(), opt);
    batch::check(res, cs, cols.input());

    PayCurve c;
    c.person = person.id, c.role = person.role, c.kpi = kpi, c.minor_units = res.minor_units, c.values = values;
    std::vector<std::size_t> at;  // the role's components in the result's columns
    for (const auto& comp : role->components) {
        c.components.push_back(comp.rule->id);
        at.push_back(static_cast<std::size_t>(std::find(res.components.begin(), res.components.end(), comp.rule->id) - res.components.begin()));
    }
    const std::size_t width = res.components.size();
    for (std::size_t i = 0; i < values.size(); ++i) {
        std::vector<std::int64_t> line;
        for (std::size_t j : at) line.push_back(res.amounts[i * width + j]);
        c.amounts.push_back(std::move(line));
        c.total.push_back(res.total[i]);
    }
    return c;
}

namespace {
std::string money(std::int64_t minor, int places) { return Decimal::from_minor(minor, places).to_string_fixed(places); }
}  // namespace

std::string curve_csv(const PayCurve& before, const PayCurve& after, data::CellGuard guard) {
    if (before.values.size() != after.values.size()) throw std::invalid_argument("curve_csv: the curves have different lengths");
    std::string out;
    std::vector<std::string> header{"person", "role", "kpi", "value", "before", "after"};
    header.insert(header.end(), after.components.begin(), after.components.end());
    data::append_csv_row(out, header, ',', guard);
    const int m = after.minor_units;
    for (std::size_t i = 0; i < after.values.size(); ++i) {
        std::vector<std::string> row{after.person, after.role, after.kpi, after.values[i].to_string(), money(before.total[i], m), money(after.total[i], m)};
        for (auto a : after.amounts[i]) row.push_back(money(a, m));
        data::append_csv_row(out, row, ',', guard);
    }
    return out;
}

std::string curve_text(const PayCurve& after, const PayCurve* before, std::size_t max_rows) {
    const int m = after.minor_units;
    const bool two = before != nullptr;
    std::string s = "Pay curve of " + after.person + " (" + after.role + ") as " + after.kpi + " varies\n";
    s += "  " + io::align_right(after.kpi, 16) + (two ? io::align_right("before", 16) + io::align_right("after", 16) : io::align_right("pay", 16)) + "\n";
    const std::size_t n = after.values.size();
    const std::size_t shown = std::min(n, std::max<std::size_t>(max_rows, 2));
    for (std::size_t r = 0; r < shown; ++r) {
        const std::size_t i = shown == n ? r : r * (n - 1) / (shown - 1);
        s += "  " + io::align_right(after.values[i].to_string(), 16);
        if (two) s += io::align_right(Decimal::from_minor(before->total[i], m).to_display(m), 16);
        s += io::align_right(Decimal::from_minor(after.total[i], m).to_display(m), 16) + "\n";
    }
    if (shown < n) s += "  (" + std::to_string(n - shown) + " more in the CSV)\n";
    return s;
}

}  // namespace motiv::whatif
