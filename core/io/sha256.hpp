// SHA-256 of bytes, as lowercase hex. OpenSSL's libcrypto does it: a well-kept, audited
// implementation beats a hand-written one for a hash that proves which rules paid whom.
#pragma once

#include <string>
#include <string_view>

namespace motiv::io {
std::string sha256_hex(std::string_view bytes);
}
