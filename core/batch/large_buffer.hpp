// Storage for the batch engine's large columns (results, row order): a std::vector whose elements
// start at zero without anyone writing them, and which asks for transparent huge pages.
//
// Why: a million rows of results is ~50 MB of freshly mapped memory. With 4 KiB pages the kernel
// takes ~12,000 page faults to hand it over -- measured at 25 ms on the project's VM, as long as
// paying the rows themselves -- and with 2 MiB pages ~25 (4 ms). Large buffers are mapped afresh
// from the kernel, which hands out zeroed pages anyway, so the engine writes only what is not zero
// (a status or a pay line a row's role does not have stays untouched: its pages are never even
// faulted in unless someone reads them, and then they map the shared zero page). The first write
// to a page happens in the worker thread that pays its rows, in parallel.
// Contract: elements a resize() adds beyond the capacity held so far are zero (so a fresh buffer
// resized once is all zeros); shrinking then growing again within the capacity does not re-zero.
// T must be trivially copyable, with an all-zero-bits value that means something (an integer, an
// enum with a zero enumerator).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

#include <sys/mman.h>

namespace motiv::batch {

template <class T>
struct LargeBufferAllocator {
    static_assert(std::is_trivially_copyable_v<T>);
    using value_type = T;
    static constexpr std::size_t kHugePage = std::size_t{2} << 20;

    LargeBufferAllocator() = default;
    template <class U>
    explicit LargeBufferAllocator(const LargeBufferAllocator<U>&) noexcept {}

    T* allocate(std::size_t n) {
        if (n > (static_cast<std::size_t>(-1) - 2 * kHugePage) / sizeof(T)) throw std::bad_array_new_length();
        const std::size_t bytes = n * sizeof(T);
        if (bytes < 2 * kHugePage) {  // small: the heap, zeroed by calloc (free when the chunk is fresh)
            void* p = std::calloc(n == 0 ? 1 : n, sizeof(T));
            if (!p) throw std::bad_alloc();
            return static_cast<T*>(p);
        }
        // Large: a fresh anonymous mapping (zero pages), trimmed to start on a huge-page boundary.
        const std::size_t rounded = round_up(bytes);
        void* raw = mmap(nullptr, rounded + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (raw == MAP_FAILED) throw std::bad_alloc();
        const auto start = reinterpret_cast<std::uintptr_t>(raw);
        const std::uintptr_t aligned = (start + kHugePage - 1) / kHugePage * kHugePage;
        if (aligned > start) (void)munmap(raw, aligned - start);
        if (const std::size_t tail = start + rounded + kHugePage - (aligned + rounded); tail > 0) (void)munmap(reinterpret_cast<void*>(aligned + rounded), tail);
        (void)madvise(reinterpret_cast<void*>(aligned), rounded, MADV_HUGEPAGE);  // advice only: 4 KiB pages still work
        return reinterpret_cast<T*>(aligned);
    }
    void deallocate(T* p, std::size_t n) noexcept {
        if (n * sizeof(T) < 2 * kHugePage) std::free(p);
        else (void)munmap(p, round_up(n * sizeof(T)));
    }
    // Default-initialise (no write: the memory is already zero) on resize; construct normally otherwise.
    template <class U, class... Args>
    void construct(U* p, Args&&... args) {
        if constexpr (sizeof...(Args) == 0) ::new (static_cast<void*>(p)) U;
        else ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
    template <class U>
    bool operator==(const LargeBufferAllocator<U>&) const noexcept { return true; }

private:
    static std::size_t round_up(std::size_t bytes) { return (bytes + kHugePage - 1) / kHugePage * kHugePage; }
};

template <class T>
using LargeBuffer = std::vector<T, LargeBufferAllocator<T>>;

}  // namespace motiv::batch
