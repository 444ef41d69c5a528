#include "cli/options.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <iterator>

#include "core/errors.hpp"
#include "core/io/atomic_file.hpp"

namespace po = boost::program_options;

namespace motiv::cli {

namespace {

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

}  // namespace

std::string closest(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_d = std::max<std::size_t>(1, word.size() / 3) + 1;
    for (const auto& c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (d < best_d) best = c, best_d = d;
    }
    if (best.empty() && word.size() >= 3) {
        std::vector<std::string> prefixed;
        std::copy_if(candidates.begin(), candidates.end(), std::back_inserter(prefixed), [&](const std::string& c) { return c.rfind(word, 0) == 0; });
        if (prefixed.size() == 1) best = prefixed[0];
    }
    return best;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
    const std::string c = closest(word, candidates);
    return c.empty() ? "" : " (did you mean '" + c + "'?)";
}

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
            hint = did_you_mean(given.substr(0, given.find('=')), known);
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
        if (out.size() > kMax) throw IoError("motiv.io_error.004", "standard input is larger than 1 GiB");
    }
    if (std::cin.bad()) throw IoError("motiv.io_error.001", "cannot read standard input");
    return out;
}

}  // namespace motiv::cli
