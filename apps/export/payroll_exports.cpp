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
#include "core/errors.hpp"

namespace motiv::exports {

namespace {
struct FormatInfo {
    Format format;
    const char* name;
    const char* suffix;
};
// ".excel-ru.csv" is listed before ".csv" so that the longer suffix is stripped first.
constexpr FormatInfo kFormats[] = {
    {Format::csv_excel_ru, "csv-excel-ru", ".excel-ru.csv"},
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
            throw std::invalid_argument("format must be csv, csv-excel-ru, xlsx, jsonl or all, got '" + n + "'");
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
        case Format::xlsx: return to_xlsx(run, provenance);
        case Format::jsonl: return to_jsonl(run, provenance);
    }
    return {};
}

void write_files(const std::vector<ExportFile>& files, const payroll::PayrollRun& run, const Scheme& scheme,
                 const Provenance& provenance, io::Overwrite mode, const ExportOptions& options) {
    std::vector<OutputFile> outputs;
    outputs.reserve(files.size());
    for (const auto& f : files) outputs.push_back({f.path, render(f.format, run, scheme, provenance, options)});
    write_all(outputs, mode);
}

namespace {

// A file being written as the run pays: rows go to a buffer, the buffer to the staged file.
class StreamedFile : public payroll::PaidRowSink {
public:
    StreamedFile(const std::string& path, io::Overwrite mode) : file_(path, mode) {}
    void flush_if_full() {
        // Bytes held per file: large enough for few write() calls, small beside a million rows.
        if (buffer_.size() >= (std::size_t{1} << 20)) flush();
    }
    void flush() {
        file_.append(buffer_);
        buffer_.clear();
    }
    // The file's last bytes, then the whole file published.
    virtual void finish(const payroll::RunTotals&) { flush(); }
    void commit() { file_.commit(); }

protected:
    std::string buffer_;
    io::AtomicFileWriter file_;
};

class CsvFile : public StreamedFile {
public:
    CsvFile(const std::string& path, io::Overwrite mode, CsvWriter writer) : StreamedFile(path, mode), writer_(std::move(writer)) {
        writer_.header(buffer_);
    }
    [[nodiscard]] std::optional<Explain> payslips() const override {
        return writer_.needs_payslips() ? std::optional<Explain>(Explain::none) : std::nullopt;
    }
    void row(const payroll::PaidRow& row) override {
        writer_.row(buffer_, row);
        flush_if_full();
    }
    void finish(const payroll::RunTotals&) override {
        writer_.finish(buffer_);
        flush();
    }

private:
    CsvWriter writer_;
};

class JsonlFile : public StreamedFile {
public:
    JsonlFile(const std::string& path, io::Overwrite mode, const Provenance& provenance) : StreamedFile(path, mode), provenance_(provenance) {}
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
    XlsxFile(const std::string& path, io::Overwrite mode, std::vector<std::string> columns, std::string period, int minor_units,
             const Provenance& provenance)
        : StreamedFile(path, mode), writer_(std::move(columns), std::move(period), minor_units), provenance_(provenance) {}
    [[nodiscard]] std::optional<Explain> payslips() const override { return Explain::full; }
    void row(const payroll::PaidRow& row) override { writer_.row(row); }
    void finish(const payroll::RunTotals& totals) override {
        // The workbook is assembled by libxlsxwriter in its own file; copied a piece at a time.
        std::ifstream in(writer_.finish(totals, provenance_), std::ios::binary);
        std::string piece(std::size_t{1} << 20, '\0');
        while (in) {
            in.read(piece.data(), static_cast<std::streamsize>(piece.size()));
            file_.append(std::string_view(piece.data(), static_cast<std::size_t>(in.gcount())));
        }
        if (in.bad()) throw IoError("motiv.io_error.002", "cannot read back the XLSX workbook for '" + file_.path() + "'");
    }

private:
    XlsxWriter writer_;
    const Provenance& provenance_;
};

// The people of the period and their payslip lines, counted with the CSV reader alone (no value is
// parsed), so that a workbook that cannot hold them is refused before any work. A file the reader
// refuses is left to the run, which reports its problems.
void check_xlsx_fits(const CompiledScheme& cs, const Period& period, std::string_view csv, const std::string& source) {
    std::size_t people = 0, lines = 0;
    std::optional<std::size_t> role_col, period_col;
    try {
        data::for_each_csv_row(
            csv, source, ',',
            [&](const std::vector<std::string>& header) {
                for (std::size_t c = 0; c < header.size(); ++c) {
                    if (header[c] == "role") role_col = c;
                    if (header[c] == "period") period_col = c;
                }
            },
            [&](std::vector<std::string>& cells, std::size_t) {
                if (!role_col) return;
                if (period_col) {
                    const auto p = Period::parse(cells[*period_col]);
                    if (!p || !(*p == period)) return;
                }
                if (const CompiledRole* role = cs.role(cells[*role_col])) {
                    ++people;
                    lines += role->components.size();
                }
            });
    } catch (const Error&) {
        return;
    }
    check_xlsx_rows(people, lines);
}

}  // namespace

payroll::RunTotals write_streamed(const std::vector<ExportFile>& files, const CompiledScheme& scheme, const Period& period, std::string_view csv,
                                  const std::string& source, const Provenance& provenance, io::Overwrite mode, const ExportOptions& options) {
    std::vector<std::string> paths;
    for (const auto& f : files) paths.push_back(f.path);
    check_targets(paths, mode);
    for (const auto& f : files)
        if (f.format == Format::xlsx) check_xlsx_fits(scheme, period, csv, source);
    const std::vector<std::string> columns = batch::result_components(scheme);
    const Scheme& s = scheme.scheme();
    const int minor = s.currency.minor_units;
    std::vector<std::unique_ptr<StreamedFile>> sinks;
    for (const auto& f : files) {
        switch (f.format) {
            case Format::csv:
                sinks.push_back(std::make_unique<CsvFile>(f.path, mode, CsvWriter(options.csv_columns, columns, s, provenance, options.csv, period.to_string(), minor)));
                break;
            case Format::csv_excel_ru:
                sinks.push_back(std::make_unique<CsvFile>(f.path, mode, CsvWriter(options.csv_columns, columns, s, provenance, csv_excel_ru(), period.to_string(), minor)));
                break;
            case Format::jsonl: sinks.push_back(std::make_unique<JsonlFile>(f.path, mode, provenance)); break;
            case Format::xlsx:
                sinks.push_back(std::make_unique<XlsxFile>(f.path, mode, columns, period.to_string(), minor, provenance));
                break;
        }
    }
    std::vector<payroll::PaidRowSink*> rows;
    for (const auto& sink : sinks) rows.push_back(sink.get());
    payroll::RunTotals totals = payroll::stream_payroll(scheme, period, csv, source, rows);
    for (const auto& sink : sinks) sink->finish(totals);
    for (const auto& sink : sinks) sink->commit();
    return totals;
}

}  // namespace motiv::exports
