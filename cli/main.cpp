// Entry point of the `motiv` tool: dispatches to a subcommand (cli/commands.hpp).
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace {
constexpr const char* kUsage =
    "motiv -- exact, explainable pay for sales teams\n"
    "\n"
    "usage: motiv <command> [options]\n"
    "\n"
    "commands:\n"
    "  validate FILE...                              check rule files; exit 0, or list every error and exit 1\n"
    "  payroll  --rules F --data CSV --period YYYY-MM --out OUT\n"
    "                                                pay everyone in CSV, write the payroll CSV, print a summary\n"
    "  explain  --rules F --data CSV --employee ID   show how one person's pay was computed\n"
    "\n"
    "Run 'motiv <command> --help' for the options of a command.\n";
}

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::cout << kUsage;
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::cout << "motiv 0.1.0\n";
        return 0;
    }
    const std::string cmd = args[0];
    args.erase(args.begin());
    if (cmd == "validate") return motiv::cli::guarded(&motiv::cli::validate, args);
    if (cmd == "payroll") return motiv::cli::guarded(&motiv::cli::payroll, args);
    if (cmd == "explain") return motiv::cli::guarded(&motiv::cli::explain, args);
    std::cerr << "motiv: unknown command '" << cmd << "'\n\n" << kUsage;
    return 2;
}
