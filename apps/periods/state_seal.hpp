// The seal of a carried state file: a digest chain over each person's history, a digest per
// person and one over the whole file, so that a state edited or cut after run-periods wrote it is
// refused instead of driving clawbacks, true-ups and retro lines from figures no run produced.
//
// Each history record's "digest" is SHA-256 over the previous record's digest (the person's id
// for the first) and the record; a person's "digest" covers their other fields and the last
// record's digest; the file's "digest" covers its other fields and every person's digest. So an
// edited value, a removed, truncated or reordered history, a person added or removed is found, and
// the first history record that does not match names the period.
//
// A digest, not a signature: anyone with motiv can re-seal a file on purpose. It guards against
// hand edits, careless merges and truncation, which is what a state file meets in practice.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/errors.hpp"

namespace motiv::periods {

// Adds the digests to a state as CarriedState::to_json builds it (replacing any present).
void seal_state(nlohmann::json& state);

// The issues of a state whose structure was read without error (every key present, of its type):
// none when every digest matches; else motiv.data_error.505 naming the first history record that
// does not match (per person), else the person, else the file -- with the JSON pointer.
std::vector<Issue> check_state_seal(const nlohmann::json& state, const std::string& source);

}  // namespace motiv::periods
