// motiv test RULES [CASES]: run a rule file's cases (plantest/cases.hpp) and show each difference.
#include <boost/program_options.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/options.hpp"
#include "apps/plantest/cases.hpp"

namespace po = boost::program_options;

namespace motiv::cli {

int test(const std::vector<std::string>& args) {
    po::options_description opts("motiv test RULES [CASES] -- run a rule file's plan tests\n\n"
                                 "CASES defaults to RULES with .json replaced by .cases.json.\n\noptions", help_width());
    opts.add_options()("help,h", "show this help")("quiet,q", "print failures and the summary only")
        ("json", "print the results as JSON: the files, passed and failed counts, every case with its differences");
    po::options_description hidden;
    hidden.add_options()("file", po::value<std::vector<std::string>>()->composing(), "rule file, then cases file");
    po::positional_options_description pos;
    pos.add("file", 2);
    po::variables_map vm = parse_options(args, opts, &hidden, &pos);
    po::notify(vm);
    if (vm.count("help")) {
        std::cout << opts << "\nExit status: 0 if every case passes, 1 if any fails or a file is bad.\n";
        return 0;
    }
    if (!vm.count("file")) throw po::error("test needs a rule file");
    const auto files = vm["file"].as<std::vector<std::string>>();
    const std::string cases = files.size() > 1 ? files[1] : plantest::default_cases_path(files[0]);
    const auto report = plantest::run_cases(files[0], cases);
    if (vm.count("json")) {
        nlohmann::json doc = {{"rules", report.rules}, {"cases", report.cases}, {"passed", report.results.size() - report.failed()},
                              {"failed", report.failed()}, {"results", nlohmann::json::array()}};
        for (const auto& r : report.results) doc["results"].push_back({{"name", r.name}, {"passed", r.passed}, {"differences", r.differences}});
        print_json(doc);
        return report.failed() == 0 ? 0 : 1;
    }
    for (const auto& r : report.results) {
        if (r.passed) {
            if (!vm.count("quiet")) std::cout << "pass: " << r.name << "\n";
            continue;
        }
        std::cout << "FAIL: " << r.name << "\n";
        for (const auto& d : r.differences) std::cout << "    " << d << "\n";
    }
    std::cout << cases << ": " << report.results.size() - report.failed() << " of " << report.results.size() << " cases passed\n";
    return report.failed() == 0 ? 0 : 1;
}

}  // namespace motiv::cli
