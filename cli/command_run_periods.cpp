// motiv run-periods: pay a sequence of months with carried state (draws, clawbacks, bonus
// true-ups, team overrides, retro differences); write the pay CSV and the state atomically.
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/json_output.hpp"
#include "cli/options.hpp"
#include "cli/period_input.hpp"
#include "core/data/people_table.hpp"
#include "core/errors.hpp"
#include "core/errors/catalogue.hpp"
#include "apps/export/output_files.hpp"
#include "core/io/atomic_file.hpp"
#include "apps/periods/corrections.hpp"
#include "apps/periods/period_run.hpp"
#include "core/rules/loader.hpp"

namespace po = boost::program_options;

namespace motiv::cli {

namespace {

// One row per person and period: what the engine earned, each kind of period line, the total paid,
// and the state carried after it.
std::string pay_csv(const std::vector<periods::PeriodPay>& pays, const Scheme& s) {
    const int mu = s.currency.minor_units;
    std::string out;
    data::append_csv_row(out, {"id", "name", "role", "period", "earned", "bonus", "team_override", "retro", "clawback", "draw", "total",
                               "draw_balance", "clawback_pending", "scheme", "version", "rules_sha256"});
    for (const auto& pay : pays)
        for (const auto& pp : pay.people) {
            const Payslip& p = pp.payslip;
            std::vector<std::string> row = {p.person, p.name, p.role, p.period, pp.earned.to_string_fixed(mu)};
            for (const char* kind : {"bonus", "team_override", "retro", "clawback", "draw"}) {
                Decimal sum;
                for (const auto& l : p.lines)
                    if (l.kind == kind) sum = sum + l.amount;
                row.push_back(sum.to_string_fixed(mu));
            }
            row.push_back(p.total.to_string_fixed(mu));
            const periods::PersonState* st = pay.state.person(p.person);
            row.push_back(st->draw_balance.to_string_fixed(mu));
            row.push_back(st->clawback_pending.to_string_fixed(mu));
            for (const std::string* v : {&s.name, &s.version, &s.sha256}) row.push_back(*v);
            data::append_csv_row(out, row);
        }
    return out;
}

// --json: each period's people, total and notes, the pay rows as written, --explain's payslips.
nlohmann::json result_json(const std::vector<periods::PeriodPay>& pays, const Scheme& s, const std::string& csv, const std::string& out,
                           const po::variables_map& vm) {
    const int mu = s.currency.minor_units;
    nlohmann::json doc = {{"currency", s.currency.code}, {"periods", nlohmann::json::array()}, {"rows", csv_records(csv, out)},
                          {"wrote", {out, vm["state-out"].as<std::string>()}}};
    if (vm.count("explain")) doc["explain"] = nlohmann::json::array();
    for (const auto& pay : pays) {
        Decimal total;
        nlohmann::json notes = pay.notes;
        for (const auto& pp : pay.people) {
            total = total + pp.payslip.total;
            for (const auto& n : pp.notes) notes.push_back(pp.payslip.person + ": " + n);
            if (vm.count("explain") && pp.payslip.person == vm["explain"].as<std::string>()) doc["explain"].push_back(pp.payslip.to_json());
        }
        doc["periods"].push_back({{"period", pay.period.to_string()}, {"people", pay.people.size()}, {"total", total.to_string_fixed(mu)}, {"notes", notes}});
    }
    return doc;
}

}  // namespace

int run_periods(const std::vector<std::string>& args) {
    po::options_description opts("motiv run-periods -- pay a sequence of months, carrying each person's state between them\n\noptions", help_width());
    opts.add_options()
        ("help,h", "show this help")
        ("rules,r", po::value<std::string>()->required(), "rule file (JSON), with a \"periods\" section")
        ("data,d", po::value<std::string>()->required(), "people and inputs: one CSV with a period column ('-': standard input), or a directory\n"
                                                          "of people_YYYY-MM.csv")
        ("from", po::value<std::string>()->required(), "first period to pay, YYYY-MM (the month after --state-in's last)")
        ("to", po::value<std::string>()->required(), "last period to pay, YYYY-MM")
        ("state-in", po::value<std::string>(), "state carried from earlier runs (JSON written by --state-out); none = a fresh start")
        ("state-out", po::value<std::string>()->required(), "where to write the state after --to (atomically)")
        ("out,o", po::value<std::string>()->required(), "pay CSV to write (atomically): one row per person and period; '-' for standard output")
        ("cancellations", po::value<std::string>(), "cancelled deals CSV (deal_id, person, amount, paid_period, payment_date, cancel_date)")
        ("corrections", po::value<std::string>(), "corrected inputs of past periods (people CSV with a period column), paid as retro lines in --from")
        ("recompute", po::value<std::vector<std::string>>()->composing(), "a past period YYYY-MM to recompute from stored inputs with this rule file, in --from (repeatable)")
        ("accept-rules-change", po::value<std::string>(), "OLD_SHA256:NEW_SHA256 -- allow recomputing pay made with rule file OLD using this one (NEW)")
        ("explain", po::value<std::string>(), "print this person's payslip, with every line's derivation, for each period")
        ("set,s", po::value<std::vector<std::string>>(), "a what-if: override a parameter, name=value (repeatable; as motiv whatif --set), e.g. a draw amount the periods section names")
        ("force,f", "replace OUT and the state file if they exist")
        ("json", "print each period's people, total and notes, the pay rows (and --explain's payslips) as JSON")
        ("quiet,q", "do not print the summary");
    po::variables_map vm = parse_options(args, opts);
    if (vm.count("help")) {
        std::cout << opts << "\nEvery period is computed before anything is written: on any error nothing is written and the exit\n"
                             "status is 1. Each row names the SHA-256 of the rule file; so does every period in the state.\n";
        return 0;
    }
    po::notify(vm);
    const std::string out = vm["out"].as<std::string>();
    if (out == "-" && (vm.count("json") || vm.count("explain")))
        throw po::error("--out - prints the pay CSV on standard output; it does not combine with --json or --explain");
    const Period from = period_option(vm, "from"), to = period_option(vm, "to");
    auto cs = CompiledScheme::compile(
        load_scheme_file(vm["rules"].as<std::string>(), parse_sets(vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{})));
    const Scheme& s = cs->scheme();
    periods::CarriedState state;
    if (vm.count("state-in")) state = periods::CarriedState::read_file(vm["state-in"].as<std::string>(), s.currency.minor_units);

    const std::string data = vm["data"].as<std::string>();
    const bool dir = data != "-" && std::filesystem::is_directory(data);
    std::optional<data::CsvTable> table;
    if (!dir) table = data::parse_csv(read_input(data), data);
    std::vector<periods::Cancellation> cancellations;
    if (vm.count("cancellations")) cancellations = periods::read_cancellations(data::read_csv_file(vm["cancellations"].as<std::string>()), s.currency.minor_units);
    std::vector<periods::Correction> corrections;
    if (vm.count("corrections")) corrections = periods::read_corrections(data::read_csv_file(vm["corrections"].as<std::string>()), *cs);
    std::vector<Period> recompute;
    if (vm.count("recompute"))
        for (const auto& text : vm["recompute"].as<std::vector<std::string>>()) recompute.push_back(parse_period_option(text, "recompute"));
    std::optional<periods::RulesChange> accepted;
    if (vm.count("accept-rules-change")) {
        const std::string v = vm["accept-rules-change"].as<std::string>();
        const auto colon = v.find(':');
        if (colon == std::string::npos) throw po::error("--accept-rules-change must be OLD_SHA256:NEW_SHA256");
        accepted = periods::RulesChange{v.substr(0, colon), v.substr(colon + 1)};
    }

    const bool explaining = vm.count("explain") > 0;
    auto inputs_for = [&](const Period& p) {
        periods::PeriodInputs in;
        if (dir) {
            const auto t = data::read_csv_file((std::filesystem::path(data) / ("people_" + p.to_string() + ".csv")).string());
            in.people = data::read_people(t, *cs, p);
        } else {
            in.people = data::read_people(*table, *cs, p);
        }
        if (in.people.empty())
            throw DataError({Issue{.id = err::data_nobody_to_pay, .file = data, .field = "period", .message = "no people to pay for period " + p.to_string() + "; nothing was written"}});
        in.cancellations = cancellations;
        if (p == from) {
            in.corrections = corrections;
            in.recompute = recompute;
        }
        in.accept_rules_change = accepted;
        in.explain = explaining ? Explain::full : Explain::none;
        return in;
    };
    const auto pays = periods::pay_periods(*cs, from, to, inputs_for, std::move(state));

    const auto overwrite = vm.count("force") ? io::Overwrite::replace : io::Overwrite::refuse;
    const std::string csv = pay_csv(pays, s);
    const std::string state_json = pays.back().state.to_json(s.currency.minor_units).dump(1) + "\n";
    // The pay and the state it leads to are one set: never the one without the other. With --out -,
    // the state is written first and the pay printed after it: a failed state write prints no pay.
    if (out == "-") {
        exports::write_all({{vm["state-out"].as<std::string>(), state_json}}, overwrite, {vm["rules"].as<std::string>()});
        std::cout << csv;
        return 0;
    }
    exports::write_all({{out, csv}, {vm["state-out"].as<std::string>(), state_json}}, overwrite, {vm["rules"].as<std::string>()});
    if (vm.count("json")) {
        print_json(result_json(pays, s, csv, out, vm));
        return 0;
    }
    if (explaining) {
        for (const auto& pay : pays)
            for (const auto& pp : pay.people)
                if (pp.payslip.person == vm["explain"].as<std::string>()) {
                    std::cout << pp.payslip.to_text();
                    for (const auto& n : pp.notes) std::cout << "  note: " << n << "\n";
                    std::cout << "\n";
                }
    }
    if (!vm.count("quiet")) {
        const int mu = s.currency.minor_units;
        for (const auto& pay : pays) {
            Decimal total;
            for (const auto& pp : pay.people) total = total + pp.payslip.total;
            std::cout << pay.period.to_string() << "  " << pay.people.size() << " people  " << total.to_display(mu) << " " << s.currency.code << "\n";
            for (const auto& pp : pay.people)
                for (const auto& n : pp.notes) std::cout << "  " << pp.payslip.person << ": " << n << "\n";
            for (const auto& n : pay.notes) std::cout << "  " << n << "\n";
        }
        std::cout << "wrote " << vm["out"].as<std::string>() << " and " << vm["state-out"].as<std::string>() << "\n";
    }
    return 0;
}

}  // namespace motiv::cli
