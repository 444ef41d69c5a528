#include "apps/logs/kpi.hpp"

#include <algorithm>

namespace motiv::logs {

const Kpi* PersonKpis::find(std::string_view kpi) const {
    for (const auto& k : kpis)
        if (k.name == kpi) return &k;
    return nullptr;
}

void PersonKpis::set(Kpi k) {
    for (auto& old : kpis)
        if (old.name == k.name) {
            old = std::move(k);
            return;
        }
    kpis.push_back(std::move(k));
}

std::string describe_rows(const std::vector<RowRef>& rows) {
    std::map<std::string, std::vector<std::size_t>> by_file;
    std::map<std::string, bool> json;
    std::vector<std::string> order;
    for (const auto& r : rows) {
        auto [it, fresh] = by_file.try_emplace(r.file);
        if (fresh) order.push_back(r.file);
        it->second.push_back(r.line);
        json[r.file] = r.json;
    }
    std::string out;
    for (const auto& f : order) {
        auto& lines = by_file[f];
        std::sort(lines.begin(), lines.end());
        lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
        out += (out.empty() ? "" : "; ") + f + (json[f] ? "#/" : ":");
        for (std::size_t i = 0; i < lines.size();) {
            std::size_t j = i;
            while (j + 1 < lines.size() && lines[j + 1] == lines[j] + 1) ++j;
            out += (i == 0 ? "" : ",") + std::to_string(lines[i]) + (j > i ? "-" + std::to_string(lines[j]) : "");
            i = j + 1;
        }
    }
    return out;
}

}  // namespace motiv::logs
