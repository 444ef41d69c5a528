// motiv explain: one person's payslip with the derivation of every line.
#include <algorithm>
#include <boost/program_options.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/period_input.hpp"
#include "core/data/people_table.hpp"
#include "core/errors.hpp"
#include "apps/export/statement_text.hpp"
#include "core/io/atomic_file.hpp"
#include "core/rules/loader.hpp"

namespace po = boost::program_options;

namespace motiv::cli {

int explain(const std::vector<std::string>& args) {
    po::options_description opts("motiv explain -- how one person's pay was computed\n\noptions", help_width());
    opts.add_options()
        ("help,h", "show this help")
        ("rules,r", po::value<std::string>()->required(), "rule file (JSON)")
        ("data,d", po::value<std::string>()->required(), "people and their inputs (CSV)")
        ("employee,e", po::value<std::string>()->required(), "the person's id")
        ("period,p", po::value<std::string>(), "pay period YYYY-MM (required when the CSV has no period column)")
        ("json", "print the payslip with its explanation trees as JSON")
        ("brief", "print only the one-line summary of each line, not the trees")
        ("lang", po::value<std::string>(), "print the pay statement in this language (en or ru): every line with its rule,\n"
                                             "formula and inputs, the KPIs against their norms, the tiers reached");
    po::variables_map vm = parse_options(args, opts);
    if (vm.count("help")) {
        std::cout << opts;
        return 0;
    }
    po::notify(vm);
    std::optional<Period> period;
    if (vm.count("period")) period = period_option(vm);
    std::optional<exports::Lang> lang;
    if (vm.count("lang")) {
        lang = exports::parse_lang(vm["lang"].as<std::string>());
        if (!lang) throw po::error("--lang must be en or ru, got '" + vm["lang"].as<std::string>() + "'");
        if (vm.count("json") || vm.count("brief")) throw po::error("--lang prints a statement; it does not combine with --json or --brief");
    }
    auto cs = CompiledScheme::compile(load_scheme_file(vm["rules"].as<std::string>()));
    const std::string data_path = vm["data"].as<std::string>();
    const std::string data_bytes = read_input(data_path);
    const auto table = data::parse_csv(data_bytes, data_path);
    const std::string id = vm["employee"].as<std::string>();
    // Without --period, a CSV with a period column may hold several months: take the person's
    // period from their rows (reading every month at once would report the person as a duplicate).
    if (!period) {
        const auto pc = table.column("period");
        const auto ic = table.column("id");
        if (pc && ic) {
            std::vector<std::string> seen;
            for (const auto& row : table.rows)
                if (row[*ic] == id && std::find(seen.begin(), seen.end(), row[*pc]) == seen.end()) seen.push_back(row[*pc]);
            if (seen.size() > 1) {
                std::string list;
                for (const auto& p : seen) list += (list.empty() ? "" : ", ") + p;
                throw po::error("--period is required: '" + id + "' has rows for several periods in " + table.source + " (" + list + ")");
            }
            // A malformed period is left to read_people, which reports it with its row and column.
            if (seen.size() == 1) period = Period::parse(seen.front());
        }
    }
    // Validate the whole table (one bad row must not hide), then pick the person.
    const auto people = data::read_people(table, *cs, period);
    // Several rows of one id are a role change within the period (dated rows): each is explained.
    std::vector<const PersonInputs*> rows;
    for (const auto& p : people)
        if (p.id == id) rows.push_back(&p);
    const PersonInputs* person = rows.empty() ? nullptr : rows.front();
    if (!person) {
        throw DataError({Issue{"motiv.data_error.306", table.source, "", 0, 0, "id", id,
                               "no person with id '" + id + "'" + (period ? " in period " + period->to_string() : ""), "", 0}});
    }
    if (!period) {
        const auto pc = table.column("period");
        if (!pc) throw po::error("--period is required: " + table.source + " has no period column");
        period = Period::parse(table.rows[0][*pc]);
        for (std::size_t r = 0; r < table.rows.size(); ++r)
            if (table.row_lines[r] == person->line) period = Period::parse(table.rows[r][*pc]);
    }
    if (lang) {
        const auto provenance = exports::make_provenance(cs->scheme(), period->to_string(), data_path, data_bytes);
        const auto params = cs->bind(*period);
        for (const PersonInputs* row : rows) std::cout << exports::statement_text(exports::build_statement(*cs, params, *row, provenance), *lang);
        return 0;
    }
    nlohmann::json all = nlohmann::json::array();
    for (const PersonInputs* row : rows) {
        const Payslip slip = compute_payslip(*cs, *period, *row);
        if (vm.count("json")) all.push_back(slip.to_json());
        else std::cout << slip.to_text(!vm.count("brief"));
    }
    if (vm.count("json")) std::cout << (all.size() == 1 ? all[0] : all).dump(2) << "\n";  // an array for a role change
    return 0;
}

}  // namespace motiv::cli
