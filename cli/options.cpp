#include "cli/options.hpp"

#include <cstdlib>
#include <iostream>

#include "core/errors.hpp"
#include "core/errors/catalogue.hpp"
#include "core/io/atomic_file.hpp"
#include "core/text/suggest.hpp"

namespace po = boost::program_options;

namespace motiv::cli {

po::variables_map parse_options(const std::vector<std::string>& args, const po::options_description& visible, const po::options_description* hidden,
                                const po::positional_options_description* positional) {
    po::options_description all;
    all.add(visible);
    if (hidden) all.add(*hidden);
    po::command_line_parser parser(args);
    parser.options(all);
    if (positional) parser.positional(*positional);
    po::variables_map vm;
    try {
        po::store(parser.run(), vm);
    } catch (const po::unknown_option& e) {
        std::string given = e.get_option_name();
        std::vector<std::string> known;
        for (const auto& o : visible.options()) known.push_back("--" + o->long_name());
        std::string hint;
        if (given.size() == 2 && given[0] == '-' && given[1] != '-') {
            // An unknown short option: the long options it could stand for.
            if (given == "-l")
                for (const auto& k : known)
                    if (k == "--lang") hint = " (-l is --logs in every command; use --lang)";
        } else {
            hint = text::did_you_mean(given.substr(0, given.find('=')), known);
        }
        throw po::error("unrecognised option '" + given + "'" + hint);
    }
    return vm;
}

unsigned help_width() {
    if (const char* c = std::getenv("COLUMNS")) {
        const long n = std::strtol(c, nullptr, 10);
        if (n >= 60 && n <= 400) return static_cast<unsigned>(n);
    }
    return 100;
}

std::string read_input(const std::string& path) {
    if (path != "-") return io::read_file(path);
    // The same bound as a file (io::read_file): a pipe cannot make motiv allocate without limit.
    constexpr std::size_t kMax = std::size_t{1} << 30;
    std::string out;
    char buf[1 << 16];
    while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
        out.append(buf, static_cast<std::size_t>(std::cin.gcount()));
        if (out.size() > kMax) throw IoError(err::io_too_large, "standard input is larger than 1 GiB");
    }
    if (std::cin.bad()) throw IoError(err::io_cannot_read, "cannot read standard input");
    return out;
}

void add_csv_format_option(boost::program_options::options_description& opts) {
    opts.add_options()("format", boost::program_options::value<std::string>()->default_value("csv"),
                       "csv: safe to open in a spreadsheet (a cell like =HYPERLINK(...) gets a leading '); csv-raw: every cell as it is, for programs");
}

data::CellGuard csv_format(const boost::program_options::variables_map& vm) {
    const std::string f = vm["format"].as<std::string>();
    if (f == "csv") return data::CellGuard::spreadsheet;
    if (f == "csv-raw") return data::CellGuard::raw;
    throw boost::program_options::error("unknown --format '" + f + "'; expected csv or csv-raw");
}

}  // namespace motiv::cli
