// The example department paid for 2026-10 with explanations, and its provenance: shared by the
// export tests.
#pragma once

#include <string>
#include <vector>

#include "core/data/csv.hpp"
#include "core/data/people_table.hpp"
#include "apps/export/provenance.hpp"
#include "core/io/atomic_file.hpp"
#include "core/payroll/payroll.hpp"
#include "tests/core/support.hpp"

namespace motiv::test {

inline const Period kOctober = *Period::parse("2026-10");

inline const std::vector<PersonInputs>& example_people() {
    static const auto people = data::read_people(data::read_csv_file(kExample), *three_tier_scheme(), kOctober);
    return people;
}

inline const payroll::PayrollRun& example_run_explained() {
    static const auto run = payroll::run(*three_tier_scheme(), kOctober, example_people(), Explain::full);
    return run;
}

inline const exports::Provenance& example_provenance() {
    static const auto pv = exports::make_provenance(three_tier_scheme()->scheme(), "2026-10", kExample, io::read_file(kExample));
    return pv;
}

inline const PersonInputs& example_person(const std::string& id) {
    for (const auto& p : example_people())
        if (p.id == id) return p;
    FAIL("no person " << id);
    return example_people().front();
}

inline std::vector<std::string> split_lines(const std::string& text, const std::string& end = "\n") {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t e = text.find(end, start);
        out.push_back(text.substr(start, e - start));
        if (e == std::string::npos) break;
        start = e + end.size();
    }
    return out;
}

}  // namespace motiv::test
