// The department report for a period, as tables of text cells (CSV from the CLI, DataFrames from
// Python): the KPIs of every person with their provenance, the funnel (calls -> meetings -> first
// deals -> repeat orders), handovers (on time, late, overdue, pending), takeaways with the dates
// that triggered them, refusals by reason, contact-norm compliance per client, credits (with currency conversion, split
// shares and collection state), reactivations and SPIFF awards.
#pragma once

#include <string>
#include <vector>

#include "apps/logs/derive.hpp"
#include "core/data/csv.hpp"

namespace motiv::logs {

struct Table {
    std::string name;  // "kpis", "funnel"... (the CLI writes <name>.csv)
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

// Every table of the report, in a fixed order: kpis, funnel, refusals, handovers, takeaways,
// contact_norms, credits, reactivations, spiffs. Amounts are plain decimals with the currency's places.
std::vector<Table> report(const Department& dept, const LogSet& logs, const LogRules& rules, const Scheme& scheme);

// RFC 4180 text of one table; safe to open in a spreadsheet unless `guard` is raw (data/csv.hpp).
std::string to_csv(const Table& table, data::CellGuard guard = data::CellGuard::spreadsheet);

}  // namespace motiv::logs
