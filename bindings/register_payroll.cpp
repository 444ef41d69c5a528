// Payroll runs from Python: a table of people (a DataFrame turned into string cells by the Python
// layer, or a CSV file) validated by data::read_people and paid by payroll::run -- the same code,
// checks and messages as `motiv payroll`. The GIL is released while the engine runs.
#include <pybind11/stl.h>

#include <unordered_map>

#include "bindings/register.hpp"
#include "core/data/csv.hpp"
#include "core/data/people_table.hpp"
#include "core/errors.hpp"
#include "core/payroll/payroll.hpp"

namespace motiv::bindings {

data::CsvTable make_table(Header header, Rows rows, const std::string& source) {
    for (std::size_t r = 0; r < rows.size(); ++r)
        if (rows[r].size() != header.size())
            throw py::value_error("row " + std::to_string(r) + " has " + std::to_string(rows[r].size()) + " cells, expected " +
                                  std::to_string(header.size()));
    IssueCollector<DataError> issues;
    std::unordered_map<std::string, std::size_t> first;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string& name = header[i];
        if (name.find_first_not_of(" \t") == std::string::npos) {
            issues.add(Issue{"motiv.data_error.102", source, "", 1, i + 1, "", "", "empty column name in the header", "", 0});
            continue;
        }
        if (auto [it, fresh] = first.emplace(name, i); !fresh)
            issues.add(Issue{"motiv.data_error.102", source, "", 1, i + 1, name, "",
                             "duplicate column name '" + name + "' (also column " + std::to_string(it->second + 1) + ")", "", 0});
    }
    issues.throw_if_any();
    data::CsvTable t;
    t.source = source;
    t.header = std::move(header);
    t.rows = std::move(rows);
    t.row_lines.resize(t.rows.size());
    for (std::size_t r = 0; r < t.rows.size(); ++r) t.row_lines[r] = r + 2;
    return t;
}

payroll::PayrollRun run_table(const SchemeHandle& h, const data::CsvTable& table, const Period& period, Explain explain) {
    const auto people = data::read_people(table, *h.compiled, period);
    return payroll::run(*h.compiled, period, people, explain);
}


// The run as columns: id, name, role, period, one per component (Decimal, None where the role has
// no such component), total. Returned as (names, columns) since a component may share a name.
py::tuple run_columns(const payroll::PayrollRun& run) {
    const int mu = run.minor_units;
    std::vector<std::string> names = {"id", "name", "role", "period"};
    names.insert(names.end(), run.columns.begin(), run.columns.end());
    names.emplace_back("total");
    py::list columns;
    py::list id, name, role, period, total;
    for (const auto& p : run.payslips) {
        id.append(p.person);
        name.append(p.name);
        role.append(p.role);
        period.append(p.period);
        total.append(to_py_money(Decimal::from_minor(p.total_minor, mu), mu));
    }
    for (auto* c : {&id, &name, &role, &period}) columns.append(*c);
    for (const auto& comp : run.columns) {
        py::list col;
        for (const auto& p : run.payslips) {
            const PayLine* l = p.line(comp);
            col.append(l ? to_py_money(Decimal::from_minor(l->minor, mu), mu) : py::none());
        }
        columns.append(col);
    }
    columns.append(total);
    return py::make_tuple(names, columns);
}


void register_payroll(py::module_& m) {
    m.def("compute_table", [](const SchemeHandle& h, Header header, Rows rows, const std::string& period) {
        const Period p = parse_period_arg(period);
        payroll::PayrollRun run;
        std::vector<std::int64_t> positions;  // of the rows paid, in the table: the caller's index labels them
        {
            py::gil_scoped_release release;
            const data::CsvTable table = make_table(std::move(header), std::move(rows), "<DataFrame>");
            const auto people = data::read_people(table, *h.compiled, p);
            for (const auto& person : people) positions.push_back(static_cast<std::int64_t>(person.line) - 2);  // make_table: row i on line i + 2
            run = payroll::run(*h.compiled, p, people, Explain::none);
        }
        const py::tuple cols = run_columns(run);
        return py::make_tuple(cols[0], cols[1], positions);
    }, py::arg("scheme"), py::arg("header"), py::arg("rows"), py::kw_only(), py::arg("period"),
          "Pays every row of a table of string cells; returns (column names, columns, positions of the rows paid).");
}

}  // namespace motiv::bindings
