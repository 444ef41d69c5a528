// motiv whatif: pay the same people under a base scheme and a what-if (--set overrides and/or
// --against another rule file), compare them person by person and per role, list what changed in
// the plan, and sweep the cost over a grid of parameter values (--sweep). Every file is computed
// before any is written, and each is written atomically.
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "cli/commands.hpp"
#include "core/data/people_table.hpp"
#include "core/errors.hpp"
#include "core/io/atomic_file.hpp"
#include "core/rules/loader.hpp"
#include "core/whatif/comparison.hpp"
#include "core/whatif/grid.hpp"
#include "core/whatif/people_columns.hpp"
#include "core/whatif/plan_diff.hpp"

namespace po = boost::program_options;

namespace motiv::cli {

// "--set name=value": the value as the rule file would hold it. A JSON array or object (a tier
// table, dated values) is read as JSON; anything else is the value's text ("30000.00", "8%").
Overrides parse_sets(const std::vector<std::string>& sets) {
    Overrides out = Overrides::object();
    for (const auto& s : sets) {
        const auto eq = s.find('=');
        if (eq == std::string::npos || eq == 0) throw po::error("--set expects name=value, got '" + s + "'");
        const std::string name = s.substr(0, eq), value = s.substr(eq + 1);
        if (!value.empty() && (value.front() == '[' || value.front() == '{')) {
            try {
                out[name] = nlohmann::json::parse(value);
            } catch (const nlohmann::json::exception& e) {
                throw po::error("--set " + name + ": the value is not valid JSON (" + std::string(e.what()) + ")");
            }
        } else {
            out[name] = value;
        }
    }
    return out;
}

int whatif(const std::vector<std::string>& args) {
    po::options_description opts("motiv whatif -- compare a what-if with the base scheme on the same people\n\noptions");
    opts.add_options()
        ("help,h", "show this help")
        ("rules,r", po::value<std::string>()->required(), "the base rule file (JSON)")
        ("data,d", po::value<std::string>()->required(), "people and their inputs (CSV, as for payroll)")
        ("period,p", po::value<std::string>()->required(), "pay period YYYY-MM")
        ("set,s", po::value<std::vector<std::string>>(), "override a parameter: name=value (repeatable; a tier table or dated value as JSON)")
        ("against,a", po::value<std::string>(), "the what-if is this other rule file (with --set applied to it)")
        ("sweep", po::value<std::vector<std::string>>(), "cost over a grid: name=from:to:step (repeat for a second parameter)")
        ("out,o", po::value<std::string>(), "write OUT.people.csv, OUT.roles.csv, OUT.plan.csv and OUT.sweep.csv")
        ("threads,j", po::value<unsigned>()->default_value(0), "threads for the sweep (0: every core)")
        ("force,f", "replace output files that exist")
        ("quiet,q", "do not print the summary");
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(opts).run(), vm);
    if (vm.count("help")) {
        std::cout << opts << "\nThe what-if is the base scheme with --set overrides, or --against another rule file. The\n"
                             "comparison lists every person's pay before and after; the plan diff lists every parameter,\n"
                             "tier and component that changed. --sweep prices the what-if at every grid point.\n";
        return 0;
    }
    po::notify(vm);
    const bool scenario = vm.count("set") || vm.count("against");
    if (!scenario && !vm.count("sweep")) throw po::error("give --set, --against or --sweep: there is nothing to compare");
    const auto period = Period::parse(vm["period"].as<std::string>());
    if (!period) throw po::error("--period must be YYYY-MM, got '" + vm["period"].as<std::string>() + "'");
    std::vector<whatif::Axis> axes;
    if (vm.count("sweep")) {
        for (const auto& spec : vm["sweep"].as<std::vector<std::string>>()) {
            try {
                axes.push_back(whatif::parse_axis(spec));
            } catch (const std::invalid_argument& e) {
                throw po::error(std::string("--sweep: ") + e.what());
            }
        }
    }
    const Overrides sets = parse_sets(vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{});

    const std::string rules = vm["rules"].as<std::string>();
    const auto base = CompiledScheme::compile(load_scheme_file(rules));
    const auto alt = CompiledScheme::compile(load_scheme_file(vm.count("against") ? vm["against"].as<std::string>() : rules, sets));
    const auto table = data::read_csv_file(vm["data"].as<std::string>());

    // Everything is computed first; files are written only when all of it succeeded.
    std::vector<std::pair<std::string, std::string>> files;  // suffix -> content
    std::string text;
    if (scenario) {
        const auto cmp = whatif::compare_table(*base, *alt, table, *period);
        const auto plan = whatif::diff_plans(base->scheme(), alt->scheme());
        files.emplace_back(".people.csv", whatif::people_csv(cmp));
        files.emplace_back(".roles.csv", whatif::roles_csv(cmp));
        files.emplace_back(".plan.csv", whatif::plan_diff_csv(plan));
        text += whatif::summary_text(cmp) + whatif::plan_diff_text(plan);
    }
    if (!axes.empty()) {
        const auto people = data::read_people(table, *alt, period);
        if (people.empty())
            throw DataError({Issue{"motiv.data_error.307", table.source, "", 0, 0, "period", "", "no people to pay for period " + period->to_string(), "", 0}});
        const whatif::PeopleColumns cols(*alt, people);
        const auto grid = whatif::run_grid(*alt, alt->bind(*period), cols.input(), axes, vm["threads"].as<unsigned>());
        files.emplace_back(".sweep.csv", whatif::grid_csv(grid));
        text += whatif::grid_text(grid);
    }
    if (vm.count("out")) {
        const std::string out = vm["out"].as<std::string>();
        const auto mode = vm.count("force") ? io::Overwrite::replace : io::Overwrite::refuse;
        if (mode == io::Overwrite::refuse)  // refuse before writing any, not after writing some
            for (const auto& [suffix, content] : files)
                if (std::filesystem::exists(out + suffix))
                    throw IoError("motiv.io_error.003", "refusing to overwrite existing file '" + out + suffix + "'; ask to replace it explicitly (--force)");
        for (const auto& [suffix, content] : files) {
            io::write_file_atomically(out + suffix, content, mode);
            text += "wrote " + out + suffix + "\n";
        }
    }
    if (!vm.count("quiet")) std::cout << text;
    return 0;
}

}  // namespace motiv::cli
