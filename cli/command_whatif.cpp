// motiv whatif: pay the same people under a base scheme and a what-if (--set overrides and/or
// --against another rule file), compare them person by person and per role, list what changed in
// the plan, and sweep the cost over a grid of parameter values (--sweep). The what-if (the base
// scheme itself without --set/--against) can also be priced by Monte Carlo (--monte-carlo),
// diagnosed (--diagnostics) and one person's pay curve drawn against a KPI (--curve). Every file
// is computed before any is written; they are published as one set into the --out directory.
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "cli/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/options.hpp"
#include "cli/period_input.hpp"
#include "core/data/people_table.hpp"
#include "core/errors.hpp"
#include "core/errors/catalogue.hpp"
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

namespace {

// What a what-if computed: each result file's name ("people.csv") with its content, and the text
// summary printed without --json. Everything is computed before anything is written.
struct Results {
    std::vector<std::pair<std::string, std::string>> files;
    std::string text;
    data::CellGuard guard = data::CellGuard::spreadsheet;  // --format: csv (safe in a spreadsheet) or csv-raw
    void add(std::string name, std::string content) { files.emplace_back(std::move(name), std::move(content)); }
};

po::options_description whatif_options() {
    po::options_description opts("motiv whatif -- compare a what-if with the base scheme on the same people\n\noptions", help_width());
    opts.add_options()
        ("help,h", "show this help")
        ("rules,r", po::value<std::string>()->required(), "the base rule file (JSON)")
        ("data,d", po::value<std::string>()->required(), "people and their inputs (CSV, as for payroll; '-': standard input)")
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
        ("out,o", po::value<std::string>(), "directory to write the result CSVs into (created if missing): people.csv, roles.csv, plan.csv,\n"
                                             "sweep.csv, curve.csv, montecarlo.csv, ...")
        ("json", "print every result table (the CSVs' rows, amounts as exact strings) and the files written as JSON")
        ("threads,j", po::value<unsigned>()->default_value(0), "threads for the sweep (0: every core)")
        ("force,f", "replace output files that exist")
        ("quiet,q", "do not print the summary");
    add_csv_format_option(opts);
    return opts;
}

// The per-person and per-role comparison of the base scheme with the what-if, and the plan diff.
void compare(const CompiledScheme& base, const CompiledScheme& alt, const data::CsvTable& table, const Period& period, Results& r) {
    const auto cmp = whatif::compare_table(base, alt, table, period);
    const auto plan = whatif::diff_plans(base.scheme(), alt.scheme());
    r.add("people.csv", whatif::people_csv(cmp, r.guard));
    r.add("roles.csv", whatif::roles_csv(cmp, r.guard));
    r.add("plan.csv", whatif::plan_diff_csv(plan, r.guard));
    r.text += whatif::summary_text(cmp) + whatif::plan_diff_text(plan);
}

void sweep(const CompiledScheme& alt, const BoundParameters& params, const std::vector<PersonInputs>& people, const std::vector<std::string>& specs,
           unsigned threads, Results& r) {
    std::vector<whatif::Axis> axes;
    for (const auto& spec : specs) {
        try {
            axes.push_back(whatif::parse_axis(spec));
        } catch (const std::invalid_argument& e) {
            throw po::error(std::string("--sweep: ") + e.what());
        }
    }
    const whatif::PeopleColumns cols(alt, people);
    whatif::Grid grid;
    try {
        grid = whatif::run_grid(alt, params, cols.input(), axes, threads);
    } catch (const std::invalid_argument& e) {  // too many points, a threshold that would not rise
        throw po::error(std::string("--sweep: ") + e.what());
    }
    r.add("sweep.csv", whatif::grid_csv(grid, r.guard));
    r.text += whatif::grid_text(grid);
}

// --curve PERSON KPI FROM TO STEP: the person's pay under the what-if (and the base scheme, when the
// what-if differs from it) at each KPI value.
void curve(const CompiledScheme& base, const CompiledScheme& alt, const data::CsvTable& table, const Period& period, const std::vector<PersonInputs>& people,
           const std::vector<std::string>& spec, bool scenario, unsigned threads, Results& r) {
    if (spec.size() != 5) throw po::error("--curve expects PERSON KPI FROM TO STEP");
    std::vector<Decimal> range;
    for (std::size_t i = 2; i < 5; ++i) {
        auto d = Decimal::parse(spec[i]);
        if (!d) throw po::error("--curve: '" + spec[i] + "' is not an exact decimal");
        range.push_back(*d);
    }
    std::vector<Decimal> values;
    try {
        values = whatif::stepped_values(range[0], range[1], range[2], whatif::kMaxCurvePoints, "--curve " + spec[1]);
    } catch (const std::invalid_argument& e) {
        throw po::error(e.what());
    }
    auto find = [&](const std::vector<PersonInputs>& list) -> const PersonInputs& {
        for (const auto& p : list)
            if (p.id == spec[0]) return p;
        throw po::error("--curve: no person '" + spec[0] + "' in " + table.source + " for " + period.to_string());
    };
    try {
        const auto after = whatif::pay_curve(alt, alt.bind(period), find(people), spec[1], values, threads);
        const auto before = scenario ? whatif::pay_curve(base, base.bind(period), find(data::read_people(table, base, period)), spec[1], values, threads) : after;
        r.add("curve.csv", whatif::curve_csv(before, after, r.guard));
        r.text += whatif::curve_text(after, scenario ? &before : nullptr);
    } catch (const std::invalid_argument& e) {
        throw po::error(std::string("--curve: ") + e.what());
    }
}

void monte_carlo(const CompiledScheme& alt, const BoundParameters& params, const std::vector<PersonInputs>& people, const whatif::Profiles& profiles,
                 const po::variables_map& vm, unsigned threads, Results& r) {
    whatif::MonteCarloOptions mo;
    mo.draws = vm["monte-carlo"].as<std::size_t>();
    mo.seed = vm["seed"].as<std::uint64_t>();
    mo.threads = threads;
    if (mo.draws < 1 || mo.draws > whatif::kMaxDraws) throw po::error("--monte-carlo expects 1 to " + std::to_string(whatif::kMaxDraws) + " draws");
    const auto dists = whatif::load_distributions_file(vm["distributions"].as<std::string>(), alt);
    whatif::MonteCarlo mc;
    try {
        mc = whatif::run_monte_carlo(alt, params, people, dists, profiles, mo);
    } catch (const std::invalid_argument& e) {
        throw po::error(std::string("--monte-carlo: ") + e.what());
    }
    r.add("montecarlo.csv", whatif::draws_csv(mc, r.guard));
    r.add("quantiles.csv", whatif::quantiles_csv(mc, r.guard));
    r.add("shares.csv", whatif::shares_csv(mc, r.guard));
    r.text += whatif::monte_carlo_text(mc);
}

void diagnostics(const CompiledScheme& alt, const BoundParameters& params, const std::vector<PersonInputs>& people, const whatif::Profiles& profiles,
                 const po::variables_map& vm, unsigned threads, Results& r) {
    auto decimal_arg = [&](const char* name) {
        const auto text = vm[name].as<std::string>();
        auto d = Decimal::parse(text);
        if (!d || d->is_negative()) throw po::error(std::string("--") + name + " expects a decimal >= 0, got '" + text + "'");
        return *d;
    };
    whatif::DiagnosticsOptions dopt;
    if (vm.count("cliff")) dopt.cliff = decimal_arg("cliff");
    dopt.stress = decimal_arg("stress");
    dopt.threads = threads;
    if (profiles.target.empty()) throw po::error("--targets: the file gives no \"target\" profile; diagnostics need one");
    whatif::Diagnostics d;
    try {
        d = whatif::diagnose(alt, params, profiles, dopt, &people);
    } catch (const std::invalid_argument& e) {  // e.g. an effort input without a target value
        throw po::error(std::string("--diagnostics: ") + e.what());
    }
    r.add("pay_mix.csv", whatif::pay_mix_csv(d, r.guard));
    r.add("leverage.csv", whatif::leverage_csv(d, r.guard));
    r.add("monotonicity.csv", whatif::monotonicity_csv(d, r.guard));
    r.add("cliffs.csv", whatif::cliffs_csv(d, r.guard));
    r.add("cost.csv", whatif::cost_csv(d, r.guard));
    r.text += whatif::diagnostics_text(d);
}

// The result files into --out DIR, as one set (all or none); the paths written.
std::vector<std::string> write_results(const Results& r, const std::string& dir, io::Overwrite mode, const std::vector<std::string>& inputs) {
    // Before --out was a directory it was a prefix (--out x wrote x.people.csv): a name ending in
    // .csv is that old reading of a file, refused rather than turned into a directory called x.csv.
    if (dir.ends_with(".csv")) throw po::error("--out is the directory the result CSVs go into, got '" + dir + "'");
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw IoError(err::io_cannot_write, "cannot create directory " + dir + ": " + ec.message());
    std::vector<exports::OutputFile> outputs;
    for (const auto& [name, content] : r.files) outputs.push_back({(std::filesystem::path(dir) / name).string(), content});
    exports::write_all(outputs, mode, inputs);  // one set: every target checked before any is written
    std::vector<std::string> paths;
    for (const auto& o : outputs) paths.push_back(o.path);
    return paths;
}

}  // namespace

