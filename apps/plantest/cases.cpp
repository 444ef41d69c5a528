#include "apps/plantest/cases.hpp"

#include <algorithm>

#include "core/data/input_values.hpp"
#include "core/engine/compute.hpp"
#include "apps/periods/period_run.hpp"
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

// What a case expects of one payslip: its total and/or some lines; in a sequence also the state
// the month leaves behind.
struct Expect {
    std::optional<Decimal> total;
    std::vector<std::pair<std::string, Decimal>> lines;
    std::optional<Decimal> draw_balance, clawback_pending;
    [[nodiscard]] bool empty() const { return !total && lines.empty() && !draw_balance && !clawback_pending; }
};

// One month of a sequence case: who is paid with what, corrections of past months, expectations.
struct Month {
    Period period;
    std::vector<PersonInputs> people;
    std::vector<periods::Correction> corrections;
    std::vector<std::pair<std::string, Expect>> expect;  // person id -> what their payslip must be
};

// One case as read from the file; problems go to `issues` with the case's pointer. A single-period
// case pays `person` once; a sequence case (`months`) pays the months in order with carried state.
struct Case {
    std::string name, role, expect_error, pointer;
    Period period;
    PersonInputs person;
    Expect expect;
    std::vector<Month> months;
    std::vector<periods::Cancellation> cancellations;
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
        unknown_keys(root, "", {"motiv_cases", "period", "cases", "description"});
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
        if (c.contains("months")) return read_sequence(c, pointer);
        unknown_keys(c, pointer, {"name", "role", "period", "inputs", "start_date", "end_date", "expect", "expect_error", "description", "months"});
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
        if (c.contains("inputs")) read_inputs(c["inputs"], pointer + "/inputs", out.person);
        if (c.contains("expect_error")) {
            if (!c["expect_error"].is_string()) issue(pointer + "/expect_error", "expected an error id such as \"motiv.eval_error.501\"");
            else out.expect_error = c["expect_error"].get<std::string>();
        }
        if (c.contains("expect")) out.expect = read_expect(c["expect"], pointer + "/expect", false);
        if (out.expect.empty() && out.expect_error.empty())
            issue(pointer, "a case needs \"expect\" (a total and/or lines) or \"expect_error\"");
        return out;
    }

    // {input: value} into `person.values`, each value checked as the people table checks it.
    void read_inputs(const json& in, const std::string& pointer, PersonInputs& person) {
        if (!in.is_object()) {
            issue(pointer, "expected an object {input: value}");
            return;
        }
        for (const auto& [name, v] : in.items()) {
            const std::string ip = json_pointer_join(pointer, name);
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
            person.values[static_cast<std::size_t>(decl - s_.inputs.data())] = d;
        }
    }

    Expect read_expect(const json& e, const std::string& pointer, bool with_state) {
        Expect out;
        if (!e.is_object()) {
            issue(pointer, with_state ? "expected {\"total\": ..., \"lines\": {...}, \"draw_balance\": ..., \"clawback_pending\": ...}"
                                      : "expected {\"total\": ..., \"lines\": {...}}");
            return out;
        }
        for (const auto& item : e.items()) {
            const std::string& k = item.key();
            const bool known = k == "total" || k == "lines" || (with_state && (k == "draw_balance" || k == "clawback_pending"));
            if (!known)
                issue(json_pointer_join(pointer, k), "unknown key '" + k + "'; expected total, lines" + (with_state ? ", draw_balance, clawback_pending" : ""));
        }
        if (e.contains("total")) out.total = amount(e["total"], pointer + "/total");
        if (e.contains("draw_balance")) out.draw_balance = amount(e["draw_balance"], pointer + "/draw_balance");
        if (e.contains("clawback_pending")) out.clawback_pending = amount(e["clawback_pending"], pointer + "/clawback_pending");
        if (e.contains("lines")) {
            if (!e["lines"].is_object()) issue(pointer + "/lines", "expected an object {line id: amount}");
            else
                for (const auto& [id, v] : e["lines"].items())
                    if (auto d = amount(v, json_pointer_join(pointer + "/lines", id))) out.lines.emplace_back(id, *d);
        }
        return out;
    }

    std::string string_field(const json& o, const char* key, const std::string& pointer) {
        if (o.contains(key) && o[key].is_string() && !o[key].get<std::string>().empty()) return o[key].get<std::string>();
        issue(json_pointer_join(pointer, key), std::string("expected ") + key + " (a non-empty string)");
        return {};
    }

    void unknown_keys(const json& o, const std::string& pointer, std::initializer_list<const char*> allowed) {
        for (const auto& [key, msg] : motiv::unknown_keys(o, allowed)) issue(json_pointer_join(pointer, key), msg);
    }

    // Calls f(item, its pointer) for each object of the array `arr` at `pointer`; reports an array
    // that is not one (`shape`: what its items look like) and each item that is not an object.
    template <class F>
    void each_object(const json& arr, const std::string& pointer, const std::string& shape, F f) {
        if (!arr.is_array()) {
            issue(pointer, "expected an array of " + shape);
            return;
        }
        for (std::size_t i = 0; i < arr.size(); ++i) {
            const std::string ip = json_pointer_join(pointer, i);
            if (arr[i].is_object()) f(arr[i], ip);
            else issue(ip, "expected " + shape + ", got " + json_type_name(arr[i]));
        }
    }

    // A sequence case: {"name", "people": {id: {"role", "manager"}}, "cancellations": [...],
    //                   "months": [{"period", "inputs": {id: {input: value}}, "corrections": [...],
    //                               "expect": {id: {total, lines, draw_balance, clawback_pending}}}]}
    std::optional<Case> read_sequence(const json& c, const std::string& pointer) {
        unknown_keys(c, pointer, {"name", "description", "people", "cancellations", "months"});
        Case out;
        out.pointer = pointer;
        out.name = c.contains("name") && c["name"].is_string() ? c["name"].get<std::string>() : pointer;
        std::vector<std::pair<std::string, PersonInputs>> people;  // id -> the person's role and manager
        const json* ps = c.contains("people") ? &c["people"] : nullptr;
        if (!ps || !ps->is_object() || ps->empty()) issue(pointer + "/people", "expected an object {person id: {\"role\": ..., \"manager\": ...}}");
        else
            for (const auto& [id, v] : ps->items()) {
                const std::string pp = json_pointer_join(pointer + "/people", id);
                PersonInputs p;
                p.id = id;
                p.source = source_;
                p.values.assign(s_.inputs.size(), std::nullopt);
                if (!v.is_object()) {
                    issue(pp, "expected {\"role\": ..., \"manager\": ...}");
                    continue;
                }
                unknown_keys(v, pp, {"role", "manager", "name"});
                p.role = string_field(v, "role", pp);
                if (v.contains("manager")) p.manager = string_field(v, "manager", pp);
                people.emplace_back(id, std::move(p));
            }
        auto find = [&](const std::string& id) -> const PersonInputs* {
            for (const auto& [k, p] : people)
                if (k == id) return &p;
            return nullptr;
        };
        auto person_at = [&](const json& o, const char* key, const std::string& pp) -> const PersonInputs* {
            const std::string id = string_field(o, key, pp);
            const PersonInputs* p = id.empty() ? nullptr : find(id);
            if (!id.empty() && !p) issue(json_pointer_join(pp, key), "no person '" + id + "' in the case's people");
            return p;
        };
        if (c.contains("cancellations"))
            each_object(c["cancellations"], pointer + "/cancellations", "{\"deal\", \"person\", \"amount\", \"paid_period\", \"payment_date\", \"cancel_date\"}",
                        [&](const json& d, const std::string& cp) {
                            unknown_keys(d, cp, {"deal", "person", "amount", "paid_period", "payment_date", "cancel_date"});
                            periods::Cancellation k;
                            k.deal = string_field(d, "deal", cp);
                            if (const PersonInputs* p = person_at(d, "person", cp)) k.person = p->id;
                            if (auto a = d.contains("amount") ? amount(d["amount"], cp + "/amount") : std::nullopt) k.amount = *a;
                            else if (!d.contains("amount")) issue(cp + "/amount", "expected the deal's amount");
                            if (auto pp = d.contains("paid_period") ? read_period(d["paid_period"], cp + "/paid_period") : std::nullopt) k.paid_period = *pp;
                            else if (!d.contains("paid_period")) issue(cp + "/paid_period", "expected the period whose pay included the deal");
                            auto paid = date(d, "payment_date", cp), cancelled = date(d, "cancel_date", cp);
                            if (!d.contains("payment_date") || !d.contains("cancel_date")) issue(cp, "expected payment_date and cancel_date");
                            if (paid) k.paid_on = *paid;
                            if (cancelled) k.cancelled_on = *cancelled;
                            k.source = source_;
                            out.cancellations.push_back(std::move(k));
                        });
        if (c["months"].empty()) issue(pointer + "/months", "expected a non-empty array of months");
        each_object(c["months"], pointer + "/months", "{\"period\", \"inputs\", \"expect\"}", [&](const json& m, const std::string& mp) {
            unknown_keys(m, mp, {"period", "inputs", "corrections", "expect", "description"});
            Month month;
            if (auto p = m.contains("period") ? read_period(m["period"], mp + "/period") : std::nullopt) month.period = *p;
            else if (!m.contains("period")) issue(mp + "/period", "expected the month, YYYY-MM");
            if (!m.contains("inputs") || !m["inputs"].is_object()) issue(mp + "/inputs", "expected {person id: {input: value}}: who is paid this month");
            else
                for (const auto& [id, v] : m["inputs"].items()) {
                    const PersonInputs* p = find(id);
                    if (!p) {
                        issue(json_pointer_join(mp + "/inputs", id), "no person '" + id + "' in the case's people");
                        continue;
                    }
                    PersonInputs paid = *p;
                    read_inputs(v, json_pointer_join(mp + "/inputs", id), paid);
                    month.people.push_back(std::move(paid));
                }
            if (m.contains("corrections"))
                each_object(m["corrections"], mp + "/corrections", "{\"period\", \"person\", \"inputs\"}", [&](const json& x, const std::string& cp) {
                    unknown_keys(x, cp, {"period", "person", "inputs"});
                    periods::Correction corr;
                    if (auto p = x.contains("period") ? read_period(x["period"], cp + "/period") : std::nullopt) corr.period = *p;
                    else if (!x.contains("period")) issue(cp + "/period", "expected the corrected month, YYYY-MM");
                    if (const PersonInputs* p = person_at(x, "person", cp)) corr.inputs = *p;
                    if (x.contains("inputs")) read_inputs(x["inputs"], cp + "/inputs", corr.inputs);
                    month.corrections.push_back(std::move(corr));
                });
            if (!m.contains("expect") || !m["expect"].is_object() || m["expect"].empty())
                issue(mp + "/expect", "expected {person id: {\"total\", \"lines\", \"draw_balance\", \"clawback_pending\"}}");
            else
                for (const auto& [id, v] : m["expect"].items()) {
                    const std::string ep = json_pointer_join(mp + "/expect", id);
                    if (!find(id)) issue(ep, "no person '" + id + "' in the case's people");
                    Expect e = read_expect(v, ep, true);
                    if (e.empty()) issue(ep, "expected at least one of total, lines, draw_balance, clawback_pending");
                    month.expect.emplace_back(id, std::move(e));
                }
            out.months.push_back(std::move(month));
        });
        return out;
    }

    std::string source_;
    const Scheme& s_;
    IssueCollector<RuleError> issues_;
};

