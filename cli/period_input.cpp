#include "cli/period_input.hpp"

#include "cli/options.hpp"

#include <boost/program_options/errors.hpp>

#include "core/data/people_table.hpp"
#include "core/io/atomic_file.hpp"
#include "core/rules/loader.hpp"

namespace motiv::cli {

exports::Provenance PeriodInput::provenance() const {
    return exports::make_provenance(scheme->scheme(), period.to_string(), data_path, data_bytes);
}

Period parse_period_option(const std::string& text, const char* name) {
    const auto p = Period::parse(text);
    if (!p) throw boost::program_options::error(std::string("--") + name + " must be YYYY-MM, got '" + text + "'");
    return *p;
}

Period period_option(const boost::program_options::variables_map& vm, const char* name) {
    return parse_period_option(vm[name].as<std::string>(), name);
}

PeriodInput read_period_source(const boost::program_options::variables_map& vm) {
    PeriodInput in{CompiledScheme::compile(load_scheme_file(vm["rules"].as<std::string>())), period_option(vm), vm["data"].as<std::string>(), "", {}};
    in.data_bytes = read_input(in.data_path);
    return in;
}

PeriodInput read_period_input(const boost::program_options::variables_map& vm) {
    PeriodInput in = read_period_source(vm);
    const auto table = data::parse_csv(in.data_bytes, in.data_path);
    in.people = data::read_people_to_pay(table, *in.scheme, in.period);
    return in;
}

}  // namespace motiv::cli