int whatif(const std::vector<std::string>& args) {
    const po::options_description opts = whatif_options();
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
    if (vm.count("monte-carlo") && !vm.count("distributions")) throw po::error("--monte-carlo needs --distributions FILE.json");
    if (vm.count("diagnostics") && !vm.count("targets")) throw po::error("--diagnostics needs --targets FILE.json");
    const Period period = period_option(vm);
    const Overrides sets = parse_sets(vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{});

    const std::string rules = vm["rules"].as<std::string>();
    const auto base = CompiledScheme::compile(load_scheme_file(rules));
    const auto alt = CompiledScheme::compile(load_scheme_file(vm.count("against") ? vm["against"].as<std::string>() : rules, sets));
    const std::string data_path = vm["data"].as<std::string>();
    const auto table = data::parse_csv(read_input(data_path), data_path);

    Results results;
    results.guard = csv_format(vm);
    if (scenario) compare(*base, *alt, table, period, results);
    const unsigned threads = vm["threads"].as<unsigned>();
    if (vm.count("sweep") || analysis) {
        const auto people = data::read_people(table, *alt, period);
        if (people.empty())
            throw DataError({Issue{.id = err::data_nobody_to_pay, .file = table.source, .field = "period", .message = "no people to pay for period " + period.to_string()}});
        const auto params = alt->bind(period);
        if (vm.count("sweep")) sweep(*alt, params, people, vm["sweep"].as<std::vector<std::string>>(), threads, results);
        if (vm.count("curve")) curve(*base, *alt, table, period, people, vm["curve"].as<std::vector<std::string>>(), scenario, threads, results);
        const auto profiles = vm.count("targets") ? whatif::load_profiles_file(vm["targets"].as<std::string>(), *alt) : whatif::Profiles{};
        if (vm.count("monte-carlo")) monte_carlo(*alt, params, people, profiles, vm, threads, results);
        if (vm.count("diagnostics")) diagnostics(*alt, params, people, profiles, vm, threads, results);
    }
    std::vector<std::string> written;
    if (vm.count("out")) {
        std::vector<std::string> inputs = {rules, data_path};
        if (vm.count("against")) inputs.push_back(vm["against"].as<std::string>());
        written = write_results(results, vm["out"].as<std::string>(), vm.count("force") ? io::Overwrite::replace : io::Overwrite::refuse, inputs);
    }
    if (vm.count("json")) {
        nlohmann::json doc = {{"period", period.to_string()}, {"wrote", written}};
        for (const auto& [name, content] : results.files) doc[name.substr(0, name.size() - 4)] = csv_records(content, name);
        print_json(doc);
    } else if (!vm.count("quiet")) {
        std::cout << results.text;
        for (const auto& p : written) std::cout << "wrote " << p << "\n";
    }
    return 0;
}

}  // namespace motiv::cli
