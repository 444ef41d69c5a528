"""Monte Carlo cost of a scheme (private to motiv; public through motiv.whatif).

KPIs are drawn from declared distributions (or resampled from history) with a seeded NumPy
generator, turned into exact values at the input's precision, and the whole population is paid
once per draw by the batch engine. Draws are random inputs, not amounts: floats are used only to
draw them; every amount is computed exactly, and costs and quantiles are exact Decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Dict, Mapping, NamedTuple, Optional, Sequence

import numpy as np

from . import _batch, _core

__all__ = ["Normal", "Uniform", "Resample", "MonteCarlo", "monte_carlo"]


@dataclass(frozen=True)
class Normal:
    """Normal(mean, sd). With ``relative=True`` a factor on each person's own value (mean 1.0)."""

    mean: float
    sd: float
    relative: bool = False

    def draw(self, rng: np.random.Generator, size: int) -> np.ndarray:
        return rng.normal(self.mean, self.sd, size)


@dataclass(frozen=True)
class Uniform:
    """Uniform on [low, high). With ``relative=True`` a factor on each person's own value."""

    low: float
    high: float
    relative: bool = False

    def draw(self, rng: np.random.Generator, size: int) -> np.ndarray:
        return rng.uniform(self.low, self.high, size)


@dataclass(frozen=True)
class Resample:
    """Values drawn with replacement from history (e.g. last year's monthly revenues of the role)."""

    history: Sequence[Any]
    relative: bool = False

    def draw(self, rng: np.random.Generator, size: int) -> np.ndarray:
        hist = np.asarray([float(Decimal(str(v))) for v in self.history if str(v).strip() != ""])
        if hist.size == 0:
            raise ValueError("Resample: the history is empty")
        return rng.choice(hist, size)


class MonteCarlo(NamedTuple):
    """``costs``: one row per draw (total and per role, Decimal); ``quantiles``: P50/P90/P99 of the
    total and per role (Decimal, nearest rank); ``shares``: per role, the share of person-draws at
    the gate (any variable pay), at or above target pay and at or above cap pay (None when that
    level was not declared)."""

    costs: Any
    quantiles: Any
    shares: Any


def _places(kind: str, minor_units: int) -> int:
    return {"money": minor_units, "count": 0, "ratio": 4}.get(kind, 2)


def _level_pay(scheme: Any, profiles: Optional[Mapping[str, Mapping[str, Any]]], period: str) -> Dict[str, Decimal]:
    return {role: scheme.compute(role=role, period=period, inputs=dict(inputs)).total for role, inputs in (profiles or {}).items()}


def _nearest_rank(sorted_values: np.ndarray, q: float) -> int:
    k = max(int(np.ceil(q * len(sorted_values))) - 1, 0)
    return int(sorted_values[k])


def monte_carlo(
    scheme: Any,
    data: Any,
    *,
    period: str,
    draws: Mapping[str, Any],
    n: int = 1000,
    seed: int = 0,
    target: Optional[Mapping[str, Mapping[str, Any]]] = None,
    cap: Optional[Mapping[str, Mapping[str, Any]]] = None,
    threads: int = 0,
) -> MonteCarlo:
    """The cost distribution of ``scheme`` over ``n`` draws of the people in ``data``.

    ``draws`` maps input names to a distribution (:class:`Normal`, :class:`Uniform`,
    :class:`Resample`, or any object with ``draw(rng, size)``); other inputs keep each person's
    value. A drawn value is rounded half-even to the input's precision (money: the minor unit,
    count: whole, ratio: 4 places, number: 2) and floored at 0. ``target`` and ``cap`` map roles to
    the inputs of a person exactly at target / at cap; a person-draw is "at target" when paid at
    least that profile's pay. The same seed gives the same result.
    """
    import pandas as pd

    from ._scenarios import read_people

    data = read_people(data).reset_index(drop=True)
    if n < 1:
        raise ValueError("n must be at least 1")
    info = {i.name: i for i in scheme.inputs}
    unknown = set(draws) - set(info)
    if unknown:
        raise ValueError(f"draws for unknown input(s): {', '.join(sorted(unknown))}")
    rng = np.random.default_rng(seed)
    people = len(data)
    rows = people * n
    frame: Dict[str, Any] = {"role": np.tile(np.asarray(data["role"], dtype=object), n)}
    scales: Dict[str, int] = {}
    for name in info:
        if name not in data and name not in draws:
            continue
        if name not in draws:
            frame[name] = np.tile(np.asarray(data[name], dtype=object), n)
            continue
        dist = draws[name]
        places = _places(info[name].kind, scheme.minor_units)
        x = np.asarray(dist.draw(rng, rows), dtype=float)
        if getattr(dist, "relative", False):
            own = np.asarray([float(Decimal(str(v))) if str(v).strip() not in ("", "nan", "None") else 0.0 for v in data[name]])
            x = x * np.tile(own, n)
        scaled = np.rint(np.maximum(x, 0.0) * 10.0 ** places).astype(np.int64)  # half-even, then exact
        frame[name] = scaled
        scales[name] = places
    pay = scheme.compute_batch(pd.DataFrame(frame), period=period, scales=scales, threads=threads, check=True)
    scale = pay.attrs["scale"]
    draw_of = np.repeat(np.arange(n), people)
    roles = scheme.roles
    totals = pay["total"].to_numpy()
    # Exact sums per draw: int64 adds (np.add.at), never floats.
    total = np.zeros(n, dtype=np.int64)
    np.add.at(total, draw_of, totals)
    costs: Dict[str, Any] = {"draw": np.arange(n), "total": total}
    role_col = np.asarray(frame["role"])
    for r in roles:
        by = np.zeros(n, dtype=np.int64)
        mask = role_col == r
        np.add.at(by, draw_of[mask], totals[mask])
        costs[r] = by
    qrows = []
    for col in ["total"] + roles:
        s = np.sort(costs[col])
        qrows.append({"of": col, **{f"P{q}": Decimal(_nearest_rank(s, q / 100)).scaleb(-scale) for q in (50, 90, 99)}})
    cost_frame = pd.DataFrame({k: (v if k == "draw" else [Decimal(int(x)).scaleb(-scale) for x in v]) for k, v in costs.items()})
    # Shares at gate, target and cap, per role.
    kinds = _core.component_kinds(scheme._core)
    target_pay, cap_pay = _level_pay(scheme, target, period), _level_pay(scheme, cap, period)
    share_rows = []
    for r in roles:
        mask = role_col == r
        if not mask.any():
            continue
        fixed = sum((pay[c].to_numpy()[mask] for c, kind, _ in kinds[r] if kind == "fixed"), np.zeros(int(mask.sum()), dtype=np.int64))
        variable = totals[mask] - fixed
        row = {"role": r, "person_draws": int(mask.sum()), "at_gate": Decimal(int((variable > 0).sum())) / Decimal(int(mask.sum()))}
        for name, level in (("at_target", target_pay), ("at_cap", cap_pay)):
            if r in level:
                minor = int(level[r].scaleb(scale))
                row[name] = Decimal(int((totals[mask] >= minor).sum())) / Decimal(int(mask.sum()))
            else:
                row[name] = None
        share_rows.append(row)
    return MonteCarlo(cost_frame, pd.DataFrame(qrows), pd.DataFrame(share_rows))
