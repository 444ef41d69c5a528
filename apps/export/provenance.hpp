// Provenance: what every export states so a payroll can be reproduced later and a changed file is
// noticed -- the scheme's name and version, the period, and SHA-256 of the rule file and of the data.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/data/csv.hpp"
#include "core/rules/scheme.hpp"

namespace motiv::exports {

struct Provenance {
    std::string scheme;        // scheme name
    std::string version;       // scheme version
    std::string period;        // "2026-10"
    std::string currency;      // "RUB"
    int minor_units = 2;
    std::string rules_source;  // the rule file's path
    std::string rules_sha256;  // of the rule file's bytes (plus overrides, for a what-if)
    std::string data_source;   // the data file's path, or "<DataFrame>"
    std::string data_sha256;   // of the data file's bytes, or of table_text() for a table built in memory

    // The fields as (name, value) pairs, in a fixed order, for exports that list them.
    [[nodiscard]] std::vector<std::pair<std::string, std::string>> fields() const;
};

// Provenance of a run of `scheme` for `period` over data read from `data_source`, whose bytes were
// `data_bytes` (hash the bytes as read, so `sha256sum people.csv` gives the same value).
Provenance make_provenance(const Scheme& scheme, const std::string& period, std::string data_source, std::string_view data_bytes);

// A table that never was a file (a pandas DataFrame) is hashed as this text: its header and rows
// as RFC 4180 CSV with "," and "\n" (data::append_csv_row), so the same cells give the same hash.
std::string table_text(const data::CsvTable& table);

}  // namespace motiv::exports
