#include "core/data/csv.hpp"

#include "core/data/spreadsheet_cell.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "core/errors.hpp"
#include "core/io/atomic_file.hpp"

namespace motiv::data {

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == name) return i;
    }
    return std::nullopt;
}

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Thousands separators make the limits readable in messages ("1,000,000").
std::string with_commas(std::size_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

// Offset of the first byte that is not well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or npos when the whole text is valid.
std::size_t invalid_utf8_at(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b0 = static_cast<unsigned char>(s[i]);
        if (b0 < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned char lo = 0x80;  // allowed range of the second byte
        unsigned char hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            len = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            len = 3;
            if (b0 == 0xE0) lo = 0xA0;  // overlong
            if (b0 == 0xED) hi = 0x9F;  // surrogates
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            len = 4;
            if (b0 == 0xF0) lo = 0x90;  // overlong
            if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
        } else {
            return i;
        }
        if (s.size() - i < len) return i;
        const auto b1 = static_cast<unsigned char>(s[i + 1]);
        if (b1 < lo || b1 > hi) return i;
        for (std::size_t k = 2; k < len; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            if (b < 0x80 || b > 0xBF) return i;
        }
        i += len;
    }
    return std::string_view::npos;
}

struct Cell {
    std::string text;
    std::size_t line = 0;  // physical line where the cell starts
};

struct Record {
    std::vector<Cell> cells;
    std::size_t line = 0;  // physical line where the record starts
};

// A single pass over the text. Problems go to `issues_`; a problem after which the rest of the
// input cannot be read sensibly (or which would cost unbounded memory) sets `stop_`.
class Parser {
public:
    Parser(std::string_view text, std::string source, char delimiter)
        : text_(text), source_(std::move(source)), delim_(delimiter) {}

    // Calls on_header once, then on_row for each well-formed row (cells moved out of the parser's
    // record; the callee may keep or reuse them), until the first problem: after that the rows are
    // thrown away anyway, so they are only checked. Throws the problems found at the end.
    void run(const std::function<void(const std::vector<std::string>&)>& on_header,
             const std::function<void(std::vector<std::string>&, std::size_t)>& on_row) {
        if (text_.substr(0, 2) == "\xFF\xFE" || text_.substr(0, 2) == "\xFE\xFF") {
            add("106", 1, 0, {}, "the file is UTF-16 encoded; save it as UTF-8");
            issues_.throw_if_any();
        }
        if (text_.substr(0, kBom.size()) == kBom) pos_ = kBom.size();

        Record rec;
        if (!read_record(rec)) {
            if (!stop_) add("101", 0, 0, {}, "empty file: expected a header line naming the columns");
            issues_.throw_if_any();
        }
        take_header(rec);
        if (issues_.empty()) on_header(header_);

        std::size_t seen = 0;  // data records read, well-formed or not
        std::vector<std::string> row;
        while (!stop_ && read_record(rec)) {
            if (seen == kCsvMaxRows) {
                add("107", rec.line, 0, {},
                    "more than " + with_commas(kCsvMaxRows) + " rows; split the file");
                stop_ = true;
                break;
            }
            ++seen;
            check_utf8(rec);
            if (rec.cells.size() != header_.size()) {
                report_ragged(rec);
                continue;
            }
            if (!issues_.empty()) continue;  // the table is thrown away; stop growing it
            row.resize(rec.cells.size());
            for (std::size_t i = 0; i < row.size(); ++i) row[i].swap(rec.cells[i].text);
            on_row(row, rec.line);
        }
        issues_.throw_if_any();
    }

private:
    void take_header(Record& rec) {
        check_utf8(rec);
        header_.reserve(rec.cells.size());
        for (auto& c : rec.cells) header_.push_back(std::move(c.text));
        std::unordered_map<std::string_view, std::size_t> first;  // name -> 0-based column
        for (std::size_t i = 0; i < header_.size(); ++i) {
            const std::string_view name = header_[i];
            if (name.find_first_not_of(" \t") == std::string_view::npos) {
                add("102", rec.line, i + 1, {}, "empty column name in the header");
                continue;
            }
            auto [it, inserted] = first.emplace(name, i);
            if (!inserted) {
                add("102", rec.line, i + 1, std::string(name),
                    "duplicate column name '" + std::string(name) + "' (also column " +
                        std::to_string(it->second + 1) + ")");
            }
        }
    }

