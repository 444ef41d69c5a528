// Replays every input kept for the fuzz targets -- the seed corpora (fuzz/corpus/<target>/) and the
// inputs that once crashed, hung or leaked (fuzz/regressions/<target>/) -- through the very entry
// code the libFuzzer targets run (fuzz/entry.hpp). The one check: no exception other than
// motiv::Error (or the formula layer's SyntaxError/CompileError, which expr_entry expects) escapes.
// Crashes and undefined behaviour show up as a failed run, under scripts/test --asan in particular.
#include "fuzz/entry.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs_of(std::string_view target) {
    std::vector<fs::path> files;
    for (const char* kind : {"corpus", "regressions"}) {
        const fs::path dir = fs::path(MOTIV_SOURCE_DIR) / "fuzz" / kind / std::string(target);
        if (!fs::is_directory(dir)) continue;
        for (const auto& entry : fs::recursive_directory_iterator(dir))
            if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string bytes_of(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void replay(std::string_view target, void (*entry)(std::string_view)) {
    const std::vector<fs::path> files = inputs_of(target);
    REQUIRE_FALSE(files.empty());  // the seed corpus at least
    for (const auto& path : files) {
        INFO(path.string());
        const std::string bytes = bytes_of(path);
        CHECK_NOTHROW(entry(bytes));
    }
}

}  // namespace

TEST_CASE("fuzz inputs of the rule-file target replay without a foreign exception", "[fuzz]") {
    replay("rules", &motiv::fuzz::rules_entry);
}

TEST_CASE("fuzz inputs of the formula target replay without a foreign exception", "[fuzz]") {
    replay("expr", &motiv::fuzz::expr_entry);
}

TEST_CASE("fuzz inputs of the CSV target replay without a foreign exception", "[fuzz]") {
    replay("csv", &motiv::fuzz::csv_entry);
}

TEST_CASE("fuzz inputs of the logs target replay without a foreign exception", "[fuzz]") {
    replay("logs", &motiv::fuzz::logs_entry);
}

TEST_CASE("fuzz inputs of the periods target (carried states, periods sections) replay without a foreign exception", "[fuzz]") {
    replay("periods", &motiv::fuzz::periods_entry);
}

TEST_CASE("fuzz inputs of the state target (carried states, sealed) replay without a foreign exception", "[fuzz]") {
    replay("state", &motiv::fuzz::state_entry);
}
