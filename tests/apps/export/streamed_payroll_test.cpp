// The streamed run (`motiv payroll` on a people CSV) against the run held in memory: the same bytes
// in every export, the same errors, on a seeded population with tier edges, rounding ties,
// joiners and leavers, rows of other periods, empty optional inputs and names that need quoting,
// across several chunks.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>

#include "core/data/csv.hpp"
#include "core/data/people_table.hpp"
#include "core/errors.hpp"
#include "apps/export/csv_export.hpp"
#include "apps/export/jsonl_export.hpp"
#include "apps/export/payroll_exports.hpp"
#include "core/io/atomic_file.hpp"
#include "core/payroll/payroll.hpp"
#include "core/payroll/payroll_stream.hpp"
#include "tests/core/batch/seeded_rows.hpp"

namespace motiv::test {
namespace {

namespace fs = std::filesystem;

const Period kOct = *Period::parse("2026-10");

std::string fixed(std::int64_t v, int places) {
    if (places == 0) return std::to_string(v);
    std::string d = std::to_string(v);
    if (d.size() <= static_cast<std::size_t>(places)) d.insert(0, static_cast<std::size_t>(places) + 1 - d.size(), '0');
    return d.substr(0, d.size() - static_cast<std::size_t>(places)) + "." + d.substr(d.size() - static_cast<std::size_t>(places));
}

// A people CSV of `n` seeded rows (seeded_rows.hpp's edges), dated and spelled in every way the
// reader accepts.
std::string population_csv(const CompiledScheme& cs, std::size_t n, std::uint32_t seed) {
    const Scheme& s = cs.scheme();
    const Data d = make_data(cs, n, seed);
    std::mt19937_64 rng(seed + 1);
    std::string out = "id,name,role,period,start_date,end_date";
    std::vector<std::size_t> inputs;
    for (std::size_t k = 0; k < s.inputs.size(); ++k)
        if (s.inputs[k].name != "prorata") {
            inputs.push_back(k);
            out += "," + s.inputs[k].name;
        }
    out += "\n";
    const char* names[] = {"Ann Lee", "Smith, John", "O\"Brien", "=HYPERLINK(1)", "-minus", "Пётр"};
    for (std::size_t i = 0; i < n; ++i) {
        const std::string role = cs.roles()[d.role[i]].rule->name;
        const int kind = static_cast<int>(rng() % 20);
        std::string start, end;
        if (kind == 0) {
            const auto day = 2 + rng() % 30;
            start = std::string("2026-10-") + (day < 10 ? "0" : "") + std::to_string(day);
        }
        if (kind == 1) end = "2026-10-1" + std::to_string(rng() % 10);
        if (kind == 2) {
            start = "2026-10-05";
            end = "2026-10-2" + std::to_string(rng() % 10);
        }
        const std::string period = kind == 3 ? "2026-09" : "2026-10";  // rows of another month are skipped
        out += "P" + std::to_string(i) + "," + data::csv_escape(names[rng() % 6]) + "," + role + "," + period + "," + start + "," + end;
        for (std::size_t k : inputs) {
            out += ",";
            const std::string& name = s.inputs[k].name;
            if (name == "overdue_handovers" && rng() % 5 == 0) continue;  // empty: the default
            const int scale = d.scales[k];
            std::int64_t v = d.cols[k][i];
            // Money with fewer places now and then: the chunk's columns take the finest scale given.
            if (scale == 2 && v % 100 == 0 && rng() % 2 == 0) {
                out += std::to_string(v / 100);
                continue;
            }
            out += fixed(v, scale);
        }
        out += "\n";
    }
    return out;
}

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("motiv-stream-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// The exports as a run held in memory renders them.
std::string in_memory(exports::Format f, const std::string& csv, const exports::Provenance& pv, const exports::ExportOptions& options) {
    const auto& cs = *three_tier_scheme();
    const auto people = data::read_people_to_pay(data::parse_csv(csv, "people.csv"), cs, kOct);
    const auto run = payroll::run(cs, kOct, people, f == exports::Format::jsonl ? Explain::full : Explain::none);
    return exports::render(f, run, cs.scheme(), pv, options);
}

}  // namespace

TEST_CASE("a streamed payroll writes the very bytes of a run held in memory", "[payroll][stream]") {
    const auto& cs = *three_tier_scheme();
    // Three chunks and a bit: rows are paid in chunks of kStreamChunkRows.
    const std::size_t n = 3 * payroll::kStreamChunkRows + 123;
    const std::string csv = population_csv(cs, n, 20261203);
    const auto pv = exports::make_provenance(cs.scheme(), "2026-10", "people.csv", csv);
    exports::ExportOptions with_inputs;
    with_inputs.csv_columns = {"id", "role", "salary", "total", "revenue", "script_compliance", "prorata"};
    exports::ExportOptions semicolons;
    semicolons.csv.delimiter = ';';
    semicolons.csv.decimal_separator = ',';
    semicolons.csv.line_end = "\r\n";
    semicolons.csv.guard_formulas = true;
    const std::vector<std::pair<std::vector<exports::Format>, exports::ExportOptions>> cases = {
        {{exports::Format::csv}, {}},
        {{exports::Format::csv, exports::Format::csv_excel_ru}, semicolons},
        {{exports::Format::csv}, with_inputs},
    };
    for (const auto& [formats, options] : cases) {
        TempDir dir;
        const auto files = exports::plan_files(formats, (dir.path / "payroll").string());
        const payroll::RunTotals totals = exports::write_streamed(files, cs, kOct, csv, "people.csv", pv, io::Overwrite::refuse, options);
        for (const auto& f : files) {
            INFO(f.path);
            const std::string streamed = io::read_file(f.path);
            const std::string held = in_memory(f.format, csv, pv, options);
            CHECK(streamed.size() == held.size());
            CHECK(streamed == held);
        }
        // The terminal summary too.
        const auto run = payroll::run(cs, kOct, data::read_people_to_pay(data::parse_csv(csv, "people.csv"), cs, kOct), Explain::none);
        CHECK(payroll::summary_text(totals, "2026-10", "RUB", 2) == payroll::summary_text(run));
    }
}

TEST_CASE("a streamed payroll reads a Russian-Excel people CSV as a run held in memory does", "[payroll][stream]") {
    // ';' between fields and decimal commas: the dialect is detected and numbers read through
    // data::decimal_point by the one reader, on both paths.
    const auto& cs = *three_tier_scheme();
    const auto table = data::parse_csv(population_csv(cs, payroll::kStreamChunkRows + 50, 5), "people.csv");
    std::vector<std::string> header = table.header;
    std::string csv;
    data::append_csv_row(csv, header, ';', data::CellGuard::raw);
    for (auto row : table.rows) {
        for (std::size_t c = 0; c < row.size(); ++c)
            if (cs.scheme().find_input(header[c])) std::replace(row[c].begin(), row[c].end(), '.', ',');
        data::append_csv_row(csv, row, ';', data::CellGuard::raw);
    }
    REQUIRE(data::parse_csv(csv, "people.csv").decimal_comma);
    const auto pv = exports::make_provenance(cs.scheme(), "2026-10", "people.csv", csv);
    TempDir dir;
    const auto files = exports::plan_files({exports::Format::csv}, (dir.path / "payroll.csv").string());
    (void)exports::write_streamed(files, cs, kOct, csv, "people.csv", pv, io::Overwrite::refuse);
    CHECK(io::read_file(files[0].path) == in_memory(exports::Format::csv, csv, pv, {}));
}

TEST_CASE("a streamed payroll's JSON Lines are a run held in memory's", "[payroll][stream][jsonl]") {
    const auto& cs = *three_tier_scheme();
    const std::string csv = population_csv(cs, 1500, 7);
    const auto pv = exports::make_provenance(cs.scheme(), "2026-10", "people.csv", csv);
    TempDir dir;
    const auto files = exports::plan_files({exports::Format::jsonl}, (dir.path / "payroll.jsonl").string());
    (void)exports::write_streamed(files, cs, kOct, csv, "people.csv", pv, io::Overwrite::refuse);
    CHECK(io::read_file(files[0].path) == in_memory(exports::Format::jsonl, csv, pv, {}));
}

TEST_CASE("a streamed payroll fails as a run held in memory does, and writes nothing", "[payroll][stream]") {
    const auto& cs = *three_tier_scheme();
    const std::string good = population_csv(cs, 2 * payroll::kStreamChunkRows, 11);
    const std::string header = good.substr(0, good.find('\n') + 1);
    const std::string rows = good.substr(header.size());
    auto with_row = [&](std::size_t at_line, const std::string& row) {
        std::size_t pos = 0;
        for (std::size_t i = 0; i < at_line; ++i) pos = rows.find('\n', pos) + 1;
        return header + rows.substr(0, pos) + row + rows.substr(pos);
    };
    const std::string operator_row = rows.substr(0, rows.find('\n'));
    // A row of the header's columns: id, role, dates and the values given by name; the rest empty.
    auto row = [&](const std::string& id, const std::string& role, const std::string& start, const std::string& end,
                   const std::vector<std::pair<std::string, std::string>>& values) {
        const auto columns = data::parse_csv(header, "h").header;
        std::string r;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            std::string v = columns[c] == "id" ? id : columns[c] == "role" ? role : columns[c] == "period" ? "2026-10" : columns[c] == "start_date" ? start : columns[c] == "end_date" ? end : "";
            for (const auto& [k, x] : values)
                if (k == columns[c]) v = x;
            r += (c ? "," : "") + v;
        }
        return r + "\n";
    };
    struct Case {
        const char* what;
        std::string csv;
    };
    const std::vector<Case> cases = {
        {"a bad value in a late chunk", with_row(payroll::kStreamChunkRows + 10, row("X1", "hunter", "", "", {{"revenue", "12.345"}}))},
        {"an unknown role", with_row(100, row("X2", "boss", "", "", {}))},
        {"an unknown role, then a CSV error after it", with_row(100, row("X2", "boss", "", "", {})) + "X3,\"unclosed\n"},
        {"an unknown column", "id,role,period,revenu\nh,hunter,2026-10,5\n"},
        {"a duplicate id across chunks", with_row(payroll::kStreamChunkRows + 5, "P3" + operator_row.substr(operator_row.find(',')) + "\n")},
        // The one reader's ids: trimmed and folded, remembered across chunks.
        {"a duplicate id in another case and with spaces, across chunks",
         with_row(payroll::kStreamChunkRows + 7, " p3 " + operator_row.substr(operator_row.find(',')) + "\n")},
        {"a start date after the period", with_row(5, row("X6", "hunter", "2026-11-02", "", {{"revenue", "100"}}))},
        {"nobody in the period", header},
        {"end before start", with_row(3, row("X4", "hunter", "2026-10-20", "2026-10-10", {{"revenue", "100"}}))},
        {"a missing required input", with_row(payroll::kStreamChunkRows * 2 - 1, row("X5", "hunter", "", "", {}))},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        std::string held;
        try {
            const auto people = data::read_people_to_pay(data::parse_csv(c.csv, "people.csv"), cs, kOct);
            (void)payroll::run(cs, kOct, people, Explain::none);
            FAIL("the run held in memory did not fail");
        } catch (const Error& e) {
            held = e.what();
        }
        TempDir dir;
        const auto files = exports::plan_files({exports::Format::csv, exports::Format::jsonl}, (dir.path / "payroll").string());
        const auto pv = exports::make_provenance(cs.scheme(), "2026-10", "people.csv", c.csv);
        try {
            (void)exports::write_streamed(files, cs, kOct, c.csv, "people.csv", pv, io::Overwrite::refuse);
            FAIL("the streamed run did not fail");
        } catch (const Error& e) {
            CHECK(std::string(e.what()) == held);
        }
        CHECK(fs::is_empty(dir.path));  // no file, no temporary left behind
    }
}

}  // namespace motiv::test
