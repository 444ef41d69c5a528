"""Scenarios (private to motiv; public through motiv.whatif): compare two schemes on the same
people, list what changed between them, sweep a grid of parameter values, and a person's pay curve.

The figures come from the C++ core (apps/whatif), the same code as ``motiv whatif``; this module
only shapes them into DataFrames. Amounts are exact ``Decimal`` values.
"""

from __future__ import annotations

import os
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Dict, Iterable, List, Mapping, NamedTuple, Optional

from . import _batch, _core, _dates, _display, _frame
from ._axes import describe_columns
from ._progress import progress_bar
from ._tables import read_table

__all__ = ["Comparison", "compare", "comparison_frames", "plan_diff", "sweep", "grid_values", "pay_curve", "read_people"]


class Comparison(NamedTuple):
    """A scenario comparison: ``people`` (one row per person), ``roles`` (one row per role, then
    'all') and ``plan`` (what changed between the two schemes, as :func:`plan_diff`)."""

    people: Any
    roles: Any
    plan: Any

    def to_frame(self) -> Any:
        """The per-person frame (``people``)."""
        return self.people

    def _repr_html_(self) -> str:
        return _display.frame_html("Comparison", [("by role", self.roles), ("what changed", self.plan)])


def read_people(data: Any) -> Any:
    """A DataFrame of people as given, or read from a path (CSV in either dialect, or .xlsx) with
    every cell as text (exact): :func:`motiv.read_table`."""
    if isinstance(data, (str, os.PathLike)):
        return read_table(data)
    return data


def _money(values: Iterable[int], scale: int) -> List[Decimal]:
    return [Decimal(int(v)).scaleb(-scale) for v in values]


def _share(part: Decimal, whole: Decimal) -> Optional[Decimal]:
    """part / whole to 4 places, half-even (as the CLI's CSV); None for a zero whole."""
    return None if whole == 0 else (part / whole).quantize(Decimal("0.0001"), rounding=ROUND_HALF_EVEN)


def comparison_frames(res: Dict[str, Any], plan: Any) -> Comparison:
    """The core's comparison dict as DataFrames (also used by the Dask version)."""
    import pandas as pd

    scale = res["minor_units"]
    p = res["people"]
    before, after = _money(p["before"], scale), _money(p["after"], scale)
    bf, af = _money(p["before_fixed"], scale), _money(p["after_fixed"], scale)
    delta = [a - b for a, b in zip(after, before)]
    people = pd.DataFrame({
        "id": p["id"], "name": p["name"], "role": p["role"], "before": before, "after": after, "delta": delta,
        "change": ["gain" if d > 0 else "loss" if d < 0 else "same" for d in delta],
        "before_fixed": bf, "before_variable": [t - f for t, f in zip(before, bf)],
        "after_fixed": af, "after_variable": [t - f for t, f in zip(after, af)],
    })
    people.attrs.update(currency=res.get("currency", ""), scale=scale)
    rows = []
    for g in res["groups"]:
        b, a = g["before"], g["after"]
        rows.append({
            "role": g["role"], "people": b["people"], "before_cost": b["cost"], "after_cost": a["cost"],
            "delta": a["cost"] - b["cost"], "before_mean": b["mean"], "after_mean": a["mean"],
            "before_median": b["median"], "after_median": a["median"], "before_fixed": b["fixed"], "after_fixed": a["fixed"],
            "before_variable_share": _share(b["cost"] - b["fixed"], b["cost"]),
            "after_variable_share": _share(a["cost"] - a["fixed"], a["cost"]),
            "gainers": g["gainers"], "losers": g["losers"],
        })
    return Comparison(people, pd.DataFrame(rows), plan)


def compare(before: Any, after: Any, data: Any, *, period: str) -> Comparison:
    """Pays the same people under ``before`` and ``after`` (motiv.Scheme) for ``period`` and compares.

    ``data`` is a DataFrame of people (as for :meth:`motiv.Scheme.compute_frame`) or a CSV path.
    ``people`` (indexed by the caller's index labels of the rows paid) has id, name, role, before, after, delta, change (gain / loss / same) and the fixed
    and variable parts of each; ``roles`` has people, cost, mean and median before and after, the
    fixed pay and the variable share (pay mix), gainers and losers, per role and for 'all'. Means and
    medians are exact statistics (a mean to 9 places). DataError / EvalError as a payroll run.
    """
    period = _dates.period_text(period)
    data = read_people(data)
    header, rows = _frame.frame_table(data)
    res = _core.compare_table(before._core, after._core, header, rows, period=period)
    out = comparison_frames(res, plan_diff(before, after))
    out.people.index = data.index.take(_batch.people_columns(before, data, period, None)[0])  # the caller's labels
    return out


