// Shared helpers of the periods tests: an example rule file compiled, a person's inputs by name.
#pragma once

#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>
#include <utility>

#include "core/errors.hpp"
#include "apps/periods/period_run.hpp"
#include "core/rules/loader.hpp"

namespace motiv::test {

inline std::shared_ptr<const CompiledScheme> example_scheme(const std::string& name) {
    return CompiledScheme::compile(load_scheme_file(std::string(MOTIV_SOURCE_DIR) + "/rules/examples/" + name + ".json"));
}

// A person with inputs given by name ("revenue" -> "500000").
inline PersonInputs person(const Scheme& s, const std::string& id, const std::string& role,
                           std::initializer_list<std::pair<const char*, const char*>> values, const std::string& manager = "") {
    PersonInputs p;
    p.id = id;
    p.role = role;
    p.manager = manager;
    p.source = "<test>";
    p.values.assign(s.inputs.size(), std::nullopt);
    for (const auto& [name, v] : values) {
        const InputDecl* in = s.find_input(name);
        REQUIRE(in);
        p.values[static_cast<std::size_t>(in - s.inputs.data())] = Decimal::parse(v);
    }
    return p;
}

inline Period month(const char* text) { return *Period::parse(text); }

// The amount of `person`'s line `id` in `pay`, as "1234.00"; "" when there is no such line.
inline std::string line_amount(const periods::PeriodPay& pay, const std::string& person, const std::string& id) {
    for (const auto& pp : pay.people)
        if (pp.payslip.person == person)
            if (const PayLine* l = pp.payslip.line(id)) return l->amount.to_string_fixed(2);
    return "";
}

inline std::string total_of(const periods::PeriodPay& pay, const std::string& person) {
    for (const auto& pp : pay.people)
        if (pp.payslip.person == person) return pp.payslip.total.to_string_fixed(2);
    return "";
}

}  // namespace motiv::test
