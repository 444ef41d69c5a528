#include "core/money/decimal.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/money/fast_division.hpp"

namespace motiv {

namespace {

__extension__ using uint128 = unsigned __int128;

constexpr int128 kMax = static_cast<int128>((~uint128{0}) >> 1);

constexpr uint128 pow10_u(int n) {
    uint128 p = 1;
    for (int i = 0; i < n; ++i) p *= 10;
    return p;
}

uint128 magnitude(int128 v) { return v < 0 ? uint128(0) - static_cast<uint128>(v) : static_cast<uint128>(v); }

// Signed result from a magnitude; overflow if it does not fit.
int128 signed_from(uint128 mag, bool negative, Fault& fault) {
    if (mag > static_cast<uint128>(kMax)) {
        fault = Fault::overflow;
        return 0;
    }
    const auto v = static_cast<int128>(mag);
    return negative ? -v : v;
}

// q = n / d rounded half-even, on magnitudes.
uint128 div_round_half_even(uint128 n, uint128 d) {
    if (d == static_cast<uint128>(Decimal::kOne)) {
        // The common case (every multiplication): a division by a constant, not a libgcc call.
        std::uint64_t rem = 0;
        uint128 q = fast::divmod_const<1000000000u>(n, rem);
        if (rem * 2 > 1000000000u || (rem * 2 == 1000000000u && (q & 1) != 0)) ++q;
        return q;
    }
    uint128 q = n / d;
    const uint128 r = n % d;
    const uint128 twice = r * 2;  // r < d <= 2^127, so no overflow
    if (twice > d || (twice == d && (q & 1) != 0)) ++q;
    return q;
}

std::string digits(uint128 v) {
    if (v == 0) return "0";
    std::string s;
    while (v != 0) {
        s.push_back(static_cast<char>('0' + static_cast<int>(v % 10)));
        v /= 10;
    }
    std::reverse(s.begin(), s.end());
    return s;
}

}  // namespace

Decimal Decimal::from_minor(std::int64_t minor, int exponent) {
    if (exponent < 0 || exponent > kPlaces) throw std::invalid_argument("currency exponent must be 0..9");
    return from_raw(static_cast<int128>(minor) * static_cast<int128>(pow10_u(kPlaces - exponent)));
}

std::optional<Decimal> Decimal::parse(std::string_view text) {
    std::size_t i = 0;
    const std::size_t n = text.size();
    if (n == 0 || n > 200) return std::nullopt;
    bool negative = false;
    if (text[i] == '+' || text[i] == '-') {
        negative = text[i] == '-';
        ++i;
    }
    uint128 mant = 0;
    int frac_digits = 0;
    int pending_zeros = 0;  // zeros read but not yet multiplied into mant (they may be trailing)
    bool any = false;
    bool dot = false;
    // Mantissa digits. Zeros are deferred, so trailing zeros never overflow the mantissa: only
    // more than 38 significant digits are refused.
    for (; i < n; ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            any = true;
            if (dot) ++frac_digits;
            if (c == '0') {
                ++pending_zeros;
                continue;
            }
            for (; pending_zeros > 0; --pending_zeros) {
                if (mant > (~uint128{0}) / 10) return std::nullopt;
                mant *= 10;
            }
            if (mant > ((~uint128{0}) - 9) / 10) return std::nullopt;
            mant = mant * 10 + static_cast<unsigned>(c - '0');
        } else if (c == '.' && !dot) {
            dot = true;
        } else {
            break;
        }
    }
    if (!any) return std::nullopt;
    int exp10 = 0;
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool eneg = false;
        if (i < n && (text[i] == '+' || text[i] == '-')) {
            eneg = text[i] == '-';
            ++i;
        }
        // At least one exponent digit: "1e", "1e+" and "1e%" are garbage.
        if (i >= n || text[i] < '0' || text[i] > '9') return std::nullopt;
        int e = 0;
        for (; i < n && text[i] >= '0' && text[i] <= '9'; ++i) {
            e = std::min(e * 10 + (text[i] - '0'), 1000);  // saturates: far beyond any exact value
        }
        exp10 = eneg ? -e : e;
    }
    bool percent = false;
    if (i < n && text[i] == '%') {
        percent = true;
        ++i;
    }
    if (i != n) return std::nullopt;
    // value = mant * 10^(pending_zeros + exp10 - frac_digits - 2*percent); raw = value * 10^9
    const int shift = kPlaces + pending_zeros + exp10 - frac_digits - (percent ? 2 : 0);
    if (shift < 0) {
        // Only trailing zeros may be dropped: anything else would not be exact.
        const uint128 p = pow10_u(std::min(-shift, 38));
        if (-shift > 38 || mant % p != 0) {
            if (mant != 0) return std::nullopt;
        }
        mant = -shift > 38 ? 0 : mant / p;
    } else {
        for (int k = 0; k < shift && mant != 0; ++k) {
            if (mant > static_cast<uint128>(kMax) / 10) return std::nullopt;
            mant *= 10;
        }
    }
    if (mant > static_cast<uint128>(kMax)) return std::nullopt;
    const auto v = static_cast<int128>(mant);
    return from_raw(negative ? -v : v);
}

