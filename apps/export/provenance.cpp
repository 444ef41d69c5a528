#include "apps/export/provenance.hpp"

#include "core/io/sha256.hpp"

namespace motiv::exports {

std::vector<std::pair<std::string, std::string>> Provenance::fields() const {
    return {{"scheme", scheme},           {"version", version},           {"period", period},
            {"currency", currency},       {"rules_source", rules_source}, {"rules_sha256", rules_sha256},
            {"data_source", data_source}, {"data_sha256", data_sha256}};
}

Provenance make_provenance(const Scheme& scheme, const std::string& period, std::string data_source, std::string_view data_bytes) {
    Provenance p;
    p.scheme = scheme.name;
    p.version = scheme.version;
    p.period = period;
    p.currency = scheme.currency.code;
    p.minor_units = scheme.currency.minor_units;
    p.rules_source = scheme.source;
    p.rules_sha256 = scheme.sha256;
    p.data_source = std::move(data_source);
    p.data_sha256 = io::sha256_hex(data_bytes);
    return p;
}

std::string table_text(const data::CsvTable& table) {
    std::string out;
    // The hash is of the cells as read, not as a spreadsheet would be shown them.
    data::append_csv_row(out, table.header, ',', data::CellGuard::raw);
    for (const auto& row : table.rows) data::append_csv_row(out, row, ',', data::CellGuard::raw);
    return out;
}

}  // namespace motiv::exports
