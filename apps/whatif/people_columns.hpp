// People read from a CSV (data/people_table.hpp) as the batch engine's columns, so that the CLI's
// sweeps run on the same engine as Python's. Each input column gets the smallest scale that holds
// every value exactly (money in kopecks has scale 2).
#pragma once

#include <cstdint>
#include <vector>

#include "core/batch/batch.hpp"
#include "core/engine/compute.hpp"

namespace motiv::whatif {

class PeopleColumns {
public:
    // EvalError (eval_error.502) naming the person and the input when a value does not fit in
    // int64 at its column's scale; std::invalid_argument when a role is not one of the scheme's
    // (people read by data::read_people against this scheme never are).
    PeopleColumns(const CompiledScheme& scheme, const std::vector<PersonInputs>& people);
    PeopleColumns(const PeopleColumns&) = delete;  // input() points into this object's buffers
    PeopleColumns& operator=(const PeopleColumns&) = delete;

    [[nodiscard]] const batch::Input& input() const { return input_; }

private:
    std::vector<std::uint32_t> role_;
    std::vector<std::vector<std::int64_t>> values_;
    std::vector<std::vector<std::uint8_t>> present_;
    batch::Input input_;
};

}  // namespace motiv::whatif
