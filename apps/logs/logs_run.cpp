#include "apps/logs/logs_run.hpp"

#include <stdexcept>

#include "core/errors.hpp"
#include "apps/logs/read_logs.hpp"
#include "apps/logs/load_logs.hpp"
#include "core/errors/catalogue.hpp"

namespace motiv::logs {

LogsRun run_logs(std::string_view rules_text, const std::string& source, const CompiledScheme& scheme, const std::string& dir,
                 const Period& period) {
    LogsRun r;
    r.rules = load_log_rules(rules_text, source, scheme.scheme());
    const LogTables tables = read_log_tables(dir, r.rules);
    r.data_sha256 = tables.sha256;
    r.log_files = tables.paths;
    r.logs = read_logs(tables, r.rules, scheme.scheme());
    r.dept = derive(r.logs, r.rules, scheme.scheme(), period);
    if (r.dept.people.empty())  // a mistyped --period must not produce an empty payroll that looks like success
        throw DataError({Issue{.id = err::data_nobody_to_pay, .file = dir, .field = "period", .message = "nobody in staff.csv is employed in " + period.to_string() + "; nothing was written"}});
    r.payroll = pay(r.dept, r.rules, scheme);
    try {
        r.report = report(r.dept, r.logs, r.rules, scheme.scheme());
    } catch (const std::overflow_error&) {
        throw EvalError(err::eval_overflow, "a total of the report for " + period.to_string() + " overflows (amounts near 10^29)", "/logs");
    }
    return r;
}

exports::Provenance provenance(const LogsRun& run, const Scheme& scheme, const std::string& dir) {
    exports::Provenance p = exports::make_provenance(scheme, run.dept.period.to_string(), dir, "");
    p.data_sha256 = run.data_sha256;
    return p;
}

}  // namespace motiv::logs
