#include "apps/periods/figure.hpp"

#include "apps/periods/pay_line.hpp"

namespace motiv::periods {

Decimal Figures::value(const Figure& f) const { return f.parameter.empty() ? f.literal : params_.values.at(f.index); }

int Figures::count(const Figure& f) const { return static_cast<int>(value(f).to_int64().value_or(0)); }

std::string Figures::show(const Figure& f, const std::string& shown) const { return f.parameter.empty() ? shown : f.parameter + " " + shown; }

std::string Figures::money(const Figure& f) const { return show(f, periods::show(value(f), minor_units())); }

Explanation Figures::fact(const std::string& label, const Figure& f, const std::string& shown) const {
    if (f.parameter.empty()) return periods::fact(label, shown, f.pointer);
    const Parameter& p = s_.parameters.at(f.index);
    Explanation e = periods::fact(label, shown, p.pointer);
    e.formula = f.parameter;
    // The version in force on the period's first day, as CompiledScheme::bind chose it.
    const Date day = params_.period.first_day();
    for (const auto& v : p.versions)
        if (!v.since.is_not_a_date() && v.since <= day) e.detail = f.parameter + " in force from " + to_iso(v.since);
    if (e.detail.empty()) e.detail = f.parameter;
    return e;
}

}  // namespace motiv::periods
