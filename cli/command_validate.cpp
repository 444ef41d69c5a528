// motiv validate FILE...: load and compile each rule file, report every problem.
#include <boost/program_options.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/options.hpp"
#include "core/engine/compiled_scheme.hpp"
#include "core/errors.hpp"
#include "apps/plantest/lint.hpp"
#include "apps/logs/load_logs.hpp"
#include "core/rules/loader.hpp"

namespace po = boost::program_options;

namespace motiv::cli {

int validate(const std::vector<std::string>& args) {
    po::options_description opts("motiv validate FILE... -- check rule files\n\noptions", help_width());
    opts.add_options()("help,h", "show this help")("strict", "exit 1 when the plan linter warns")
        ("json", "print one JSON object per file in an array: ok, the scheme's figures, notes, warnings and errors");
    po::options_description hidden;
    hidden.add_options()("file", po::value<std::vector<std::string>>()->composing(), "rule file(s)");
    po::positional_options_description pos;
    pos.add("file", -1);
    po::variables_map vm = parse_options(args, opts, &hidden, &pos);
    po::notify(vm);
    if (vm.count("help")) {
        std::cout << opts << "\nExit status: 0 if every file is valid, 1 otherwise (every error is listed).\n"
                             "Warnings of the plan linter (motiv.lint.6xx: falling tier rates, unreachable components, units that\n"
                             "do not match, on-target earnings not paid...) do not change it, unless --strict.\n";
        return 0;
    }
    if (!vm.count("file")) throw po::error("validate needs at least one rule file");
    const bool json = vm.count("json") > 0;
    nlohmann::json all = nlohmann::json::array();
    int status = 0;
    for (const auto& path : vm["file"].as<std::vector<std::string>>()) {
        nlohmann::json doc = {{"file", path}};
        try {
            const std::string text = read_rule_file(path);
            auto cs = CompiledScheme::compile(load_scheme(text, path));
            const Scheme& s = cs->scheme();
            const auto log_rules = load_log_rules_if_any(text, path, s);
            std::size_t components = 0;
            for (const auto& r : s.roles) components += r.components.size();
            const auto report = plantest::lint(*cs);
            if (!report.warnings.empty() && vm.count("strict")) status = 1;
            if (json) {
                doc.update({{"ok", true}, {"scheme", s.name}, {"version", s.version}, {"roles", s.roles.size()}, {"components", components},
                            {"parameters", s.parameters.size()}, {"inputs", s.inputs.size()}, {"logs_section", log_rules.has_value()},
                            {"sha256", s.sha256}, {"notes", report.notes}, {"warnings", nlohmann::json::array()}, {"errors", nlohmann::json::array()}});
                for (const auto& w : report.warnings) doc["warnings"].push_back({{"id", w.id}, {"file", path}, {"pointer", w.pointer}, {"message", w.message}});
                all.push_back(std::move(doc));
                continue;
            }
            std::cout << "ok: " << path << ": scheme " << s.name << " " << s.version << ", " << s.roles.size() << " roles, "
                      << components << " components, " << s.parameters.size() << " parameters, " << s.inputs.size()
                      << " inputs" << (log_rules ? ", logs section" : "") << "; sha256 " << s.sha256 << "\n";
            for (const auto& n : report.notes) std::cout << "  " << n << "\n";
            for (const auto& w : report.warnings) std::cout << "warning [" << w.id << "] " << path << " (" << w.pointer << ") " << w.message << "\n";
        } catch (const RuleError& e) {
            status = 1;
            if (json) {
                doc.update({{"ok", false}, {"errors", nlohmann::json::array()}});
                for (const auto& i : e.issues()) doc["errors"].push_back(issue_json(i));
                all.push_back(std::move(doc));
                continue;
            }
            std::cerr << e.what() << "\n" << path << ": " << e.issues().size() << (e.issues().size() == 1 ? " error\n" : " errors\n");
        }
    }
    if (json) print_json(all);
    return status;
}

}  // namespace motiv::cli
