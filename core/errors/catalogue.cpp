#include "core/errors/catalogue.hpp"

#include <algorithm>
#include <array>

namespace motiv::err {

namespace {
constexpr std::array kEntries = {
#define MOTIV_ERROR(name, id, error_class, meaning, fix) Entry{#name, id, #error_class, meaning, fix},
#include "core/errors/catalogue.def"
#undef MOTIV_ERROR
};
}  // namespace

std::span<const Entry> catalogue() noexcept { return kEntries; }

const Entry* find(std::string_view id) noexcept {
    const auto* it = std::find_if(kEntries.begin(), kEntries.end(), [&](const Entry& e) { return e.id == id; });
    return it == kEntries.end() ? nullptr : &*it;
}

std::string tag(std::string_view id) { return "[" + std::string(id) + "] "; }

}  // namespace motiv::err
