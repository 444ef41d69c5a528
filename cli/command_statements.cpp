// motiv statements: one pay statement per person for a period, as HTML and/or plain text files.
#include <boost/program_options.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/options.hpp"
#include "cli/period_input.hpp"
#include "apps/export/statement_files.hpp"
#include "core/io/atomic_file.hpp"

namespace po = boost::program_options;

namespace motiv::cli {

int statements(const std::vector<std::string>& args) {
    po::options_description opts("motiv statements -- one pay statement per person for a period\n\noptions", help_width());
    opts.add_options()
        ("help,h", "show this help")
        ("rules,r", po::value<std::string>()->required(), "rule file (JSON)")
        ("data,d", po::value<std::string>()->required(), "people and their inputs (CSV)")
        ("period,p", po::value<std::string>()->required(), "pay period YYYY-MM (rows of other periods are skipped)")
        ("out,o", po::value<std::string>(), "directory to write <id>.<lang>.html / .txt into (created if missing)")
        ("lang", po::value<std::string>()->default_value("en"), "language of the statements: en or ru")
        ("format", po::value<std::vector<std::string>>()->composing(), "html (default) and/or txt; repeat or separate by commas")
        ("force,f", "replace existing statement files")
        ("json", "print the statements written as JSON: period, language, count and the files")
        ("quiet,q", "do not list the files written");
    po::options_description hidden;
    hidden.add_options()("out-dir", po::value<std::string>(), "deprecated: --out");
    po::variables_map vm = parse_options(args, opts, &hidden);
    if (vm.count("help")) {
        std::cout << opts << "\nEach statement lists every line with its amount, description and the figures it used, the KPIs\n"
                             "against their norms and the tiers reached, in the statement's language; then a technical footer\n"
                             "with each line's rule and formula and the SHA-256 of the rules and the data.\n"
                             "The HTML is one self-contained, printable page per person. Every person is paid before anything\n"
                             "is written; each file is written atomically.\n";
        return 0;
    }
    po::notify(vm);
    if (vm.count("out-dir")) std::cerr << "motiv: --out-dir is deprecated, use --out (a directory for statements)\n";
    if (!vm.count("out") && !vm.count("out-dir")) throw po::error("the option '--out' is required but missing");
    const std::string out = vm.count("out") ? vm["out"].as<std::string>() : vm["out-dir"].as<std::string>();
    const auto lang = exports::parse_lang(vm["lang"].as<std::string>());
    if (!lang) throw po::error("--lang must be en or ru, got '" + vm["lang"].as<std::string>() + "'");
    std::vector<exports::StatementFormat> formats;
    for (const auto& name : comma_list(vm.count("format") ? vm["format"].as<std::vector<std::string>>() : std::vector<std::string>{})) {
        const auto f = exports::parse_statement_format(name);
        if (!f) throw po::error("--format must be html or txt, got '" + name + "'");
        formats.push_back(*f);
    }
    if (formats.empty()) formats.push_back(exports::StatementFormat::html);

    const PeriodInput in = read_period_input(vm);
    // The data (and rule) file are inputs: a statement named like one is refused, never written over it.
    const auto paths = exports::write_statements(*in.scheme, in.period, in.people, in.provenance(), out, *lang, formats,
                                                 vm.count("force") ? io::Overwrite::replace : io::Overwrite::refuse,
                                                 {vm["rules"].as<std::string>(), in.data_path});
    if (vm.count("json")) {
        print_json({{"period", in.period.to_string()}, {"lang", exports::lang_code(*lang)}, {"statements", in.people.size()}, {"wrote", paths}});
    } else if (!vm.count("quiet")) {
        for (const auto& p : paths) std::cout << "wrote " << p << "\n";
        std::cout << in.people.size() << " statements (" << exports::lang_code(*lang) << ")\n";
    }
    return 0;
}

}  // namespace motiv::cli
