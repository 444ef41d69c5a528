// Fast exact division of unsigned 128-bit values by small powers of ten.
//
// libgcc's generic 128-bit division (__udivti3) costs tens of cycles per call and dominated the
// batch engine's profile. Dividing by a compile-time constant below 2^32 needs only three 64-bit
// divisions by that constant, which the compiler turns into multiplications and shifts.
#pragma once

#include <cstdint>

namespace motiv::fast {

__extension__ using u128 = unsigned __int128;

// n / D and n % D for a constant D < 2^32.
template <std::uint32_t D>
inline u128 divmod_const(u128 n, std::uint64_t& rem) {
    static_assert(D > 0);
    const auto hi = static_cast<std::uint64_t>(n >> 64);
    const auto lo = static_cast<std::uint64_t>(n);
    const std::uint64_t q_hi = hi / D;
    std::uint64_t r = hi % D;
    std::uint64_t cur = (r << 32) | (lo >> 32);  // < D * 2^32: the quotient digit fits in 32 bits
    const std::uint64_t q1 = cur / D;
    r = cur % D;
    cur = (r << 32) | (lo & 0xFFFFFFFFu);
    const std::uint64_t q0 = cur / D;
    rem = cur % D;
    return (static_cast<u128>(q_hi) << 64) | (q1 << 32) | q0;
}

// n / 10^k and n % 10^k for k in 0..9; returns false (and does nothing) for other k.
inline bool divmod_pow10(u128 n, int k, u128& q, std::uint64_t& rem) {
    switch (k) {
        case 0: q = n; rem = 0; return true;
        case 1: q = divmod_const<10u>(n, rem); return true;
        case 2: q = divmod_const<100u>(n, rem); return true;
        case 3: q = divmod_const<1000u>(n, rem); return true;
        case 4: q = divmod_const<10000u>(n, rem); return true;
        case 5: q = divmod_const<100000u>(n, rem); return true;
        case 6: q = divmod_const<1000000u>(n, rem); return true;
        case 7: q = divmod_const<10000000u>(n, rem); return true;
        case 8: q = divmod_const<100000000u>(n, rem); return true;
        case 9: q = divmod_const<1000000000u>(n, rem); return true;
        default: return false;
    }
}

// k if v == 10^k for k in 0..9, else -1.
inline int log10_exact(u128 v) {
    std::uint64_t p = 1;
    for (int k = 0; k <= 9; ++k, p *= 10)
        if (v == p) return k;
    return -1;
}

}  // namespace motiv::fast
