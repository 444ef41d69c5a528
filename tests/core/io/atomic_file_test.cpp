#include "core/io/atomic_file.hpp"

#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "core/errors.hpp"
#include "tests/core/io/temp_dir.hpp"

namespace fs = std::filesystem;
using motiv::io::Overwrite;
using motiv::io::read_file;
using motiv::io::write_file_atomically;

using motiv::test::Names;
using motiv::test::put;
using motiv::test::TempDir;


TEST_CASE("write_file_atomically creates a new file in either mode", "[io]") {
    const Overwrite mode = GENERATE(Overwrite::refuse, Overwrite::replace);
    const std::string content = GENERATE(std::string(), std::string("id,pay\n1,10.00\n"),
                                         std::string(3'000'000, 'x'), std::string("a\0b", 3));
    TempDir dir;
    const std::string out = dir.file("out.csv");
    write_file_atomically(out, content, mode);
    CHECK(read_file(out) == content);
    CHECK(dir.entries() == Names{"out.csv"});
}

TEST_CASE("write_file_atomically refuses an existing target unless told to replace it", "[io]") {
    TempDir dir;
    const std::string out = dir.file("out.csv");
    put(out, "old");

    try {
        write_file_atomically(out, "new", Overwrite::refuse);
        FAIL("expected IoError");
    } catch (const motiv::IoError& e) {
        CHECK(e.id() == "motiv.io_error.003");
        CHECK(std::string(e.what()) ==
              "refusing to overwrite existing file '" + out + "'; ask to replace it explicitly (--force, or force=True from Python); nothing was written");
    }
    CHECK(read_file(out) == "old");
    CHECK(dir.entries() == Names{"out.csv"});

    // A dangling symlink is an existing name too: refusing must not write through or over it.
    const std::string link = dir.file("link.csv");
    fs::create_symlink(dir.file("nowhere.csv"), link);
    CHECK_THROWS_AS(write_file_atomically(link, "new", Overwrite::refuse), motiv::IoError);
    CHECK(dir.entries() == Names{"link.csv", "out.csv"});

    ::chmod(out.c_str(), 0600);
    write_file_atomically(out, "new", Overwrite::replace);
    CHECK(read_file(out) == "new");
    struct stat st {};
    REQUIRE(::stat(out.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0600);  // a private report stays private
    CHECK(dir.entries() == Names{"link.csv", "out.csv"});
}

TEST_CASE("write_file_atomically fails cleanly, leaving nothing behind", "[io]") {
    TempDir dir;

    SECTION("the directory does not exist") {
        const std::string out = dir.file("missing") + "/out.csv";
        const Overwrite mode = GENERATE(Overwrite::refuse, Overwrite::replace);
        try {
            write_file_atomically(out, "data", mode);
            FAIL("expected IoError");
        } catch (const motiv::IoError& e) {
            CHECK(e.id() == "motiv.io_error.002");
            CHECK(std::string(e.what()) ==
                  "cannot write '" + out + "': directory '" + dir.file("missing") + "' does not exist");
        }
        CHECK(dir.entries().empty());
    }

    SECTION("the target is a directory: the temporary is written, then removed when rename fails") {
        fs::create_directory(dir.file("sub"));
        put(dir.file("sub/keep.txt"), "kept");
        try {
            write_file_atomically(dir.file("sub"), "data", Overwrite::replace);
            FAIL("expected IoError");
        } catch (const motiv::IoError& e) {
            CHECK(e.id() == "motiv.io_error.002");
            CHECK_THAT(std::string(e.what()), Catch::Matchers::StartsWith("cannot write '" + dir.file("sub") + "': "));
        }
        CHECK(dir.entries() == Names{"sub"});
        CHECK(read_file(dir.file("sub/keep.txt")) == "kept");
    }

    SECTION("the path names no file") {
        const std::string out = dir.file("sub") + "/";
        try {
            write_file_atomically(out, "data", Overwrite::replace);
            FAIL("expected IoError");
        } catch (const motiv::IoError& e) {
            CHECK(e.id() == "motiv.io_error.002");
            CHECK(std::string(e.what()) == "cannot write '" + out + "': not a file name");
        }
        CHECK(dir.entries().empty());
    }
}

TEST_CASE("write_file_atomically with refuse lets exactly one concurrent writer win", "[io]") {
    TempDir dir;
    const std::string out = dir.file("out.csv");
    constexpr int kWriters = 8;
    std::atomic<int> won{0};
    std::atomic<int> refused{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kWriters; ++i) {
        threads.emplace_back([&, i] {
            try {
                write_file_atomically(out, "writer " + std::to_string(i), Overwrite::refuse);
                ++won;
            } catch (const motiv::IoError& e) {
                if (e.id() == "motiv.io_error.003") ++refused;
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(won == 1);
    CHECK(refused == kWriters - 1);
    CHECK_THAT(read_file(out), Catch::Matchers::StartsWith("writer "));
    CHECK(dir.entries() == Names{"out.csv"});
}

TEST_CASE("read_file reads whole files up to a limit", "[io]") {
    TempDir dir;
    const std::string ten = dir.file("ten.txt");
    put(ten, "0123456789");

    const auto [max_bytes, ok] = GENERATE(table<std::size_t, bool>({
        {10, true}, {11, true}, {std::size_t(-1), true}, {9, false}, {0, false}}));
    INFO("max_bytes " << max_bytes);
    if (ok) {
        CHECK(read_file(ten, max_bytes) == "0123456789");
    } else {
        try {
            read_file(ten, max_bytes);
            FAIL("expected IoError");
        } catch (const motiv::IoError& e) {
            CHECK(e.id() == "motiv.io_error.004");
            CHECK(std::string(e.what()) == "cannot read '" + ten + "': larger than the limit of " +
                                               std::to_string(max_bytes) + " bytes");
        }
    }
}

TEST_CASE("read_file names the path when it cannot read", "[io]") {
    TempDir dir;
    put(dir.file("empty.txt"), "");
    CHECK(read_file(dir.file("empty.txt")).empty());

    const auto [name, message] = GENERATE(table<std::string, std::string>({
        {"missing.txt", "No such file or directory"},
        {"", "it is a directory"},
    }));
    const std::string path = dir.file(name);
    try {
        read_file(path);
        FAIL("expected IoError");
    } catch (const motiv::IoError& e) {
        CHECK(e.id() == "motiv.io_error.001");
        CHECK(std::string(e.what()) == "cannot open '" + path + "': " + message);
    }
}

TEST_CASE("read_file stops at the limit on a file of unknown size", "[io]") {
    if (!fs::exists("/dev/zero")) return;  // a device reports size 0 and never ends
    try {
        read_file("/dev/zero", 100'000);
        FAIL("expected IoError");
    } catch (const motiv::IoError& e) {
        CHECK(e.id() == "motiv.io_error.004");
    }
}
