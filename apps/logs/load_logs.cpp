#include "apps/logs/load_logs.hpp"

#include <algorithm>
#include <initializer_list>

#include "core/errors.hpp"
#include "core/rules/json_document.hpp"
#include "core/rules/loader.hpp"
#include "core/rules/rule_reader.hpp"

namespace motiv {

namespace {

using json = nlohmann::ordered_json;

// The "logs" section. Its own ids: rule_error.270 no section, .272 a figure out of its range,
// .273 an unknown role, input or KPI; the checks every section shares (types, keys, roundings)
// come from RuleReader, with its ids.
class LogRulesReader : public RuleReader {
public:
    LogRulesReader(const std::string& source, const std::set<std::string>& numbers, const Scheme& scheme) : RuleReader(source, numbers), scheme_(scheme) {
        currency_ = scheme.currency;
    }

    logs::LogRules run(const json& root) {
        logs::LogRules r;
        r.source = source_;
        r.talk_rounding = r.credit_rounding = r.conversion_rounding = scheme_.rounding;
        r.calendar = calendar(root);
        const auto it = root.is_object() ? root.find(kLogsKey) : root.end();
        if (!root.is_object() || it == root.end()) {
            issue("motiv.rule_error.270", "/logs", "this rule file has no \"logs\" section: it does not say how to derive KPIs from logs");
            issues_.throw_if_any();
        }
        const json& l = *it;
        const std::string p = "/logs";
        if (!object(l, p)) issues_.throw_if_any();
        keys(l, p, {"description", "roles", "client_groups", "refusal_reasons", "calls", "handover", "growth_base", "takeaway",
                    "dormant", "collection", "credit", "currencies", "spiffs", "feed"});
        if (const json* roles = member(l, p, "roles", true); roles && object(*roles, p + "/roles")) {
            keys(*roles, p + "/roles", {"operator", "hunter", "farmer"});
            r.operator_roles = role_list(*roles, p + "/roles", "operator");
            r.hunter_roles = role_list(*roles, p + "/roles", "hunter");
            r.farmer_roles = role_list(*roles, p + "/roles", "farmer");
        }
        if (const json* gs = member(l, p, "client_groups", true); gs && object(*gs, p + "/client_groups")) {
            if (gs->empty()) issue("motiv.rule_error.272", p + "/client_groups", "declare at least one client group");
            for (const auto& [name, g] : gs->items()) {
                const std::string gp = json_pointer_join(p + "/client_groups", name);
                if (!object(g, gp)) continue;
                keys(g, gp, {"description", "takeaway_after_days", "contacts_per_month"});
                logs::ClientGroup cg{name, days(g, gp, "takeaway_after_days", true).value_or(0), days(g, gp, "contacts_per_month", true).value_or(0)};
                r.groups.push_back(cg);
            }
        }
        if (const json* rr = member(l, p, "refusal_reasons", true); rr && object(*rr, p + "/refusal_reasons")) {
            for (const auto& [code, text] : rr->items()) {
                const std::string rp = json_pointer_join(p + "/refusal_reasons", code);
                if (!is_text(text, rp)) issue("motiv.rule_error.201", rp, "expected a description (a string), got " + type_name(text, rp));
                r.refusal_reasons.push_back(code);
            }
        }
        if (const json* c = member(l, p, "calls", false); c && object(*c, p + "/calls")) {
            keys(*c, p + "/calls", {"talk_rounding"});
            if (const json* t = member(*c, p + "/calls", "talk_rounding", false)) r.talk_rounding = rounding(*t, p + "/calls/talk_rounding").value_or(r.talk_rounding);
        }
        if (const json* h = member(l, p, "handover", true); h && object(*h, p + "/handover")) {
            keys(*h, p + "/handover", {"description", "days_after_first_deal", "paid_orders"});
            r.handover_days = days(*h, p + "/handover", "days_after_first_deal", true).value_or(0);
            if (auto k = days(*h, p + "/handover", "paid_orders", false)) {
                if (*k < 1) issue("motiv.rule_error.272", p + "/handover/paid_orders", "expected a whole number >= 1 (the k-th paid order)");
                else r.handover_paid_orders = *k;
            }
        }
        if (const json* g = member(l, p, "growth_base", true)) {
            const std::string v = g->is_string() ? g->get<std::string>() : "";
            if (v == "previous_period") r.growth_base = logs::GrowthBase::previous_period;
            else if (v == "same_period_last_year") r.growth_base = logs::GrowthBase::same_period_last_year;
            else issue("motiv.rule_error.272", p + "/growth_base", "expected \"previous_period\" or \"same_period_last_year\", got " + g->dump());
        }
        if (const json* t = member(l, p, "takeaway", true); t && object(*t, p + "/takeaway")) {
            keys(*t, p + "/takeaway", {"description", "to"});
            if (const json* to = member(*t, p + "/takeaway", "to", true)) {
                if (!is_text(*to, p + "/takeaway/to") || to->get<std::string>().empty())
                    issue("motiv.rule_error.201", p + "/takeaway/to", "expected \"pool\", \"team_lead\" or a staff id");
                else r.takeaway_to = to->get<std::string>();
            }
        }
        if (const json* d = member(l, p, "dormant", false); d && object(*d, p + "/dormant")) {
            keys(*d, p + "/dormant", {"description", "quiet_days", "reactivation_bonus"});
            r.dormant_quiet_days = days(*d, p + "/dormant", "quiet_days", true).value_or(0);
            if (const json* b = member(*d, p + "/dormant", "reactivation_bonus", true)) r.reactivation_bonus = money(*b, p + "/dormant/reactivation_bonus");
        }
        if (const json* c = member(l, p, "collection", false); c && object(*c, p + "/collection")) {
            keys(*c, p + "/collection", {"description", "pay_on_collection"});
            if (const json* b = member(*c, p + "/collection", "pay_on_collection", true)) {
                if (!b->is_boolean()) issue("motiv.rule_error.201", p + "/collection/pay_on_collection", "expected true or false");
                else r.pay_on_collection = b->get<bool>();
            }
        }
        if (const json* c = member(l, p, "credit", false); c && object(*c, p + "/credit")) {
            keys(*c, p + "/credit", {"description", "rounding"});
            if (const json* t = member(*c, p + "/credit", "rounding", true)) r.credit_rounding = rounding(*t, p + "/credit/rounding").value_or(r.credit_rounding);
        }
        if (const json* c = member(l, p, "currencies", false); c && object(*c, p + "/currencies")) {
            keys(*c, p + "/currencies", {"description", "rates_file", "rounding"});
            if (const json* f = member(*c, p + "/currencies", "rates_file", true)) {
                if (!is_text(*f, p + "/currencies/rates_file") || f->get<std::string>().empty()) issue("motiv.rule_error.201", p + "/currencies/rates_file", "expected a file name");
                else r.rates_file = f->get<std::string>();
            }
            if (const json* t = member(*c, p + "/currencies", "rounding", true)) r.conversion_rounding = rounding(*t, p + "/currencies/rounding").value_or(r.conversion_rounding);
        }
        if (const json* s = member(l, p, "spiffs", false)) spiffs(*s, p + "/spiffs", r);
        if (const json* f = member(l, p, "feed", true); f && object(*f, p + "/feed")) feed(*f, p + "/feed", r);
        issues_.throw_if_any();
        return r;
    }

private:
    // A JSON string as written: a number literal like 2.5 is held as text in the DOM, but is no name.
    [[nodiscard]] bool is_text(const json& v, const std::string& pointer) const { return v.is_string() && !numbers_.count(pointer); }
    // A whole number of days (or a count) from 0 to 36,600.
    std::optional<int> days(const json& obj, const std::string& pointer, const char* key, bool required) {
        const json* v = member(obj, pointer, key, required);
        if (!v) return std::nullopt;
        if (!v->is_number_integer() || *v < 0 || *v > 36600) {
            issue("motiv.rule_error.272", json_pointer_join(pointer, key), "expected a whole number from 0 to 36600, got " + v->dump());
            return std::nullopt;
        }
        return v->get<int>();
    }
    // Money >= 0 at the currency's places (a bonus, a SPIFF).
    Decimal money(const json& v, const std::string& pointer) {
        const auto d = value(v, pointer, Kind::money);
        if (d && d->is_negative()) {
            issue("motiv.rule_error.272", pointer, "expected money >= 0, got " + d->to_string());
            return {};
        }
        return d.value_or(Decimal{});
    }
    std::vector<std::string> role_list(const json& roles, const std::string& pointer, const char* key) {
        std::vector<std::string> out;
        const json* v = member(roles, pointer, key, true);
        if (!v) return out;
        const std::string p = json_pointer_join(pointer, key);
        if (!v->is_array()) {
            issue("motiv.rule_error.201", p, "expected an array of role names of the scheme");
            return out;
        }
        for (std::size_t i = 0; i < v->size(); ++i) {
            const json& n = (*v)[i];
            if (!n.is_string() || !scheme_.find_role(n.get<std::string>()))
                issue("motiv.rule_error.273", json_pointer_join(p, i), "expected a role of scheme " + scheme_.name + ", got " + n.dump());
            else out.push_back(n.get<std::string>());
        }
        return out;
    }
    std::optional<Date> date(const json& obj, const std::string& pointer, const char* key) {
        const json* v = member(obj, pointer, key, false);
        if (!v) return std::nullopt;
        auto d = v->is_string() ? parse_iso_date(v->get<std::string>()) : std::nullopt;
        if (!d) issue("motiv.rule_error.272", json_pointer_join(pointer, key), "expected a date YYYY-MM-DD, got " + v->dump());
        return d;
    }
    void spiffs(const json& s, const std::string& p, logs::LogRules& r) {
        if (!s.is_array()) {
            issue("motiv.rule_error.201", p, "expected an array of SPIFFs");
            return;
        }
        if (s.size() > 256) {
            issue("motiv.rule_error.272", p, "too many SPIFFs: " + std::to_string(s.size()) + ", the limit is 256");
            return;
        }
        for (std::size_t i = 0; i < s.size(); ++i) {
            const std::string sp = json_pointer_join(p, i);
            if (!object(s[i], sp)) continue;
            keys(s[i], sp, {"id", "description", "product", "from", "to", "amount", "pays"});
            logs::Spiff f;
            f.pointer = sp;
            if (const json* id = member(s[i], sp, "id", true)) f.id = is_text(*id, sp + "/id") ? id->get<std::string>() : "";
            if (f.id.empty() && s[i].contains("id")) issue("motiv.rule_error.201", sp + "/id", "expected a non-empty name");
            if (const json* pr = member(s[i], sp, "product", false)) {
                if (!is_text(*pr, sp + "/product") || pr->get_ref<const std::string&>().empty())
                    issue("motiv.rule_error.201", sp + "/product", "expected a product code (a non-empty string), got " + (pr->is_string() && pr->get_ref<const std::string&>().empty() ? std::string("an empty string") : type_name(*pr, sp + "/product")));
                else f.product = pr->get<std::string>();
            }
            f.from = date(s[i], sp, "from");
            f.to = date(s[i], sp, "to");
            if (f.from && f.to && *f.to < *f.from) issue("motiv.rule_error.272", sp + "/to", "the window ends before it starts");
            if (const json* a = member(s[i], sp, "amount", true)) f.amount = money(*a, sp + "/amount");
            if (const json* pays = member(s[i], sp, "pays", true)) {
                const std::string v = pays->is_string() ? pays->get<std::string>() : "";
                if (v == "each_time") f.each_time = true;
                else if (v == "once_per_period") f.each_time = false;
                else issue("motiv.rule_error.272", sp + "/pays", "expected \"each_time\" or \"once_per_period\", got " + pays->dump());
            }
            r.spiffs.push_back(std::move(f));
        }
    }
    void feed(const json& f, const std::string& p, logs::LogRules& r) {
        const auto kpis = logs::known_kpis(r);
        for (const auto& [role, inputs] : f.items()) {
            const std::string rp = json_pointer_join(p, role);
            if (!scheme_.find_role(role)) issue("motiv.rule_error.273", rp, "unknown role '" + role + "' of scheme " + scheme_.name);
            if (!object(inputs, rp)) continue;
            for (const auto& [input, kpi] : inputs.items()) {
                const std::string ip = json_pointer_join(rp, input);
                if (!scheme_.find_input(input)) issue("motiv.rule_error.273", ip, "unknown input '" + input + "' of scheme " + scheme_.name);
                if (!kpi.is_string() || std::find(kpis.begin(), kpis.end(), kpi.get<std::string>()) == kpis.end()) {
                    std::string list;
                    for (const auto& k : kpis) list += (list.empty() ? "" : ", ") + k;
                    issue("motiv.rule_error.273", ip, "expected the name of a KPI derived from logs, got " + kpi.dump() + "; KPIs: " + list);
                    continue;
                }
                r.feed.push_back({role, input, kpi.get<std::string>(), ip});
            }
        }
    }
    WorkingCalendar calendar(const json& root) {
        if (!root.is_object() || !root.contains(kCalendarKey)) return WorkingCalendar::five_day_week();
        IssueCollector<RuleError> cal_issues;
        // read_working_calendar reads a plain json; a calendar holds no decimals, so the copy is exact.
        auto cal = read_working_calendar(nlohmann::json::parse(root.at(kCalendarKey).dump()), source_, "/calendar", cal_issues);
        try {
            cal_issues.throw_if_any();
        } catch (const RuleError& e) {
            for (const auto& i : e.issues()) issues_.add(i);
        }
        return cal;
    }

    const Scheme& scheme_;
};

}  // namespace

logs::LogRules load_log_rules(std::string_view text, const std::string& source, const Scheme& scheme) {
    std::set<std::string> numbers;
    const auto root = parse_json_exact(text, source, &numbers);
    return LogRulesReader(source, numbers, scheme).run(root);
}

std::optional<logs::LogRules> load_log_rules_if_any(std::string_view text, const std::string& source, const Scheme& scheme) {
    std::set<std::string> numbers;
    const auto root = parse_json_exact(text, source, &numbers);
    if (!root.is_object() || !root.contains(kLogsKey)) return std::nullopt;
    return LogRulesReader(source, numbers, scheme).run(root);
}

logs::LogRules load_log_rules_file(const std::string& path, const Scheme& scheme) {
    return load_log_rules(read_rule_file(path), path, scheme);
}

}  // namespace motiv
