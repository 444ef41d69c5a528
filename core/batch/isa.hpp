// Which instruction set the batch engine's hot loops run with.
//
// The loops that vectorise (the lowered interpreter, the gather of a block's inputs) are compiled
// three times -- baseline x86-64, AVX2 (x86-64-v3) and AVX-512 (x86-64-v4) -- and each call picks
// the best one the CPU has. All three compute the same int64 values; tests force each in turn and
// compare them row by row (tests/core/batch/isa_test.cpp), so a machine with AVX-512 also proves
// the AVX2 and baseline code. The environment variable MOTIV_BATCH_ISA=baseline|avx2|x86-64-v4,
// read once, does the same for a whole process (to compare speeds, or to rule a variant out).
// Builds other than GCC on x86-64, and sanitizer builds, have the baseline code only.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace motiv::batch {

enum class Isa : std::uint8_t { baseline, avx2, x86_64_v4 };

const char* to_string(Isa isa);
std::optional<Isa> parse_isa(std::string_view name);

// Whether this build has code for `isa` and this CPU can run it (baseline: always).
bool supported(Isa isa);

// The variant the engine runs: the one forced (force_isa, else MOTIV_BATCH_ISA), else the best
// supported. A forced variant the CPU cannot run is refused where it is forced.
Isa active_isa();

// For tests: run `isa` from now on (nullopt: back to the default). Throws std::invalid_argument
// when !supported(isa). Not meant to be called while a batch runs on another thread.
void force_isa(std::optional<Isa> isa);

}  // namespace motiv::batch

// The attributes that compile a kernel wrapper for each variant (empty where not available).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
#define MOTIV_BATCH_HAS_ISA_VARIANTS 1
#define MOTIV_TARGET_AVX2 __attribute__((target("arch=x86-64-v3")))
#define MOTIV_TARGET_X86_64_V4 __attribute__((target("arch=x86-64-v4")))
#else
#define MOTIV_BATCH_HAS_ISA_VARIANTS 0
#endif
