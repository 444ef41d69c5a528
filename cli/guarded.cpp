#include <boost/algorithm/string/split.hpp>
#include <boost/program_options/errors.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "core/errors.hpp"

namespace motiv::cli {

std::vector<std::string> comma_list(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const auto& v : values) {
        std::vector<std::string> parts;
        boost::split(parts, v, [](char c) { return c == ','; });
        for (auto& p : parts)
            if (!p.empty()) out.push_back(std::move(p));
    }
    return out;
}

int guarded(int (*body)(const std::vector<std::string>&), const std::vector<std::string>& args) {
    try {
        return body(args);
    } catch (const boost::program_options::error& e) {
        std::cerr << "motiv: " << e.what() << " (see --help)\n";
        return 2;
    } catch (const IssueError& e) {
        std::cerr << e.what() << "\n";
        std::cerr << e.issues().size() << (e.issues().size() == 1 ? " error" : " errors") << "\n";
        return 1;
    } catch (const IoError& e) {
        std::cerr << "[" << e.id() << "] " << e.what() << "\n";
        return 1;
    } catch (const Error& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
}

}  // namespace motiv::cli
