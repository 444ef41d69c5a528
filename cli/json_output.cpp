#include "cli/json_output.hpp"

#include <iostream>

#include "core/data/csv.hpp"
#include "core/money/decimal.hpp"

namespace motiv::cli {

nlohmann::json csv_records(std::string_view csv, const std::string& source) {
    // motiv's own CSVs are comma-separated; naming the delimiter keeps a one-column file from being
    // taken for another dialect.
    const auto table = data::parse_csv(csv, source, ',');
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : table.rows) {
        nlohmann::json row = nlohmann::json::object();
        for (std::size_t c = 0; c < table.header.size(); ++c) row[table.header[c]] = r[c];
        rows.push_back(std::move(row));
    }
    return rows;
}

nlohmann::json payroll_summary_json(const payroll::PayrollRun& run) {
    return payroll_summary_json(run.totals(), run.period, run.currency, run.minor_units);
}

nlohmann::json payroll_summary_json(const payroll::RunTotals& totals, const std::string& period, const std::string& currency, int minor_units) {
    const auto money = [&](std::int64_t minor) { return Decimal::from_minor(minor, minor_units).to_string_fixed(minor_units); };
    nlohmann::json roles = nlohmann::json::array();
    for (const auto& r : totals.by_role()) {
        nlohmann::json components = nlohmann::json::object();
        for (const auto& [c, v] : r.components) components[c] = money(v);
        // The average as the text summary shows it: truncated to the minor unit.
        const std::int64_t avg = r.people ? r.total_minor / static_cast<std::int64_t>(r.people) : 0;
        roles.push_back({{"role", r.role}, {"people", r.people}, {"total", money(r.total_minor)}, {"average", money(avg)}, {"components", components}});
    }
    return {{"period", period}, {"currency", currency}, {"people", totals.people()}, {"total", money(totals.total_minor())}, {"roles", roles}};
}

nlohmann::json issue_json(const Issue& i) {
    nlohmann::json j = {{"id", i.id}, {"file", i.file}, {"message", i.message}};
    for (const auto& [key, value] : {std::pair{"pointer", &i.pointer}, {"field", &i.field}, {"person", &i.person}, {"expression", &i.expression}})
        if (!value->empty()) j[key] = *value;
    for (const auto& [key, value] : {std::pair{"line", i.line}, {"column", i.column}, {"expr_column", i.expr_column}})
        if (value) j[key] = value;
    return j;
}

void print_json(const nlohmann::json& doc) { std::cout << doc.dump(2) << "\n"; }

}  // namespace motiv::cli
