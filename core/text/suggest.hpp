// "Did you mean ...?": the known name closest to a mistyped one -- a command, an option, a column,
// a parameter of a what-if. One implementation for the CLI and the core, so every door suggests the
// same way.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace motiv::text {

// Levenshtein distance (insertions, deletions, substitutions, each 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` at most `max_distance` edits away (the first of equals), else --
// when `word` has at least 3 characters -- the one candidate `word` is a prefix of; "" when none.
// By default max_distance is a third of `word`'s length, at least 1: near enough to be a typo,
// far enough that "rate" is not offered for "date".
std::string closest(std::string_view word, const std::vector<std::string>& candidates, std::size_t max_distance);
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'X'?)" for closest(word, candidates), or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace motiv::text
