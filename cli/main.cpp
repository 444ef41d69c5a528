// Entry point of the `motiv` tool: dispatches to a subcommand (cli/commands.hpp).
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/text/suggest.hpp"

namespace {
constexpr const char* kUsage =
    "motiv -- exact, explainable pay for sales teams\n"
    "\n"
    "usage: motiv <command> [options]\n"
    "\n"
    "commands:\n"
    "  validate FILE...                              check rule files; exit 0, or list every error and exit 1\n"
    "  payroll  --rules F --data CSV --period YYYY-MM --out OUT\n"
    "                                                pay everyone in CSV, write the payroll (--format csv, csv-excel-ru,\n"
    "                                                xlsx, jsonl or all), print a summary\n"
    "  explain  --rules F --data CSV --employee ID   show how one person's pay was computed (--lang en|ru: a pay statement)\n"
    "  statements --rules F --data CSV --period YYYY-MM --out DIR\n"
    "                                                write one pay statement per person (HTML and/or text, en or ru)\n"
    "  whatif   --rules F --data CSV --period YYYY-MM --set NAME=VALUE | --against F2 | --sweep NAME=FROM:TO:STEP\n"
    "                                                compare a what-if with the scheme, per person and role;\n"
    "                                                --curve, --monte-carlo N, --diagnostics analyse one scheme\n"
    "  run-periods --rules F --data CSV|DIR --from YYYY-MM --to YYYY-MM --state-out S --out OUT\n"
    "                                                pay many months carrying draws, clawbacks, bonus advances\n"
    "  report   --rules F --logs DIR --period YYYY-MM --out DIR\n"
    "                                                KPIs from call/deal/contact logs, pay, department report\n"
    "  test     RULES [CASES]                        run a rule file's plan tests (RULES.cases.json); exit 1 on a difference\n"
    "\n"
    "Run 'motiv <command> --help' for the options of a command. A short option means the same in every\n"
    "command (-r rules, -d data, -l logs, -p period, -o out, -f force, -q quiet); --data - reads standard input.\n"
    "--out is the file a command writes ('-': standard output), or the directory when it writes several.\n"
    "--json prints a command's results as JSON (amounts as exact decimal strings).\n";
}

namespace {
// Runs the command line; main() then checks that everything printed reached standard output.
int run(std::vector<std::string> args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::cout << kUsage;
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::cout << "motiv " MOTIV_VERSION "\n";  // from CMakeLists.txt project(): one version source
        return 0;
    }
    const std::string cmd = args[0];
    args.erase(args.begin());
    int (*body)(const std::vector<std::string>&) = nullptr;
    if (cmd == "validate") body = &motiv::cli::validate;
    if (cmd == "payroll") body = &motiv::cli::payroll;
    if (cmd == "explain") body = &motiv::cli::explain;
    if (cmd == "test") body = &motiv::cli::test;
    if (cmd == "whatif") body = &motiv::cli::whatif;
    if (cmd == "statements") body = &motiv::cli::statements;
    if (cmd == "run-periods") body = &motiv::cli::run_periods;
    if (cmd == "report") body = &motiv::cli::report;
    if (!body) {
        std::cerr << "motiv: unknown command '" << cmd << "'"
                  << motiv::text::did_you_mean(cmd, {"validate", "payroll", "explain", "statements", "whatif", "run-periods", "report", "test"}) << "\n\n"
                  << kUsage;
        return 2;
    }
    return motiv::cli::guarded(body, args);
}
}  // namespace

int main(int argc, char** argv) {
    const int status = run(std::vector<std::string>(argv + 1, argv + argc));
    // A payslip or summary that could not be written (disk full, I/O error) must not exit 0.
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "motiv: cannot write to standard output\n";
        return status == 0 ? 1 : status;
    }
    return status;
}
