// The state carried from one pay period to the next, per person: a plain value, passed in and
// returned by pay_period (periods/period_run.hpp), serialised to JSON so a payroll pipeline can
// store it between runs. Nothing is kept anywhere else: the same state and inputs give the same pay.
//
// It holds the draw balance, clawbacks still to take, bonus advances of the current quarter or year,
// and the history of what the engine paid each period (inputs, lines, total, and the SHA-256 of the
// rule file used), which clawbacks, bonus true-ups and retro recalculations recompute from.
//
// The JSON form is sealed (apps/periods/state_seal.hpp): a history edited, cut or reordered after
// run-periods wrote it is refused with the period named, never paid from.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/money/decimal.hpp"

namespace motiv::periods {

using NamedValues = std::vector<std::pair<std::string, Decimal>>;

// What the engine computed for one person in one period (before draws, clawbacks, bonuses).
struct PeriodRecord {
    std::string period;        // "2026-03"
    std::string role;
    std::string rules_sha256;  // of the rule file it was computed with
    NamedValues inputs;        // the inputs given, by name (as now known: corrections replace them)
    NamedValues lines;         // component id -> amount
    Decimal total;             // the sum of the lines
    NamedValues cancelled;     // input -> cancelled deals' amounts already clawed back from it
};

// Advances paid towards one bonus in its current span ("2026-Q1" or "2026").
struct BonusProgress {
    std::string id;
    std::string span;
    Decimal advanced;
};

struct PersonState {
    std::string person;
    std::string role;
    std::string left;                  // the first period the person was absent from, "" while active
    Decimal draw_balance;              // recoverable draw advanced and not yet recovered or forgiven
    int draw_periods_outstanding = 0;  // consecutive periods ended with a balance
    Decimal clawback_pending;          // clawed back but not yet taken (the floor held it)
    std::vector<BonusProgress> bonuses;
    std::vector<PeriodRecord> history; // oldest first

    [[nodiscard]] const PeriodRecord* record(std::string_view period) const;
    [[nodiscard]] PeriodRecord* record(std::string_view period);
};

struct CarriedState {
    std::string scheme;                     // the scheme's name
    std::string last_period;                // the last period paid, "" for a fresh state
    std::string rules_sha256;               // the rule file of the last period paid
    std::vector<std::string> handled_deals; // cancellations already clawed back (or refused)
    std::vector<PersonState> people;

    [[nodiscard]] const PersonState* person(std::string_view id) const;
    [[nodiscard]] PersonState* person(std::string_view id);

    // Amounts are JSON strings with `minor_units` places, exact; the result carries its seal.
    [[nodiscard]] nlohmann::json to_json(int minor_units) const;
    // Reads a parsed state strictly: every key expected and no other (data_error.508), every value
    // of its type (502), amounts with at most `minor_units` places (502), the seal intact (505), the
    // current format (506 for a format-1 file, which has no seal). Throws DataError naming
    // `source`, the JSON pointer and what was expected. A parsed value cannot show duplicate keys:
    // read text with parse().
    static CarriedState from_json(const nlohmann::json& j, const std::string& source, int minor_units);
    // The text of a state file, as read_file reads it: DataError 501 (not JSON, nested too deep),
    // 507 (a key twice in one object) or from_json's.
    static CarriedState parse(std::string_view text, const std::string& source, int minor_units);
    // Reads a state file written by to_json (size-limited, strict); DataError or IoError.
    static CarriedState read_file(const std::string& path, int minor_units);
};

// The format run-periods writes ("motiv_state": 2, sealed). Format 1 had no seal.
inline constexpr int kStateFormat = 2;

inline constexpr std::size_t kMaxStateBytes = 256u << 20;  // a state file over 256 MiB is refused

}  // namespace motiv::periods
