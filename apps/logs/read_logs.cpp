#include "apps/logs/read_logs.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "core/errors.hpp"
#include "core/errors/catalogue.hpp"
#include "core/io/sha256.hpp"
#include "core/rules/json_document.hpp"

namespace motiv::logs {

const StaffMember* LogSet::find_staff(std::string_view id) const {
    auto it = staff_index_.find(std::string(id));
    return it == staff_index_.end() ? nullptr : &staff[it->second];
}

const Client* LogSet::find_client(std::string_view id) const {
    auto it = client_index_.find(std::string(id));
    return it == client_index_.end() ? nullptr : &clients[it->second];
}

namespace {
const std::vector<std::size_t>& rows_of(const std::unordered_map<std::string, std::vector<std::size_t>>& m, const std::string& key) {
    static const std::vector<std::size_t> none;
    auto it = m.find(key);
    return it == m.end() ? none : it->second;
}
}  // namespace

const std::vector<std::size_t>& LogSet::deals_of(const std::string& client) const { return rows_of(deals_by_client_, client); }
const std::vector<std::size_t>& LogSet::contacts_of(const std::string& client) const { return rows_of(contacts_by_client_, client); }
const std::vector<std::size_t>& LogSet::calls_of(const std::string& op) const { return rows_of(calls_by_op_, op); }

void LogSet::build_index() {
    staff_index_.clear();
    client_index_.clear();
    deals_by_client_.clear();
    contacts_by_client_.clear();
    calls_by_op_.clear();
    for (std::size_t i = 0; i < staff.size(); ++i) staff_index_.emplace(staff[i].id, i);  // the first of duplicates
    for (std::size_t i = 0; i < clients.size(); ++i) client_index_.emplace(clients[i].id, i);
    for (std::size_t i = 0; i < deals.size(); ++i) deals_by_client_[deals[i].client].push_back(i);
    for (std::size_t i = 0; i < contacts.size(); ++i) contacts_by_client_[contacts[i].client].push_back(i);
    for (std::size_t i = 0; i < calls.size(); ++i) calls_by_op_[calls[i].op].push_back(i);
}

namespace {

// One table being read (CSV or JSON, log_table.hpp): its columns by name, and a place to put problems
// naming the file and the row -- line and column for CSV, a JSON pointer for JSON. Every check of a
// cell is written once, below and in read_logs(), for both formats.
class TableReader {
public:
    TableReader(const LogTable& t, IssueCollector<DataError>& issues, std::initializer_list<const char*> required,
                std::initializer_list<const char*> optional)
        : t_(t), issues_(issues), usable_(t.rows.size(), true) {
        auto known = [&](const std::string& h) {
            return std::any_of(required.begin(), required.end(), [&](const char* n) { return h == n; }) ||
                   std::any_of(optional.begin(), optional.end(), [&](const char* n) { return h == n; });
        };
        if (t.json) {
            // Every row is an object of its own: a required key is checked in each.
            for (std::size_t c = 0; c < t.header.size(); ++c)
                if (!known(t.header[c]))
                    add_at(json_pointer_join(json_pointer_join("", t.first_row[c]), t.header[c]), 0, 0, "",
                           "unknown key '" + t.header[c] + "'; expected one of: " + names(required, optional), err::logs_bad_columns);
            for (std::size_t r = 0; r < t.rows.size(); ++r)
                for (const char* c : required) {
                    const auto col = t.column(c);
                    if (col && t.present[r][*col]) continue;
                    add_at(json_pointer_join("", r), 0, 0, "", "missing required key '" + std::string(c) + "'", err::logs_bad_columns);
                    usable_[r] = false;
                }
            return;
        }
        for (const char* c : required) {
            if (!t.column(c)) add_at("", 1, 0, c, "missing required column '" + std::string(c) + "'", err::logs_bad_columns);
        }
        for (std::size_t c = 0; c < t.header.size(); ++c) {
            if (!known(t.header[c])) add_at("", 1, c + 1, t.header[c], "unknown column '" + t.header[c] + "'", err::logs_bad_columns);
        }
        if (!std::all_of(required.begin(), required.end(), [&](const char* c) { return t.column(c).has_value(); })) usable_.assign(t.rows.size(), false);
    }
    [[nodiscard]] std::size_t rows() const { return t_.rows.size(); }
    // Moves to row r; false when the row lacks a required column (already reported): skip it.
    bool at(std::size_t r) {
        r_ = r;
        return usable_[r];
    }
    [[nodiscard]] RowRef ref() const {
        const std::string file = std::filesystem::path(t_.source).filename().string();
        return t_.json ? RowRef{file, r_, true} : RowRef{file, t_.row_lines[r_], false};
    }
    // The cell of column `name` in the current row; empty when the column is absent.
    [[nodiscard]] const std::string& cell(const char* name) const {
        static const std::string empty;
        const auto c = t_.column(name);
        return c ? t_.rows[r_][*c] : empty;
    }
    void bad(const char* name, const std::string& expected, const char* id = err::logs_bad_value) {
        problem(name, expected + ", got '" + cell(name) + "'", id);
    }
    void problem(const char* name, const std::string& message, const char* id) {
        if (t_.json) {
            add_at(json_pointer_join(json_pointer_join("", r_), name), 0, 0, "", message, id);
            return;
        }
        const auto c = t_.column(name);
        add_at("", t_.row_lines[r_], c ? *c + 1 : 0, name, message, id);
    }
    std::optional<Date> date(const char* name, bool required) {
        const auto& v = cell(name);
        if (v.empty() && !required) return std::nullopt;
        auto d = parse_iso_date(v);
        if (!d) bad(name, "expected a date YYYY-MM-DD");
        return d;
    }
    std::string text(const char* name) {
        const auto& v = cell(name);
        if (v.empty()) bad(name, "expected a non-empty value");
        return v;
    }
    // A cell naming a staff member (required: non-empty), checked against the staff ids.
    std::string staff(const char* name, const std::set<std::string>& ids, bool required) {
        const std::string v = required ? text(name) : cell(name);
        if (!v.empty() && !ids.count(v)) problem(name, "unknown staff id '" + v + "'", err::logs_unknown_reference);
        return v;
    }

private:
    static std::string names(std::initializer_list<const char*> a, std::initializer_list<const char*> b) {
        std::string out;
        for (auto list : {a, b})
            for (const char* n : list) out += (out.empty() ? "" : ", ") + std::string(n);
        return out;
    }
    void add_at(std::string pointer, std::size_t line, std::size_t col, const std::string& field, const std::string& msg, const char* id) {
        issues_.add(Issue{.id = id, .file = t_.source, .pointer = std::move(pointer), .line = line, .column = col, .field = field, .message = msg});
    }
    const LogTable& t_;
    IssueCollector<DataError>& issues_;
    std::vector<bool> usable_;
    std::size_t r_ = 0;
};

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::optional<Decimal> decimal_in(const std::string& text, int max_places) {
    auto d = Decimal::parse(text);
    if (!d || d->places() > max_places || text.find('%') != std::string::npos) return std::nullopt;
    return d;
}

// "2026-10-01", "2026-10-01T09:15", "2026-10-01 09:15:30" -> the date (the time of day is checked, not kept).
std::optional<Date> call_date(const std::string& text) {
    if (text.size() != 10 && text.size() != 16 && text.size() != 19) return std::nullopt;
    auto d = parse_iso_date(std::string_view(text).substr(0, 10));
    if (!d || text.size() == 10) return d;
    auto two = [&](std::size_t at, int max) {
        if (!std::isdigit(static_cast<unsigned char>(text[at])) || !std::isdigit(static_cast<unsigned char>(text[at + 1]))) return false;
        return (text[at] - '0') * 10 + (text[at + 1] - '0') <= max;
    };
    if ((text[10] != 'T' && text[10] != ' ') || !two(11, 23) || text[13] != ':' || !two(14, 59)) return std::nullopt;
    if (text.size() == 19 && (text[16] != ':' || !two(17, 59))) return std::nullopt;
    return d;
}

template <class T>
bool one_of(const std::string& v, std::initializer_list<std::pair<const char*, T>> names, T& out) {
    for (const auto& [n, val] : names)
        if (v == n) {
            out = val;
            return true;
        }
    return false;
}

}  // namespace

namespace {

// `stem`.csv or `stem`.json in `dir`; IoError when there is neither or both, DataError (data_error.109,
// what to do) when there is only a workbook, `stem`.xlsx.
std::string pick_log_file(const std::filesystem::path& dir, const std::string& stem) {
    std::error_code ec;
    const auto csv = dir / (stem + ".csv"), json = dir / (stem + ".json");
    const bool has_csv = std::filesystem::exists(csv, ec), has_json = std::filesystem::exists(json, ec);
    if (has_csv && has_json)
        throw IoError(err::io_ambiguous_log, dir.string() + ": both " + stem + ".csv and " + stem +
                                                ".json are there; keep one (which one is the log is not guessed)");
    if (!has_csv && !has_json) {
        // A clerk's directory may hold the log as a workbook: say what to do rather than "no file".
        for (const char* ext : {".xlsx", ".xlsm", ".xls"}) {
            const auto book = dir / (stem + ext);
            if (std::filesystem::exists(book, ec))
                throw DataError({Issue{.id = err::csv_is_workbook, .file = book.string(), .message = "this log is a spreadsheet workbook; logs are read as CSV or JSON: in Excel use File > Save As > "
                                       "\"CSV UTF-8 (Comma delimited)\" to save it as " + stem + ".csv beside it, or in Python pass the "
                                       "directory to Scheme.logs_report, which reads .xlsx logs"}});
        }
        throw IoError(err::io_cannot_read, dir.string() + ": no " + stem + ".csv or " + stem + ".json");
    }
    return (has_json ? json : csv).string();
}

}  // namespace

LogTables read_log_tables(const std::string& dir, const LogRules& rules) {
    const std::filesystem::path d(dir);
    LogTables t;
    std::vector<std::pair<std::string, LogTable*>> files{{pick_log_file(d, "staff"), &t.staff},
                                                         {pick_log_file(d, "clients"), &t.clients},
                                                         {pick_log_file(d, "calls"), &t.calls},
                                                         {pick_log_file(d, "deals"), &t.deals},
                                                         {pick_log_file(d, "contacts"), &t.contacts}};
    if (!rules.rates_file.empty()) {
        // The rules name the rates file ("exchange_rates.csv"); its JSON twin is read as well.
        const std::filesystem::path named(rules.rates_file);
        const std::string ext = named.extension().string();
        t.rates.emplace();
        files.emplace_back(ext == ".csv" || ext == ".json" ? pick_log_file(d, named.stem().string()) : (d / named).string(), &*t.rates);
    }
    // The data's SHA-256 (docs/exports.md, Provenance): over the files in byte order of their names, each as
    // its name, NUL, its length in decimal, NUL, then its bytes.
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
        return std::filesystem::path(a.first).filename().string() < std::filesystem::path(b.first).filename().string();
    });
    io::Sha256 hash;
    for (auto& [path, table] : files) {
        t.paths.push_back(path);
        std::string bytes;
        *table = read_log_file(path, &bytes);
        const std::string name = std::filesystem::path(path).filename().string();
        hash.update(name);
        hash.update(std::string_view("\0", 1));
        hash.update(std::to_string(bytes.size()));
        hash.update(std::string_view("\0", 1));
        hash.update(bytes);
    }
    t.sha256 = hash.hex();
    return t;
}

