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
    {"role", "Role", "Роль"},
    {"scheme", "Pay scheme", "Схема оплаты"},
    {"rules_sha256", "Rule file SHA-256", "SHA-256 файла правил"},
    {"data_sha256", "Data file SHA-256", "SHA-256 файла данных"},
    {"lines", "Pay lines", "Начисления и удержания"},
    {"line", "Line", "Строка"},
    {"amount", "Amount", "Сумма"},
    {"rule", "Rule", "Правило"},
    {"formula", "Formula", "Формула"},
    {"inputs", "Inputs used", "Использованные данные"},
    {"none", "none", "нет"},
    {"not_applied", "condition not met: not paid", "условие не выполнено: не начислено"},
    {"total", "Total", "Итого"},
    {"kpis", "KPIs against their norms", "Показатели и нормы"},
    {"kpi", "KPI", "Показатель"},
    {"norm", "Norm", "Норма"},
    {"result", "Result", "Результат"},
    {"met", "met", "выполнено"},
    {"not_met", "not met", "не выполнено"},
    {"gate_for", "required for: {1}", "условие для: {1}"},
    {"target_for", "counts towards: {1}", "учитывается в: {1}"},
    {"no_kpis", "No KPI norms apply to this role.", "Для этой роли нормы показателей не заданы."},
    {"tiers", "Tiers", "Шкалы"},
    {"tier_reached", "{1} {2}: tier {3} of {4} reached ({5})", "{1} {2}: достигнута ступень {3} из {4} ({5})"},
    {"tier_below", "{1} {2}: below the first tier", "{1} {2}: ниже первой ступени"},
    {"tier_highest", "the highest tier", "это высшая ступень"},
    {"tier_next", "next tier from {1} ({2}), {3} more", "следующая ступень от {1} ({2}), не хватает {3}"},
    {"tier_next_pay", "at the next tier: {1} {2}, total {3} {4}", "на следующей ступени: {1} {2}, итого {3} {4}"},
    {"tier_next_total", "at the next tier: total {1} {2}", "на следующей ступени: итого {1} {2}"},
    {"no_tiers", "No tier tables apply to this role.", "Для этой роли шкалы не заданы."},
    {"currency", "Currency", "Валюта"},
    {"generated", "Computed by motiv from the rule file and data named above; the SHA-256 values identify them exactly.",
     "Рассчитано motiv по указанным файлам правил и данных; значения SHA-256 однозначно их определяют."},
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
