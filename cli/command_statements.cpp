// motiv statements: one pay statement per person for a period, as HTML and/or plain text files.
#include <boost/program_options.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/period_input.hpp"
#include "apps/export/statement_files.hpp"
#include "core/io/atomic_file.hpp"

namespace po = boost::program_options;

namespace motiv::cli {

int statements(const std::vector<std::string>& args) {
    po::options_description opts("motiv statements -- one pay statement per person for a period\n\noptions");
    opts.add_options()
        ("help,h", "show this help")
        ("rules,r", po::value<std::string>()->required(), "rule file (JSON)")
        ("data,d", po::value<std::string>()->required(), "people and their inputs (CSV)")
        ("period,p", po::value<std::string>()->required(), "pay period YYYY-MM (rows of other periods are skipped)")
        ("out-dir,o", po::value<std::string>()->required(), "directory to write <id>.<lang>.html / .txt into (created if missing)")
        ("lang,l", po::value<std::string>()->default_value("en"), "language of the statements: en or ru")
        ("format", po::value<std::vector<std::string>>()->composing(), "html (default) and/or txt; repeat or separate by commas")
        ("force,f", "replace existing statement files")
        ("quiet,q", "do not list the files written");
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(opts).run(), vm);
    if (vm.count("help")) {
        std::cout << opts << "\nEach statement lists every line with its rule, formula and inputs, the KPIs against their norms,\n"
                             "the tiers reached and what the next tier would pay, and the SHA-256 of the rules and the data.\n"
                             "The HTML is one self-contained, printable page per person. Every person is paid before anything\n"
                             "is written; each file is written atomically.\n";
        return 0;
    }
    po::notify(vm);
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
    const auto paths = exports::write_statements(*in.scheme, in.period, in.people, in.provenance(), vm["out-dir"].as<std::string>(), *lang, formats,
                                                 vm.count("force") ? io::Overwrite::replace : io::Overwrite::refuse);
    if (!vm.count("quiet")) {
        for (const auto& p : paths) std::cout << "wrote " << p << "\n";
        std::cout << in.people.size() << " statements (" << exports::lang_code(*lang) << ")\n";
    }
    return 0;
}

}  // namespace motiv::cli
