// The entry points of motiv's fuzz targets, shared with the Catch2 replay test.
//
// Rule files and data are untrusted input. Each function below feeds raw bytes through one path
// that untrusted input takes -- rule file -> scheme -> payslips, formula -> program -> values,
// CSV -> people -> payroll, logs -> KPIs -> payroll and report, carried state or a rule file's
// "periods" section -> months paid -- and swallows the errors that path promises to throw (motiv::Error
// and its subclasses; expr::SyntaxError and expr::CompileError from the formula layer). Anything
// else escaping -- another exception, a crash, a sanitizer report, a hang -- is a bug.
//
// Header-only on purpose: the libFuzzer targets (fuzz/fuzz_*.cpp, built by fuzz/CMakeLists.txt
// with clang) and tests/core/fuzz_regressions_test.cpp (built with g++ and every warning) include
// this one file, so replaying fuzz/regressions/ runs exactly the code that was fuzzed.
// Needs MOTIV_SOURCE_DIR (the repository root), for the CSV target's rules/three_tier.json.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/batch/isa.hpp"
#include "core/batch/lowered_program.hpp"
#include "core/data/csv.hpp"
#include "core/data/people_table.hpp"
#include "core/engine/compiled_scheme.hpp"
#include "core/engine/compute.hpp"
#include "core/errors.hpp"
#include "core/errors/catalogue.hpp"
#include "apps/export/csv_export.hpp"
#include "apps/export/jsonl_export.hpp"
#include "apps/export/statement_html.hpp"
#include "apps/export/statement_text.hpp"
#include "core/expr/compiler.hpp"
#include "core/expr/parser.hpp"
#include "apps/logs/derive.hpp"
#include "apps/logs/log_table.hpp"
#include "apps/logs/read_logs.hpp"
#include "apps/logs/report.hpp"
#include "core/payroll/payroll.hpp"
#include "apps/periods/period_run.hpp"
#include "apps/periods/state.hpp"
#include "apps/periods/state_seal.hpp"
#include "core/rules/json_document.hpp"
#include "apps/logs/load_logs.hpp"
#include "core/rules/loader.hpp"

#ifndef MOTIV_SOURCE_DIR
#error "fuzz/entry.hpp needs MOTIV_SOURCE_DIR, the repository root"
#endif

