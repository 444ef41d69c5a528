// motiv_bench: the C++ side of the benchmark (bench/bench.py drives it and prints the table).
//
// Reads the columns bench.py generated (a manifest.json and one raw little-endian int64 file per
// column), then measures: rule-file load+compile, the batch engine on one thread and on all
// threads, the one-person path in a loop, and a 1,000-value parameter sweep over 10,000 people.
// Prints one JSON object. Usage: motiv_bench RULES DATA_DIR [--sweep-param NAME] [--profile] [--exact]
// --profile runs the one-thread batch once and nothing else (for callgrind / perf); --exact runs
// only the Decimal programs (Options::lower = false), to compare.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "core/batch/batch.hpp"
#include "core/batch/isa.hpp"
#include "core/batch/sweep.hpp"
#include "core/engine/compute.hpp"
#include "core/io/atomic_file.hpp"
#include "core/rules/loader.hpp"

using namespace motiv;
using Clock = std::chrono::steady_clock;

namespace {

// Resident set size now, from /proc/self/statm.
std::size_t current_rss() {
    std::ifstream f("/proc/self/statm");
    std::size_t pages = 0, resident = 0;
    f >> pages >> resident;
    return resident * 4096;
}

// Peak resident set size of this process image, from /proc/self/status (VmHWM). Unlike
// getrusage's ru_maxrss it is not inherited from a parent across fork/exec (bench.py's Python).
std::size_t peak_rss() {
    std::ifstream f("/proc/self/status");
    std::string key;
    std::size_t kb = 0;
    while (f >> key) {
        if (key == "VmHWM:") {
            f >> kb;
            return kb * 1024;
        }
        f.ignore(1 << 12, '\n');
    }
    return 0;
}

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// CPU time of the whole process (all threads, user + system), to report next to wall time: on a
// machine shared with other work, wall time also measures how much of the cores we were given.
double cpu() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// A column as NumPy holds a large array (it asks for transparent huge pages, as LargeBuffer does):
// on 4 KiB pages the engine's strided reads of ten columns miss the TLB (measured: ~10% slower).
template <class T>
batch::LargeBuffer<T> read_raw(const std::string& path, std::size_t n) {
    batch::LargeBuffer<T> v(n);
    std::ifstream f(path, std::ios::binary);
    f.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T)));
    if (!f) throw std::runtime_error("cannot read " + path);
    return v;
}

// Best of `reps` wall-clock runs of f.
template <class F>
double best_of(int reps, F f) {
    double best = 1e300;
    for (int i = 0; i < reps; ++i) {
        const auto t0 = Clock::now();
        f();
        best = std::min(best, seconds_since(t0));
    }
    return best;
}

// What the machine gives two threads at this moment, measured next to the batch (the targets are
// in wall time on a VM whose two vCPUs are shared with other work):
// - a compute-bound loop (a multiply-add chain, no memory): the scaling of pure CPU work;
// - the batch's memory traffic with no pay logic: read every input column, write a fresh result
//   of the same size (rows x (components + 1) int64, LargeBuffer like the engine's), rows split
//   across the threads as the engine splits them.
// The returned rates are best-of-`reps`, 1 and 2 threads run alternately so that both see the
// same machine.
struct Ceiling {
    double spin_1 = 1e300, spin_2 = 1e300;      // seconds for the same work per thread
    double stream_1 = 1e300, stream_2 = 1e300;  // seconds for all rows
};

