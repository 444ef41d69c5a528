// The facts a CRM and a telephony system export, as motiv reads them: staff, clients, calls, deals,
// contacts and exchange rates. Plain data; every row remembers where it came from (file + line) so
// that a KPI derived from it can name its provenance.
//
// The layout of each file (CSV or JSON) is documented in docs/logs.md and checked by read_logs.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/calendar/period.hpp"
#include "core/money/decimal.hpp"

namespace motiv::logs {

// Where a row came from: the file name (as given in error messages) and its 1-based line (CSV), or
// its index in the array (JSON: the row is at the JSON pointer "/index").
struct RowRef {
    std::string file;
    std::size_t line = 0;
    bool json = false;
    friend bool operator==(const RowRef&, const RowRef&) = default;
    // "deals.csv:12" or "deals.json#/10"
    [[nodiscard]] std::string to_string() const { return file + (json ? "#/" : ":") + std::to_string(line); }
};

struct StaffMember {
    std::string id, name, role, team, manager;  // manager: a staff id or empty
    std::optional<Date> hired, left;            // inclusive; empty = before / after every period
    RowRef row;
};

struct Client {
    std::string id, name, group, state, owner;  // group: declared by the rules; state: active | dormant
    std::optional<Date> handed_over;            // when the owner (a farmer) received it from its hunter
    RowRef row;
};

enum class CallOutcome { meeting, sale, refusal, no_answer };

struct Call {
    std::string op, client;
    Date date;
    std::int64_t seconds = 0;             // talk time
    CallOutcome outcome = CallOutcome::no_answer;
    std::string reason;                   // refusal reason code (declared by the rules), else empty
    std::optional<Decimal> script_score;  // 0..1 when the recording was scored
    RowRef row;
};

enum class DealStatus { closed, paid, cancelled };

// One credited person and the share of the deal credited to them (percent, 0 < p <= 100).
struct CreditShare {
    std::string person;
    Decimal percent;
};

struct Deal {
    std::string id, client;
    Date date;
    Decimal amount;                        // in `currency`
    std::string currency;                  // ISO code; the scheme's when the column is empty
    DealStatus status = DealStatus::closed;
    std::optional<Date> paid;              // payment date (status paid, or cancelled after payment)
    std::optional<Date> cancelled;         // cancellation date (status cancelled), when the CRM gives it
    std::vector<CreditShare> credited;     // empty: the client's hunter; shares add up to 100
    std::string product;                   // for SPIFFs; may be empty
    RowRef row;
};

enum class ContactKind { call, meeting, email };

struct Contact {
    std::string manager, client;
    Date date;
    ContactKind kind = ContactKind::call;
    RowRef row;
};

// Units of the scheme's currency for one unit of `currency`, in force from `since`.
struct ExchangeRate {
    Date since;
    std::string currency;
    Decimal rate;
    RowRef row;
};

// Every log of a department, as read and cross-checked by read_logs.
struct LogSet {
    std::vector<StaffMember> staff;
    std::vector<Client> clients;
    std::vector<Call> calls;
    std::vector<Deal> deals;
    std::vector<Contact> contacts;
    std::vector<ExchangeRate> rates;  // sorted by currency, then date

    [[nodiscard]] const StaffMember* find_staff(std::string_view id) const;
    [[nodiscard]] const Client* find_client(std::string_view id) const;
    // Row indexes of the deals / contacts of a client and the calls of an operator (empty if none).
    [[nodiscard]] const std::vector<std::size_t>& deals_of(const std::string& client) const;
    [[nodiscard]] const std::vector<std::size_t>& contacts_of(const std::string& client) const;
    [[nodiscard]] const std::vector<std::size_t>& calls_of(const std::string& op) const;

    // Builds the lookups above (read_logs does): derivations stay linear in the number of rows.
    void build_index();

private:
    std::unordered_map<std::string, std::size_t> staff_index_, client_index_;
    std::unordered_map<std::string, std::vector<std::size_t>> deals_by_client_, contacts_by_client_, calls_by_op_;
};

}  // namespace motiv::logs