    void report_ragged(const Record& rec) {
        const std::size_t got = rec.cells.size();
        const std::size_t want = header_.size();
        // Point at the first missing or the first extra cell.
        const std::size_t col = got < want ? got + 1 : want + 1;
        std::string msg = "expected " + std::to_string(want) + " cells, got " + std::to_string(got);
        if (got < want) msg += " (first missing column '" + header_[got] + "')";
        if (got == 1 && !rec.cells[0].text.empty() &&
            rec.cells[0].text.find_first_not_of(" \t") == std::string::npos) {
            msg += "; the line holds only whitespace, delete it";
        }
        add("103", rec.line, col, got < want ? header_[got] : std::string(), std::move(msg));
    }

    void check_utf8(const Record& rec) {
        for (std::size_t i = 0; i < rec.cells.size() && !stop_; ++i) {
            const std::string& t = rec.cells[i].text;
            const std::size_t bad = invalid_utf8_at(t);
            if (bad == std::string::npos) continue;
            const auto newlines = std::count(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
            add("106", rec.cells[i].line + static_cast<std::size_t>(newlines), i + 1, field_name(i),
                "invalid UTF-8 at byte " + std::to_string(bad + 1) + " of the cell; save the file as UTF-8");
        }
    }

    [[nodiscard]] std::string field_name(std::size_t col) const {
        return col < header_.size() ? header_[col] : std::string();
    }

    void add(const char* code, std::size_t line, std::size_t column, std::string field, std::string message) {
        if (stop_) return;
        if (issues_.size() == kCsvMaxIssues) {
            Issue cap;
            cap.id = "motiv.data_error.107";
            cap.file = source_;
            cap.line = line;
            cap.message = "more than " + std::to_string(kCsvMaxIssues) + " problems; stopped reading here";
            issues_.add(std::move(cap));
            stop_ = true;
            return;
        }
        Issue issue;
        issue.id = std::string("motiv.data_error.") + code;
        issue.file = source_;
        issue.line = line;
        issue.column = column;
        issue.field = std::move(field);
        issue.message = std::move(message);
        issues_.add(std::move(issue));
    }

    [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
    [[nodiscard]] bool at_line_end() const { return text_[pos_] == '\n' || text_[pos_] == '\r'; }

    // Consumes LF, CRLF or a lone CR.
    void consume_line_end() {
        if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++line_;
    }

    // Reads the next non-empty record; false at the end of input or when parsing stopped.
    bool read_record(Record& rec) {
        while (!at_end() && at_line_end()) consume_line_end();  // empty lines
        if (at_end()) return false;
        rec.cells.clear();
        rec.line = line_;
        for (;;) {
            if (rec.cells.size() == kCsvMaxColumns) {
                add("107", line_, rec.cells.size() + 1, {},
                    "more than " + with_commas(kCsvMaxColumns) + " columns in one row");
                stop_ = true;
                return false;
            }
            Cell cell;
            cell.line = line_;
            read_field(cell, rec.cells.size());
            if (stop_) return false;
            rec.cells.push_back(std::move(cell));
            if (at_end()) return true;
            if (text_[pos_] == delim_) {
                ++pos_;
                continue;  // a delimiter just before the line end opens one more, empty, cell
            }
            consume_line_end();
            return true;
        }
    }

    // Appends text to a cell unless that would pass the cell limit.
    bool append(Cell& cell, std::string_view chunk, std::size_t col) {
        if (chunk.size() > kCsvMaxCellBytes - cell.text.size()) {
            add("107", cell.line, col + 1, field_name(col),
                "cell longer than " + with_commas(kCsvMaxCellBytes) + " bytes");
            stop_ = true;
            return false;
        }
        cell.text.append(chunk);
        return true;
    }

    void read_field(Cell& cell, std::size_t col) {
        if (!at_end() && text_[pos_] == '"') {
            const std::size_t open_line = line_;
            ++pos_;
            for (;;) {
                const std::size_t q = text_.find('"', pos_);
                if (q == std::string_view::npos) {
                    add("104", open_line, col + 1, field_name(col),
                        "quoted field is not closed before the end of the file");
                    stop_ = true;  // everything after the quote was swallowed: nothing more to read
                    return;
                }
                const std::string_view chunk = text_.substr(pos_, q - pos_);
                line_ += static_cast<std::size_t>(std::count(chunk.begin(), chunk.end(), '\n'));
                if (!append(cell, chunk, col)) return;
                pos_ = q + 1;
                if (!at_end() && text_[pos_] == '"') {
                    if (!append(cell, "\"", col)) return;
                    ++pos_;
                    continue;
                }
                break;
            }
            if (at_end() || text_[pos_] == delim_ || at_line_end()) return;
            const char c = text_[pos_];
            const std::string what = (c >= 0x20 && c < 0x7F) ? "'" + std::string(1, c) + "'" : "text";
            add("105", line_, col + 1, field_name(col),
                "unexpected " + what +
                    " after the closing quote; quote the whole field and double the quotes inside it");
            read_unquoted(cell, col, /*quote_reported=*/true);
            return;
        }
        read_unquoted(cell, col, /*quote_reported=*/false);
    }

    void read_unquoted(Cell& cell, std::size_t col, bool quote_reported) {
        const std::size_t start = pos_;
        while (!at_end() && text_[pos_] != delim_ && !at_line_end()) {
            if (text_[pos_] == '"' && !quote_reported) {
                add("105", line_, col + 1, field_name(col),
                    "quote inside an unquoted field; quote the whole field and double the quotes inside it");
                quote_reported = true;
            }
            ++pos_;
        }
        append(cell, text_.substr(start, pos_ - start), col);
    }

    std::string_view text_;
    std::string source_;
    char delim_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    bool stop_ = false;
    std::vector<std::string> header_;
    IssueCollector<DataError> issues_;
};

void check_delimiter(char delimiter) {
    const auto d = static_cast<unsigned char>(delimiter);
    if (d == '"' || d == '\r' || d == '\n' || d == 0 || d >= 0x80) {
        throw std::invalid_argument("CSV delimiter must be an ASCII character other than '\"', CR, LF or NUL");
    }
}

}  // namespace

char detect_delimiter(std::string_view text) {
    if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
    const std::string_view first = text.substr(0, text.find_first_of("\r\n"));
    return first.find(';') != std::string_view::npos && first.find(',') == std::string_view::npos ? ';' : ',';
}

std::string decimal_point(std::string_view cell) {
    std::string out(cell);
    if (std::count(out.begin(), out.end(), ',') == 1 && out.find('.') == std::string::npos) out[out.find(',')] = '.';
    return out;
}

namespace {

// An Excel workbook read as CSV fails on every row with garbage; say once what it is and what to do.
void refuse_workbook(std::string_view text, const std::string& source) {
    const bool xlsx = text.substr(0, 4) == std::string_view("PK\x03\x04", 4);  // a zip: XLSX (or ODS)
    const bool xls = text.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);  // OLE2: the old XLS
    if (!xlsx && !xls) return;
    throw DataError({Issue{"motiv.data_error.109", source, "", 0, 0, "", "",
                           std::string("this is a spreadsheet workbook (") + (xlsx ? "XLSX" : "XLS") +
                               "), not a CSV file: in Excel use File > Save As > \"CSV UTF-8 (Comma delimited)\" (a ';'-separated CSV "
                               "with decimal commas from Russian Excel is read too), or in Python pass pandas.read_excel(path, dtype=str) as the data",
                           "", 0}});
}

}  // namespace

