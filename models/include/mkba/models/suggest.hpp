#pragma once
// "Did you mean": the one rule for suggesting a name after a typo, for scenario keys and names
// (models/) and for subcommands and flags (cli/).
#include <string>
#include <vector>

namespace mkba {

// Levenshtein distance between two words.
std::size_t edit_distance(const std::string& a, const std::string& b);

// The candidate closest to `word` when it is close enough to be a typo (at most max(2, |word|/3)
// edits; a candidate that `word` of three or more letters begins counts as one edit); "" otherwise.
std::string nearest_word(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace mkba