int Decimal::places() const {
    uint128 frac = magnitude(raw_) % static_cast<uint128>(kOne);
    if (frac == 0) return 0;
    int p = kPlaces;
    while (frac % 10 == 0) {
        frac /= 10;
        --p;
    }
    return p;
}

std::optional<std::int64_t> Decimal::to_minor(int exponent) const {
    if (exponent < 0 || exponent > kPlaces) return std::nullopt;
    const auto unit = static_cast<int128>(pow10_u(kPlaces - exponent));
    if (raw_ % unit != 0) return std::nullopt;
    const int128 m = raw_ / unit;
    if (m > INT64_MAX || m < INT64_MIN) return std::nullopt;
    return static_cast<std::int64_t>(m);
}

std::optional<std::int64_t> Decimal::to_int64() const {
    const int128 m = raw_ / kOne;
    if (m > INT64_MAX || m < INT64_MIN) return std::nullopt;
    return static_cast<std::int64_t>(m);
}

std::string Decimal::to_string_fixed(int places) const {
    places = std::clamp(places, 0, kPlaces);
    const uint128 mag = magnitude(raw_);
    const uint128 ip = mag / static_cast<uint128>(kOne);
    uint128 fp = mag % static_cast<uint128>(kOne);
    std::string s = (raw_ < 0 ? "-" : "") + digits(ip);
    if (places > 0) {
        std::string f = digits(fp);
        f.insert(0, static_cast<std::size_t>(kPlaces) - f.size(), '0');
        s += "." + f.substr(0, static_cast<std::size_t>(places));
    }
    return s;
}

std::string Decimal::to_string() const { return to_string_fixed(places()); }

std::string Decimal::to_display(int min_places) const {
    const int p = std::max(min_places, places());
    std::string s = to_string_fixed(p);
    const bool neg = !s.empty() && s[0] == '-';
    const std::size_t start = neg ? 1 : 0;
    std::size_t end = s.find('.');
    if (end == std::string::npos) end = s.size();
    std::string out;
    for (std::size_t k = start; k < end; ++k) {
        if (k != start && (end - k) % 3 == 0) out.push_back(',');
        out.push_back(s[k]);
    }
    return (neg ? "-" : "") + out + s.substr(end);
}

double Decimal::to_double() const { return static_cast<double>(raw_) / static_cast<double>(kOne); }

Decimal Decimal::add(Decimal a, Decimal b, Fault& fault) {
    int128 r;
    if (__builtin_add_overflow(a.raw_, b.raw_, &r)) {
        fault = Fault::overflow;
        return {};
    }
    return from_raw(r);
}

Decimal Decimal::sub(Decimal a, Decimal b, Fault& fault) {
    int128 r;
    if (__builtin_sub_overflow(a.raw_, b.raw_, &r)) {
        fault = Fault::overflow;
        return {};
    }
    return from_raw(r);
}

Decimal Decimal::neg(Decimal a, Fault& fault) {
    if (a.raw_ == -kMax - 1) {
        fault = Fault::overflow;
        return {};
    }
    return from_raw(-a.raw_);
}

Decimal Decimal::mul_wide(Decimal a, Decimal b, Fault& fault) {
    const bool negative = (a.raw_ < 0) != (b.raw_ < 0);
    const uint128 x = magnitude(a.raw_);
    const uint128 y = magnitude(b.raw_);
    constexpr uint128 one = static_cast<uint128>(kOne);
    // Operands within 64 bits never get here: Decimal::mul (inline, in the header) handles them.
    uint128 p;
    if (!__builtin_mul_overflow(x, y, &p)) {
        return from_raw(signed_from(div_round_half_even(p, one), negative, fault));
    }
    // Wide path: x*y/1e9 = xh*yh*1e9 + xh*yl + xl*yh + round(xl*yl/1e9), each term checked.
    const uint128 xh = x / one, xl = x % one, yh = y / one, yl = y % one;
    uint128 t1, t2, t3, sum;
    if (__builtin_mul_overflow(xh, yh, &t1) || __builtin_mul_overflow(t1, one, &t1) ||
        __builtin_mul_overflow(xh, yl, &t2) || __builtin_mul_overflow(xl, yh, &t3) ||
        __builtin_add_overflow(t1, t2, &sum) || __builtin_add_overflow(sum, t3, &sum)) {
        fault = Fault::overflow;
        return {};
    }
    // Rounding the low term alone is exact: the other terms are whole multiples of 10^-9.
    const uint128 low = xl * yl;
    uint128 q = low / one;
    const uint128 r = low % one;
    if (r * 2 > one || (r * 2 == one && ((sum + q) & 1) != 0)) ++q;
    if (__builtin_add_overflow(sum, q, &sum)) {
        fault = Fault::overflow;
        return {};
    }
    return from_raw(signed_from(sum, negative, fault));
}

