// Outputs as a set (issue 17): a failure between files changes none of the targets and leaves no
// temporary; an output that is also an input is refused; temporaries of a killed run are removed.
#include "core/io/output_set.hpp"

#include <catch2/catch.hpp>
#include <stdlib.h>

#include <functional>
#include <string>

#include "core/errors.hpp"
#include "core/io/atomic_file.hpp"
#include "tests/core/io/temp_dir.hpp"

using motiv::io::Overwrite;
using motiv::io::OutputSet;
using motiv::io::read_file;
using motiv::test::Names;
using motiv::test::put;
using motiv::test::TempDir;

namespace {

// Sets MOTIV_FAILPOINT for one scope.
class Failpoint {
public:
    explicit Failpoint(const std::string& value) { ::setenv("MOTIV_FAILPOINT", value.c_str(), 1); }
    Failpoint(const Failpoint&) = delete;
    Failpoint& operator=(const Failpoint&) = delete;
    ~Failpoint() { ::unsetenv("MOTIV_FAILPOINT"); }
};

std::string error_id(const std::function<void()>& f) {
    try {
        f();
    } catch (const motiv::IoError& e) {
        return e.id();
    }
    return "no error";
}

}  // namespace

TEST_CASE("an output set publishes every file or changes none", "[io][hostile]") {
    TempDir dir;
    put(dir.file("a.csv"), "old a");
    put(dir.file("c.csv"), "old c");
    // b.csv does not exist yet: a failed set must not leave it behind either.
    const auto write_set = [&] {
        OutputSet set(Overwrite::replace);
        set.add(dir.file("a.csv"), "new a");
        set.add(dir.file("b.csv"), "new b");
        set.add(dir.file("c.csv"), "new c");
        set.publish();
    };

    SECTION("a failure at each rename puts back the files already replaced") {
        const int at = GENERATE(1, 2, 3);
        Failpoint f("output_set.publish:" + std::to_string(at));
        CHECK(error_id(write_set) == "motiv.io_error.002");
        CHECK(dir.entries() == Names{"a.csv", "c.csv"});
        CHECK(read_file(dir.file("a.csv")) == "old a");
        CHECK(read_file(dir.file("c.csv")) == "old c");
    }
    SECTION("a directory in the way of the last file: nothing is written") {
        std::filesystem::remove(dir.file("c.csv"));
        std::filesystem::create_directory(dir.file("c.csv"));
        CHECK(error_id(write_set) == "motiv.io_error.002");
        CHECK(dir.entries() == Names{"a.csv", "c.csv"});
        CHECK(read_file(dir.file("a.csv")) == "old a");
    }
    SECTION("without a failure, all three are new and nothing else is left") {
        write_set();
        CHECK(dir.entries() == Names{"a.csv", "b.csv", "c.csv"});
        CHECK(read_file(dir.file("b.csv")) == "new b");
        CHECK(read_file(dir.file("c.csv")) == "new c");
    }
}

TEST_CASE("an output set in refuse mode removes the files it created when a later one fails", "[io][hostile]") {
    TempDir dir;
    Failpoint f("output_set.publish:2");
    CHECK(error_id([&] {
              OutputSet set(Overwrite::refuse);
              set.add(dir.file("a.csv"), "a");
              set.add(dir.file("b.csv"), "b");
              set.publish();
          }) == "motiv.io_error.002");
    CHECK(dir.entries().empty());
}

TEST_CASE("an output that is also an input is refused, whatever the spelling of its path", "[io][hostile]") {
    TempDir dir;
    put(dir.file("data.csv"), "the input");
    const std::string other_spelling = dir.file(".") + "/./data.csv";
    CHECK(error_id([&] {
              OutputSet set(Overwrite::replace);
              set.input(dir.file("data.csv"));
              set.add(other_spelling, "pay");
          }) == "motiv.io_error.007");
    CHECK(error_id([&] {
              OutputSet set(Overwrite::replace);
              set.add(dir.file("x.csv"), "1");
              set.add(dir.file("x.csv"), "2");
          }) == "motiv.io_error.007");
    CHECK(read_file(dir.file("data.csv")) == "the input");
    CHECK(dir.entries() == Names{"data.csv"});
}

TEST_CASE("temporaries and backups left by a killed run are removed by the next set writing that file", "[io][hostile]") {
    TempDir dir;
    // pid 2^22 + 1 is above Linux's pid_max limit: no process has it.
    put(dir.file(".pay.csv.tmp-4194305-0123456789abcdef"), "half");
    put(dir.file(".pay.csv.bak-4194305-0123456789abcdef"), "old");
    put(dir.file(".other.csv.tmp-4194305-0123456789abcdef"), "not ours to judge");
    motiv::io::write_file_atomically(dir.file("pay.csv"), "pay", Overwrite::refuse);
    CHECK(dir.entries() == Names{".other.csv.tmp-4194305-0123456789abcdef", "pay.csv"});
}
