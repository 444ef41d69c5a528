// motiv report: derive KPIs from a logs directory for a period, pay from them, and write the
// department report (one CSV per table plus payroll.csv) into an output directory.
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/options.hpp"
#include "cli/period_input.hpp"
#include "apps/export/csv_export.hpp"
#include "apps/export/output_files.hpp"
#include "apps/export/provenance.hpp"
#include "core/errors/catalogue.hpp"
#include "core/io/atomic_file.hpp"
#include "apps/logs/logs_run.hpp"
#include "core/rules/loader.hpp"

namespace po = boost::program_options;

namespace motiv::cli {

int report(const std::vector<std::string>& args) {
    po::options_description opts("motiv report -- KPIs, pay and the department report from logs\n\noptions", help_width());
    opts.add_options()
        ("help,h", "show this help")
        ("rules,r", po::value<std::string>()->required(), "rule file (JSON) with a \"logs\" section")
        ("logs,l", po::value<std::string>()->required(), "logs directory: staff, clients, calls, deals, contacts (each NAME.csv or NAME.json)")
        ("period,p", po::value<std::string>()->required(), "period YYYY-MM")
        ("out,o", po::value<std::string>()->required(), "directory to write the report CSVs into (created if missing)")
        ("force,f", "replace files that exist")
        ("json", "print the payroll summary, each report table's rows and the files written as JSON")
        ("quiet,q", "do not print the summary");
    add_csv_format_option(opts);
    po::variables_map vm = parse_options(args, opts);
    if (vm.count("help")) {
        std::cout << opts << "\nWrites payroll.csv, kpis.csv (every KPI with the log rows it came from), funnel.csv,\n"
                             "refusals.csv, handovers.csv, takeaways.csv, contact_norms.csv, credits.csv, reactivations.csv and spiffs.csv.\n"
                             "Everything is computed before anything is written; the files are published as one set: on any failure none changes.\n";
        return 0;
    }
    po::notify(vm);
    const Period period = period_option(vm);
    const data::CellGuard guard = csv_format(vm);
    const std::string rules = vm["rules"].as<std::string>();
    const std::string text = read_rule_file(rules);
    auto cs = CompiledScheme::compile(load_scheme(text, rules));
    const auto run = logs::run_logs(text, rules, *cs, vm["logs"].as<std::string>(), period);
    const std::filesystem::path out(vm["out"].as<std::string>());
    std::error_code ec;
    std::filesystem::create_directories(out, ec);
    if (ec) throw IoError(err::io_cannot_write, "cannot create directory " + out.string() + ": " + ec.message());
    const auto mode = vm.count("force") ? io::Overwrite::replace : io::Overwrite::refuse;
    // One set: every file staged, then all published, or none changed (core/io/output_set.hpp).
    std::vector<exports::OutputFile> files;
    files.push_back({(out / "payroll.csv").string(), exports::to_csv(run.payroll, cs->scheme(), logs::provenance(run, cs->scheme(), vm["logs"].as<std::string>()),
                                                                     guard == data::CellGuard::raw ? exports::csv_raw() : exports::csv_standard())});
    for (const auto& t : run.report) files.push_back({(out / (t.name + ".csv")).string(), logs::to_csv(t, guard)});
    // The logs read are inputs: a report file named like one (the rates file) never replaces it.
    std::vector<std::string> inputs{rules};
    inputs.insert(inputs.end(), run.log_files.begin(), run.log_files.end());
    exports::write_all(files, mode, inputs);
    if (vm.count("json")) {
        nlohmann::json doc = payroll_summary_json(run.payroll);
        doc["tables"] = nlohmann::json::object();
        doc["wrote"] = nlohmann::json::array();
        for (const auto& f : files) doc["wrote"].push_back(f.path);
        for (std::size_t t = 0; t < run.report.size(); ++t) doc["tables"][run.report[t].name] = csv_records(files[t + 1].content, files[t + 1].path);
        print_json(doc);
    } else if (!vm.count("quiet")) {
        std::cout << payroll::summary_text(run.payroll);
        for (const auto& t : run.report) std::cout << t.name << ": " << t.rows.size() << " rows\n";
        std::cout << "wrote " << run.report.size() + 1 << " files to " << out.string() << "\n";
    }
    return 0;
}

}  // namespace motiv::cli
