// Storage for the batch engine's large columns (results, row order): a std::vector whose
// allocator does not zero-fill on resize and asks for transparent huge pages.
//
// Why: a million rows of results is ~50 MB of freshly mapped memory. With 4 KiB pages the kernel
// takes ~12,000 page faults to hand it over -- measured at 25 ms on the project's VM, as long as
// paying the rows themselves -- and std::vector then zero-fills memory the engine overwrites
// anyway. With 2 MiB pages it is ~25 faults (4 ms), and leaving elements uninitialised means the
// first touch happens in the worker threads, in parallel, while they write their rows.
// Contract: whoever resizes a LargeBuffer writes every element before anyone reads it.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>
#include <utility>
#include <vector>

#include <sys/mman.h>

namespace motiv::batch {

template <class T>
struct LargeBufferAllocator {
    using value_type = T;
    static constexpr std::size_t kHugePage = std::size_t{2} << 20;

    LargeBufferAllocator() = default;
    template <class U>
    explicit LargeBufferAllocator(const LargeBufferAllocator<U>&) noexcept {}

    T* allocate(std::size_t n) {
        const std::size_t bytes = n * sizeof(T);
        if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
        if (bytes < 2 * kHugePage) return static_cast<T*>(::operator new(bytes));
        const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
        void* p = std::aligned_alloc(kHugePage, rounded);
        if (!p) throw std::bad_alloc();
        (void)madvise(p, rounded, MADV_HUGEPAGE);  // advice only: without it, 4 KiB pages still work
        return static_cast<T*>(p);
    }
    void deallocate(T* p, std::size_t n) noexcept {
        if (n * sizeof(T) < 2 * kHugePage) ::operator delete(p);
        else std::free(p);
    }
    // Default-initialise (no zero-fill) on resize; construct normally otherwise.
    template <class U, class... Args>
    void construct(U* p, Args&&... args) {
        if constexpr (sizeof...(Args) == 0) ::new (static_cast<void*>(p)) U;
        else ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
    template <class U>
    bool operator==(const LargeBufferAllocator<U>&) const noexcept { return true; }
};

template <class T>
using LargeBuffer = std::vector<T, LargeBufferAllocator<T>>;

}  // namespace motiv::batch
