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
int report(const std::vector<std::string>& args);

// Runs `body`, turning motiv's exceptions into messages on stderr and exit code 1.
int guarded(int (*body)(const std::vector<std::string>&), const std::vector<std::string>& args);

}  // namespace motiv::cli