namespace motiv::fuzz {

namespace detail {

inline Decimal dec(std::string_view text) { return *Decimal::parse(text); }

// A few fixed values per lane: zero, typical KPIs, a value near the top of the range (overflow
// paths), a negative one (the evaluator must cope even where data validation would refuse it).
inline Decimal lane_value(expr::ValueType type, std::size_t lane, std::size_t name_index) {
    if (type == expr::ValueType::boolean) return Decimal::from_int(static_cast<std::int64_t>((lane + name_index) % 2));
    static const std::array<std::string_view, 4> money{"0", "1250000.00", "99999999999999999999.99", "-12345.67"};
    static const std::array<std::string_view, 4> number{"0", "230", "170000000000000000000", "-0.000000001"};
    return dec(type == expr::ValueType::money ? money[lane % 4] : number[(lane + name_index) % 4]);
}

// Ordinary values, for the lowering check: a block of them stays in the int64 range, so the
// batch engine's fast path runs. Money and numbers at 2 places, conditions 0 or 1. Set 0 is small
// enough for the exact double division (operands below 2^53 at the quotient's 9 places), set 1
// large enough for the integer one; 3 / 1024 = 0.0029296875 is a tie at 9 places, half-even rounds it up.
inline constexpr int kOrdinaryScale = 2;
inline Decimal ordinary_value(expr::ValueType type, std::size_t set, std::size_t lane, std::size_t name_index) {
    if (type == expr::ValueType::boolean) return Decimal::from_int(static_cast<std::int64_t>((lane + name_index) % 2));
    static const std::array<std::array<std::string_view, 8>, 2> money{{{"0", "1250.00", "3000.50", "-123.67", "0.01", "999.99", "30000", "80000"},
                                                                      {"0", "1250000.00", "300000.50", "-12345.67", "0.01", "999.99", "30000000", "100000000"}}};
    static const std::array<std::array<std::string_view, 8>, 2> number{{{"0", "230", "2880.5", "-3.25", "0.15", "3", "1024", "75"},
                                                                       {"0", "230", "2880.5", "-3.25", "0.15", "3", "1024", "100000"}}};
    return dec((type == expr::ValueType::money ? money : number)[set % 2][(lane + name_index) % 8]);
}

// Values for one person's inputs: set 0 leaves every input empty (missing inputs), the others fill
// each input with a value of its kind, from ordinary to extreme.
inline std::optional<Decimal> input_value(Kind kind, std::size_t set, std::size_t index) {
    static const std::array<std::string_view, 5> money{"0", "1250000.00", "300000.50", "99999999999999999999.99", "-0.01"};
    static const std::array<std::string_view, 5> number{"0", "230", "2880", "1700000000000000000000", "-3.5"};
    static const std::array<std::string_view, 5> count{"0", "22", "1", "4000000000000000000", "7"};
    static const std::array<std::string_view, 5> ratio{"0", "0.96", "0.15", "1000000000000", "-1"};
    if (set == 0) return std::nullopt;
    const std::size_t k = (set - 1 + index) % 5;
    switch (kind) {
        case Kind::money: return dec(money[k]);
        case Kind::count: return dec(count[k]);
        case Kind::ratio: return dec(ratio[k]);
        default: return dec(number[k]);
    }
}

// What every user of a payslip does with it: the JSON export and the text with explanation trees.
inline void consume(const Payslip& slip) {
    (void)slip.to_json().dump();
    (void)slip.to_text(true);
}

// What a user of a month's pay reads: every payslip with its explanations, the notes, the state
// written back (as run-periods --state-out does) and read again.
inline void consume(const periods::PeriodPay& pay, int minor_units) {
    for (const auto& pp : pay.people) {
        consume(pp.payslip);
        for (const auto& n : pp.notes) (void)n.size();
    }
    const std::string text = pay.state.to_json(minor_units).dump();
    (void)periods::CarriedState::parse(text, "<fuzz state out>", minor_units);
}

// What every user of an error does with it: read its text and, for a list, each issue's.
inline void consume(const Error& e) {
    (void)std::string(e.what());
    if (const auto* list = dynamic_cast<const IssueError*>(&e))
        for (const auto& issue : list->issues()) (void)issue.describe();
}

}  // namespace detail

// Target "rules": bytes -> load_scheme -> CompiledScheme::compile -> the "logs" section read -> a
// payslip for each role, for a few periods and a few fixed sets of inputs (the evaluator and the
// explanations run too).
inline void rules_entry(std::string_view bytes) {
    std::shared_ptr<const CompiledScheme> scheme;
    try {
        scheme = CompiledScheme::compile(load_scheme(bytes, "<fuzz>"));
    } catch (const Error& e) {
        detail::consume(e);
        return;
    }
    const Scheme& s = scheme->scheme();
    try {  // the "logs" section, as motiv validate reads it
        (void)load_log_rules_if_any(bytes, "<fuzz>", s);
    } catch (const Error& e) {
        detail::consume(e);
    }
    for (const char* period_text : {"2026-10", "2026-01", "1900-01"}) {
        const Period period = *Period::parse(period_text);
        std::optional<BoundParameters> params;
        try {
            params = scheme->bind(period);
        } catch (const Error& e) {
            detail::consume(e);
            continue;
        }
        for (const CompiledRole& role : scheme->roles()) {
            for (std::size_t set = 0; set < 6; ++set) {
                PersonInputs person;
                person.id = "fuzz-" + std::to_string(set);
                person.role = role.rule->name;
                person.source = "<fuzz>";
                for (std::size_t i = 0; i < s.inputs.size(); ++i) person.values.push_back(detail::input_value(s.inputs[i].kind, set, i));
                // Half the sets with explanations (explain, the Python API), half without (payroll runs).
                const Explain explain = set % 2 == 0 ? Explain::full : Explain::none;
                try {
                    detail::consume(compute_payslip(*scheme, *params, person, explain));
                } catch (const Error& e) {
                    detail::consume(e);
                }
            }
        }
    }
}

// The batch engine's int64 lowering (core/batch/lowered_program.hpp) must compute what the
// Decimal program computes on every row it vouches for -- the block in range, the row not marked
// for redo (a zero divisor) -- under every instruction-set variant this build and CPU run. Any
// difference is a wrong amount in a batch, so it throws std::logic_error: a finding.
// check_lowering (below) on one set of detail::ordinary_value.
inline void check_lowering_on(const expr::Program& program, const expr::CompiledFormula& code,
                              const std::vector<std::pair<expr::Symbol, std::size_t>>& used, std::span<const expr::TierTable> tables, std::size_t set) {
    constexpr std::size_t kRows = 8;
    expr::Frame want(program.slot_count, kRows);
    program.load_constants(want);
    std::vector<batch::LoweredProgram::Input> inputs;
    for (const auto& [sym, index] : used) {
        inputs.push_back({sym.slot, sym.type == expr::ValueType::boolean ? 0 : detail::kOrdinaryScale});
        for (std::size_t row = 0; row < kRows; ++row) want.value(sym.slot)[row] = detail::ordinary_value(sym.type, set, row, index);
    }
    program.run(want, kRows, tables);
    const expr::Slot result = code.slot;
    const auto lp = batch::LoweredProgram::lower(program, {}, inputs, tables, std::span<const expr::Slot>(&result, 1));
    if (!lp || lp->value(result).kind == batch::LoweredValue::Kind::none) return;
    std::vector<std::int64_t> start(std::max<std::size_t>(1, lp->lane_count()) * kRows, 0);
    std::vector<std::uint64_t> bounds(lp->lane_count(), 0);
    for (const auto& input : inputs) {
        const batch::LoweredValue& v = lp->value(input.slot);
        if (v.kind != batch::LoweredValue::Kind::lane) continue;
        int128 unit = 1;
        for (int k = 0; k < Decimal::kPlaces - v.scale; ++k) unit *= 10;
        for (std::size_t row = 0; row < kRows; ++row) {
            const auto x = static_cast<std::int64_t>(want.value(input.slot)[row].raw() / unit);  // exact: ordinary values fit the scale
            start[std::size_t{v.lane} * kRows + row] = x;
            bounds[v.lane] = std::max<std::uint64_t>(bounds[v.lane], x < 0 ? 0 - static_cast<std::uint64_t>(x) : static_cast<std::uint64_t>(x));
        }
    }
    if (!lp->in_range(bounds)) return;
    for (batch::Isa isa : {batch::Isa::baseline, batch::Isa::avx2, batch::Isa::x86_64_v4}) {
        if (!batch::supported(isa)) continue;
        std::vector<std::int64_t> frame = start;
        std::vector<std::uint8_t> redo(kRows, 0);
        batch::force_isa(isa);
        lp->run(frame.data(), kRows, kRows, redo.data(), bounds);
        batch::force_isa(std::nullopt);
        const batch::LoweredValue& out = lp->value(result);
        for (std::size_t row = 0; row < kRows; ++row) {
            if (redo[row] != 0) continue;  // the batch re-runs the row through the Decimal program
            if (want.fault(result)[row] != 0) throw std::logic_error("the lowered program pays a row the Decimal program faults on");
            const std::int64_t got = out.kind == batch::LoweredValue::Kind::lane ? frame[std::size_t{out.lane} * kRows + row] : out.value;
            if (!(Decimal::from_minor(got, out.scale) == want.value(result)[row]))
                throw std::logic_error(std::string("the lowered program (") + batch::to_string(isa) + ") computes " + Decimal::from_minor(got, out.scale).to_string() +
                                       " where the Decimal program computes " + want.value(result)[row].to_string());
        }
    }
}

inline void check_lowering(const expr::Program& program, const expr::CompiledFormula& code,
                           const std::vector<std::pair<expr::Symbol, std::size_t>>& used, std::span<const expr::TierTable> tables) {
    if (code.type == expr::ValueType::tiers) return;
    for (std::size_t set = 0; set < 2; ++set) check_lowering_on(program, code, used, tables, set);
}

// Target "expr": bytes -> expr::parse -> expr::compile (a few money, number and condition names and
// two tier tables; once for each expected type) -> the program run in a frame of 4 lanes, then every
// node's value and text read back as an explanation does; then the program lowered to int64 as
// the batch engine runs it, on ordinary values, and compared with the Decimal program row by row.
inline void expr_entry(std::string_view bytes) {
    using expr::Symbol;
    using expr::ValueType;
    static const std::vector<expr::TierTable> tables{
        expr::TierTable{{detail::dec("0"), detail::dec("300000"), detail::dec("1000000")},
                        {detail::dec("0.05"), detail::dec("0.07"), detail::dec("0.10")}},
        expr::TierTable{{detail::dec("-10"), detail::dec("50"), detail::dec("100")},
                        {detail::dec("0"), detail::dec("1"), detail::dec("1.5")}},
    };
    static const std::map<std::string, Symbol, std::less<>> names{
        {"revenue", Symbol{ValueType::money, 0, 0, ValueType::money}},
        {"salary", Symbol{ValueType::money, 0, 0, ValueType::money}},
        {"hunter.salary", Symbol{ValueType::money, 0, 0, ValueType::money}},
        {"calls", Symbol{ValueType::number, 0, 0, ValueType::money}},
        {"days_worked", Symbol{ValueType::number, 0, 0, ValueType::money}},
        {"farmer.cut.no_growth", Symbol{ValueType::number, 0, 0, ValueType::money}},
        {"gates_passed", Symbol{ValueType::boolean, 0, 0, ValueType::money}},
        {"flag", Symbol{ValueType::boolean, 0, 0, ValueType::money}},
        {"hunter.commission.tiers", Symbol{ValueType::tiers, 0, 0, ValueType::money}},
        {"kpi.tiers", Symbol{ValueType::tiers, 0, 1, ValueType::number}},
    };
    expr::Ast ast;
    try {
        ast = expr::parse(bytes);
    } catch (const expr::SyntaxError&) {
        return;
    }
    const std::array<std::optional<ValueType>, 4> expectations{std::nullopt, ValueType::money, ValueType::number, ValueType::boolean};
    for (const auto& expected : expectations) {
        expr::ProgramBuilder builder;
        std::vector<std::pair<Symbol, std::size_t>> used;  // symbols given a slot, with their name index
        std::map<std::string, Symbol, std::less<>> slots;
        const expr::Resolver resolve = [&](std::string_view name, std::uint32_t) -> std::optional<Symbol> {
            const auto it = names.find(name);
            if (it == names.end()) return std::nullopt;
            if (it->second.type == ValueType::tiers) return it->second;
            auto [at, fresh] = slots.try_emplace(it->first, it->second);
            if (fresh) {
                at->second.slot = builder.new_slot();
                used.emplace_back(at->second, static_cast<std::size_t>(std::distance(names.begin(), it)));
            }
            return at->second;
        };
        expr::CompiledFormula code;
        try {
            code = expr::compile(ast, builder, resolve, expected);
        } catch (const expr::CompileError&) {
            continue;
        }
        const expr::Program program = builder.finish();
        constexpr std::size_t kLanes = 4;
        expr::Frame frame(program.slot_count, kLanes);
        program.load_constants(frame);
        for (const auto& [sym, index] : used)
            for (std::size_t lane = 0; lane < kLanes; ++lane) frame.value(sym.slot)[lane] = detail::lane_value(sym.type, lane, index);
        program.run(frame, kLanes, std::span<const expr::TierTable>(tables));
        for (std::size_t lane = 0; lane < kLanes; ++lane) (void)frame.value(code.slot)[lane].to_display(2);
        for (std::size_t id = 0; id < ast.nodes.size(); ++id) {
            (void)ast.text_of(static_cast<expr::NodeId>(id));
            if (code.node_types[id] != ValueType::tiers) (void)frame.value(code.node_slots[id])[0].to_string();
        }
        check_lowering(program, code, used, std::span<const expr::TierTable>(tables));
    }
}

// The scheme the CSV target reads people against, compiled once.
inline const CompiledScheme& csv_scheme() {
    static const std::shared_ptr<const CompiledScheme> scheme =
        CompiledScheme::compile(load_scheme_file(std::string(MOTIV_SOURCE_DIR) + "/rules/three_tier.json"));
    return *scheme;
}

// Target "csv": bytes -> data::parse_csv -> data::read_people against rules/three_tier.json ->
// payroll::run for 2026-10 and its exports, then the same run with explanations, and statements.
inline void csv_entry(std::string_view bytes) {
    const CompiledScheme& scheme = csv_scheme();
    const Period period = *Period::parse("2026-10");
    try {
        const data::CsvTable table = data::parse_csv(bytes, "<fuzz>");
        const std::vector<PersonInputs> people = data::read_people(table, scheme, period);
        // As `motiv payroll` runs it (amounts only), then as `motiv explain` does (with explanations).
        const payroll::PayrollRun run = payroll::run(scheme, period, people);
        const exports::Provenance pv = exports::make_provenance(scheme.scheme(), run.period, "<fuzz>", bytes);
        (void)exports::to_csv(run, scheme.scheme(), pv, exports::csv_standard());
        (void)exports::to_csv(run, scheme.scheme(), pv, exports::csv_excel_ru());
        (void)payroll::summary_text(run);
        const payroll::PayrollRun explained = payroll::run(scheme, period, people, Explain::full);
        for (const auto& slip : explained.payslips) detail::consume(slip);
        (void)exports::to_jsonl(explained, pv);
        // Statements as `motiv statements` renders them, in both languages.
        const BoundParameters params = scheme.bind(period);
        for (const auto& person : people) {
            const exports::Statement st = exports::build_statement(scheme, params, person, pv);
            (void)exports::statement_text(st, exports::Lang::ru);
            (void)exports::statement_html(st, exports::Lang::en);
        }
    } catch (const Error& e) {
        detail::consume(e);
    }
}

// The two rule files the logs target reads logs against, compiled once: rules/three_tier.json (every
// rule but pay on collection) and rules/examples/logs_pay_on_collection.json (holds and reversals).
struct LogsScheme {
    std::shared_ptr<const CompiledScheme> scheme;
    logs::LogRules rules;
};
inline const LogsScheme& logs_scheme(bool on_collection) {
    static const auto load = [](const char* file) {
        const std::string path = std::string(MOTIV_SOURCE_DIR) + file;
        LogsScheme s{CompiledScheme::compile(load_scheme_file(path)), {}};
        s.rules = load_log_rules_file(path, s.scheme->scheme());
        return s;
    };
    static const LogsScheme three_tier = load("/rules/three_tier.json");
    static const LogsScheme collection = load("/rules/examples/logs_pay_on_collection.json");
    return on_collection ? collection : three_tier;
}

// The separator between the files of one logs input.
inline constexpr std::string_view kLogsFileSeparator = "\n%%\n";

// Target "logs": bytes -> a logs directory in memory -> read_logs -> derive, pay and the report for
// 2026-09 and 2026-10 -> every table as CSV. The input: one control byte, then the files staff,
// clients, calls, deals, contacts and exchange rates in that order, separated by "\n%%\n" (missing
// ones are empty). Bit k (k = 0..5) of the control byte reads file k as JSON (parse_json_log)
// rather than CSV; bit 6 reads them against logs_pay_on_collection.json instead of three_tier.json.
inline void logs_entry(std::string_view bytes) {
    if (bytes.empty()) return;
    const auto control = static_cast<unsigned char>(bytes[0]);
    bytes.remove_prefix(1);
    std::array<std::string_view, 6> parts{};
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::size_t end = i + 1 < parts.size() ? bytes.find(kLogsFileSeparator) : std::string_view::npos;
        parts[i] = bytes.substr(0, end);
        bytes = end == std::string_view::npos ? std::string_view() : bytes.substr(end + kLogsFileSeparator.size());
    }
    static const std::array<const char*, 6> names{"staff", "clients", "calls", "deals", "contacts", "exchange_rates"};
    const LogsScheme& ls = logs_scheme((control & 0x40) != 0);
    try {
        std::array<logs::LogTable, 6> t;
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const bool json = (control >> i) & 1;
            const std::string name = std::string(names[i]) + (json ? ".json" : ".csv");
            t[i] = json ? logs::parse_json_log(parts[i], name) : logs::LogTable(data::parse_csv(parts[i], name));
        }
        logs::LogTables tables{t[0], t[1], t[2], t[3], t[4], std::nullopt, "", {}};
        if (!ls.rules.rates_file.empty()) tables.rates = t[5];
        const logs::LogSet set = logs::read_logs(tables, ls.rules, ls.scheme->scheme());
        for (const char* period_text : {"2026-09", "2026-10"}) {
            try {
                const logs::Department dept = logs::derive(set, ls.rules, ls.scheme->scheme(), *Period::parse(period_text));
                for (const auto& table : logs::report(dept, set, ls.rules, ls.scheme->scheme())) (void)logs::to_csv(table);
                const payroll::PayrollRun run = logs::pay(dept, ls.rules, *ls.scheme);
                for (const auto& slip : run.payslips) detail::consume(slip);
            } catch (const Error& e) {
                detail::consume(e);
            }
        }
    } catch (const Error& e) {
        detail::consume(e);
    }
}


