// The `motiv` command-line tool: one function per subcommand, each parsing its own options with
// Boost.Program_options. Exit codes: 0 success, 1 bad rules/data/computation (errors on stderr),
// 2 wrong usage.
#pragma once

#include <string>
#include <vector>

namespace motiv::cli {

int validate(const std::vector<std::string>& args);
int payroll(const std::vector<std::string>& args);
int explain(const std::vector<std::string>& args);
int test(const std::vector<std::string>& args);
int whatif(const std::vector<std::string>& args);
int statements(const std::vector<std::string>& args);

// "a,b" "c" -> a, b, c: a list option may be repeated or comma-separated; empty items are dropped.
std::vector<std::string> comma_list(const std::vector<std::string>& values);
int run_periods(const std::vector<std::string>& args);
int report(const std::vector<std::string>& args);

// Runs `body`, turning motiv's exceptions into messages on stderr and exit code 1.
int guarded(int (*body)(const std::vector<std::string>&), const std::vector<std::string>& args);

}  // namespace motiv::cli
