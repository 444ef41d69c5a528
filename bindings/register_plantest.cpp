// motiv._core.run_cases: a rule file's plan tests (apps/plantest/cases.hpp), for motiv.run_cases().
#include "bindings/register.hpp"
#include "apps/plantest/cases.hpp"

namespace motiv::bindings {

void register_plantest(py::module_& m) {
    m.def(
        "run_cases",
        [](const std::string& rules, const std::string& cases) {
            plantest::CasesReport r;
            {
                py::gil_scoped_release release;
                r = plantest::run_cases(rules, cases.empty() ? plantest::default_cases_path(rules) : cases);
            }
            py::list out;
            for (const auto& c : r.results) {
                py::list diffs;
                for (const auto& d : c.differences) diffs.append(d);
                out.append(py::make_tuple(c.name, c.passed, diffs));
            }
            return py::make_tuple(r.cases, out);
        },
        py::arg("rules"), py::arg("cases") = "",
        "Runs the cases of a rule file; returns (cases path, [(name, passed, differences)]).");
}

}  // namespace motiv::bindings
