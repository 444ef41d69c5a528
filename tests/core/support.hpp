// Shared fixtures of the Catch2 suite: the reference scheme, compiled once, and its example data.
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <string_view>

#include "core/engine/compiled_scheme.hpp"
#include "core/rules/loader.hpp"

namespace motiv::test {

inline const std::string kThreeTier = std::string(MOTIV_SOURCE_DIR) + "/rules/three_tier.json";
inline const std::string kExample = std::string(MOTIV_SOURCE_DIR) + "/examples/department/people_2026-10.csv";

// rules/three_tier.json, loaded and compiled once for the whole run.
inline std::shared_ptr<const CompiledScheme> three_tier_scheme() {
    static const auto cs = CompiledScheme::compile(load_scheme_file(kThreeTier));
    return cs;
}

// Index of a scheme input by name; fails the test if there is none.
inline std::size_t input_index(const Scheme& s, std::string_view name) {
    for (std::size_t i = 0; i < s.inputs.size(); ++i)
        if (s.inputs[i].name == name) return i;
    FAIL("no input " << name);
    return 0;
}

}  // namespace motiv::test
