// libFuzzer target "state": see state_entry() in fuzz/entry.hpp for the path it drives.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/entry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    motiv::fuzz::state_entry(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