def plan_diff(before: Any, after: Any) -> Any:
    """What changed from ``before`` to ``after``: one row per change with area (scheme, input,
    parameter, role, variable, component), name, field, change (added / removed / changed), the
    before and after texts and the JSON pointer. Identical schemes give an empty frame."""
    import pandas as pd

    cols = ["area", "name", "field", "change", "before", "after", "pointer"]
    return pd.DataFrame(_core.plan_diff(before._core, after._core), columns=cols)


def grid_values(values: Iterable[Any], what: str) -> List[str]:
    """Exact texts of sweep values: str, int or Decimal; a float is refused (TypeError)."""
    out = []
    for v in values:
        if isinstance(v, float):
            raise TypeError(f"{what}: binary floats are not exact; give str, int or Decimal values")
        out.append(_frame.cell_text(v))
    return out


def sweep(
    scheme: Any,
    data: Any,
    *,
    period: str,
    grid: Mapping[str, Iterable[Any]],
    scales: Optional[Mapping[str, int]] = None,
    threads: int = 0,
    progress: Optional[bool] = None,
) -> Any:
    """The cost of ``scheme`` at every point of a grid over one or more scalar parameters.

    ``grid`` maps parameter names to their values (str / int / Decimal), e.g.
    ``{"hunter.salary": range(20000, 30001, 2500), "farmer.cut.no_growth": ["0", "0.5"]}``; the
    first parameter varies slowest. ``data`` is read as by :meth:`motiv.Scheme.compute_batch`.
    Returns a tidy DataFrame: one column per parameter (Decimal), ``total`` and one cost column per
    role (Decimal), ``failed_rows``. Points run on every core without recompiling. ``progress``: a
    tqdm bar once the sweep has run for a second -- None (default) in a terminal or a notebook
    only, True always, False never.
    """

    data = read_people(data)
    params = list(grid)
    values = [grid_values(grid[p], p) for p in params]
    n = 1
    for v in values:
        n *= len(v)
    period = _dates.period_text(period)
    _, role, cols = _batch.people_columns(scheme, data, period, scales)
    with progress_bar(n, progress=progress, desc="motiv sweep", unit="point") as callback:
        res = _core.grid_columns(scheme._core, role, cols, period=period, parameters=params, values=values,
                                 threads=threads, progress=callback)
    return describe_columns(grid_frame(res), scheme, params)


def grid_frame(res: Dict[str, Any]) -> Any:
    """The core's grid dict as a tidy DataFrame of Decimals."""
    import pandas as pd

    scale = res["minor_units"]
    out: Dict[str, Any] = {p: [Decimal(t) for t in v] for p, v in zip(res["parameters"], res["values"])}
    out["total"] = _money(res["total"], scale)
    for j, r in enumerate(res["roles"]):
        out[r] = _money(res["role_total"][:, j], scale)
    out["failed_rows"] = res["failed"]
    df = pd.DataFrame(out)
    df.attrs["parameters"] = list(res["parameters"])
    df.attrs["roles"] = list(res["roles"])
    return df


def pay_curve(scheme: Any, person: Mapping[str, Any], *, period: str, kpi: str, values: Iterable[Any], threads: int = 0) -> Any:
    """What would this person earn if ``kpi`` took each of ``values``? One row per value.

    ``person`` maps ``role`` and the person's inputs to values (a row of the people table will do);
    ``values`` are str / int / Decimal. Returns ``kpi`` (Decimal), one column per component of the
    role and ``total`` (Decimal), computed by the C++ core's batch engine exactly as a payslip
    would be (apps/whatif/pay_curve.hpp, the same code as ``motiv whatif --curve``).
    """
    import pandas as pd

    texts = grid_values(values, kpi)
    names = [i.name for i in scheme.inputs]
    header = ["id", "role"] + [n for n in names if n in person]
    row = [_frame.cell_text(person["id"]) if "id" in person else "person", _frame.cell_text(person["role"])]
    row += [_frame.cell_text(person[n]) for n in header[2:]]
    res = _core.pay_curve(scheme._core, header, [row], period=_dates.period_text(period), kpi=kpi, values=texts, threads=threads)
    scale = res["minor_units"]
    out = pd.DataFrame({kpi: [Decimal(t) for t in texts]})
    for j, c in enumerate(res["components"]):
        out[c] = _money(res["amounts"][:, j], scale)
    out["total"] = _money(res["total"], scale)
    return out
