#include "apps/periods/pay_line.hpp"

#include "core/errors.hpp"

namespace motiv::periods {

Decimal checked_add(Decimal a, Decimal b, const std::string& pointer, const std::string& what) {
    Fault f = Fault::none;
    const Decimal sum = Decimal::add(a, b, f);
    if (f != Fault::none) throw EvalError("motiv.eval_error.502", "[motiv.eval_error.502] (" + pointer + ") " + what + " is out of range (overflow)", pointer);
    return sum;
}

std::string show(Decimal amount, int minor_units) { return amount.to_display(minor_units); }

Explanation fact(const std::string& label, const std::string& value, const std::string& pointer) {
    Explanation e;
    e.label = label;
    e.value = value;
    e.pointer = pointer;
    return e;
}

PayLine make_line(const std::string& id, const std::string& label, const std::string& kind, const std::string& pointer, Decimal amount,
                  int minor_units, const std::string& summary, std::vector<Explanation> children) {
    const auto minor = amount.to_minor(minor_units);
    if (!minor)
        throw EvalError("motiv.eval_error.503", "[motiv.eval_error.503] (" + pointer + ") line '" + id + "' of " + amount.to_string() +
                                                    " is not a whole number of minor units or out of range", pointer);
    PayLine l;
    l.component = id;
    l.label = label;
    l.kind = kind;
    l.pointer = pointer;
    l.minor = *minor;
    l.amount = amount;
    l.summary = summary;
    l.explanation.label = id;
    l.explanation.detail = summary;
    l.explanation.value = show(amount, minor_units);
    l.explanation.pointer = pointer;
    l.explanation.children = std::move(children);
    return l;
}

void append_line(Payslip& slip, PayLine line) {
    Fault f = Fault::none;
    const Decimal total = Decimal::add(slip.total, line.amount, f);
    std::int64_t minor = 0;
    if (f != Fault::none || __builtin_add_overflow(slip.total_minor, line.minor, &minor))
        throw EvalError("motiv.eval_error.502", "[motiv.eval_error.502] (" + line.pointer + ") person '" + slip.person +
                                                    "': the payslip total is out of range (overflow)", line.pointer);
    slip.total = total;
    slip.total_minor = minor;
    slip.lines.push_back(std::move(line));
}

}  // namespace motiv::periods
