// SHA-256 of bytes, as lowercase hex. OpenSSL's libcrypto does it: a well-kept, audited
// implementation beats a hand-written one for a hash that proves which rules paid whom.
#pragma once

#include <string>
#include <string_view>

namespace motiv::io {
std::string sha256_hex(std::string_view bytes);

// SHA-256 of bytes given in pieces (several files hashed as one, without copying them together).
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(std::string_view bytes);
    // The digest as lowercase hex; the object is finished after it.
    std::string hex();

private:
    void* ctx_;  // EVP_MD_CTX, kept out of the header
};
}
