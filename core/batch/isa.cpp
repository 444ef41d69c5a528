#include "core/batch/isa.hpp"

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace motiv::batch {

namespace {

// -1: not chosen yet; otherwise an Isa. Relaxed is enough: every thread computes the same value.
std::atomic<int> g_active{-1};

Isa best() {
    if (supported(Isa::x86_64_v4)) return Isa::x86_64_v4;
    if (supported(Isa::avx2)) return Isa::avx2;
    return Isa::baseline;
}

Isa from_environment() {
    const char* env = std::getenv("MOTIV_BATCH_ISA");
    if (!env || !*env) return best();
    const auto isa = parse_isa(env);
    if (!isa) throw std::invalid_argument(std::string("MOTIV_BATCH_ISA='") + env + "': expected baseline, avx2 or x86-64-v4");
    if (!supported(*isa)) throw std::invalid_argument(std::string("MOTIV_BATCH_ISA='") + env + "': this build or CPU cannot run it");
    return *isa;
}

}  // namespace

const char* to_string(Isa isa) {
    switch (isa) {
        case Isa::baseline: return "baseline";
        case Isa::avx2: return "avx2";
        case Isa::x86_64_v4: return "x86-64-v4";
    }
    return "?";
}

std::optional<Isa> parse_isa(std::string_view name) {
    for (Isa isa : {Isa::baseline, Isa::avx2, Isa::x86_64_v4})
        if (name == to_string(isa)) return isa;
    return std::nullopt;
}

bool supported(Isa isa) {
#if MOTIV_BATCH_HAS_ISA_VARIANTS
    switch (isa) {
        case Isa::baseline: return true;
        case Isa::avx2: return __builtin_cpu_supports("x86-64-v3");
        case Isa::x86_64_v4: return __builtin_cpu_supports("x86-64-v4");
    }
    return false;
#else
    return isa == Isa::baseline;
#endif
}

Isa active_isa() {
    int a = g_active.load(std::memory_order_relaxed);
    if (a < 0) {
        a = static_cast<int>(from_environment());
        g_active.store(a, std::memory_order_relaxed);
    }
    return static_cast<Isa>(a);
}

void force_isa(std::optional<Isa> isa) {
    if (isa && !supported(*isa)) throw std::invalid_argument(std::string("batch ISA '") + to_string(*isa) + "': this build or CPU cannot run it");
    g_active.store(isa ? static_cast<int>(*isa) : -1, std::memory_order_relaxed);
}

}  // namespace motiv::batch
