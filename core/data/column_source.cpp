#include "core/data/column_source.hpp"

#include <algorithm>
#include <optional>

#include "core/data/input_values.hpp"
#include "core/data/people_reader.hpp"
#include "core/errors.hpp"

namespace motiv::data {

KeptRows read_columns(const CompiledScheme& cs, const Period& period, const ColumnsSource& src) {
    const Scheme& s = cs.scheme();
    IssueCollector<DataError> issues;
    const ColumnMap cols = map_columns(s, src.header, src.source, issues);
    issues.throw_if_any();
    // Column position -> its text cells (nullptr: a typed column).
    std::vector<const std::vector<std::string>*> text(src.header.size(), nullptr);
    for (std::size_t c = 0; c < src.header.size(); ++c)
        if (auto it = src.text.find(src.header[c]); it != src.text.end()) {
            if (it->second.size() != src.rows) throw std::invalid_argument("column '" + src.header[c] + "': wrong number of cells");
            text[c] = &it->second;
        }
    for (auto key : {cols.id, cols.role, cols.period, cols.start, cols.end, cols.name, cols.manager})
        if (key && !text[*key]) throw std::invalid_argument("column '" + src.header[*key] + "': expected text cells");

    KeptRows out;
    KeyReader keys(cs, period, cols, src.source, issues);
    std::vector<std::optional<Decimal>> shares;
    std::vector<std::vector<std::optional<Decimal>>> parsed(src.header.size());  // text input columns, kept rows
    for (std::size_t r = 0; r < src.rows; ++r) {
        const auto key = keys.read(r, r + 2, [&](std::size_t c) -> std::string_view { return (*text[c])[r]; });
        if (!key) continue;
        for (std::size_t c = 0; c < src.header.size(); ++c) {
            if (!cols.input[c] || !text[c]) continue;
            std::string err;
            auto v = parse_input_value(s.inputs[*cols.input[c]], (*text[c])[r], s.currency.minor_units, err);
            if (!err.empty()) issues.add(Issue{"motiv.data_error.304", src.source, "", r + 2, c + 1, src.header[c], key->id, err, "", 0});
            parsed[c].push_back(v);
        }
        out.rows.push_back(static_cast<std::int64_t>(r));
        out.role.push_back(key->role);
        out.ids.push_back(key->id);
        shares.push_back(key->share);
    }
    issues.throw_if_any();

    auto convert = [&](std::size_t input, const std::vector<std::optional<Decimal>>& values) {
        ConvertedColumn col;
        for (const auto& v : values)
            if (v) col.scale = std::max(col.scale, v->places());
        col.values.assign(values.size(), 0);
        col.present.assign(values.size(), 0);
        for (std::size_t k = 0; k < values.size(); ++k) {
            if (!values[k]) continue;
            const auto minor = values[k]->to_minor(col.scale);
            if (!minor)
                throw EvalError("motiv.eval_error.502", "[motiv.eval_error.502] " + src.source + ":" + std::to_string(out.rows[k] + 2) + " (person '" +
                                                            out.ids[k] + "') input " + s.inputs[input].name + " " + values[k]->to_string() +
                                                            " is out of range for the batch engine (overflow)", "");
            col.values[k] = *minor;
            col.present[k] = 1;
        }
        out.columns[input] = std::move(col);
    };
    for (std::size_t c = 0; c < src.header.size(); ++c)
        if (cols.input[c] && text[c]) convert(*cols.input[c], parsed[c]);
    if (std::any_of(shares.begin(), shares.end(), [](const auto& v) { return v.has_value(); })) {
        // The share from the dates is the built-in `prorata` input; a row without dates keeps a
        // prorata the caller gave (as text) or the default, the whole period.
        const std::size_t pi = s.proration->input;
        std::vector<std::optional<Decimal>> merged = shares;
        for (std::size_t c = 0; c < src.header.size(); ++c)
            if (cols.input[c] == pi) {
                if (!text[c]) throw std::invalid_argument("column 'prorata' next to start_date / end_date: give it as text cells");
                for (std::size_t k = 0; k < merged.size(); ++k)
                    if (!merged[k]) merged[k] = parsed[c][k];
            }
        convert(pi, merged);
    }
    return out;
}

}  // namespace motiv::data