std::string show(Decimal d, int minor) { return d.to_display(minor); }

// "2026-02 h-01: total: expected 40,000.00, got 45,000.00 (off by 5,000.00)" when they differ.
void differ(const std::string& what, Decimal expected, Decimal got, int minor, std::vector<std::string>& out) {
    if (got == expected) return;
    Fault f = Fault::none;
    out.push_back(what + ": expected " + show(expected, minor) + ", got " + show(got, minor) + " (off by " +
                  show(Decimal::sub(got, expected, f), minor) + ")");
}

// Adds a difference for each expectation `slip` misses; `who` prefixes them in a sequence ("2026-02 h-01: ").
void compare(const Payslip& slip, const Expect& want, const std::string& role, const std::string& who, int minor, std::vector<std::string>& out) {
    for (const auto& [id, amount] : want.lines) {
        if (const PayLine* l = slip.line(id)) differ(who + "line " + id, amount, l->amount, minor, out);
        else out.push_back(who + "line " + id + ": expected " + show(amount, minor) + ", but role " + role + " has no such line");
    }
    if (want.total) differ(who + "total", *want.total, slip.total, minor, out);
}

CaseResult run_single(const CompiledScheme& cs, const Case& c) {
    CaseResult r;
    r.name = c.name;
    const int minor = cs.scheme().currency.minor_units;
    try {
        const Payslip slip = compute_payslip(cs, c.period, c.person, Explain::none);
        if (!c.expect_error.empty()) r.differences.push_back("expected error " + c.expect_error + ", but it paid " + show(slip.total, minor));
        compare(slip, c.expect, c.role, "", minor, r.differences);
    } catch (const Error& e) {
        const std::string id = e.id();
        if (c.expect_error.empty() || id != c.expect_error)
            r.differences.push_back((c.expect_error.empty() ? "" : "expected error " + c.expect_error + ", got: ") + std::string(e.what()));
    }
    r.passed = r.differences.empty();
    return r;
}

