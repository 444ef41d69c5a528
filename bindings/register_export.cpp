// Payroll exports and pay statements from Python: the same apps/export code as `motiv payroll
// --format ...`, `motiv statements` and `motiv explain --lang`. Data comes as a CSV path (hashed as
// its bytes) or as a table of string cells from a DataFrame (hashed as exports::table_text). The GIL
// is released while the engine runs and files are written.
#include <pybind11/stl.h>

#include <algorithm>

#include "bindings/register.hpp"
#include "core/data/people_table.hpp"
#include "core/errors.hpp"
#include "apps/export/payroll_exports.hpp"
#include "apps/export/statement_files.hpp"
#include "apps/export/statement_html.hpp"
#include "apps/export/statement_text.hpp"
#include "core/io/atomic_file.hpp"

namespace motiv::bindings {

namespace {

using Header = std::vector<std::string>;
using Rows = std::vector<std::vector<std::string>>;
using Names = std::vector<std::string>;

// A table with the provenance of its data, from a path or from cells.
struct Source {
    data::CsvTable table;
    std::string name;
    std::string bytes;
};

Source from_file(const std::string& path) {
    Source s;
    s.bytes = io::read_file(path);
    s.table = data::parse_csv(s.bytes, path);
    s.name = path;
    return s;
}

Source from_cells(Header header, Rows rows) {
    Source s;
    s.table = make_table(std::move(header), std::move(rows), "<DataFrame>");
    s.bytes = exports::table_text(s.table);
    s.name = "<DataFrame>";
    return s;
}

exports::Lang lang_of(const std::string& code) {
    const auto l = exports::parse_lang(code);
    if (!l) throw py::value_error("lang: expected 'en' or 'ru', got '" + code + "'");
    return *l;
}

std::vector<PersonInputs> people_of(const SchemeHandle& h, const Source& src, const Period& period) {
    return data::read_people_to_pay(src.table, *h.compiled, period);
}

// The options of the Python call: columns and the csv format's dialect (std::invalid_argument -> ValueError).
exports::ExportOptions options_of(const Names& columns, const std::string& delimiter, const std::string& decimal_separator, bool bom,
                                  const std::string& line_end) {
    exports::ExportOptions o;
    o.csv_columns = columns;
    if (delimiter.size() != 1) throw py::value_error("delimiter: expected one character, got '" + delimiter + "'");
    if (decimal_separator.size() != 1) throw py::value_error("decimal_separator: expected '.' or ',', got '" + decimal_separator + "'");
    o.csv.delimiter = delimiter[0];
    o.csv.decimal_separator = decimal_separator[0];
    o.csv.encoding = bom ? exports::Encoding::utf8_bom : exports::Encoding::utf8;
    o.csv.line_end = line_end;
    exports::check_dialect(o.csv);
    return o;
}

// Returns (summary text, paths written).
py::tuple run_export(const SchemeHandle& h, const Source& src, const Period& p, const std::string& out, const Names& format_names,
                     const exports::ExportOptions& options, bool force) {
    if (format_names.empty()) throw py::value_error("formats: give at least one format");
    const auto formats = exports::parse_formats(format_names);  // std::invalid_argument -> ValueError
    std::string summary;
    std::vector<std::string> paths;
    {
        py::gil_scoped_release release;
        const bool explained = std::find(formats.begin(), formats.end(), exports::Format::jsonl) != formats.end();
        const auto run = payroll::run(*h.compiled, p, people_of(h, src, p), explained ? Explain::full : Explain::none);
        const auto provenance = exports::make_provenance(h.compiled->scheme(), run.period, src.name, src.bytes);
        const auto files = exports::plan_files(formats, out);
        exports::write_files(files, run, h.compiled->scheme(), provenance, force ? io::Overwrite::replace : io::Overwrite::refuse, options);
        summary = payroll::summary_text(run);
        for (const auto& f : files) paths.push_back(f.path);
    }
    return py::make_tuple(summary, paths);
}

std::vector<std::string> run_statements(const SchemeHandle& h, const Source& src, const Period& p, const std::string& out_dir,
                                        const std::string& lang, const Names& format_names, bool force) {
    const exports::Lang l = lang_of(lang);
    std::vector<exports::StatementFormat> formats;
    for (const auto& n : format_names) {
        const auto f = exports::parse_statement_format(n);
        if (!f) throw py::value_error("formats: expected 'html' or 'txt', got '" + n + "'");
        formats.push_back(*f);
    }
    if (formats.empty()) throw py::value_error("formats: give at least one format");
    py::gil_scoped_release release;
    const auto provenance = exports::make_provenance(h.compiled->scheme(), p.to_string(), src.name, src.bytes);
    return exports::write_statements(*h.compiled, p, people_of(h, src, p), provenance, out_dir, l, formats,
                                     force ? io::Overwrite::replace : io::Overwrite::refuse);
}

std::string one_statement(const SchemeHandle& h, const Source& src, const Period& p, const std::string& person, const std::string& lang,
                          const std::string& format) {
    const exports::Lang l = lang_of(lang);
    const auto f = exports::parse_statement_format(format);
    if (!f) throw py::value_error("format: expected 'txt' or 'html', got '" + format + "'");
    py::gil_scoped_release release;
    const auto people = data::read_people(src.table, *h.compiled, p);
    for (const auto& x : people) {
        if (x.id != person) continue;
        const auto provenance = exports::make_provenance(h.compiled->scheme(), p.to_string(), src.name, src.bytes);
        const auto st = exports::build_statement(*h.compiled, h.compiled->bind(p), x, provenance);
        return *f == exports::StatementFormat::html ? exports::statement_html(st, l) : exports::statement_text(st, l);
    }
    throw DataError({Issue{"motiv.data_error.306", src.table.source, "", 0, 0, "id", person,
                           "no person with id '" + person + "' in period " + p.to_string(), "", 0}});
}

}  // namespace

void register_export(py::module_& m) {
    m.def("export_payroll_file", [](const SchemeHandle& h, const std::string& data, const std::string& period, const std::string& out,
                                    const Names& formats, const Names& columns, const std::string& delimiter, const std::string& decimal_separator,
                                    bool bom, const std::string& line_end, bool force) {
        const Period p = parse_period_arg(period);
        const auto options = options_of(columns, delimiter, decimal_separator, bom, line_end);
        Source src;
        {
            py::gil_scoped_release release;
            src = from_file(data);
        }
        return run_export(h, src, p, out, formats, options, force);
    }, py::arg("scheme"), py::arg("data"), py::kw_only(), py::arg("period"), py::arg("out"), py::arg("formats"), py::arg("columns"),
          py::arg("delimiter"), py::arg("decimal_separator"), py::arg("bom"), py::arg("line_end"), py::arg("force") = false, "Pays a KPI CSV file and writes the exports atomically; returns (summary, paths).");

    m.def("export_payroll_table", [](const SchemeHandle& h, Header header, Rows rows, const std::string& period, const std::string& out,
                                     const Names& formats, const Names& columns, const std::string& delimiter, const std::string& decimal_separator,
                                     bool bom, const std::string& line_end, bool force) {
        const Period p = parse_period_arg(period);
        const auto options = options_of(columns, delimiter, decimal_separator, bom, line_end);
        return run_export(h, from_cells(std::move(header), std::move(rows)), p, out, formats, options, force);
    }, py::arg("scheme"), py::arg("header"), py::arg("rows"), py::kw_only(), py::arg("period"), py::arg("out"), py::arg("formats"),
          py::arg("columns"), py::arg("delimiter"), py::arg("decimal_separator"), py::arg("bom"), py::arg("line_end"), py::arg("force") = false, "Pays a table of string cells and writes the exports; returns (summary, paths).");

    m.def("statements_file", [](const SchemeHandle& h, const std::string& data, const std::string& period, const std::string& out_dir,
                                const std::string& lang, const Names& formats, bool force) {
        const Period p = parse_period_arg(period);
        return run_statements(h, from_file(data), p, out_dir, lang, formats, force);
    }, py::arg("scheme"), py::arg("data"), py::kw_only(), py::arg("period"), py::arg("out_dir"), py::arg("lang"), py::arg("formats"),
          py::arg("force") = false, "Writes one pay statement per person of a KPI CSV file; returns the paths.");

    m.def("statements_table", [](const SchemeHandle& h, Header header, Rows rows, const std::string& period, const std::string& out_dir,
                                 const std::string& lang, const Names& formats, bool force) {
        const Period p = parse_period_arg(period);
        return run_statements(h, from_cells(std::move(header), std::move(rows)), p, out_dir, lang, formats, force);
    }, py::arg("scheme"), py::arg("header"), py::arg("rows"), py::kw_only(), py::arg("period"), py::arg("out_dir"), py::arg("lang"),
          py::arg("formats"), py::arg("force") = false, "Writes one pay statement per person of a table; returns the paths.");

    m.def("statement_file", [](const SchemeHandle& h, const std::string& data, const std::string& person, const std::string& period,
                               const std::string& lang, const std::string& format) {
        const Period p = parse_period_arg(period);
        return one_statement(h, from_file(data), p, person, lang, format);
    }, py::arg("scheme"), py::arg("data"), py::kw_only(), py::arg("person"), py::arg("period"), py::arg("lang"), py::arg("format"),
          "One person's pay statement as text or HTML, from a KPI CSV file.");

    m.def("statement_table", [](const SchemeHandle& h, Header header, Rows rows, const std::string& person, const std::string& period,
                                const std::string& lang, const std::string& format) {
        const Period p = parse_period_arg(period);
        return one_statement(h, from_cells(std::move(header), std::move(rows)), p, person, lang, format);
    }, py::arg("scheme"), py::arg("header"), py::arg("rows"), py::kw_only(), py::arg("person"), py::arg("period"), py::arg("lang"),
          py::arg("format"), "One person's pay statement as text or HTML, from a table of string cells.");
}

}  // namespace motiv::bindings
