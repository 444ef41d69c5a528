#include "cli/period_input.hpp"

#include <boost/program_options/errors.hpp>

#include "core/data/people_table.hpp"
#include "core/io/atomic_file.hpp"
#include "core/rules/loader.hpp"

namespace motiv::cli {

exports::Provenance PeriodInput::provenance() const {
    return exports::make_provenance(scheme->scheme(), period.to_string(), data_path, data_bytes);
}

PeriodInput read_period_input(const boost::program_options::variables_map& vm) {
    const std::string period_text = vm["period"].as<std::string>();
    const auto period = Period::parse(period_text);
    if (!period) throw boost::program_options::error("--period must be YYYY-MM, got '" + period_text + "'");
    PeriodInput in{CompiledScheme::compile(load_scheme_file(vm["rules"].as<std::string>())), *period, vm["data"].as<std::string>(), "", {}};
    in.data_bytes = io::read_file(in.data_path);
    const auto table = data::parse_csv(in.data_bytes, in.data_path);
    in.people = data::read_people_to_pay(table, *in.scheme, in.period);
    return in;
}

}  // namespace motiv::cli
