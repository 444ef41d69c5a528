#include "apps/export/statement_files.hpp"

#include <filesystem>
#include <set>
#include <system_error>

#include "core/errors.hpp"
#include "apps/export/output_files.hpp"
#include "apps/export/statement_html.hpp"
#include "apps/export/statement_text.hpp"
#include "core/errors/catalogue.hpp"
#include "core/io/sha256.hpp"

namespace motiv::exports {

namespace fs = std::filesystem;

std::optional<StatementFormat> parse_statement_format(std::string_view name) {
    if (name == "html") return StatementFormat::html;
    if (name == "txt" || name == "text") return StatementFormat::text;
    return std::nullopt;
}

namespace {
// The length of the UTF-8 character at id[i] when it is a whole, valid multi-byte one; else 0.
std::size_t utf8_char(std::string_view id, std::size_t i) {
    const auto u = static_cast<unsigned char>(id[i]);
    const std::size_t n = u >= 0xF0 && u <= 0xF4 ? 4 : u >= 0xE0 && u <= 0xEF ? 3 : u >= 0xC2 && u <= 0xDF ? 2 : 0;
    if (n == 0 || i + n > id.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(id[i + k]) & 0xC0) != 0x80) return 0;
    return n;
}
}  // namespace

std::string safe_file_stem(std::string_view id) {
    // File names are at most 255 bytes; 120 leaves room for ".<lang>.html".
    constexpr std::size_t kMaxBytes = 120;
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (std::size_t i = 0; i < id.size();) {
        if (const std::size_t n = utf8_char(id, i)) {
            out.append(id.substr(i, n));  // a letter of another script
            i += n;
            continue;
        }
        const char c = id[i++];
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || (c == '.' && !out.empty());
        if (keep) out += c;
        else {
            out += '_';
            out += hex[static_cast<unsigned char>(c) >> 4];
            out += hex[static_cast<unsigned char>(c) & 0xF];
        }
    }
    if (out.empty()) return "_";  // the empty id: no other id escapes to a lone '_'
    if (out.size() <= kMaxBytes) return out;
    std::size_t cut = kMaxBytes - 17;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // whole characters
    while (cut > 0 && out.size() > 2 && (out[cut - 1] == '_' || (cut > 1 && out[cut - 2] == '_'))) --cut;  // whole escapes
    return out.substr(0, cut) + "~" + io::sha256_hex(std::string(id)).substr(0, 16);
}

std::vector<std::string> write_statements(const CompiledScheme& cs, const Period& period, const std::vector<PersonInputs>& people,
                                          const Provenance& provenance, const std::string& dir, Lang lang,
                                          const std::vector<StatementFormat>& formats, io::Overwrite mode,
                                          const std::vector<std::string>& inputs) {
    const BoundParameters params = cs.bind(period);
    std::vector<OutputFile> outputs;
    std::set<std::string> stems;
    for (const auto& person : people) {
        const Statement st = build_statement(cs, params, person, provenance);
        const std::string stem = safe_file_stem(person.id);
        // One-to-one stems: only the same id twice gets here, and it must not overwrite itself.
        if (!stems.insert(stem).second) throw IoError(err::io_output_conflict, "two statements for the same person id '" + person.id + "'");
        const fs::path base = fs::path(dir) / (stem + "." + lang_code(lang));
        for (StatementFormat f : formats) {
            if (f == StatementFormat::html) outputs.push_back({base.string() + ".html", statement_html(st, lang)});
            else outputs.push_back({base.string() + ".txt", statement_text(st, lang)});
        }
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw IoError(err::io_cannot_write, "cannot create directory '" + dir + "': " + ec.message());
    write_all(outputs, mode, inputs);
    std::vector<std::string> paths;
    for (const auto& o : outputs) paths.push_back(o.path);
    return paths;
}

}  // namespace motiv::exports
