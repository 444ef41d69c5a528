// motiv whatif: pay the same people under a base scheme and a what-if (--set overrides and/or
// --against another rule file), compare them person by person and per role, list what changed in
// the plan, and sweep the cost over a grid of parameter values (--sweep). The what-if (the base
// scheme itself without --set/--against) can also be priced by Monte Carlo (--monte-carlo),
// diagnosed (--diagnostics) and one person's pay curve drawn against a KPI (--curve). Every file
// is computed before any is written, and each is written atomically.
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/period_input.hpp"
#include "core/data/people_table.hpp"
#include "core/errors.hpp"
#include "apps/export/output_files.hpp"
#include "core/io/atomic_file.hpp"
#include "core/rules/loader.hpp"
#include "apps/whatif/comparison.hpp"
#include "apps/whatif/diagnostics.hpp"
#include "apps/whatif/grid.hpp"
#include "apps/whatif/monte_carlo.hpp"
#include "apps/whatif/pay_curve.hpp"
#include "apps/whatif/people_columns.hpp"
#include "apps/whatif/plan_diff.hpp"

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
    po::options_description opts("motiv whatif -- compare a what-if with the base scheme on the same people\n\noptions", help_width());
    opts.add_options()
        ("help,h", "show this help")
        ("rules,r", po::value<std::string>()->required(), "the base rule file (JSON)")
        ("data,d", po::value<std::string>()->required(), "people and their inputs (CSV, as for payroll)")
        ("period,p", po::value<std::string>()->required(), "pay period YYYY-MM")
        ("set,s", po::value<std::vector<std::string>>(), "override a parameter: name=value (repeatable; a tier table or dated value as JSON)")
        ("against,a", po::value<std::string>(), "the what-if is this other rule file (with --set applied to it)")
        ("sweep", po::value<std::vector<std::string>>(), "cost over a grid: name=from:to:step (repeat for a second parameter)")
        ("curve", po::value<std::vector<std::string>>()->multitoken(), "PERSON KPI FROM TO STEP: the person's pay as the KPI varies")
        ("monte-carlo", po::value<std::size_t>(), "N: cost over N draws of the KPIs in --distributions")
        ("seed", po::value<std::uint64_t>()->default_value(0), "seed of the Monte Carlo draws (same seed, same figures)")
        ("distributions", po::value<std::string>(), "JSON: {\"draws\": {input: {\"distribution\": normal|lognormal|uniform|triangular|resample, ...}}}")
        ("targets", po::value<std::string>(), "JSON: {\"target\": {role: inputs}, \"cap\": {...}, \"effort\": {role: [inputs]}}")
        ("diagnostics", "pay mix, leverage, monotonicity, cliffs and cost at target (needs --targets)")
        ("cliff", po::value<std::string>(), "with --diagnostics: report KPI steps changing pay by more than this amount")
        ("stress", po::value<std::string>()->default_value("1.5"), "with --diagnostics: the stressed attainment (1.5 = 150% of target)")
        ("out,o", po::value<std::string>(), "write OUT.people.csv, OUT.roles.csv, OUT.plan.csv, OUT.sweep.csv, OUT.curve.csv, OUT.montecarlo.csv, ...")
        ("threads,j", po::value<unsigned>()->default_value(0), "threads for the sweep (0: every core)")
        ("force,f", "replace output files that exist")
        ("quiet,q", "do not print the summary");
    po::variables_map vm = parse_options(args, opts);
    if (vm.count("help")) {
        std::cout << opts << "\nThe what-if is the base scheme with --set overrides, or --against another rule file. The\n"
                             "comparison lists every person's pay before and after; the plan diff lists every parameter,\n"
                             "tier and component that changed. --sweep prices the what-if at every grid point.\n"
                             "--curve, --monte-carlo and --diagnostics analyse the what-if (the base scheme without --set or\n"
                             "--against); the manual's docs/whatif.md gives the files' formats.\n";
        return 0;
    }
    po::notify(vm);
    const bool scenario = vm.count("set") || vm.count("against");
    const bool analysis = vm.count("curve") || vm.count("monte-carlo") || vm.count("diagnostics");
    if (!scenario && !vm.count("sweep") && !analysis)
        throw po::error("give --set, --against, --sweep, --curve, --monte-carlo or --diagnostics: there is nothing to compare");
    std::vector<std::string> curve;
    if (vm.count("curve")) {
        curve = vm["curve"].as<std::vector<std::string>>();
        if (curve.size() != 5) throw po::error("--curve expects PERSON KPI FROM TO STEP");
    }
    if (vm.count("monte-carlo") && !vm.count("distributions")) throw po::error("--monte-carlo needs --distributions FILE.json");
    if (vm.count("diagnostics") && !vm.count("targets")) throw po::error("--diagnostics needs --targets FILE.json");
    auto decimal_arg = [&](const char* name) {
        const auto text = vm[name].as<std::string>();
        auto d = Decimal::parse(text);
        if (!d || d->is_negative()) throw po::error(std::string("--") + name + " expects a decimal >= 0, got '" + text + "'");
        return *d;
    };
    const Period period = period_option(vm);
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
        const auto cmp = whatif::compare_table(*base, *alt, table, period);
        const auto plan = whatif::diff_plans(base->scheme(), alt->scheme());
        files.emplace_back(".people.csv", whatif::people_csv(cmp));
        files.emplace_back(".roles.csv", whatif::roles_csv(cmp));
        files.emplace_back(".plan.csv", whatif::plan_diff_csv(plan));
        text += whatif::summary_text(cmp) + whatif::plan_diff_text(plan);
    }
    const unsigned threads = vm["threads"].as<unsigned>();
    if (!axes.empty() || analysis) {
        const auto people = data::read_people(table, *alt, period);
        if (people.empty())
            throw DataError({Issue{"motiv.data_error.307", table.source, "", 0, 0, "period", "", "no people to pay for period " + period.to_string(), "", 0}});
        const auto params = alt->bind(period);
        if (!axes.empty()) {
            const whatif::PeopleColumns cols(*alt, people);
            whatif::Grid grid;
            try {
                grid = whatif::run_grid(*alt, params, cols.input(), axes, threads);
            } catch (const std::invalid_argument& e) {  // too many points, a threshold that would not rise
                throw po::error(std::string("--sweep: ") + e.what());
            }
            files.emplace_back(".sweep.csv", whatif::grid_csv(grid));
            text += whatif::grid_text(grid);
        }
        if (!curve.empty()) {
            std::vector<Decimal> range(3);
            for (int i = 0; i < 3; ++i) {
                auto d = Decimal::parse(curve[static_cast<std::size_t>(2 + i)]);
                if (!d) throw po::error("--curve: '" + curve[static_cast<std::size_t>(2 + i)] + "' is not an exact decimal");
                range[static_cast<std::size_t>(i)] = *d;
            }
            std::vector<Decimal> values;
            try {
                values = whatif::stepped_values(range[0], range[1], range[2], whatif::kMaxCurvePoints, "--curve " + curve[1]);
            } catch (const std::invalid_argument& e) {
                throw po::error(e.what());
            }
            auto find = [&](const std::vector<PersonInputs>& list) -> const PersonInputs& {
                for (const auto& p : list)
                    if (p.id == curve[0]) return p;
                throw po::error("--curve: no person '" + curve[0] + "' in " + table.source + " for " + period.to_string());
            };
            try {
                const auto after = whatif::pay_curve(*alt, params, find(people), curve[1], values, threads);
                const auto before = scenario ? whatif::pay_curve(*base, base->bind(period), find(data::read_people(table, *base, period)), curve[1], values, threads)
                                             : after;
                files.emplace_back(".curve.csv", whatif::curve_csv(before, after));
                text += whatif::curve_text(after, scenario ? &before : nullptr);
            } catch (const std::invalid_argument& e) {
                throw po::error(std::string("--curve: ") + e.what());
            }
        }
        const auto profiles = vm.count("targets") ? whatif::load_profiles_file(vm["targets"].as<std::string>(), *alt) : whatif::Profiles{};
        if (vm.count("monte-carlo")) {
            whatif::MonteCarloOptions mo;
            mo.draws = vm["monte-carlo"].as<std::size_t>();
            mo.seed = vm["seed"].as<std::uint64_t>();
            mo.threads = threads;
            if (mo.draws < 1 || mo.draws > whatif::kMaxDraws) throw po::error("--monte-carlo expects 1 to " + std::to_string(whatif::kMaxDraws) + " draws");
            const auto dists = whatif::load_distributions_file(vm["distributions"].as<std::string>(), *alt);
            whatif::MonteCarlo mc;
            try {
                mc = whatif::run_monte_carlo(*alt, params, people, dists, profiles, mo);
            } catch (const std::invalid_argument& e) {
                throw po::error(std::string("--monte-carlo: ") + e.what());
            }
            files.emplace_back(".montecarlo.csv", whatif::draws_csv(mc));
            files.emplace_back(".quantiles.csv", whatif::quantiles_csv(mc));
            files.emplace_back(".shares.csv", whatif::shares_csv(mc));
            text += whatif::monte_carlo_text(mc);
        }
        if (vm.count("diagnostics")) {
            whatif::DiagnosticsOptions dopt;
            if (vm.count("cliff")) dopt.cliff = decimal_arg("cliff");
            dopt.stress = decimal_arg("stress");
            dopt.threads = threads;
            if (profiles.target.empty()) throw po::error("--targets: the file gives no \"target\" profile; diagnostics need one");
            whatif::Diagnostics d;
            try {
                d = whatif::diagnose(*alt, params, profiles, dopt, &people);
            } catch (const std::invalid_argument& e) {  // e.g. an effort input without a target value
                throw po::error(std::string("--diagnostics: ") + e.what());
            }
            files.emplace_back(".pay_mix.csv", whatif::pay_mix_csv(d));
            files.emplace_back(".leverage.csv", whatif::leverage_csv(d));
            files.emplace_back(".monotonicity.csv", whatif::monotonicity_csv(d));
            files.emplace_back(".cliffs.csv", whatif::cliffs_csv(d));
            files.emplace_back(".cost.csv", whatif::cost_csv(d));
            text += whatif::diagnostics_text(d);
        }
    }
    if (vm.count("out")) {
        const std::string out = vm["out"].as<std::string>();
        const auto mode = vm.count("force") ? io::Overwrite::replace : io::Overwrite::refuse;
        if (mode == io::Overwrite::refuse)  // refuse before writing any, not after writing some
            for (const auto& [suffix, content] : files)
                if (std::filesystem::exists(out + suffix))
                    throw IoError("motiv.io_error.003", "refusing to overwrite existing file '" + out + suffix + "'; ask to replace it explicitly (--force)");
        std::vector<exports::OutputFile> outputs;
        for (const auto& [suffix, content] : files) outputs.push_back({out + suffix, content});
        exports::write_all(outputs, mode);  // one set: all or none
        for (const auto& o : outputs) text += "wrote " + o.path + "\n";
    }
    if (!vm.count("quiet")) std::cout << text;
    return 0;
}

}  // namespace motiv::cli
