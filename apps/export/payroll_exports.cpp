#include "apps/export/payroll_exports.hpp"

#include <algorithm>
#include <stdexcept>

#include "apps/export/output_files.hpp"
#include "apps/export/csv_export.hpp"
#include "apps/export/jsonl_export.hpp"
#include "apps/export/xlsx_export.hpp"

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

}  // namespace motiv::exports
