// Many periods with carried state from Python: one period at a time, the state passed in and
// returned as a JSON-able dict (amounts as exact strings), the same engine and checks as
// `motiv run-periods` (apps/periods/period_run.hpp). The GIL is released while the engine runs.
#include <pybind11/stl.h>

#include "bindings/register.hpp"
#include "core/data/people_table.hpp"
#include "core/errors.hpp"
#include "apps/periods/corrections.hpp"
#include "apps/periods/period_run.hpp"
#include "apps/periods/state.hpp"

namespace motiv::bindings {

namespace {

using Header = std::vector<std::string>;
using Rows = std::vector<std::vector<std::string>>;
using Table = std::optional<std::pair<Header, Rows>>;

py::dict pay_period(const SchemeHandle& h, Header header, Rows rows, const std::string& period, const std::optional<std::string>& state_json,
                    Table cancellations, Table corrections, const std::vector<std::string>& recompute,
                    const std::optional<std::pair<std::string, std::string>>& accept) {
    const Period p = parse_period_arg(period);
    const CompiledScheme& cs = *h.compiled;
    periods::PeriodInputs in;
    for (const auto& r : recompute) in.recompute.push_back(parse_period_arg(r));
    if (accept) in.accept_rules_change = periods::RulesChange{accept->first, accept->second};
    periods::CarriedState state;
    periods::PeriodPay pay;
    {
        py::gil_scoped_release release;
        if (state_json) state = periods::CarriedState::parse(*state_json, "<state>", cs.scheme().currency.minor_units);
        in.people = data::read_people(make_table(std::move(header), std::move(rows), "<DataFrame>"), cs, p);
        if (cancellations)
            in.cancellations = periods::read_cancellations(make_table(std::move(cancellations->first), std::move(cancellations->second), "<cancellations>"),
                                                           cs.scheme().currency.minor_units);
        if (corrections)
            in.corrections = periods::read_corrections(make_table(std::move(corrections->first), std::move(corrections->second), "<corrections>"), cs);
        pay = periods::pay_period(cs, p, in, std::move(state));
    }
    py::list slips;
    py::dict notes;
    for (auto& pp : pay.people) {
        if (!pp.notes.empty()) notes[py::str(pp.payslip.person)] = pp.notes;
        slips.append(std::make_shared<Payslip>(std::move(pp.payslip)));
    }
    py::dict out;
    out["period"] = p.to_string();
    out["payslips"] = slips;
    out["notes"] = notes;
    out["period_notes"] = pay.notes;
    out["state"] = pay.state.to_json(cs.scheme().currency.minor_units).dump();
    return out;
}

}  // namespace

void register_periods(py::module_& m) {
    m.def("pay_period", &pay_period, py::arg("scheme"), py::arg("header"), py::arg("rows"), py::kw_only(), py::arg("period"), py::arg("state") = py::none(),
          py::arg("cancellations") = py::none(), py::arg("corrections") = py::none(), py::arg("recompute") = std::vector<std::string>{},
          py::arg("accept_rules_change") = py::none(),
          "Pays one period with carried state; returns {period, payslips, notes, period_notes, state (JSON text)}.");
}

}  // namespace motiv::bindings
