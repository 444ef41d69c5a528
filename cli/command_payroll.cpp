// motiv payroll: pay everyone in a KPI table for a period; write the payroll CSV atomically.
#include <boost/program_options.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "core/data/people_table.hpp"
#include "core/errors.hpp"
#include "core/io/atomic_file.hpp"
#include "core/logs/logs_run.hpp"
#include "core/payroll/payroll.hpp"
#include "core/rules/loader.hpp"

namespace po = boost::program_options;

namespace motiv::cli {

int payroll(const std::vector<std::string>& args) {
    po::options_description opts("motiv payroll -- pay everyone in a KPI table for one period\n\noptions");
    opts.add_options()
        ("help,h", "show this help")
        ("rules,r", po::value<std::string>()->required(), "rule file (JSON)")
        ("data,d", po::value<std::string>(), "people and their inputs (CSV: id, role, [name], [period], one column per input)")
        ("logs,l", po::value<std::string>(), "instead of --data: a logs directory; inputs are derived from its logs by the rule file's \"logs\" section")
        ("period,p", po::value<std::string>()->required(), "pay period YYYY-MM (rows of other periods are skipped)")
        ("out,o", po::value<std::string>()->required(), "payroll CSV to write (atomically)")
        ("force,f", "replace OUT if it exists")
        ("quiet,q", "do not print the summary");
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(opts).run(), vm);
    if (vm.count("help")) {
        std::cout << opts << "\nEvery row is checked before anything is written: on any error nothing is written and the\n"
                             "exit status is 1. The CSV names the scheme, its version and the SHA-256 of the rule file.\n";
        return 0;
    }
    po::notify(vm);
    const auto period = Period::parse(vm["period"].as<std::string>());
    if (!period) throw po::error("--period must be YYYY-MM, got '" + vm["period"].as<std::string>() + "'");
    if (vm.count("data") == vm.count("logs")) throw po::error("give either --data CSV or --logs DIR");
    const std::string rules = vm["rules"].as<std::string>();
    const std::string text = read_rule_file(rules);
    auto cs = CompiledScheme::compile(load_scheme(text, rules));
    payroll::PayrollRun run;
    if (vm.count("logs")) {
        run = logs::run_logs(text, rules, *cs, vm["logs"].as<std::string>(), *period).payroll;
    } else {
        const auto table = data::read_csv_file(vm["data"].as<std::string>());
        const auto people = data::read_people(table, *cs, period);
        if (people.empty()) {
            // A mistyped --period must not produce an empty payroll that looks like success.
            throw DataError({Issue{"motiv.data_error.307", table.source, "", 0, 0, "period", "",
                                   "no people to pay for period " + period->to_string() + "; nothing was written", "", 0}});
        }
        run = payroll::run(*cs, *period, people);
    }
    // Every payslip is computed before anything is written; the write itself is atomic.
    io::write_file_atomically(vm["out"].as<std::string>(), payroll::to_csv(run, cs->scheme()),
                              vm.count("force") ? io::Overwrite::replace : io::Overwrite::refuse);
    if (!vm.count("quiet")) {
        std::cout << payroll::summary_text(run);
        std::cout << "wrote " << vm["out"].as<std::string>() << " (" << run.payslips.size() << " people)\n";
    }
    return 0;
}

}  // namespace motiv::cli