// The scheme the periods target pays carried states against: rules/examples/periods_year.json
// (a draw, a clawback and a quarterly bonus), compiled once.
inline const CompiledScheme& periods_scheme() {
    static const std::shared_ptr<const CompiledScheme> scheme =
        CompiledScheme::compile(load_scheme_file(std::string(MOTIV_SOURCE_DIR) + "/rules/examples/periods_year.json"));
    return *scheme;
}

namespace detail {

// One person's inputs of `scheme`, filled from set `set` (0 = all empty), as rules_entry does.
inline PersonInputs fuzz_person(const Scheme& s, std::string id, std::string role, std::size_t set, std::string manager = "") {
    PersonInputs p;
    p.id = std::move(id);
    p.role = std::move(role);
    p.manager = std::move(manager);
    p.source = "<fuzz>";
    for (std::size_t i = 0; i < s.inputs.size(); ++i) p.values.push_back(input_value(s.inputs[i].kind, set, i));
    return p;
}

// Pays one month and reads everything it produced; motiv's errors are expected.
inline std::optional<periods::PeriodPay> pay(const CompiledScheme& scheme, const Period& period, const periods::PeriodInputs& in,
                                             const periods::CarriedState& state) {
    try {
        periods::PeriodPay out = periods::pay_period(scheme, period, in, state);
        consume(out, scheme.scheme().currency.minor_units);
        return out;
    } catch (const Error& e) {
        consume(e);
        return std::nullopt;
    }
}

// A cancelled deal of `person`, paid in `paid`, cancelled on `on` (after the payment).
inline periods::Cancellation cancellation(std::string deal, std::string person, const Period& paid, Date on) {
    periods::Cancellation c;
    c.deal = std::move(deal);
    c.person = std::move(person);
    c.amount = dec("100000.00");
    c.paid_period = paid;
    c.paid_on = std::min(paid.last_day(), on);
    c.cancelled_on = on;
    c.source = "<fuzz>";
    return c;
}

// A carried state (run-periods --state-in, Python's state=) against periods_scheme(): the month
// after its last is paid three ways -- plainly (draws, bonuses, leavers from the state), with a
// cancellation aimed at each stored month (clawbacks recompute them), and with a correction and a
// recomputation of each stored month (retro lines) -- then the state is written back and read again.
inline void periods_state_entry(std::string_view bytes) {
    const CompiledScheme& scheme = periods_scheme();
    const Scheme& s = scheme.scheme();
    periods::CarriedState state;
    try {
        state = periods::CarriedState::parse(bytes, "<fuzz>", s.currency.minor_units);
    } catch (const DataError& e) {
        consume(e);
        // A mutated state rarely keeps its seal. Where the seal is all that is wrong, seal it again,
        // so the mutated values still reach pay_period: the seal guards against edits, the reader
        // and the months paid must still cope with whatever a sealed file holds.
        const bool only_seal = std::all_of(e.issues().begin(), e.issues().end(), [](const Issue& i) { return i.id == err::state_tampered; });
        if (!only_seal) return;
        nlohmann::json j = nlohmann::json(parse_json_exact(bytes, "<fuzz>", nullptr, periods::kMaxStateBytes));
        periods::seal_state(j);
        try {
            state = periods::CarriedState::from_json(j, "<fuzz resealed>", s.currency.minor_units);
        } catch (const Error& again) {
            consume(again);
            return;
        }
    } catch (const Error& e) {
        consume(e);
        return;
    }
    (void)state.to_json(s.currency.minor_units).dump();
    Period period{2026, 1};
    if (const auto last = Period::parse(state.last_period))
        if (const auto next = Period::parse(periods::next_period(*last).to_string())) period = *next;  // not past 9999-12
    constexpr std::size_t kMaxPeople = 16, kMaxEvents = 32;
    periods::PeriodInputs plain, cancelled, corrected;
    for (std::size_t i = 0; i < state.people.size() && i < kMaxPeople; ++i) {
        const periods::PersonState& ps = state.people[i];
        const std::string role = s.find_role(ps.role) ? ps.role : "hunter";
        plain.people.push_back(fuzz_person(s, ps.person, role, 1 + i % 4));
        for (const auto& rec : ps.history) {
            const auto paid = Period::parse(rec.period);
            if (!paid || cancelled.cancellations.size() >= kMaxEvents) continue;
            cancelled.cancellations.push_back(cancellation("D-" + std::to_string(cancelled.cancellations.size()), ps.person, *paid, period.first_day()));
            if (!(paid->first_day() < period.first_day())) continue;
            corrected.corrections.push_back({*paid, fuzz_person(s, ps.person, s.find_role(rec.role) ? rec.role : role, 2 + i % 3)});
            corrected.recompute.push_back(*paid);
            corrected.accept_rules_change = periods::RulesChange{rec.rules_sha256, s.sha256};
        }
    }
    plain.people.push_back(fuzz_person(s, "new-farmer", "farmer", 3));
    cancelled.people = corrected.people = plain.people;
    (void)pay(scheme, period, plain, state);
    (void)pay(scheme, period, cancelled, state);
    (void)pay(scheme, period, corrected, state);
}

// A rule file with a "periods" section: loaded, compiled, then 2026-01..2026-04 paid month by month
// with the state carried, for two people of each role (the second managed by the first, for team
// overrides), a deal of each person paid in January and cancelled in February, a correction of
// January in March and January recomputed in April.
inline void periods_rules_entry(std::string_view bytes) {
    std::shared_ptr<const CompiledScheme> scheme;
    try {
        scheme = CompiledScheme::compile(load_scheme(bytes, "<fuzz>"));
    } catch (const Error& e) {
        consume(e);
        return;
    }
    const Scheme& s = scheme->scheme();
    std::vector<PersonInputs> people;
    for (std::size_t r = 0; r < s.roles.size() && r < 8; ++r) {
        const std::string boss = "p" + std::to_string(r) + "a";
        people.push_back(fuzz_person(s, boss, s.roles[r].name, 1 + r % 4));
        people.push_back(fuzz_person(s, "p" + std::to_string(r) + "b", s.roles[r].name, 2 + r % 4, boss));
    }
    periods::CarriedState state;
    for (const char* month : {"2026-01", "2026-02", "2026-03", "2026-04"}) {
        const Period period = *Period::parse(month);
        periods::PeriodInputs in;
        in.people = people;
        in.explain = period.month % 2 == 0 ? Explain::full : Explain::none;
        const Period jan{2026, 1};
        if (period.month == 2)
            for (const auto& p : people) in.cancellations.push_back(cancellation("D-" + p.id, p.id, jan, *parse_iso_date("2026-02-15")));
        if (period.month == 3 && !people.empty()) in.corrections.push_back({jan, fuzz_person(s, people[0].id, people[0].role, 4)});
        if (period.month == 4) in.recompute.push_back(jan);
        auto out = pay(*scheme, period, in, state);
        if (!out) {
            // A month refused (e.g. a cancellation with no clawback rule): pay it plainly to go on.
            in.cancellations.clear();
            out = pay(*scheme, period, periods::PeriodInputs{people, {}, {}, {}, std::nullopt, in.explain}, state);
            if (!out) return;
        }
        state = std::move(out->state);
    }
}

}  // namespace detail

// Target "state": bytes are a carried state, read as run-periods --state-in reads it; see
// periods_state_entry above for the months it pays.
inline void state_entry(std::string_view bytes) { detail::periods_state_entry(bytes); }

// Target "periods": bytes are a carried state (JSON with "motiv_state", read as run-periods
// --state-in reads it) or a rule file whose "periods" section the months exercise; see
// periods_state_entry and periods_rules_entry above for what each pays.
inline void periods_entry(std::string_view bytes) {
    if (bytes.find("\"motiv_state\"") != std::string_view::npos) detail::periods_state_entry(bytes);
    else detail::periods_rules_entry(bytes);
}

}  // namespace motiv::fuzz
