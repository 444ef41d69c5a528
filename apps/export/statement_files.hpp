// Writing a pay statement per person: the one implementation behind `motiv statements` and
// Python's motiv.write_statements.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apps/export/statement.hpp"
#include "core/io/atomic_file.hpp"

namespace motiv::exports {

enum class StatementFormat { html, text };
// "html" / "txt"; std::nullopt for anything else.
std::optional<StatementFormat> parse_statement_format(std::string_view name);

// A file name made from a person's id, one-to-one: two ids never share a name (issue 17: "a/b" and
// "a_b" did). ASCII letters, digits, '-' and '.' (not leading) and whole UTF-8 characters
// (Cyrillic names) are kept; every other byte -- '/', '\\', control characters, a leading '.', and
// '_' itself, the escape -- becomes _XX (its hex value), so an id never names a path outside the
// directory or a hidden file. A name over 120 bytes is cut between characters and ends with '~' and
// 16 hex digits of the id's SHA-256 ('~' appears in no escaped name).
std::string safe_file_stem(std::string_view id);

// Pays every person for `period`, builds and renders every statement, then writes each to
// `dir`/<stem>.<lang>.html (and/or .txt), each atomically; `dir` is created if missing. Nothing is
// written if any person cannot be paid, or -- with Overwrite::refuse -- if any target exists
// (IoError motiv.io_error.003), or if a statement would replace one of `inputs` (the rule and
// data files read; motiv.io_error.007). Returns the paths.
std::vector<std::string> write_statements(const CompiledScheme& scheme, const Period& period, const std::vector<PersonInputs>& people,
                                          const Provenance& provenance, const std::string& dir, Lang lang,
                                          const std::vector<StatementFormat>& formats, io::Overwrite mode,
                                          const std::vector<std::string>& inputs = {});

}  // namespace motiv::exports
