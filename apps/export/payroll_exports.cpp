#include "apps/export/payroll_exports.hpp"

#include <algorithm>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "apps/export/output_files.hpp"
#include "apps/export/csv_export.hpp"
#include "apps/export/jsonl_export.hpp"
#include "apps/export/xlsx_export.hpp"
#include "core/batch/batch.hpp"
#include "core/data/csv.hpp"
#include "core/data/people_table.hpp"
#include "core/errors.hpp"
#include "core/io/output_set.hpp"

namespace motiv::exports {

namespace {
struct FormatInfo {
    Format format;
    const char* name;
    const char* suffix;
};
// ".excel-ru.csv" and ".raw.csv" are listed before ".csv" so that the longer suffix is stripped first.
constexpr FormatInfo kFormats[] = {
    {Format::csv_excel_ru, "csv-excel-ru", ".excel-ru.csv"},
    {Format::csv_raw, "csv-raw", ".raw.csv"},
    {Format::csv, "csv", ".csv"},
    {Format::xlsx, "xlsx", ".xlsx"},
    {Format::jsonl, "jsonl", ".jsonl"},
};
const FormatInfo& info(Format f) {
    for (const auto& i : kFormats)
        if (i.format == f) return i;
    return kFormats[0];
}
}  // namespace

std::optional<Format> parse_format(std::string_view name) {
    for (const auto& i : kFormats)
        if (name == i.name) return i.format;
    return std::nullopt;
}

const char* format_name(Format f) { return info(f).name; }
const char* format_suffix(Format f) { return info(f).suffix; }
std::vector<Format> all_formats() { return {Format::csv, Format::csv_excel_ru, Format::xlsx, Format::jsonl}; }

std::vector<Format> parse_formats(const std::vector<std::string>& names) {
    std::vector<Format> out;
    for (const auto& n : names) {
        if (n == "all") {
            for (auto f : all_formats()) out.push_back(f);
        } else if (auto f = parse_format(n)) {
            out.push_back(*f);
        } else {
            throw std::invalid_argument("format must be csv, csv-excel-ru, csv-raw, xlsx, jsonl or all, got '" + n + "'");
        }
    }
    if (out.empty()) out.push_back(Format::csv);
    return out;
}

std::vector<ExportFile> plan_files(const std::vector<Format>& formats, const std::string& out) {
    std::vector<Format> unique;
    for (Format f : formats)
        if (std::find(unique.begin(), unique.end(), f) == unique.end()) unique.push_back(f);
    if (unique.size() == 1) return {ExportFile{unique.front(), out}};
    std::string stem = out;
    for (const auto& i : kFormats) {
        const std::string_view sfx = i.suffix;
        if (stem.size() > sfx.size() && stem.ends_with(sfx)) {
            stem.resize(stem.size() - sfx.size());
            break;
        }
    }
    std::vector<ExportFile> files;
    for (Format f : unique) files.push_back(ExportFile{f, stem + format_suffix(f)});
    return files;
}

std::string render(Format f, const payroll::PayrollRun& run, const Scheme& scheme, const Provenance& provenance,
                   const ExportOptions& options) {
    switch (f) {
        case Format::csv: return to_csv(run, scheme, provenance, options.csv, options.csv_columns);
        case Format::csv_excel_ru: return to_csv(run, scheme, provenance, csv_excel_ru(), options.csv_columns);
        case Format::csv_raw: return to_csv(run, scheme, provenance, csv_raw(), options.csv_columns);
        case Format::xlsx: return to_xlsx(run, provenance);
        case Format::jsonl: return to_jsonl(run, provenance);
    }
    return {};
}

void write_files(const std::vector<ExportFile>& files, const payroll::PayrollRun& run, const Scheme& scheme,
                 const Provenance& provenance, io::Overwrite mode, const ExportOptions& options, const std::vector<std::string>& inputs) {
    std::vector<OutputFile> outputs;
    outputs.reserve(files.size());
    for (const auto& f : files) outputs.push_back({f.path, render(f.format, run, scheme, provenance, options)});
    write_all(outputs, mode, inputs);
}

namespace {

// A file being written as the run pays: rows go to a buffer, the buffer to the staged file.
class StreamedFile : public payroll::PaidRowSink {
public:
    StreamedFile(io::OutputSet& set, const std::string& path) : set_(set), path_(path), file_(set.open(path)) {}
    void flush_if_full() {
        // Bytes held per file: large enough for few write() calls, small beside a million rows.
        if (buffer_.size() >= (std::size_t{1} << 20)) flush();
    }
    void flush() {
        set_.append(file_, buffer_);
        buffer_.clear();
    }
    // The file's last bytes; the set publishes it with the others.
    void finish(const payroll::RunTotals& totals) {
        last(totals);
        flush();
        set_.close(file_);
    }

protected:
    virtual void last(const payroll::RunTotals&) {}
    std::string buffer_;
    io::OutputSet& set_;
    std::string path_;
    std::size_t file_;
};

class CsvFile : public StreamedFile {
public:
    CsvFile(io::OutputSet& set, const std::string& path, CsvWriter writer) : StreamedFile(set, path), writer_(std::move(writer)) {
        writer_.header(buffer_);
    }
    [[nodiscard]] std::optional<Explain> payslips() const override {
        return writer_.needs_payslips() ? std::optional<Explain>(Explain::none) : std::nullopt;
    }
    void row(const payroll::PaidRow& row) override {
        writer_.row(buffer_, row);
        flush_if_full();
    }
    void last(const payroll::RunTotals&) override { writer_.finish(buffer_); }

private:
    CsvWriter writer_;
};

class JsonlFile : public StreamedFile {
public:
    JsonlFile(io::OutputSet& set, const std::string& path, const Provenance& provenance) : StreamedFile(set, path), provenance_(provenance) {}
    [[nodiscard]] std::optional<Explain> payslips() const override { return Explain::full; }
    void row(const payroll::PaidRow& row) override {
        append_jsonl(buffer_, *row.payslip, provenance_);
        flush_if_full();
    }

private:
    const Provenance& provenance_;
};

class XlsxFile : public StreamedFile {
public:
    XlsxFile(io::OutputSet& set, const std::string& path, std::vector<std::string> columns, std::string period, int minor_units,
             const Provenance& provenance)
        : StreamedFile(set, path), writer_(std::move(columns), std::move(period), minor_units), provenance_(provenance) {}
    [[nodiscard]] std::optional<Explain> payslips() const override { return Explain::full; }
    void row(const payroll::PaidRow& row) override { writer_.row(row); }
    void last(const payroll::RunTotals& totals) override {
        // The workbook is assembled by libxlsxwriter in its own file; copied a piece at a time.
        std::ifstream in(writer_.finish(totals, provenance_), std::ios::binary);
        std::string piece(std::size_t{1} << 20, '\0');
        while (in) {
            in.read(piece.data(), static_cast<std::streamsize>(piece.size()));
            set_.append(file_, std::string_view(piece.data(), static_cast<std::size_t>(in.gcount())));
        }
        if (in.bad()) throw IoError("motiv.io_error.002", "cannot read back the XLSX workbook for '" + path_ + "'");
    }

private:
    XlsxWriter writer_;
    const Provenance& provenance_;
};

// The people of the period and their payslip lines, counted by the one reader of people before
// any work, so that a workbook that cannot hold them is refused before a million rows are paid. A
// file the reader refuses is left to the run, which reports its problems.
void check_xlsx_fits(const CompiledScheme& cs, const Period& period, std::string_view csv, const std::string& source) {
    std::size_t people = 0, lines = 0;
    std::optional<data::PeopleReader> reader;
    PersonInputs person;
    try {
        std::size_t row = 0;
        data::for_each_csv_row(
            csv, source, std::nullopt, [&](const data::CsvTable& head) { reader.emplace(head, cs, period); },
            [&](std::vector<std::string>& cells, std::size_t line) {
                if (!reader->read(cells, row++, line, person)) return;
                ++people;
                lines += cs.role(person.role)->components.size();
            });
        if (!reader || reader->has_problems()) return;
    } catch (const Error&) {
        return;
    }
    check_xlsx_rows(people, lines);
}

}  // namespace

payroll::RunTotals write_streamed(const std::vector<ExportFile>& files, const CompiledScheme& scheme, const Period& period, std::string_view csv,
                                  const std::string& source, const Provenance& provenance, io::Overwrite mode, const ExportOptions& options,
                                  const std::vector<std::string>& inputs) {
    io::OutputSet set(mode);
    for (const auto& in : inputs) set.input(in);
    std::vector<std::string> paths;
    for (const auto& f : files) paths.push_back(f.path);
    check_targets(paths, mode);
    for (const auto& f : files)
        if (f.format == Format::xlsx) check_xlsx_fits(scheme, period, csv, source);
    const std::vector<std::string> columns = batch::result_components(scheme);
    const Scheme& s = scheme.scheme();
    const int minor = s.currency.minor_units;
    const std::string month = period.to_string();
    std::vector<std::unique_ptr<StreamedFile>> sinks;
    for (const auto& f : files) {
        switch (f.format) {
            case Format::csv: sinks.push_back(std::make_unique<CsvFile>(set, f.path, CsvWriter(options.csv_columns, columns, s, provenance, options.csv, month, minor))); break;
            case Format::csv_excel_ru:
                sinks.push_back(std::make_unique<CsvFile>(set, f.path, CsvWriter(options.csv_columns, columns, s, provenance, csv_excel_ru(), month, minor)));
                break;
            case Format::csv_raw: sinks.push_back(std::make_unique<CsvFile>(set, f.path, CsvWriter(options.csv_columns, columns, s, provenance, csv_raw(), month, minor))); break;
            case Format::jsonl: sinks.push_back(std::make_unique<JsonlFile>(set, f.path, provenance)); break;
            case Format::xlsx: sinks.push_back(std::make_unique<XlsxFile>(set, f.path, columns, month, minor, provenance)); break;
        }
    }
    std::vector<payroll::PaidRowSink*> rows;
    for (const auto& sink : sinks) rows.push_back(sink.get());
    payroll::RunTotals totals = payroll::stream_payroll(scheme, period, csv, source, rows);
    for (const auto& sink : sinks) sink->finish(totals);
    set.publish();
    return totals;
}

}  // namespace motiv::exports
