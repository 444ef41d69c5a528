"""Diagnostics of a scheme itself (private to motiv; public through motiv.whatif).

A thin wrapper over the C++ core (apps/whatif/diagnostics.hpp), the same code as
``motiv whatif --diagnostics``: pay mix, leverage, monotonicity, cliffs and cost at target, now and
stressed. Every amount is an exact Decimal.
"""

from __future__ import annotations

from typing import Any, List, Mapping, NamedTuple, Optional, Sequence

from . import _core, _dates, _display, _frame

__all__ = ["Diagnostics", "diagnostics"]


class Diagnostics(NamedTuple):
    """``pay_mix``: per role at target: fixed, variable, total, variable_share. ``leverage``: per
    role pay at 100% and at ``stress`` x target, and their ratio. ``monotonicity``: one row per KPI
    range where more of the KPI pays less (role, kpi, from, to, pay_from, pay_to, rules, pointers).
    ``cliffs``: one row per unit step of a KPI that changes pay by more than ``cliff`` (role, kpi,
    from, to, jump, rules, pointers). ``cost``: total and per role at target, current and stressed.
    ``warnings``: the monotonicity and cliff rows as sentences."""

    pay_mix: Any
    leverage: Any
    monotonicity: Any
    cliffs: Any
    cost: Any
    warnings: List[str]

    def _repr_html_(self) -> str:
        import pandas as pd

        warnings = pd.DataFrame({"warning": self.warnings})
        return _display.frame_html("Diagnostics", [("warnings", warnings), ("pay mix", self.pay_mix), ("leverage", self.leverage),
                                                   ("cost", self.cost)])


def diagnostics(
    scheme: Any,
    *,
    period: str,
    target: Mapping[str, Mapping[str, Any]],
    effort: Optional[Mapping[str, Sequence[str]]] = None,
    ranges: Optional[Mapping[str, Mapping[str, Sequence[Any]]]] = None,
    cliff: Any = None,
    stress: Any = "1.5",
    data: Any = None,
    threads: int = 0,
) -> Diagnostics:
    """Diagnoses ``scheme`` for ``period`` around each role's ``target`` profile (role -> inputs of a
    person exactly at target).

    ``effort`` names, per role, the inputs that measure effort (scaled for the stressed case and
    scanned for monotonicity and cliffs); by default every money, count and number input of the
    profile. ``ranges`` gives, per role and KPI, the values to scan (default 0 to twice the target
    in ~200 exact steps). ``cliff`` is the declared amount: a one-unit step of a KPI changing pay by
    more is reported (the unit is the input's precision: 1 for a count, the minor unit for money);
    None skips the search. ``stress`` is the stressed attainment (1.5 = 150%). ``data`` (people
    DataFrame or CSV path) gives the head count for the cost table; without it the cost table is empty.
    """
    import pandas as pd

    from ._montecarlo import profiles_json
    from ._scenarios import grid_values, read_people

    header = rows = None
    if data is not None:
        header, rows = _frame.frame_table(read_people(data))
    rng = {role: {kpi: grid_values(values, kpi) for kpi, values in kpis.items()} for role, kpis in (ranges or {}).items()}
    res = _core.diagnostics(scheme._core, period=_dates.period_text(period), profiles=profiles_json(target, None, effort),
                            cliff=None if cliff is None else _frame.cell_text(cliff), stress=_frame.cell_text(stress), ranges=rng,
                            header=header, rows=rows, threads=threads)
    cost = pd.DataFrame(res["cost"], columns=["case", *res["roles"], "total"]) if res["cost"] else pd.DataFrame()
    return Diagnostics(
        pd.DataFrame(res["pay_mix"], columns=["role", "fixed", "variable", "total", "variable_share"]),
        pd.DataFrame(res["leverage"], columns=["role", "at_100", "at_stress", "stress", "leverage"]),
        pd.DataFrame(res["monotonicity"], columns=["role", "kpi", "from", "to", "pay_from", "pay_to", "rules", "pointers"]),
        pd.DataFrame(res["cliffs"], columns=["role", "kpi", "from", "to", "jump", "rules", "pointers"]),
        cost,
        list(res["warnings"]),
    )
