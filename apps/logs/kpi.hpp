// A KPI derived from logs, with its provenance: the log rows it was computed from and how.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "apps/logs/records.hpp"
#include "core/money/decimal.hpp"

namespace motiv::logs {

struct Kpi {
    std::string name;            // "calls", "credited_revenue", "refusals.price"...
    Decimal value;
    std::string unit;            // count, minutes, days, money, ratio
    std::string formula;         // how it was computed, in words ("sum of durations / 60, half_up to 0.01")
    std::vector<RowRef> rows;    // the log rows it was computed from
};

// One person's KPIs for one period, in the order they were derived.
struct PersonKpis {
    std::string id, name, role, team;
    std::vector<Kpi> kpis;
    std::optional<Date> hired, left;  // from the staff log: a joiner or leaver is paid pro rata

    [[nodiscard]] const Kpi* find(std::string_view kpi) const;
    // Adds a KPI (replacing one of the same name).
    void set(Kpi k);
};

// "calls.csv:2-5,9; deals.csv:14": rows grouped by file, consecutive lines as ranges; rows of a JSON
// log by their index, "calls.json#/0-3,7" (the rows at JSON pointers /0 to /3 and /7).
std::string describe_rows(const std::vector<RowRef>& rows);

}  // namespace motiv::logs
