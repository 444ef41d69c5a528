// Readers that cannot skip (issue 17): every bundled rule file, every key set in turn to "", null,
// a value of the wrong type, a negative and an out-of-range value. Each variant is loaded and
// compiled as `motiv validate` does (scheme, compiled program, logs section). The outcome must be a
// motiv error with an id and a pointer at (or above, or below) the key that was changed -- never a
// crash, never a foreign exception, and never "ok" unless the table `accepted` below says why that
// value is a legitimate one for that key.
//
// Runtime: every key of every file, up to five variants each (5,577 variants at this writing),
// takes ~1.1 s of CPU, so the test runs them all. Should the bundled files grow past a few seconds,
// MOTIV_HOSTILE_STRIDE=N takes every N-th key, from a different offset in each file.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/engine/compiled_scheme.hpp"
#include "core/errors.hpp"
#include "core/io/atomic_file.hpp"
#include "apps/logs/load_logs.hpp"
#include "core/rules/loader.hpp"

namespace {

using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

struct Variant {
    const char* name;
    json value;
};

// Every pointer below `base` (objects' members and arrays' elements), with its value.
void walk(const json& j, const std::string& base, std::vector<std::string>& out) {
    if (j.is_object()) {
        for (const auto& [k, v] : j.items()) {
            std::string token;
            for (char c : k) token += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
            out.push_back(base + "/" + token);
            walk(v, base + "/" + token, out);
        }
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) {
            out.push_back(base + "/" + std::to_string(i));
            walk(j[i], base + "/" + std::to_string(i), out);
        }
    }
}

bool is_decimal_text(const json& v) {
    if (v.is_number()) return true;
    if (!v.is_string()) return false;
    const auto& s = v.get_ref<const std::string&>();
    return !s.empty() && s.find_first_not_of("0123456789.%") == std::string::npos && s.find_first_of("0123456789") != std::string::npos;
}

// The variants of one value: "" and null always; a value of another type; for a figure, its
// negative and a value out of any range motiv accepts.
std::vector<Variant> variants(const json& v) {
    std::vector<Variant> out{{"empty string", ""}, {"null", nullptr}};
    if (v.is_string()) out.push_back({"wrong type", json::array()});  // a formula may be a number or a bool, no reader takes []
    else if (v.is_boolean()) out.push_back({"wrong type", "yes"});
    else if (v.is_number()) out.push_back({"wrong type", true});
    else if (v.is_object()) out.push_back({"wrong type", json::array()});
    else if (v.is_array()) out.push_back({"wrong type", json::object()});
    if (is_decimal_text(v)) {
        const std::string text = v.is_string() ? v.get<std::string>() : v.dump();
        out.push_back({"negative", "-" + text});
        out.push_back({"out of range", "1e30"});
    }
    return out;
}

// The last token of a pointer: the key that was changed.
std::string key_of(const std::string& pointer) { return pointer.substr(pointer.rfind('/') + 1); }

bool related(const std::string& a, const std::string& b) {
    auto under = [](const std::string& x, const std::string& base) { return x == base || (x.size() > base.size() && x.compare(0, base.size(), base) == 0 && x[base.size()] == '/'); };
    return under(a, b) || under(b, a);
}

// Where a changed value may load: free text takes any string, and a figure whose sign has no
// meaning to the reader (a parameter's value or an input's bound: a deduction may be negative;
// sections that need a range, like periods' figures, check it where they use the parameter).
bool accepted(const std::string& pointer, const std::string& variant, const json& original) {
    const std::string key = key_of(pointer);
    static const std::vector<std::string> free_text = {"description", "label", "unit", "$schema"};
    if (variant == "empty string" && std::find(free_text.begin(), free_text.end(), key) != free_text.end()) return true;
    // A label or description given per language ({"en": ..., "ru": ...}): each text is free text.
    const std::string parent = pointer.substr(0, pointer.rfind('/'));
    if (variant == "empty string" && std::find(free_text.begin(), free_text.end(), key_of(parent)) != free_text.end()) return true;
    // refusal_reasons: {code: description}; the values are free text.
    if (variant == "empty string" && pointer.find("/logs/refusal_reasons/") != std::string::npos) return true;
    // A scheme's version is free text ("2026.1", "-2026.1" and "1e30" are names, not numbers).
    if (key == "version" && pointer == "/scheme/version") return true;
    if (variant == "negative") {
        // "-0" is zero.
        if (is_decimal_text(original) && original.dump().find_first_of("123456789") == std::string::npos) return true;
        const bool parameter_value = pointer.rfind("/parameters/", 0) == 0 && (key == "value" || pointer.find("/value/") != std::string::npos);
        const bool bound = pointer.rfind("/inputs/", 0) == 0 && (key == "min" || key == "max");
        // A component's formula ("8%", 5000): its negative is a formula too, which the engine
        // computes as written (a cut is usually a penalty component, but "-8%" is explicit).
        const bool formula = pointer.find("/components/") != std::string::npos;
        if (parameter_value || bound || formula) return true;
    }
    return false;
}