LogSet read_logs(const LogTables& t, const LogRules& rules, const Scheme& scheme) {
    IssueCollector<DataError> issues;
    LogSet out;
    const int mu = scheme.currency.minor_units;

    TableReader st(t.staff, issues, {"id", "name", "role"}, {"team", "hired", "left", "manager"});
    std::set<std::string> staff_ids;
    for (std::size_t r = 0; r < st.rows(); ++r) {
        if (!st.at(r)) continue;
        StaffMember s{st.text("id"), st.cell("name"), st.cell("role"), st.cell("team"), st.cell("manager"), st.date("hired", false), st.date("left", false), st.ref()};
        if (!s.id.empty() && !staff_ids.insert(s.id).second) st.problem("id", "duplicate staff id '" + s.id + "'", err::logs_duplicate);
        if (!scheme.find_role(s.role)) st.problem("role", "unknown role '" + s.role + "': not a role of scheme " + scheme.name, err::logs_unknown_reference);
        if (s.hired && s.left && *s.left < *s.hired) st.bad("left", "expected a date on or after 'hired'");
        out.staff.push_back(std::move(s));
    }
    for (std::size_t r = 0; r < st.rows(); ++r) {
        if (!st.at(r)) continue;
        (void)st.staff("manager", staff_ids, false);
    }

    if (rules.takeaway_to != "pool" && rules.takeaway_to != "team_lead" && !staff_ids.count(rules.takeaway_to))
        issues.add(Issue{.id = err::logs_unknown_reference, .file = t.staff.source, .field = "id", .message = "the rules send taken-away clients to '" + rules.takeaway_to + "' (logs/takeaway/to), who is not in this file"});

    TableReader cl(t.clients, issues, {"id", "name", "group", "state"}, {"owner", "handed_over"});
    std::set<std::string> client_ids;
    for (std::size_t r = 0; r < cl.rows(); ++r) {
        if (!cl.at(r)) continue;
        Client c{cl.text("id"), cl.cell("name"), cl.cell("group"), cl.cell("state"), cl.cell("owner"), cl.date("handed_over", false), cl.ref()};
        if (!c.id.empty() && !client_ids.insert(c.id).second) cl.problem("id", "duplicate client id '" + c.id + "'", err::logs_duplicate);
        if (!rules.find_group(c.group)) {
            std::vector<std::string> names;
            for (const auto& g : rules.groups) names.push_back(g.name);
            cl.problem("group", "unknown client group '" + c.group + "'; the rules declare: " + join(names), err::logs_unknown_reference);
        }
        if (c.state != "active" && c.state != "dormant") cl.bad("state", "expected active or dormant");
        (void)cl.staff("owner", staff_ids, false);
        out.clients.push_back(std::move(c));
    }

    TableReader ca(t.calls, issues, {"operator", "client", "time", "duration_sec", "outcome"}, {"reason", "script_score"});
    for (std::size_t r = 0; r < ca.rows(); ++r) {
        if (!ca.at(r)) continue;
        Call c;
        c.row = ca.ref();
        c.op = ca.staff("operator", staff_ids, true);
        c.client = ca.text("client");  // a cold call may reach a company that is not yet a client
        auto d = call_date(ca.cell("time"));
        if (!d) ca.bad("time", "expected a time YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DD HH:MM:SS");
        else c.date = *d;
        auto secs = decimal_in(ca.cell("duration_sec"), 0);
        if (!secs || secs->is_negative() || *secs > Decimal::from_int(86400)) ca.bad("duration_sec", "expected whole seconds from 0 to 86400");
        else c.seconds = *secs->to_int64();
        if (!one_of<CallOutcome>(ca.cell("outcome"), {{"meeting", CallOutcome::meeting}, {"sale", CallOutcome::sale}, {"refusal", CallOutcome::refusal}, {"no_answer", CallOutcome::no_answer}}, c.outcome))
            ca.bad("outcome", "expected meeting, sale, refusal or no_answer");
        c.reason = ca.cell("reason");
        if (c.outcome == CallOutcome::refusal) {
            if (std::find(rules.refusal_reasons.begin(), rules.refusal_reasons.end(), c.reason) == rules.refusal_reasons.end()) {
                ca.problem("reason", "a refusal needs a reason code declared by the rules (" + join(rules.refusal_reasons) + "), got '" + c.reason + "'",
                           err::logs_unknown_reference);
            }
        } else if (!c.reason.empty()) {
            ca.bad("reason", "expected no reason unless the outcome is refusal");
        }
        if (!ca.cell("script_score").empty()) {
            auto s = decimal_in(ca.cell("script_score"), 4);
            if (!s || s->is_negative() || *s > Decimal::from_int(1)) ca.bad("script_score", "expected a score from 0 to 1 with at most 4 decimal places");
            else c.script_score = s;
        }
        out.calls.push_back(std::move(c));
    }

    if (t.rates) {
        TableReader ra(*t.rates, issues, {"date", "currency", "rate"}, {});
        std::set<std::pair<std::string, Date>> seen;
        for (std::size_t r = 0; r < ra.rows(); ++r) {
            if (!ra.at(r)) continue;
            ExchangeRate x;
            x.row = ra.ref();
            if (auto d = ra.date("date", true)) x.since = *d;
            x.currency = ra.text("currency");
            auto rate = decimal_in(ra.cell("rate"), 6);
            if (!rate || rate->is_negative() || rate->is_zero()) ra.bad("rate", "expected a rate > 0 with at most 6 decimal places");
            else x.rate = *rate;
            if (!x.since.is_not_a_date() && !seen.insert({x.currency, x.since}).second)
                ra.problem("date", "a second rate for " + x.currency + " on " + to_iso(x.since), err::logs_duplicate);
            out.rates.push_back(std::move(x));
        }
        std::sort(out.rates.begin(), out.rates.end(), [](const auto& a, const auto& b) {
            return a.currency != b.currency ? a.currency < b.currency : a.since < b.since;
        });
    }

    TableReader de(t.deals, issues, {"id", "client", "date", "amount", "status"}, {"currency", "paid_date", "cancelled_date", "credited", "product"});
    std::set<std::string> deal_ids;
    for (std::size_t r = 0; r < de.rows(); ++r) {
        if (!de.at(r)) continue;
        Deal d;
        d.row = de.ref();
        d.id = de.text("id");
        if (!d.id.empty() && !deal_ids.insert(d.id).second) de.problem("id", "duplicate deal id '" + d.id + "'", err::logs_duplicate);
        d.client = de.text("client");
        if (!d.client.empty() && !client_ids.count(d.client)) de.problem("client", "unknown client '" + d.client + "'", err::logs_unknown_reference);
        if (auto x = de.date("date", true)) d.date = *x;
        d.currency = de.cell("currency").empty() ? scheme.currency.code : de.cell("currency");
        const bool home = d.currency == scheme.currency.code;
        auto amount = decimal_in(de.cell("amount"), home ? mu : 4);
        if (!amount || amount->is_negative())
            de.bad("amount", "expected an amount >= 0 with at most " + std::to_string(home ? mu : 4) + " decimal places");
        else d.amount = *amount;
        if (!home) {
            if (rules.rates_file.empty())
                de.problem("currency", "a deal in " + d.currency + " but the rules declare no exchange rates (logs/currencies)", err::logs_no_exchange_rate);
            else if (!d.date.is_not_a_date() && !rate_on(out, d.currency, d.date))
                de.problem("currency", "no " + d.currency + " exchange rate in force on " + to_iso(d.date) + " in " + rules.rates_file, err::logs_no_exchange_rate);
        }
        const bool status_ok = one_of<DealStatus>(de.cell("status"), {{"closed", DealStatus::closed}, {"paid", DealStatus::paid}, {"cancelled", DealStatus::cancelled}}, d.status);
        if (!status_ok) de.bad("status", "expected closed, paid or cancelled");
        d.paid = de.date("paid_date", d.status == DealStatus::paid);
        if (status_ok && d.paid && d.status != DealStatus::paid && d.status != DealStatus::cancelled) de.bad("paid_date", "expected no payment date unless the status is paid (or cancelled after payment)");
        if (d.paid && !d.date.is_not_a_date() && *d.paid < d.date) de.bad("paid_date", "expected a payment date on or after the deal date");
        d.cancelled = de.date("cancelled_date", false);
        if (status_ok && d.cancelled && d.status != DealStatus::cancelled) de.bad("cancelled_date", "expected no cancellation date unless the status is cancelled");
        else if (d.cancelled && !d.date.is_not_a_date() && *d.cancelled < d.date) de.bad("cancelled_date", "expected a cancellation date on or after the deal date");
        else if (d.cancelled && d.paid && *d.cancelled < *d.paid) de.bad("cancelled_date", "expected a cancellation date on or after the payment date");
        d.product = de.cell("product");
        // "h-01" or "h-01:60;h-02:40"
        const std::string& cr = de.cell("credited");
        Decimal sum;
        bool ok = true;
        for (std::size_t start = 0; !cr.empty() && start <= cr.size();) {
            const std::size_t end = std::min(cr.find(';', start), cr.size());
            const std::string part = cr.substr(start, end - start);
            const std::size_t colon = part.find(':');
            CreditShare s{part.substr(0, colon), Decimal::from_int(100)};
            if (colon != std::string::npos) {
                auto p = decimal_in(part.substr(colon + 1), 4);
                if (!p || p->is_negative() || p->is_zero() || *p > Decimal::from_int(100)) ok = false;
                else s.percent = *p;
            }
            if (s.person.empty()) ok = false;
            else if (!staff_ids.count(s.person)) de.problem("credited", "unknown staff id '" + s.person + "'", err::logs_unknown_reference);
            for (const auto& o : d.credited)
                if (o.person == s.person) ok = false;
            if (ok) sum = sum + s.percent;
            d.credited.push_back(std::move(s));
            start = end + 1;
        }
        if (!ok) de.bad("credited", "expected a staff id, or shares like 'h-01:60;h-02:40' (each person once, percent > 0)");
        else if (!d.credited.empty() && sum != Decimal::from_int(100))
            de.problem("credited", "credit shares add up to " + sum.to_string() + "%, expected 100%", err::logs_credit_shares);
        out.deals.push_back(std::move(d));
    }

    TableReader co(t.contacts, issues, {"manager", "client", "date", "kind"}, {});
    for (std::size_t r = 0; r < co.rows(); ++r) {
        if (!co.at(r)) continue;
        Contact c;
        c.row = co.ref();
        c.manager = co.staff("manager", staff_ids, true);
        c.client = co.text("client");
        if (!c.client.empty() && !client_ids.count(c.client)) co.problem("client", "unknown client '" + c.client + "'", err::logs_unknown_reference);
        if (auto x = co.date("date", true)) c.date = *x;
        if (!one_of<ContactKind>(co.cell("kind"), {{"call", ContactKind::call}, {"meeting", ContactKind::meeting}, {"email", ContactKind::email}}, c.kind))
            co.bad("kind", "expected call, meeting or email");
        out.contacts.push_back(std::move(c));
    }
    issues.throw_if_any();
    out.build_index();
    return out;
}

const ExchangeRate* rate_on(const LogSet& logs, std::string_view currency, const Date& day) {
    const ExchangeRate* best = nullptr;
    for (const auto& r : logs.rates)
        if (r.currency == currency && !(day < r.since)) best = &r;
    return best;
}

}  // namespace motiv::logs
