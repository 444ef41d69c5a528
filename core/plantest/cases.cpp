#include "core/plantest/cases.hpp"

#include <algorithm>

#include "core/data/input_values.hpp"
#include "core/engine/compute.hpp"
#include "core/errors.hpp"
#include "core/rules/json_document.hpp"
#include "core/rules/loader.hpp"

namespace motiv::plantest {

using json = nlohmann::ordered_json;

std::size_t CasesReport::failed() const {
    return static_cast<std::size_t>(std::count_if(results.begin(), results.end(), [](const CaseResult& r) { return !r.passed; }));
}

std::string default_cases_path(const std::string& rules_path) {
    const std::string ext = ".json";
    if (rules_path.size() > ext.size() && rules_path.compare(rules_path.size() - ext.size(), ext.size(), ext) == 0)
        return rules_path.substr(0, rules_path.size() - ext.size()) + ".cases.json";
    return rules_path + ".cases.json";
}

namespace {

// One case as read from the file; problems go to `issues` with the case's pointer.
struct Case {
    std::string name, role, expect_error, pointer;
    Period period;
    PersonInputs person;
    std::optional<Decimal> total;
    std::vector<std::pair<std::string, Decimal>> lines;
};

class Reader {
public:
    Reader(const std::string& source, const Scheme& s) : source_(source), s_(s) {}

    std::vector<Case> read(const json& root) {
        std::vector<Case> out;
        if (!root.is_object()) {
            issue("", "expected an object {\"motiv_cases\": 1, \"period\": ..., \"cases\": [...]}, got " + json_type_name(root));
            issues_.throw_if_any();
        }
        for (const auto& item : root.items())
            if (item.key() != "motiv_cases" && item.key() != "period" && item.key() != "cases" && item.key() != "description")
                issue(json_pointer_join("", item.key()), "unknown key '" + item.key() + "'; expected motiv_cases, period, cases, description");
        if (!root.contains("motiv_cases") || root["motiv_cases"] != 1) issue("/motiv_cases", "expected the cases format version 1");
        std::optional<Period> period;
        if (root.contains("period")) period = read_period(root["period"], "/period");
        const json* cases = root.contains("cases") ? &root["cases"] : nullptr;
        if (!cases || !cases->is_array() || cases->empty()) issue("/cases", "expected a non-empty array of cases");
        else
            for (std::size_t i = 0; i < cases->size(); ++i) {
                auto c = read_case((*cases)[i], json_pointer_join("/cases", i), period);
                if (c) out.push_back(std::move(*c));
            }
        issues_.throw_if_any();
        return out;
    }

private:
    void issue(const std::string& pointer, const std::string& msg) { issues_.add(Issue{"motiv.rule_error.220", source_, pointer, 0, 0, "", "", msg, "", 0}); }

    std::optional<std::string> text(const json& v) {
        if (v.is_string()) return v.get<std::string>();
        if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
        return std::nullopt;
    }

    std::optional<Period> read_period(const json& v, const std::string& pointer) {
        auto p = v.is_string() ? Period::parse(v.get<std::string>()) : std::nullopt;
        if (!p) issue(pointer, "expected a period YYYY-MM, got " + v.dump());
        return p;
    }

    std::optional<Decimal> amount(const json& v, const std::string& pointer) {
        auto t = text(v);
        auto d = t ? Decimal::parse(*t) : std::nullopt;
        if (!d) issue(pointer, "expected an amount (e.g. \"25000.00\"), got " + v.dump());
        return d;
    }

    std::optional<Date> date(const json& c, const char* key, const std::string& pointer) {
        if (!c.contains(key)) return std::nullopt;
        auto d = c[key].is_string() ? parse_iso_date(c[key].get<std::string>()) : std::nullopt;
        if (!d) issue(json_pointer_join(pointer, key), "expected a date YYYY-MM-DD, got " + c[key].dump());
        return d;
    }