struct Outcome {
    bool ok = false;
    std::string error;  // a foreign exception's text
    std::vector<motiv::Issue> issues;
};

Outcome try_load(const std::string& text, const std::string& source) {
    Outcome o;
    try {
        auto cs = motiv::CompiledScheme::compile(motiv::load_scheme(text, source));
        (void)motiv::load_log_rules_if_any(text, source, cs->scheme());
        o.ok = true;
    } catch (const motiv::IssueError& e) {
        o.issues = e.issues();
    } catch (const std::exception& e) {
        o.error = e.what();
    }
    return o;
}

std::vector<fs::path> bundled_rule_files() {
    std::vector<fs::path> files;
    for (const char* dir : {"rules", "rules/examples"})
        for (const auto& e : fs::directory_iterator(fs::path(MOTIV_SOURCE_DIR) / dir)) {
            const std::string name = e.path().filename().string();
            if (e.path().extension() == ".json" && name.find(".cases.") == std::string::npos) files.push_back(e.path());
        }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("every key of every bundled rule file: a wrong value is an error at that key, never ok, never a crash", "[rules][hostile]") {
    const char* env = std::getenv("MOTIV_HOSTILE_STRIDE");
    const std::size_t stride = env ? std::max<std::size_t>(1, std::strtoul(env, nullptr, 10)) : 1;
    const auto files = bundled_rule_files();
    REQUIRE(files.size() >= 20);
    std::size_t tried = 0, refused = 0, offset = 0;
    for (const auto& path : files) {
        const std::string source = path.lexically_relative(MOTIV_SOURCE_DIR).string();
        const std::string text = motiv::io::read_file(path.string(), 1u << 22);
        REQUIRE(try_load(text, source).ok);  // the file itself is valid
        const json root = json::parse(text);
        std::vector<std::string> pointers;
        walk(root, "", pointers);
        for (std::size_t i = (offset++) % stride; i < pointers.size(); i += stride) {
            const std::string& pointer = pointers[i];
            const json original = root.at(json::json_pointer(pointer));
            for (const auto& v : variants(original)) {
                json mutated = root;
                mutated.at(json::json_pointer(pointer)) = v.value;
                const Outcome o = try_load(mutated.dump(), source);
                ++tried;
                INFO(source << " " << pointer << " set to " << v.name << " " << v.value.dump());
                REQUIRE(o.error.empty());  // only motiv's errors, never a foreign exception
                if (o.ok) {
                    CHECK(accepted(pointer, v.name, original));
                    continue;
                }
                ++refused;
                REQUIRE(!o.issues.empty());
                // A parameter's value may be refused where a section uses it, naming the parameter.
                const std::string parameter = pointer.rfind("/parameters/", 0) == 0 ? "'" + pointer.substr(12, pointer.find('/', 12) - 12) + "'" : "";
                bool at_key = false;
                for (const auto& is : o.issues) {
                    CHECK(is.id.rfind("motiv.", 0) == 0);
                    at_key = at_key || related(is.pointer, pointer) || (!parameter.empty() && is.message.find(parameter) != std::string::npos);
                }
                std::string said;
                for (const auto& is : o.issues) said += "[" + is.id + "] (" + is.pointer + ") " + is.message + "\n";
                INFO(said);
                CHECK(at_key);
            }
        }
    }
    WARN("hostile keys: " << tried << " variants, " << refused << " refused, stride " << stride);
    CHECK(tried > 1000 / stride);
}
