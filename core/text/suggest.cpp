#include "core/text/suggest.hpp"

#include <algorithm>
#include <iterator>

namespace motiv::text {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

std::string closest(std::string_view word, const std::vector<std::string>& candidates, std::size_t max_distance) {
    std::string best;
    std::size_t best_d = max_distance + 1;
    for (const auto& c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (d < best_d) best = c, best_d = d;
    }
    if (best.empty() && word.size() >= 3) {
        std::vector<std::string> prefixed;
        std::copy_if(candidates.begin(), candidates.end(), std::back_inserter(prefixed), [&](const std::string& c) { return c.starts_with(word); });
        if (prefixed.size() == 1) best = prefixed[0];
    }
    return best;
}

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
    return closest(word, candidates, std::max<std::size_t>(1, word.size() / 3));
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    const std::string c = closest(word, candidates);
    return c.empty() ? "" : " (did you mean '" + c + "'?)";
}

}  // namespace motiv::text
