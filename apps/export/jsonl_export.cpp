#include "apps/export/jsonl_export.hpp"

#include <nlohmann/json.hpp>

namespace motiv::exports {

void append_jsonl(std::string& out, const Payslip& p, const Provenance& pv) {
    for (const auto& l : p.lines) {
        // nlohmann::json keeps keys sorted; a fixed order makes the file diffable run to run.
        nlohmann::ordered_json j = {
            {"scheme", pv.scheme}, {"version", pv.version}, {"period", p.period},
            {"rules_sha256", pv.rules_sha256}, {"data_sha256", pv.data_sha256}, {"currency", p.currency},
            {"person", p.person}, {"name", p.name}, {"role", p.role},
            {"component", l.component}, {"label", l.label}, {"kind", l.kind}, {"pointer", l.pointer},
            {"amount", l.amount.to_string_fixed(p.minor_units)}, {"amount_minor", l.minor}, {"applied", l.applied},
            {"summary", l.summary}, {"explanation", l.explanation.to_json()},
        };
        // Cells were checked as UTF-8 when read; replace rather than throw should one slip through.
        out += j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        out += '\n';
    }
}

std::string to_jsonl(const payroll::PayrollRun& run, const Provenance& pv) {
    std::string out;
    for (const auto& p : run.payslips) append_jsonl(out, p, pv);
    return out;
}

}  // namespace motiv::exports
