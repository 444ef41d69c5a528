#include "apps/export/translations.hpp"

#include <stdexcept>

namespace motiv::exports {

namespace {

struct Phrase {
    const char* key;
    const char* en;
    const char* ru;
};

// Every word of a pay statement. Placeholders {1}, {2}... are filled by tr().
constexpr Phrase kPhrases[] = {
    {"title", "Pay statement", "Расчётный лист"},
    {"period", "Period", "Период"},
    {"person", "Employee", "Сотрудник"},
    {"role", "Role", "Должность"},
    {"scheme", "Pay scheme", "Схема оплаты"},
    {"version", "version {1}", "версия {1}"},
    {"rules_sha256", "Rule file SHA-256", "SHA-256 файла правил"},
    {"data_sha256", "Data file SHA-256", "SHA-256 файла данных"},
    {"lines", "Pay lines", "Начисления и удержания"},
    {"amount", "Amount", "Сумма"},
    {"rule", "Rule", "Правило"},
    {"formula", "Formula", "Формула"},
    {"inputs", "Figures used", "Использованные данные"},
    {"not_applied", "condition not met: not paid", "условие не выполнено: не начислено"},
    {"total", "Total", "Итого"},
    {"kpis", "KPIs against their norms", "Показатели и нормы"},
    {"kpi_line", "{1}: {2}, norm {3} {4}", "{1}: {2}, норма {3} {4}"},
    {"met", "met", "выполнено"},
    {"not_met", "not met", "не выполнено"},
    {"gate_for", "required for: {1}", "условие для: {1}"},
    {"target_for", "counts towards: {1}", "учитывается в: {1}"},
    {"no_kpis", "No KPI norms apply to this role.", "Для этой должности нормы показателей не заданы."},
    {"tiers", "Tiers", "Шкалы"},
    {"tier_reached", "{1} {2}: tier {3} of {4} reached ({5})", "{1} {2}: достигнута ступень {3} из {4} ({5})"},
    {"tier_below", "{1} {2}: below the first tier", "{1} {2}: ниже первой ступени"},
    {"tier_highest", "the highest tier", "это высшая ступень"},
    {"tier_next", "next tier from {1} ({2}), {3} more", "следующая ступень от {1} ({2}), не хватает {3}"},
    {"tier_next_pay", "at the next tier: {1} {2}, total {3}", "на следующей ступени: {1} {2}, итого {3}"},
    {"tier_next_total", "at the next tier: total {1}", "на следующей ступени: итого {1}"},
    {"no_tiers", "No tier tables apply to this role.", "Для этой должности шкалы не заданы."},
    {"technical", "Technical details", "Технические сведения"},
    {"norms", "Norms", "Нормы"},
    {"generated", "Computed by motiv from the rule file and data named above; the SHA-256 values identify them exactly.",
     "Рассчитано motiv по указанным файлам правил и данных; значения SHA-256 однозначно их определяют."},
    // Month names as a period is named: "October 2026", "октябрь 2026".
    {"month_1", "January", "январь"}, {"month_2", "February", "февраль"}, {"month_3", "March", "март"},
    {"month_4", "April", "апрель"}, {"month_5", "May", "май"}, {"month_6", "June", "июнь"},
    {"month_7", "July", "июль"}, {"month_8", "August", "август"}, {"month_9", "September", "сентябрь"},
    {"month_10", "October", "октябрь"}, {"month_11", "November", "ноябрь"}, {"month_12", "December", "декабрь"},
};

}  // namespace

std::optional<Lang> parse_lang(std::string_view code) {
    if (code == "en") return Lang::en;
    if (code == "ru") return Lang::ru;
    return std::nullopt;
}

const char* lang_code(Lang lang) { return lang == Lang::ru ? "ru" : "en"; }

std::string tr(Lang lang, std::string_view key, const std::vector<std::string>& args) {
    for (const auto& p : kPhrases) {
        if (key != p.key) continue;
        // One pass over the template, so a placeholder inside an argument is never expanded.
        const std::string_view t = lang == Lang::ru ? p.ru : p.en;
        std::string out;
        for (std::size_t i = 0; i < t.size(); ++i) {
            const std::size_t close = t[i] == '{' ? t.find('}', i) : std::string_view::npos;
            if (close != std::string_view::npos && close > i + 1 && close - i <= 3) {
                const std::size_t n = static_cast<std::size_t>(std::stoul(std::string(t.substr(i + 1, close - i - 1))));
                if (n >= 1 && n <= args.size()) out += args[n - 1];
                i = close;
            } else {
                out += t[i];
            }
        }
        return out;
    }
    throw std::out_of_range("no translation for '" + std::string(key) + "'");
}

std::vector<std::string> translation_keys() {
    std::vector<std::string> keys;
    for (const auto& p : kPhrases) keys.emplace_back(p.key);
    return keys;
}

std::string period_text(std::string_view period, Lang lang) {
    const auto digits = [&](std::size_t from, std::size_t n) {
        for (std::size_t i = from; i < from + n; ++i)
            if (period[i] < '0' || period[i] > '9') return false;
        return true;
    };
    if (period.size() != 7 || period[4] != '-' || !digits(0, 4) || !digits(5, 2)) return std::string(period);
    const int month = (period[5] - '0') * 10 + (period[6] - '0');
    if (month < 1 || month > 12) return std::string(period);
    return tr(lang, "month_" + std::to_string(month)) + " " + std::string(period.substr(0, 4));
}

std::string money_with_currency(std::string_view number, std::string_view currency, Lang lang) {
    // A no-break space, so an amount never wraps between its figures and its currency.
    return localize_number(number, lang) + "\u00A0" + (lang == Lang::ru && currency == "RUB" ? std::string("₽") : std::string(currency));
}

std::string localize_number(std::string_view text, Lang lang) {
    if (lang == Lang::en) return std::string(text);
    std::string out;
    for (char c : text) {
        if (c == ',') out += "\u00A0";
        else if (c == '.') out += ',';
        else out += c;
    }
    return out;
}

}  // namespace motiv::exports
