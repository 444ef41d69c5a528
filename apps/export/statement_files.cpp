#include "apps/export/statement_files.hpp"

#include <filesystem>
#include <set>
#include <system_error>

#include "core/errors.hpp"
#include "apps/export/output_files.hpp"
#include "apps/export/statement_html.hpp"
#include "apps/export/statement_text.hpp"

namespace motiv::exports {

namespace fs = std::filesystem;

std::optional<StatementFormat> parse_statement_format(std::string_view name) {
    if (name == "html") return StatementFormat::html;
    if (name == "txt" || name == "text") return StatementFormat::text;
    return std::nullopt;
}

std::string safe_file_stem(std::string_view id) {
    // File names are at most 255 bytes; 120 leaves room for "-N.<lang>.html". Whole characters only.
    constexpr std::size_t kMaxBytes = 120;
    std::string out;
    for (std::size_t i = 0; i < id.size();) {
        const auto u = static_cast<unsigned char>(id[i]);
        const std::size_t n = u >= 0xF0 && u <= 0xF7 ? 4 : u >= 0xE0 && u <= 0xEF ? 3 : u >= 0xC2 && u <= 0xDF ? 2 : 1;
        if (out.size() + n > kMaxBytes) break;
        if (n > 1 && i + n <= id.size()) {
            out.append(id.substr(i, n));  // a letter of another script (ids were checked as UTF-8 when read)
        } else {
            const char c = id[i];
            const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || (c == '.' && !out.empty());
            out += ok ? c : '_';
        }
        i += n > 1 && i + n <= id.size() ? n : 1;
    }
    return out.empty() ? "_" : out;
}

std::vector<std::string> write_statements(const CompiledScheme& cs, const Period& period, const std::vector<PersonInputs>& people,
                                          const Provenance& provenance, const std::string& dir, Lang lang,
                                          const std::vector<StatementFormat>& formats, io::Overwrite mode) {
    const BoundParameters params = cs.bind(period);
    std::vector<OutputFile> outputs;
    std::set<std::string> stems;
    for (const auto& person : people) {
        const Statement st = build_statement(cs, params, person, provenance);
        std::string stem = safe_file_stem(person.id);
        for (int n = 2; !stems.insert(stem).second; ++n) stem = safe_file_stem(person.id) + "-" + std::to_string(n);
        const fs::path base = fs::path(dir) / (stem + "." + lang_code(lang));
        for (StatementFormat f : formats) {
            if (f == StatementFormat::html) outputs.push_back({base.string() + ".html", statement_html(st, lang)});
            else outputs.push_back({base.string() + ".txt", statement_text(st, lang)});
        }
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw IoError("motiv.io_error.002", "cannot create directory '" + dir + "': " + ec.message());
    write_all(outputs, mode);
    std::vector<std::string> paths;
    for (const auto& o : outputs) paths.push_back(o.path);
    return paths;
}

}  // namespace motiv::exports