// Pays the months in order from a fresh state, each with the state the last one returned.
CaseResult run_sequence(const CompiledScheme& cs, const Case& c) {
    CaseResult r;
    r.name = c.name;
    const int minor = cs.scheme().currency.minor_units;
    periods::CarriedState state;
    for (const Month& m : c.months) {
        const std::string when = m.period.to_string() + " ";
        try {
            periods::PeriodInputs in;
            in.people = m.people;
            in.cancellations = c.cancellations;
            in.corrections = m.corrections;
            in.explain = Explain::none;
            periods::PeriodPay pay = periods::pay_period(cs, m.period, in, std::move(state));
            for (const auto& [id, want] : m.expect) {
                const std::string who = when + id + ": ";
                // By name, not by capture: clang 14 (the fuzz build) cannot capture a structured binding.
                const auto it = std::find_if(pay.people.begin(), pay.people.end(), [&person = id](const periods::PersonPeriod& p) { return p.payslip.person == person; });
                const periods::PersonState* ps = pay.state.person(id);
                if (it == pay.people.end()) {
                    if (want.total || !want.lines.empty()) r.differences.push_back(who + "expected a payslip, but the person is not paid this month");
                } else {
                    compare(it->payslip, want, it->payslip.role, who, minor, r.differences);
                }
                if (want.draw_balance) differ(who + "draw_balance", *want.draw_balance, ps ? ps->draw_balance : Decimal{}, minor, r.differences);
                if (want.clawback_pending)
                    differ(who + "clawback_pending", *want.clawback_pending, ps ? ps->clawback_pending : Decimal{}, minor, r.differences);
            }
            state = std::move(pay.state);
        } catch (const Error& e) {
            r.differences.push_back(when + e.what());
            break;  // the later months depend on this one's state
        }
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
    for (const Case& c : cases) report.results.push_back(c.months.empty() ? run_single(*cs, c) : run_sequence(*cs, c));
    return report;
}

}  // namespace motiv::plantest
