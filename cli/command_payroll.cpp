// motiv payroll: pay everyone in a KPI table for a period; write the exports (CSV, XLSX, JSON Lines)
// atomically.
#include <algorithm>
#include <filesystem>
#include <boost/program_options.hpp>
#include <iostream>
#include <optional>
#include <stdexcept>

#include "cli/commands.hpp"
#include "cli/json_output.hpp"
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

namespace {

// --out with several formats is a directory, the files in it named payroll.<suffix>; the stem
// exports::plan_files adds each format's suffix to. The spelling before it (--out NAME.csv naming the
// files NAME.csv, NAME.xlsx ...) still works, with a warning.
std::string output_name(const std::vector<exports::Format>& formats, const std::string& out) {
    if (formats.size() < 2) return out;
    for (const auto f : exports::all_formats()) {
        const std::string suffix = exports::format_suffix(f);
        if (out.size() > suffix.size() && out.ends_with(suffix)) {
            std::cerr << "motiv: --out FILE" << suffix << " with several formats is deprecated: give a directory (--out DIR writes DIR/payroll"
                      << suffix << ", ...)\n";
            return out;
        }
    }
    std::error_code ec;
    std::filesystem::create_directories(out, ec);
    if (ec) throw IoError("motiv.io_error.002", "cannot create directory " + out + ": " + ec.message());
    return (std::filesystem::path(out) / "payroll").string();
}

// A run held in memory: paid from the logs, or from the people file when the export goes to
// standard output (a people file written to files is streamed: exports::write_streamed).
struct HeldRun {
    payroll::PayrollRun run;
    std::shared_ptr<const CompiledScheme> scheme;
    exports::Provenance provenance;
};

HeldRun held_run(const po::variables_map& vm, bool explained) {
    HeldRun h;
    if (vm.count("logs")) {
        const Period period = period_option(vm);
        const std::string rules = vm["rules"].as<std::string>();
        const std::string text = read_rule_file(rules);
        h.scheme = CompiledScheme::compile(load_scheme(text, rules));
        auto from_logs = logs::run_logs(text, rules, *h.scheme, vm["logs"].as<std::string>(), period);
        // The logs are many files: the export names the directory and hashes the log files (docs/exports.md, Provenance).
        h.provenance = logs::provenance(from_logs, h.scheme->scheme(), vm["logs"].as<std::string>());
        h.run = std::move(from_logs.payroll);
    } else {
        const PeriodInput in = read_period_input(vm);
        h.scheme = in.scheme;
        h.provenance = in.provenance();
        h.run = payroll::run(*in.scheme, in.period, in.people, explained ? Explain::full : Explain::none);
    }
    return h;
}

}  // namespace

int payroll(const std::vector<std::string>& args) {
    po::options_description opts("motiv payroll -- pay everyone in a KPI table for one period\n\noptions", help_width());
    opts.add_options()
        ("help,h", "show this help")
        ("rules,r", po::value<std::string>()->required(), "rule file (JSON)")
        ("data,d", po::value<std::string>(), "people and their inputs (CSV: id, role, [name], [period], one column per input)")
        ("logs,l", po::value<std::string>(), "instead of --data: a logs directory; inputs are derived from its logs by the rule file's \"logs\" section")
        ("period,p", po::value<std::string>()->required(), "pay period YYYY-MM (rows of other periods are skipped)")
        ("out,o", po::value<std::string>()->required(), "the file to write (atomically), '-' for standard output; with several formats\n"
                                                         "a directory (created if missing) receiving payroll.csv, payroll.excel-ru.csv,\n"
                                                         "payroll.xlsx, payroll.jsonl")
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
        ("json", "print the summary (per role: people, total, average, components) and the files written as JSON")
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
    const bool explained = std::find(formats.begin(), formats.end(), exports::Format::jsonl) != formats.end();
    const std::string out = vm["out"].as<std::string>();
    if (out == "-") {
        // The export is the output stream: nothing else may be printed on it.
        if (formats.size() != 1) throw po::error("--out - writes one format to standard output; several formats need a directory");
        if (vm.count("json")) throw po::error("--out - and --json both print on standard output: choose one");
        const HeldRun h = held_run(vm, explained);
        std::cout << exports::render(formats.front(), h.run, h.scheme->scheme(), h.provenance, options);
        return 0;
    }
    const auto files = exports::plan_files(formats, output_name(formats, out));
    const io::Overwrite mode = vm.count("force") ? io::Overwrite::replace : io::Overwrite::refuse;
    // Every row is paid before anything is published; the files are published as one set, and never
    // over the rule file or the data.
    std::vector<std::string> inputs = {vm["rules"].as<std::string>()};
    if (vm.count("data")) inputs.push_back(vm["data"].as<std::string>());
    std::optional<payroll::RunTotals> totals;
    std::string period, currency;
    int minor_units = 0;
    try {
        if (vm.count("data")) {
            // A people file is paid a chunk at a time straight into the files (bounded memory).
            const PeriodInput in = read_period_source(vm);
            totals = exports::write_streamed(files, *in.scheme, in.period, in.data_bytes, in.data_path, in.provenance(), mode, options, inputs);
            period = in.period.to_string();
            currency = in.scheme->scheme().currency.code;
            minor_units = in.scheme->scheme().currency.minor_units;
        } else {
            const HeldRun h = held_run(vm, explained);
            exports::write_files(files, h.run, h.scheme->scheme(), h.provenance, mode, options, inputs);
            totals = h.run.totals();
            period = h.run.period;
            currency = h.run.currency;
            minor_units = h.run.minor_units;
        }
    } catch (const std::invalid_argument& e) {
        throw po::error(std::string("--columns: ") + e.what());
    }
    if (vm.count("json")) {
        nlohmann::json doc = payroll_summary_json(*totals, period, currency, minor_units);
        doc["wrote"] = nlohmann::json::array();
        for (const auto& f : files) doc["wrote"].push_back(f.path);
        print_json(doc);
    } else if (!vm.count("quiet")) {
        std::cout << payroll::summary_text(*totals, period, currency, minor_units);
        std::string written;
        for (const auto& f : files) written += (written.empty() ? "" : ", ") + f.path;
        std::cout << "wrote " << written << " (" << totals->people() << " people)\n";
    }
    return 0;
}

}  // namespace motiv::cli
