// LargeBuffer's contract: a fresh buffer resized once is all zeros without anyone writing it (the
// batch engine writes only non-zero amounts and failed rows' statuses), for heap-sized and
// mapped sizes alike, and a mapped buffer starts on a huge-page boundary.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>

#include "core/batch/large_buffer.hpp"

using namespace motiv::batch;

TEST_CASE("large buffer: a fresh buffer is zero whatever its size; large ones are huge-page aligned", "[batch]") {
    constexpr std::size_t kHuge = LargeBufferAllocator<std::int64_t>::kHugePage;
    // 10 elements (heap), just under and over the mapping threshold (2 huge pages), and 5M (40 MB).
    for (const std::size_t n : {std::size_t{10}, 2 * kHuge / 8 - 1, 2 * kHuge / 8 + 1, std::size_t{5'000'000}}) {
        INFO(n << " elements");
        for (int round = 0; round < 2; ++round) {  // the second round may reuse memory the first dirtied
            LargeBuffer<std::int64_t> b;
            b.resize(n);
            CHECK(std::all_of(b.begin(), b.end(), [](std::int64_t v) { return v == 0; }));
            if (n * 8 >= 2 * kHuge) CHECK(reinterpret_cast<std::uintptr_t>(b.data()) % kHuge == 0);
            std::fill(b.begin(), b.end(), -1);
        }
    }
    LargeBuffer<std::uint8_t> small;
    small.resize(3);
    CHECK((small[0] == 0 && small[1] == 0 && small[2] == 0));
}
