#include "apps/periods/cancellation.hpp"

#include <map>

#include "core/errors.hpp"

namespace motiv::periods {

std::vector<Cancellation> read_cancellations(const data::CsvTable& table, int minor_units) {
    IssueCollector<DataError> issues;
    auto issue = [&](std::size_t line, std::size_t col, const std::string& field, const std::string& person, const std::string& msg) {
        issues.add(Issue{"motiv.data_error.310", table.source, "", line, col, field, person, msg, "", 0});
    };
    static const char* const kColumns[] = {"deal_id", "person", "amount", "paid_period", "payment_date", "cancel_date"};
    std::size_t col[6] = {};
    for (std::size_t i = 0; i < 6; ++i) {
        if (auto c = table.column(kColumns[i])) col[i] = *c;
        else issue(1, 0, kColumns[i], "", std::string("missing required column '") + kColumns[i] + "'");
    }
    for (std::size_t c = 0; c < table.header.size(); ++c) {
        bool known = false;
        for (const char* k : kColumns) known = known || table.header[c] == k;
        if (!known) issue(1, c + 1, table.header[c], "", "unknown column '" + table.header[c] + "'; expected deal_id, person, amount, paid_period, payment_date, cancel_date");
    }
    issues.throw_if_any();

    std::vector<Cancellation> out;
    std::map<std::string, std::size_t> seen;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto& row = table.rows[r];
        const std::size_t line = table.row_lines[r];
        Cancellation c;
        c.deal = row[col[0]];
        c.person = row[col[1]];
        c.source = table.source;
        c.line = line;
        bool ok = true;
        auto bad = [&](std::size_t i, const std::string& msg) {
            issue(line, col[i] + 1, kColumns[i], c.person, msg);
            ok = false;
        };
        if (c.deal.empty()) bad(0, "empty deal id");
        else if (auto [it, fresh] = seen.emplace(c.deal, line); !fresh) bad(0, "duplicate deal id '" + c.deal + "' (first on line " + std::to_string(it->second) + ")");
        if (c.person.empty()) bad(1, "empty person id");
        auto amount = Decimal::parse(row[col[2]]);
        if (!amount || !(Decimal{} < *amount) || amount->places() > minor_units)
            bad(2, "expected an amount > 0 with at most " + std::to_string(minor_units) + " decimal places, got '" + row[col[2]] + "'");
        else c.amount = *amount;
        if (auto p = Period::parse(row[col[3]])) c.paid_period = *p;
        else bad(3, "expected a period YYYY-MM, got '" + row[col[3]] + "'");
        auto paid = parse_iso_date(row[col[4]]);
        auto cancelled = parse_iso_date(row[col[5]]);
        if (!paid) bad(4, "expected a date YYYY-MM-DD, got '" + row[col[4]] + "'");
        if (!cancelled) bad(5, "expected a date YYYY-MM-DD, got '" + row[col[5]] + "'");
        if (paid && cancelled && *cancelled < *paid) bad(5, "the deal is cancelled (" + row[col[5]] + ") before it was paid (" + row[col[4]] + ")");
        if (!ok) continue;
        c.paid_on = *paid;
        c.cancelled_on = *cancelled;
        out.push_back(std::move(c));
    }
    issues.throw_if_any();
    return out;
}

}  // namespace motiv::periods