void for_each_csv_row(std::string_view text, std::string source, std::optional<char> delimiter,
                      const std::function<void(const CsvTable& head)>& on_header,
                      const std::function<void(std::vector<std::string>& cells, std::size_t line)>& on_row) {
    if (delimiter) check_delimiter(*delimiter);
    refuse_workbook(text, source);
    const char d = delimiter ? *delimiter : detect_delimiter(text);
    CsvTable head;
    head.source = source;
    head.decimal_comma = !delimiter && d == ';';
    Parser(text, std::move(source), d)
        .run(
            [&](const std::vector<std::string>& header) {
                head.header = header;
                on_header(head);
            },
            on_row);
}

CsvTable parse_csv(std::string_view text, std::string source, std::optional<char> delimiter) {
    CsvTable table;
    for_each_csv_row(
        text, std::move(source), delimiter, [&](const CsvTable& head) { table = head; },
        [&](std::vector<std::string>& cells, std::size_t line) {
            table.rows.push_back(std::move(cells));
            table.row_lines.push_back(line);
        });
    return table;
}

CsvTable read_csv_file(const std::string& path, std::optional<char> delimiter) {
    if (delimiter) check_delimiter(*delimiter);
    const std::string text = io::read_file(path);
    return parse_csv(text, path, delimiter);
}

std::string csv_escape(std::string_view field, char delimiter) {
    const char specials[] = {delimiter, '"', '\r', '\n', '\0'};
    if (field.find_first_of(std::string_view(specials, 4)) == std::string_view::npos) return std::string(field);
    std::string out;
    out.reserve(field.size() + 2);
    out += '"';
    for (const char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

void append_csv_row(std::string& out, const std::vector<std::string>& fields, char delimiter, CellGuard guard) {
    if (fields.size() == 1 && fields[0].empty()) {
        out += "\"\"\n";
        return;
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out += delimiter;
        out += guard == CellGuard::spreadsheet ? csv_escape(spreadsheet_safe(fields[i]), delimiter) : csv_escape(fields[i], delimiter);
    }
    out += '\n';
}

}  // namespace motiv::data
