"""Diagnostics of a scheme itself (private to motiv; public through motiv.whatif).

The source's questions answered by numbers: is pay mostly fixed or variable at target, how much
more does 150% of target earn (leverage), does more effort ever pay less (monotonicity), where
does one more unit of a KPI jump pay by more than a declared amount (cliffs), and what the
department costs at target, now, and in a stressed case. Every amount is an exact Decimal computed
by the engine; the KPI grids are exact decimals at each input's precision.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from . import _core

__all__ = ["Diagnostics", "diagnostics", "stressed_profile"]


class Diagnostics(NamedTuple):
    """``pay_mix``: per role at target: fixed, variable, total, variable_share. ``leverage``: per
    role pay at 100% and at ``stress`` x target, and their ratio. ``monotonicity``: one row per KPI
    range where more of the KPI pays less (role, kpi, from, to, pay_from, pay_to, rules, pointers).
    ``cliffs``: one row per unit step of a KPI that changes pay by more than ``cliff`` (role, kpi,
    from, to, jump, rules). ``cost``: total and per role at target, current and stressed.
    ``warnings``: the monotonicity and cliff rows as sentences."""

    pay_mix: Any
    leverage: Any
    monotonicity: Any
    cliffs: Any
    cost: Any
    warnings: List[str]


def _quantum(kind: str, minor_units: int) -> Decimal:
    places = {"money": minor_units, "count": 0, "ratio": 4}.get(kind, 2)
    return Decimal(1).scaleb(-places)


def stressed_profile(profile: Mapping[str, Any], effort: Sequence[str], factor: Decimal, kinds: Mapping[str, str], minor_units: int) -> Dict[str, Any]:
    """``profile`` with each effort input multiplied by ``factor``, rounded half-even to its precision."""
    out = dict(profile)
    for name in effort:
        q = _quantum(kinds[name], minor_units)
        out[name] = (Decimal(str(profile[name])) * factor).quantize(q, rounding=ROUND_HALF_EVEN)
    return out


def _split(slip: Any, fixed_ids: set) -> Tuple[Decimal, Decimal]:
    fixed = sum((l.amount for l in slip.lines if l.component in fixed_ids), Decimal(0))
    return fixed, slip.total - fixed


def _default_range(target: Decimal, q: Decimal, points: int = 200) -> List[Decimal]:
    """0 to twice the target in about ``points`` steps of a whole number of quanta."""
    top = 2 * target if target > 0 else Decimal(100) * q
    step = max(q, (top / points).quantize(q, rounding=ROUND_HALF_EVEN))
    out, x = [], Decimal(0)
    while x <= top:
        out.append(x)
        x += step
    return out


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

    from ._scenarios import pay_curve, read_people

    kinds = {i.name: i.kind for i in scheme.inputs}
    mu = scheme.minor_units
    factor = Decimal(str(stress))
    comp = _core.component_kinds(scheme._core)
    cliff_amount = None if cliff is None else Decimal(str(cliff))
    mix, lev, mono, cliffs = [], [], [], []
    at_target: Dict[str, Decimal] = {}
    at_stress: Dict[str, Decimal] = {}
    for role, profile in target.items():
        fixed_ids = {c for c, kind, _ in comp[role] if kind == "fixed"}
        pointers = {c: p for c, _, p in comp[role]}
        effort_inputs = list((effort or {}).get(role, [n for n in profile if kinds.get(n) in ("money", "count", "number")]))
        slip = scheme.compute(role=role, period=period, inputs=dict(profile))
        fixed, variable = _split(slip, fixed_ids)
        share = None if slip.total == 0 else (variable / slip.total).quantize(Decimal("0.0001"), rounding=ROUND_HALF_EVEN)
        mix.append({"role": role, "fixed": fixed, "variable": variable, "total": slip.total, "variable_share": share})
        stressed = scheme.compute(role=role, period=period, inputs=stressed_profile(profile, effort_inputs, factor, kinds, mu)).total
        ratio = None if slip.total == 0 else (stressed / slip.total).quantize(Decimal("0.0001"), rounding=ROUND_HALF_EVEN)
        lev.append({"role": role, "at_100": slip.total, "at_stress": stressed, "stress": factor, "leverage": ratio})
        at_target[role], at_stress[role] = slip.total, stressed

        def pay_at(kpi: str, x: Decimal) -> Any:
            return scheme.compute(role=role, period=period, inputs={**profile, kpi: x})

        for kpi in effort_inputs:
            q = _quantum(kinds[kpi], mu)
            values = [Decimal(str(v)) for v in ((ranges or {}).get(role, {}).get(kpi) or _default_range(Decimal(str(profile[kpi])), q))]
            curve = pay_curve(scheme, {**profile, "role": role}, period=period, kpi=kpi, values=values)
            totals = curve["total"].to_list()
            comps = [c for c in curve.columns if c not in (kpi, "total")]
            run: Optional[Dict[str, Any]] = None
            for i in range(len(values) - 1):
                if totals[i + 1] < totals[i]:
                    fell = [c for c in comps if curve[c].iloc[i + 1] < curve[c].iloc[i]]
                    if run and run["to"] == values[i] and run["rules"] == ", ".join(fell):
                        run.update({"to": values[i + 1], "pay_to": totals[i + 1]})
                    else:
                        run = {"role": role, "kpi": kpi, "from": values[i], "to": values[i + 1], "pay_from": totals[i],
                               "pay_to": totals[i + 1], "rules": ", ".join(fell), "pointers": ", ".join(pointers[c] for c in fell)}
                        mono.append(run)
                if cliff_amount is not None and abs(totals[i + 1] - totals[i]) > cliff_amount:
                    # Narrow the step down to one unit of the KPI, keeping the half with the larger change.
                    a, b = values[i], values[i + 1]
                    pa, pb = pay_at(kpi, a), pay_at(kpi, b)
                    while b - a > q:
                        m = (a + (b - a) / 2).quantize(q, rounding=ROUND_HALF_EVEN)
                        if m <= a or m >= b:
                            break
                        pm = pay_at(kpi, m)
                        if abs(pm.total - pa.total) >= abs(pb.total - pm.total):
                            b, pb = m, pm
                        else:
                            a, pa = m, pm
                    jump = pb.total - pa.total
                    if abs(jump) > cliff_amount:
                        moved = [l.component for l, k in zip(pb.lines, pa.lines) if l.amount != k.amount]
                        cliffs.append({"role": role, "kpi": kpi, "from": a, "to": b, "jump": jump, "rules": ", ".join(moved),
                                       "pointers": ", ".join(pointers[c] for c in moved)})
    cost = pd.DataFrame()
    if data is not None:
        people = read_people(data)
        current = scheme.compute_frame(people, period=period)
        counts = people["role"].value_counts()
        rows = []
        for case, per_role in (("target", at_target), ("current", None), ("stressed", at_stress)):
            row: Dict[str, Any] = {"case": case}
            for role in scheme.roles:
                if per_role is None:
                    row[role] = sum(current.loc[current["role"] == role, "total"].to_list(), Decimal(0))
                else:
                    row[role] = per_role[role] * int(counts.get(role, 0)) if role in per_role else None
            row["total"] = sum((v for k, v in row.items() if k != "case" and v is not None), Decimal(0))
            rows.append(row)
        cost = pd.DataFrame(rows)
    warnings = [f"{m['role']}: more {m['kpi']} pays less from {m['from']} to {m['to']} ({m['pay_from']} -> {m['pay_to']}; rule {m['rules']} at {m['pointers']})"
                for m in mono]
    warnings += [f"{c['role']}: {c['kpi']} {c['from']} -> {c['to']} changes pay by {c['jump']} (more than {cliff_amount}; rule {c['rules']})"
                 for c in cliffs]
    cols_mono = ["role", "kpi", "from", "to", "pay_from", "pay_to", "rules", "pointers"]
    cols_cliff = ["role", "kpi", "from", "to", "jump", "rules", "pointers"]
    return Diagnostics(pd.DataFrame(mix), pd.DataFrame(lev), pd.DataFrame(mono, columns=cols_mono), pd.DataFrame(cliffs, columns=cols_cliff), cost, warnings)
