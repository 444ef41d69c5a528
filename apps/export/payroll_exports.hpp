// Payroll exports by format name, and writing several of them as one step.
//
// The one implementation behind `motiv payroll --format ...` and Python's motiv.export_payroll:
// every export is rendered in memory first, then each file is written atomically
// (io/atomic_file.hpp), so a bad run writes nothing and an existing file is replaced only when asked.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apps/export/csv_dialect.hpp"
#include "apps/export/provenance.hpp"
#include "core/io/atomic_file.hpp"
#include "core/payroll/payroll.hpp"
#include "core/payroll/payroll_stream.hpp"

namespace motiv::exports {

// csv and csv-excel-ru are safe to open in a spreadsheet; csv-raw writes cells as they are, for a
// program that imports the payroll (never "all": a person opens those files).
enum class Format { csv, csv_excel_ru, xlsx, jsonl, csv_raw };

// "csv", "csv-excel-ru", "xlsx", "jsonl", "csv-raw"; std::nullopt for anything else.
std::optional<Format> parse_format(std::string_view name);
const char* format_name(Format f);
std::vector<Format> all_formats();
// Format names as given by a user ("all" = every format); std::invalid_argument naming a bad one.
// No names at all means csv.
std::vector<Format> parse_formats(const std::vector<std::string>& names);
// What a file of this format ends with when several are written from one --out: ".csv",
// ".excel-ru.csv", ".xlsx", ".jsonl", ".raw.csv".
const char* format_suffix(Format f);

struct ExportFile {
    Format format;
    std::string path;
};

// Where each format goes. One format: `out` itself. Several: `out` without its extension (if it has
// one of the formats' suffixes) plus each format's suffix, e.g. out "payroll" or "payroll.csv" ->
// payroll.csv, payroll.excel-ru.csv, payroll.xlsx, payroll.jsonl. Repeated formats count once.
std::vector<ExportFile> plan_files(const std::vector<Format>& formats, const std::string& out);

struct ExportOptions {
    std::vector<std::string> csv_columns;  // the CSV columns (csv_export.hpp); empty = the default set
    CsvDialect csv = csv_standard();       // the dialect of Format::csv; csv-excel-ru is always its preset
};

// The export's bytes.
std::string render(Format f, const payroll::PayrollRun& run, const Scheme& scheme, const Provenance& provenance,
                   const ExportOptions& options = {});

// Renders every file, then publishes them as one set (output_files.hpp: all or none change). With
// Overwrite::refuse, every target is checked first so that a refused file stops the run before
// anything is written (IoError motiv.io_error.003). A target that is one of `inputs` (the rule file,
// the data) is refused (motiv.io_error.007).
void write_files(const std::vector<ExportFile>& files, const payroll::PayrollRun& run, const Scheme& scheme,
                 const Provenance& provenance, io::Overwrite mode, const ExportOptions& options = {},
                 const std::vector<std::string>& inputs = {});

// `motiv payroll` on a people CSV: the run streamed (payroll/payroll_stream.hpp) straight into
// the files, in bounded memory -- the files staged as one io::OutputSet as they are written and
// published, all or none, only once every row was paid and every file complete, so a bad row
// still writes nothing. Targets are checked first, and `inputs` refused as targets, as write_files
// does. Returns the run's totals. Throws what stream_payroll and write_files throw; IoError
// motiv.io_error.005 before paying anyone when an XLSX sheet would exceed a worksheet's rows.
payroll::RunTotals write_streamed(const std::vector<ExportFile>& files, const CompiledScheme& scheme, const Period& period, std::string_view csv,
                                  const std::string& source, const Provenance& provenance, io::Overwrite mode, const ExportOptions& options = {},
                                  const std::vector<std::string>& inputs = {});

}  // namespace motiv::exports