    std::optional<Case> read_case(const json& c, const std::string& pointer, const std::optional<Period>& file_period) {
        if (!c.is_object()) {
            issue(pointer, "expected a case object, got " + json_type_name(c));
            return std::nullopt;
        }
        static const std::vector<std::string> allowed = {"name", "role", "period", "inputs", "start_date", "end_date", "expect", "expect_error", "description"};
        for (const auto& item : c.items())
            if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end())
                issue(json_pointer_join(pointer, item.key()), "unknown key '" + item.key() + "'; expected name, role, period, inputs, start_date, end_date, expect, expect_error");
        Case out;
        out.pointer = pointer;
        out.name = c.contains("name") && c["name"].is_string() ? c["name"].get<std::string>() : pointer;
        if (!c.contains("role") || !c["role"].is_string()) issue(pointer + "/role", "expected the role (a string)");
        else out.role = c["role"].get<std::string>();
        auto p = c.contains("period") ? read_period(c["period"], pointer + "/period") : file_period;
        if (!p && !c.contains("period")) issue(pointer + "/period", "no period: give one in the case or at the top of the file");
        if (p) out.period = *p;  // else reported: read on, to report the case's other problems too
        out.person.id = out.name;
        out.person.role = out.role;
        out.person.source = source_;
        out.person.values.assign(s_.inputs.size(), std::nullopt);
        out.person.start = date(c, "start_date", pointer);
        out.person.end = date(c, "end_date", pointer);
        if (c.contains("inputs")) {
            const json& in = c["inputs"];
            if (!in.is_object()) issue(pointer + "/inputs", "expected an object {input: value}");
            else
                for (const auto& [name, v] : in.items()) {
                    const std::string ip = json_pointer_join(pointer + "/inputs", name);
                    const InputDecl* decl = s_.find_input(name);
                    if (!decl) {
                        issue(ip, "unknown input '" + name + "' of scheme " + s_.name);
                        continue;
                    }
                    auto t = text(v);
                    std::string err;
                    auto d = t ? data::parse_input_value(*decl, *t, s_.currency.minor_units, err) : std::nullopt;
                    if (!t) err = "expected a value as a string or an integer, got " + v.dump();
                    if (!err.empty()) issue(ip, err);
                    out.person.values[static_cast<std::size_t>(decl - s_.inputs.data())] = d;
                }
        }
        if (c.contains("expect_error")) {
            if (!c["expect_error"].is_string()) issue(pointer + "/expect_error", "expected an error id such as \"motiv.eval_error.501\"");
            else out.expect_error = c["expect_error"].get<std::string>();
        }
        if (c.contains("expect")) {
            const json& e = c["expect"];
            const std::string ep = pointer + "/expect";
            if (!e.is_object()) issue(ep, "expected {\"total\": ..., \"lines\": {...}}");
            else {
                for (const auto& item : e.items())
                    if (item.key() != "total" && item.key() != "lines") issue(json_pointer_join(ep, item.key()), "unknown key '" + item.key() + "'; expected total, lines");
                if (e.contains("total")) out.total = amount(e["total"], ep + "/total");
                if (e.contains("lines")) {
                    if (!e["lines"].is_object()) issue(ep + "/lines", "expected an object {component id: amount}");
                    else
                        for (const auto& [id, v] : e["lines"].items())
                            if (auto d = amount(v, json_pointer_join(ep + "/lines", id))) out.lines.emplace_back(id, *d);
                }
            }
        }
        if (!out.total && out.lines.empty() && out.expect_error.empty())
            issue(pointer, "a case needs \"expect\" (a total and/or lines) or \"expect_error\"");
        return out;
    }

    std::string source_;
    const Scheme& s_;
    IssueCollector<RuleError> issues_;
};

std::string show(Decimal d, int minor) { return d.to_display(minor); }

CaseResult run_one(const CompiledScheme& cs, const Case& c) {
    CaseResult r;
    r.name = c.name;
    const int minor = cs.scheme().currency.minor_units;
    try {
        const Payslip slip = compute_payslip(cs, c.period, c.person, Explain::none);
        if (!c.expect_error.empty()) r.differences.push_back("expected error " + c.expect_error + ", but it paid " + show(slip.total, minor));
        for (const auto& [id, want] : c.lines) {
            const PayLine* l = slip.line(id);
            if (!l) {
                r.differences.push_back("line " + id + ": expected " + show(want, minor) + ", but role " + c.role + " has no such line");
                continue;
            }
            if (l->amount != want) {
                Fault f = Fault::none;
                r.differences.push_back("line " + id + ": expected " + show(want, minor) + ", got " + show(l->amount, minor) + " (off by " +
                                        show(Decimal::sub(l->amount, want, f), minor) + ")");
            }
        }
        if (c.total && slip.total != *c.total) {
            Fault f = Fault::none;
            r.differences.push_back("total: expected " + show(*c.total, minor) + ", got " + show(slip.total, minor) + " (off by " +
                                    show(Decimal::sub(slip.total, *c.total, f), minor) + ")");
        }
    } catch (const Error& e) {
        const std::string id = e.id();
        if (c.expect_error.empty() || id != c.expect_error)
            r.differences.push_back((c.expect_error.empty() ? "" : "expected error " + c.expect_error + ", got: ") + std::string(e.what()));
    }
    r.passed = r.differences.empty();
    return r;
}

}  // namespace

CasesReport run_cases(const std::string& rules_path, const std::string& cases_path) {
    CasesReport report;
    report.rules = rules_path;
    report.cases = cases_path;
    const auto cs = CompiledScheme::compile(load_scheme_file(rules_path));
    const std::string text = read_rule_file(cases_path);
    const auto cases = Reader(cases_path, cs->scheme()).read(parse_json_exact(text, cases_path));
    for (const Case& c : cases) report.results.push_back(run_one(*cs, c));
    return report;
}

}  // namespace motiv::plantest
