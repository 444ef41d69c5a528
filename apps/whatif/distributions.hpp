// Declared distributions of KPIs for Monte Carlo (whatif/monte_carlo.hpp), their JSON form, and
// how a value is drawn -- the same on every platform for a given seed.
//
// JSON (a file for `motiv whatif --distributions`, the same objects from Python):
//   {"draws": {
//      "revenue": {"distribution": "normal", "mean": 1.0, "sd": 0.3, "relative": true},
//      "volume":  {"distribution": "lognormal", "mu": 0, "sigma": 0.15, "relative": true},
//      "calls":   {"distribution": "uniform", "low": 150, "high": 320},
//      "meetings": {"distribution": "triangular", "low": 10, "mode": 30, "high": 50},
//      "talk_minutes": {"distribution": "resample", "history": [3000, "3300.5", 2800]}}}
// `relative`: the draw is a factor on each person's own value of the input (mean 1.0 keeps it).
// "resample" draws with replacement from the history (e.g. last year's monthly values).
// Problems are reported all at once as motiv.rule_error.291 with the file and JSON pointer.
//
// Determinism: std:: distributions are implementation-defined (libstdc++ and MSVC draw different
// normals from the same engine), so they are not used. The engine is boost::random::mt19937_64
// (its output is fixed by the standard and Boost) seeded with the seed, and the distributions are
// Boost.Random's, whose algorithms are fixed in the Boost sources rather than left to a platform:
// uniform_real_distribution (low + (high - low) x u), normal_distribution (ziggurat),
// lognormal_distribution (exp of a normal), triangle_distribution (inverse CDF, sqrt),
// uniform_int_distribution for resampling. Values are drawn in a fixed order: draw by draw, person
// by person (the people table's order), input by input (the scheme's input order).
#pragma once

#include <boost/random/mersenne_twister.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/engine/compiled_scheme.hpp"

namespace motiv::whatif {

enum class DistributionKind { normal, lognormal, uniform, triangular, resample };
const char* to_string(DistributionKind k);

struct Distribution {
    std::string input;            // the scheme input drawn
    std::size_t input_index = 0;  // its index in Scheme::inputs
    DistributionKind kind = DistributionKind::normal;
    // normal: mean, sd; lognormal: mu, sigma (of the logarithm); uniform: low, high;
    // triangular: low, mode, high. Random-draw parameters, not amounts: doubles.
    double a = 0, b = 0, c = 0;
    std::vector<double> history;  // resample
    bool relative = false;
    std::string pointer;          // where it was declared ("/draws/revenue")
};

using Engine = boost::random::mt19937_64;

// One draw (a double; the caller rounds it to the input's precision).
double draw(const Distribution& d, Engine& engine);

// The "draws" document, checked against the scheme's inputs; in the scheme's input order.
std::vector<Distribution> read_distributions(const nlohmann::ordered_json& doc, const CompiledScheme& scheme, const std::string& source);
// Reads `path` (JSON, at most kMaxRuleFileBytes) with read_distributions.
std::vector<Distribution> load_distributions_file(const std::string& path, const CompiledScheme& scheme);

}  // namespace motiv::whatif
