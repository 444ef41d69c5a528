// motiv payroll: pay everyone in a KPI table for a period; write the exports (CSV, XLSX, JSON Lines)
// atomically.
#include <algorithm>
#include <boost/program_options.hpp>
#include <iostream>
#include <stdexcept>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/period_input.hpp"
#include "apps/export/payroll_exports.hpp"
#include "core/data/people_table.hpp"
#include "core/errors.hpp"
#include "core/io/atomic_file.hpp"
#include "apps/logs/logs_run.hpp"
#include "core/payroll/payroll.hpp"
#include "core/rules/loader.hpp"

namespace po = boost::program_options;

namespace motiv::cli {

int payroll(const std::vector<std::string>& args) {
    po::options_description opts("motiv payroll -- pay everyone in a KPI table for one period\n\noptions", help_width());
    opts.add_options()
        ("help,h", "show this help")
        ("rules,r", po::value<std::string>()->required(), "rule file (JSON)")
        ("data,d", po::value<std::string>(), "people and their inputs (CSV: id, role, [name], [period], one column per input)")
        ("logs,l", po::value<std::string>(), "instead of --data: a logs directory; inputs are derived from its logs by the rule file's \"logs\" section")
        ("period,p", po::value<std::string>()->required(), "pay period YYYY-MM (rows of other periods are skipped)")
        ("out,o", po::value<std::string>()->required(), "file to write (atomically); with several formats, the name each format's\n"
                                                         "suffix is added to: .csv .excel-ru.csv .xlsx .jsonl")
        ("format", po::value<std::vector<std::string>>()->composing(),
         "csv (default), csv-excel-ru (';', decimal comma, UTF-8 BOM: Russian Excel), xlsx, jsonl (line items with\n"
         "explanations), or all; repeat or separate by commas to write several. Both CSVs are safe to open in a\n"
         "spreadsheet (a cell like =HYPERLINK(...) gets a leading '); csv-raw writes cells as they are, for programs")
        ("columns", po::value<std::vector<std::string>>()->composing(),
         "CSV columns, comma-separated: id, name, role, period, component ids, total, input names\n"
         "(default: id,name,role,period,<components>,total; provenance columns are always added)")
        ("delimiter", po::value<std::string>(), "the csv format's field delimiter: one character, or 'tab' (default ',')")
        ("decimal-separator", po::value<std::string>(), "the csv format's decimal separator: '.' (default) or ','")
        ("bom", "start the csv format with a UTF-8 byte order mark")
        ("crlf", "end the csv format's lines with CRLF")
        ("force,f", "replace existing output files")
        ("quiet,q", "do not print the summary");
    po::variables_map vm = parse_options(args, opts);
    if (vm.count("help")) {
        std::cout << opts << "\nEvery row is checked before anything is written: on any error nothing is written and the\n"
                             "exit status is 1. Every export names the scheme, its version, the period and the SHA-256 of the\n"
                             "rule file and of the data file. Existing files are replaced only with --force.\n";
        return 0;
    }
    po::notify(vm);
    std::vector<exports::Format> formats;
    try {
        formats = exports::parse_formats(comma_list(vm.count("format") ? vm["format"].as<std::vector<std::string>>() : std::vector<std::string>{}));
    } catch (const std::invalid_argument& e) {
        throw po::error(std::string("--") + e.what());
    }
    exports::ExportOptions options;
    options.csv_columns = comma_list(vm.count("columns") ? vm["columns"].as<std::vector<std::string>>() : std::vector<std::string>{});
    if (vm.count("delimiter")) {
        const std::string d = vm["delimiter"].as<std::string>();
        if (d != "tab" && d.size() != 1) throw po::error("--delimiter must be one character or 'tab', got '" + d + "'");
        options.csv.delimiter = d == "tab" ? '\t' : d[0];
    }
    if (vm.count("decimal-separator")) {
        const std::string d = vm["decimal-separator"].as<std::string>();
        if (d.size() != 1) throw po::error("--decimal-separator must be '.' or ',', got '" + d + "'");
        options.csv.decimal_separator = d[0];
    }
    if (vm.count("bom")) options.csv.encoding = exports::Encoding::utf8_bom;
    if (vm.count("crlf")) options.csv.line_end = "\r\n";
    try {
        exports::check_dialect(options.csv);
    } catch (const std::invalid_argument& e) {
        throw po::error(e.what());
    }
    if (vm.count("data") == vm.count("logs")) throw po::error("give either --data CSV or --logs DIR");
    const auto files = exports::plan_files(formats, vm["out"].as<std::string>());
    const io::Overwrite mode = vm.count("force") ? io::Overwrite::replace : io::Overwrite::refuse;
    std::string summary;
    std::size_t people = 0;
    // The files are published as one set, never over the rule file or the data.
    std::vector<std::string> inputs = {vm["rules"].as<std::string>()};
    if (vm.count("data")) inputs.push_back(vm["data"].as<std::string>());
    try {
        if (vm.count("data")) {
            // A people file is paid a chunk at a time straight into the files (bounded memory).
            const PeriodInput in = read_period_source(vm);
            const payroll::RunTotals totals =
                exports::write_streamed(files, *in.scheme, in.period, in.data_bytes, in.data_path, in.provenance(), mode, options, inputs);
            summary = payroll::summary_text(totals, in.period.to_string(), in.scheme->scheme().currency.code, in.scheme->scheme().currency.minor_units);
            people = totals.people();
        } else {
            const Period period = period_option(vm);
            const std::string rules = vm["rules"].as<std::string>();
            const std::string text = read_rule_file(rules);
            const auto scheme = CompiledScheme::compile(load_scheme(text, rules));
            auto from_logs = logs::run_logs(text, rules, *scheme, vm["logs"].as<std::string>(), period);
            // The logs are many files: the export names the directory and hashes the log files (docs/exports.md, Provenance).
            const exports::Provenance provenance = logs::provenance(from_logs, scheme->scheme(), vm["logs"].as<std::string>());
            const payroll::PayrollRun& run = from_logs.payroll;
            // Every payslip is computed and every export rendered before anything is written.
            exports::write_files(files, run, scheme->scheme(), provenance, mode, options, inputs);
            summary = payroll::summary_text(run);
            people = run.payslips.size();
        }
    } catch (const std::invalid_argument& e) {
        throw po::error(std::string("--columns: ") + e.what());
    }
    if (!vm.count("quiet")) {
        std::cout << summary;
        std::string written;
        for (const auto& f : files) written += (written.empty() ? "" : ", ") + f.path;
        std::cout << "wrote " << written << " (" << people << " people)\n";
    }
    return 0;
}

}  // namespace motiv::cli
