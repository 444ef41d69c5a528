// What a command paying a table for one period reads: --rules, --data and --period, validated
// (`motiv payroll`, `motiv statements`); and the one reading of a YYYY-MM option every command uses.
#pragma once

#include <boost/program_options/variables_map.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/engine/compute.hpp"
#include "apps/export/provenance.hpp"

namespace motiv::cli {

struct PeriodInput {
    std::shared_ptr<const CompiledScheme> scheme;
    Period period;
    std::string data_path;
    std::string data_bytes;  // the data file as read: its SHA-256 is in every export
    std::vector<PersonInputs> people;
    [[nodiscard]] exports::Provenance provenance() const;
};

// The period given as option --`name` ("2026-10"); po::error "--name must be YYYY-MM, got '...'"
// otherwise.
Period period_option(const boost::program_options::variables_map& vm, const char* name = "period");
// "2026-10" -> the period; po::error naming the option otherwise.
Period parse_period_option(const std::string& text, const char* name);

// Throws po::error for a malformed --period; RuleError, DataError (every bad row; nobody to pay
// in the period), IoError from reading the files.
PeriodInput read_period_input(const boost::program_options::variables_map& vm);
// read_period_input without reading the people: `people` is left empty (motiv payroll streams them
// from data_bytes).
PeriodInput read_period_source(const boost::program_options::variables_map& vm);

}  // namespace motiv::cli
