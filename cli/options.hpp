// The one option grammar of every `motiv` command, on top of Boost.Program_options:
//   - long options `--name VALUE` / `--name=VALUE`; a short option means one thing in every command
//     (-r rules, -d data, -p period, -o out, -l logs, -f force, -q quiet, -h help, -j threads,
//     -s set); `--lang` has no short form (it was -l in some commands);
//   - `--out` is where results go: a file for a command writing one file, a directory for one
//     writing several; `-` as a file name is standard input (--data, --rules) or output;
//   - a mistyped option, command or value gets "did you mean ...?";
//   - internal options (the positional `file` of validate and test, deprecated aliases) are
//     accepted but not shown in --help.
// Boost.Program_options stays (CLI11 would replace ~40 lines of this file, not the commands' option
// tables; see docs/cli.md).
#pragma once

#include <boost/program_options.hpp>
#include <string>
#include <vector>

#include "core/data/csv.hpp"

namespace motiv::cli {

// Parses `args` against `visible` (shown by --help) and `hidden` (accepted, not shown), with
// `positional` when given. Throws boost::program_options::error; an unknown option's message says
// which known option was probably meant ("unrecognised option '--perod' (did you mean '--period'?)").
boost::program_options::variables_map parse_options(const std::vector<std::string>& args, const boost::program_options::options_description& visible,
                                                    const boost::program_options::options_description* hidden = nullptr,
                                                    const boost::program_options::positional_options_description* positional = nullptr);

// The terminal's width for help text (COLUMNS, else 100), at least 60.
unsigned help_width();

// `--format csv|csv-raw` of the commands that write only CSV tables (report, whatif), spelt as
// payroll's: csv (the default) is safe to open in a spreadsheet -- cells that could run as formulas
// get a leading ' -- and csv-raw writes every cell as it is, for programs. csv_format() reads it
// (boost::program_options::error for another value).
void add_csv_format_option(boost::program_options::options_description& opts);
data::CellGuard csv_format(const boost::program_options::variables_map& vm);

// The bytes of a file named by an option, `-` being standard input (read once; IoError otherwise).
std::string read_input(const std::string& path);

}  // namespace motiv::cli
