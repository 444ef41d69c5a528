// What a command paying a table for one period reads: --rules, --data and --period, validated.
// Shared by `motiv payroll` and `motiv statements`.
#pragma once

#include <boost/program_options/variables_map.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/engine/compute.hpp"
#include "core/export/provenance.hpp"

namespace motiv::cli {

struct PeriodInput {
    std::shared_ptr<const CompiledScheme> scheme;
    Period period;
    std::string data_path;
    std::string data_bytes;  // the data file as read: its SHA-256 is in every export
    std::vector<PersonInputs> people;
    [[nodiscard]] exports::Provenance provenance() const;
};

// Throws po::error for a malformed --period; RuleError, DataError (every bad row; nobody to pay
// in the period), IoError from reading the files.
PeriodInput read_period_input(const boost::program_options::variables_map& vm);

}  // namespace motiv::cli