Decimal Decimal::div(Decimal a, Decimal b, Fault& fault) {
    if (b.raw_ == 0) {
        fault = Fault::division_by_zero;
        return {};
    }
    const bool negative = (a.raw_ < 0) != (b.raw_ < 0);
    const uint128 x = magnitude(a.raw_);
    const uint128 y = magnitude(b.raw_);
    constexpr uint128 one = static_cast<uint128>(kOne);
    uint128 n;
    if (!__builtin_mul_overflow(x, one, &n)) {
        return from_raw(signed_from(div_round_half_even(n, y), negative, fault));
    }
    // Long division, one decimal digit at a time, for dividends too large to scale up front. The
    // divisor may be as large as 2^127, so 10 * r can exceed 128 bits: the next digit and remainder
    // come from ten modular additions instead (each step keeps r < y, never overflowing).
    uint128 q = x / y;
    uint128 r = x % y;
    constexpr uint128 q_limit = static_cast<uint128>(kMax) / 10;
    for (int k = 0; k < kPlaces; ++k) {
        // q only grows from here, so once 10 * q passes the range the result cannot fit.
        if (q > q_limit) {
            fault = Fault::overflow;
            return {};
        }
        uint128 digit = 0;
        uint128 r10 = 0;  // (10 * r) mod y, built by adding r ten times
        for (int t = 0; t < 10; ++t) {
            if (r10 >= y - r) {  // r10 + r >= y
                r10 -= y - r;
                ++digit;
            } else {
                r10 += r;
            }
        }
        q = q * 10 + digit;
        r = r10;
    }
    if (r * 2 > y || (r * 2 == y && (q & 1) != 0)) ++q;
    return from_raw(signed_from(q, negative, fault));
}

namespace {
Decimal checked(Decimal (*op)(Decimal, Decimal, Fault&), Decimal a, Decimal b) {
    Fault f = Fault::none;
    const Decimal r = op(a, b, f);
    if (f == Fault::division_by_zero) throw std::domain_error("division by zero");
    if (f != Fault::none) throw std::overflow_error("decimal overflow");
    return r;
}
}  // namespace

Decimal operator+(Decimal a, Decimal b) { return checked(&Decimal::add, a, b); }
Decimal operator-(Decimal a, Decimal b) { return checked(&Decimal::sub, a, b); }
Decimal operator*(Decimal a, Decimal b) { return checked(&Decimal::mul, a, b); }
Decimal operator/(Decimal a, Decimal b) { return checked(&Decimal::div, a, b); }
Decimal operator-(Decimal a) { return checked(&Decimal::sub, Decimal{}, a); }

Decimal operator""_d(const char* text, std::size_t n) {
    auto d = Decimal::parse(std::string_view(text, n));
    if (!d) throw std::invalid_argument("not a decimal: " + std::string(text, n));
    return *d;
}

ParseFailure parse_failure(std::string_view text) {
    if (Decimal::parse(text)) return ParseFailure::none;
    std::string_view t = text;
    if (!t.empty() && (t.front() == '+' || t.front() == '-')) t.remove_prefix(1);
    std::string lower;
    for (char c : t.substr(0, 9)) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    if (lower == "nan" || lower == "inf" || lower == "infinity") return ParseFailure::not_finite;
    // The same shape parse() reads -- digits [. digits] [e [+-] digits] [%] -- tracking only the
    // decimal order of the first significant digit: a number that fails at order >= 29 is too large,
    // any other one has too many places (or digits).
    std::size_t i = 0;
    bool any = false, dot = false, significant = false;
    long int_digits = 0;  // digits before the dot from the first significant one
    long frac_pos = 0, first_frac = 0;  // 1-based place after the dot of the first significant digit
    for (; i < t.size(); ++i) {
        const char c = t[i];
        if (c >= '0' && c <= '9') {
            any = true;
            if (!dot) {
                if (significant || c != '0') ++int_digits;
            } else {
                ++frac_pos;
                if (!significant && c != '0') first_frac = frac_pos;
            }
            if (c != '0') significant = true;
        } else if (c == '.' && !dot) {
            dot = true;
        } else {
            break;
        }
    }
    if (!any) return ParseFailure::syntax;
    long exp10 = 0;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        bool eneg = false;
        if (i < t.size() && (t[i] == '+' || t[i] == '-')) eneg = t[i++] == '-';
        if (i >= t.size() || t[i] < '0' || t[i] > '9') return ParseFailure::syntax;
        for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) exp10 = std::min(exp10 * 10 + (t[i] - '0'), 100000L);
        if (eneg) exp10 = -exp10;
    }
    if (i < t.size() && t[i] == '%') {
        exp10 -= 2;
        ++i;
    }
    if (i != t.size()) return ParseFailure::syntax;
    if (text.size() > 200) return ParseFailure::too_long;
    const long lead = (int_digits > 0 ? int_digits - 1 : -first_frac) + exp10;  // order of the first significant digit
    return lead >= 29 ? ParseFailure::out_of_range : ParseFailure::too_precise;
}

const char* describe(ParseFailure f) {
    switch (f) {
        case ParseFailure::not_finite: return "not a finite number";
        case ParseFailure::out_of_range: return "out of range (|value| must be below 1.7e29)";
        case ParseFailure::too_precise: return "more than 9 decimal places";
        case ParseFailure::too_long: return "longer than 200 characters";
        default: return "";
    }
}

}  // namespace motiv