Ceiling machine_ceiling(const batch::Input& in, std::size_t ncols, int reps) {
    Ceiling c;
    const std::size_t n = in.role.size();
    auto spin = [](std::uint64_t seed) {
        std::uint64_t x = seed;
        for (int i = 0; i < 20'000'000; ++i) x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        return x;
    };
    std::atomic<std::uint64_t> sink{0};
    auto stream = [&](std::int64_t* amounts, std::int64_t* total, std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
            std::int64_t s = in.role[i];
            for (const auto& col : in.columns)
                if (!col.values.empty()) s += col.values[i];  // an absent column is not read
            for (std::size_t k = 0; k < ncols; ++k) amounts[i * ncols + k] = s + static_cast<std::int64_t>(k);
            total[i] = s;
        }
    };
    for (int r = 0; r < reps; ++r) {
        auto t0 = Clock::now();
        sink += spin(1);
        c.spin_1 = std::min(c.spin_1, seconds_since(t0));
        t0 = Clock::now();
        {
            std::thread other([&] { sink += spin(2); });
            sink += spin(3);
            other.join();
        }
        c.spin_2 = std::min(c.spin_2, seconds_since(t0));
        for (unsigned threads : {1u, 2u}) {
            t0 = Clock::now();
            batch::LargeBuffer<std::int64_t> amounts, total;
            amounts.resize(n * ncols);
            total.resize(n);
            if (threads == 1) {
                stream(amounts.data(), total.data(), 0, n);
            } else {
                std::thread other([&] { stream(amounts.data(), total.data(), n / 2, n); });
                stream(amounts.data(), total.data(), 0, n / 2);
                other.join();
            }
            sink += static_cast<std::uint64_t>(total[n / 3]);
            (threads == 1 ? c.stream_1 : c.stream_2) = std::min(threads == 1 ? c.stream_1 : c.stream_2, seconds_since(t0));
        }
    }
    if (sink.load() == 42) std::cerr << "";  // keep the work observable
    return c;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: motiv_bench RULES DATA_DIR [--sweep-param NAME]\n";
        return 2;
    }
    const std::string rules = argv[1], dir = argv[2];
    std::string sweep_param = "hunter.salary";
    bool profile = false, exact = false;
    for (int i = 3; i < argc; ++i) {
        if (std::string(argv[i]) == "--sweep-param" && i + 1 < argc) sweep_param = argv[++i];
        if (std::string(argv[i]) == "--profile") profile = true;
        if (std::string(argv[i]) == "--exact") exact = true;
    }
    nlohmann::json out;

    // Load + compile, as a user pays it: read, parse, validate, hash, compile.
    const std::string text = io::read_file(rules);
    const int load_reps = profile ? 1 : 200;
    const auto t0 = Clock::now();
    for (int i = 0; i < load_reps; ++i) (void)CompiledScheme::compile(load_scheme(text, rules));
    out["load_compile_ms"] = seconds_since(t0) / load_reps * 1e3;

    auto cs = CompiledScheme::compile(load_scheme(text, rules));
    const Scheme& s = cs->scheme();
    const std::size_t rss_before_data = current_rss();
    const auto manifest = nlohmann::json::parse(io::read_file(dir + "/manifest.json"));
    const std::size_t n = manifest.at("rows").get<std::size_t>();
    const auto role = read_raw<std::uint32_t>(dir + "/role.u32", n);
    std::vector<batch::LargeBuffer<std::int64_t>> cols(s.inputs.size());
    batch::Input in;
    in.role = role;
    std::size_t input_bytes = role.size() * sizeof(std::uint32_t);
    for (std::size_t k = 0; k < s.inputs.size(); ++k) {
        if (!manifest.at("columns").contains(s.inputs[k].name)) {  // not generated: absent (the default)
            in.columns.push_back(batch::Column{});
            continue;
        }
        const auto& c = manifest.at("columns").at(s.inputs[k].name);
        cols[k] = read_raw<std::int64_t>(dir + "/" + s.inputs[k].name + ".i64", n);
        input_bytes += n * sizeof(std::int64_t);
        in.columns.push_back(batch::Column{cols[k], c.at("scale").get<int>(), {}});
    }
    const auto params = cs->bind(*Period::parse(manifest.at("period").get<std::string>()));
    out["rows"] = n;
    out["input_bytes"] = input_bytes;
    out["isa"] = batch::to_string(batch::active_isa());  // the hot loops' instruction set (MOTIV_BATCH_ISA)

    batch::Options one;
    one.threads = 1;
    one.lower = !exact;
    batch::Result r1;
    if (profile) {
        r1 = batch::compute(*cs, params, in, one);
        std::cout << r1.failed() << " failed rows\n";
        if (const char* reps = std::getenv("MOTIV_BENCH_REPS")) {  // wall-clock: best of N, 1 and 2 threads
            const int k = std::atoi(reps);
            batch::Options two;
            two.lower = one.lower;
            const double c0 = cpu();
            // MOTIV_BENCH_REUSED=1: into the same arrays each time (batch::compute_into).
            const bool reuse = std::getenv("MOTIV_BENCH_REUSED") != nullptr;
            const batch::Output into{r1.amounts, r1.total, r1.status, r1.bad_input, false};
            auto run = [&](const batch::Options& o) {
                if (reuse) return (void)batch::compute_into(*cs, params, in, into, o);
                r1 = batch::Result{};
                r1 = batch::compute(*cs, params, in, o);
            };
            const double b1 = best_of(k, [&] { run(one); });
            const double c1 = cpu();
            const double b2 = best_of(k, [&] { run(two); });
            const double c2 = cpu();
            std::cout << "1 thread " << static_cast<double>(n) / b1 / 1e6 << " M rows/s (CPU " << (c1 - c0) / k * 1e3 << " ms per run), all threads "
                      << static_cast<double>(n) / b2 / 1e6 << " M rows/s (CPU " << (c2 - c1) / k * 1e3 << " ms per run)\n";
        }
        return 0;
    }
    // One thread and all threads alternately, best of kBatchReps each: both see the same machine
    // (on a shared VM, the second vCPU comes and goes), which a best of 3 in turn did not.
    // Each rep runs four batches: into a fresh result (the kernel maps and zeroes its pages, as
    // for any first batch), and into arrays reused from the previous batch (batch::compute_into,
    // as a sweep, a Monte Carlo run or a re-run does), each on one thread and on all threads.
    constexpr int kBatchReps = 9;
    batch::Options all;
    all.lower = one.lower;
    batch::Result ra;
    struct Timing {
        double best = 1e300, cpu = 0;
        void add(double wall, double cpu_s) {
            best = std::min(best, wall);
            cpu += cpu_s / kBatchReps;  // mean CPU time per run
        }
    };
    Timing fresh_1, fresh_all, reused_1, reused_all;
    {
        // Peak memory while one batch is held (input columns + result + engine), measured before
        // the reused arrays below exist: the peak is a high-water mark.
        r1 = batch::compute(*cs, params, in, one);
        const std::size_t peak = peak_rss();
        out["peak_rss_bytes"] = peak;
        out["batch_peak_over_input"] = static_cast<double>(peak - rss_before_data) / static_cast<double>(input_bytes);
        r1 = batch::Result{};
    }
    const std::size_t ncols = batch::result_components(*cs).size();
    batch::LargeBuffer<std::int64_t> amounts(n * ncols), totals(n);  // as a caller would keep them: huge pages
    batch::LargeBuffer<batch::RowStatus> status(n);
    batch::LargeBuffer<std::uint32_t> bad_input(n);
    const batch::Output reused{amounts, totals, status, bad_input, false};
    (void)batch::compute_into(*cs, params, in, reused, one);  // touch the arrays once, as a previous batch did
    auto timed = [&](Timing& t, auto&& f) {
        const double c0 = cpu();
        const auto w0 = Clock::now();
        f();
        t.add(seconds_since(w0), cpu() - c0);
    };
    for (int rep = 0; rep < kBatchReps; ++rep) {
        r1 = batch::Result{};  // free the previous result first: measure one batch held, not two
        timed(fresh_1, [&] { r1 = batch::compute(*cs, params, in, one); });
        r1 = batch::Result{};
        timed(fresh_all, [&] { ra = batch::compute(*cs, params, in, all); });
        ra = batch::Result{};
        timed(reused_1, [&] { (void)batch::compute_into(*cs, params, in, reused, one); });
        timed(reused_all, [&] { (void)batch::compute_into(*cs, params, in, reused, all); });
    }
    r1 = batch::compute(*cs, params, in, one);
    ra = batch::compute(*cs, params, in, all);
    out["threads"] = std::max(1u, std::thread::hardware_concurrency());
    for (const auto& [key, t] : {std::pair{"batch_1thread", fresh_1}, {"batch_all_threads", fresh_all}, {"batch_reused_1thread", reused_1},
                                 {"batch_reused_all_threads", reused_all}}) {
        out[std::string(key) + "_s"] = t.best;
        out[std::string(key) + "_cpu_s"] = t.cpu;
        out[std::string(key) + "_rows_per_s"] = static_cast<double>(n) / t.best;
    }
    {
        const Ceiling c = machine_ceiling(in, r1.components.size(), 5);
        out["ceiling_spin_scaling"] = 2 * c.spin_1 / c.spin_2;
        out["ceiling_stream_1thread_rows_per_s"] = static_cast<double>(n) / c.stream_1;
        out["ceiling_stream_2threads_rows_per_s"] = static_cast<double>(n) / c.stream_2;
    }
    out["threads_identical"] = r1.total == ra.total && r1.amounts == ra.amounts;
    out["reused_identical"] = std::equal(totals.begin(), totals.end(), r1.total.begin(), r1.total.end()) &&
                              std::equal(amounts.begin(), amounts.end(), r1.amounts.begin(), r1.amounts.end());
    out["failed_rows"] = r1.failed();
    std::int64_t grand = 0;
    for (auto t : r1.total) grand += t;
    out["grand_total_minor"] = grand;


    // The one-person path (with explanations), on a slice.
    const std::size_t slice = std::min<std::size_t>(n, 20000);
    std::vector<PersonInputs> people(slice);
    for (std::size_t i = 0; i < slice; ++i) {
        people[i].id = std::to_string(i);
        people[i].role = cs->roles()[role[i]].rule->name;
        for (std::size_t k = 0; k < s.inputs.size(); ++k) {
            if (in.columns[k].values.empty()) {
                people[i].values.emplace_back();
                continue;
            }
            int128 m = 1;
            for (int j = 0; j < Decimal::kPlaces - in.columns[k].scale; ++j) m *= 10;
            people[i].values.push_back(Decimal::from_raw(static_cast<int128>(cols[k][i]) * m));
        }
    }
    const double ts = best_of(1, [&] {
        for (const auto& p : people) (void)compute_payslip(*cs, params, p);
    });
    out["single_cpp_rows_per_s"] = static_cast<double>(slice) / ts;

    // Sweep: 1,000 values of one parameter over the first 10,000 people.
    const std::size_t sweep_rows = std::min<std::size_t>(n, 10000);
    batch::Input small;
    small.role = std::span<const std::uint32_t>(role.data(), sweep_rows);
    for (std::size_t k = 0; k < s.inputs.size(); ++k)
        small.columns.push_back(batch::Column{std::span<const std::int64_t>(cols[k].data(), sweep_rows), in.columns[k].scale, {}});
    std::vector<Decimal> values;
    for (int v = 0; v < 1000; ++v) values.push_back(Decimal::from_minor(2000000 + v * 1000, 2));
    const auto tw0 = Clock::now();
    const auto pts = batch::sweep(*cs, params, small, sweep_param, values);
    out["sweep_1000x10000_s"] = seconds_since(tw0);
    out["sweep_param"] = sweep_param;
    out["sweep_first_total_minor"] = pts.front().total;
    std::cout << out.dump(2) << "\n";
    return 0;
}
