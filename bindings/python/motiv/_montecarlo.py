"""Monte Carlo cost of a scheme (private to motiv; public through motiv.whatif).

A thin wrapper: the draws, the payments and the statistics are computed by the C++ core
(apps/whatif/monte_carlo.hpp), the same code as ``motiv whatif --monte-carlo``; this module turns
the distributions into the JSON the CLI's ``--distributions`` file holds and the results into
DataFrames. Draws are random inputs, not amounts: every amount is exact, costs and quantiles are
``Decimal``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Dict, Mapping, NamedTuple, Optional, Sequence

from . import _core, _dates, _display, _frame
from ._progress import progress_bar

__all__ = ["Normal", "Lognormal", "Uniform", "Triangular", "Resample", "MonteCarlo", "monte_carlo", "profiles_json"]


@dataclass(frozen=True)
class Normal:
    """Normal(mean, sd). With ``relative=True`` a factor on each person's own value (mean 1.0)."""

    mean: float
    sd: float
    relative: bool = False

    def spec(self) -> Dict[str, Any]:
        return {"distribution": "normal", "mean": self.mean, "sd": self.sd, "relative": self.relative}


@dataclass(frozen=True)
class Lognormal:
    """exp(Normal(mu, sigma)): positive, skewed to the right. ``relative=True``: a factor (mu 0 keeps the median)."""

    mu: float
    sigma: float
    relative: bool = False

    def spec(self) -> Dict[str, Any]:
        return {"distribution": "lognormal", "mu": self.mu, "sigma": self.sigma, "relative": self.relative}


@dataclass(frozen=True)
class Uniform:
    """Uniform on [low, high). With ``relative=True`` a factor on each person's own value."""

    low: float
    high: float
    relative: bool = False

    def spec(self) -> Dict[str, Any]:
        return {"distribution": "uniform", "low": self.low, "high": self.high, "relative": self.relative}


@dataclass(frozen=True)
class Triangular:
    """Triangular(low, mode, high): a planner's minimum, most likely and maximum."""

    low: float
    mode: float
    high: float
    relative: bool = False

    def spec(self) -> Dict[str, Any]:
        return {"distribution": "triangular", "low": self.low, "mode": self.mode, "high": self.high, "relative": self.relative}


@dataclass(frozen=True)
class Resample:
    """Values drawn with replacement from history (e.g. last year's monthly revenues of the role)."""

    history: Sequence[Any]
    relative: bool = False

    def spec(self) -> Dict[str, Any]:
        return {"distribution": "resample", "history": [_frame.cell_text(v) for v in self.history if _frame.cell_text(v).strip() != ""],
                "relative": self.relative}


class MonteCarlo(NamedTuple):
    """``costs``: one row per draw (total and per role, Decimal); ``quantiles``: P50/P90/P99 of the
    total and per role (Decimal, nearest rank); ``shares``: per role with people, the share of
    person-draws at the gate, at or above on-target pay and at cap (Decimal to 4 places; None when
    the role has no gate / no target profile / no cap)."""

    costs: Any
    quantiles: Any
    shares: Any

    def to_frame(self) -> Any:
        """The per-draw costs (``costs``)."""
        return self.costs

    def _repr_html_(self) -> str:
        return _display.frame_html(f"Monte Carlo, {len(self.costs)} draws", [("quantiles", self.quantiles), ("shares", self.shares)])


def _spec(name: str, dist: Any) -> Dict[str, Any]:
    if isinstance(dist, Mapping):
        return dict(dist)  # already the JSON form of the CLI's --distributions file
    if hasattr(dist, "spec"):
        spec: Dict[str, Any] = dist.spec()
        return spec
    raise TypeError(f"draws[{name!r}]: expected Normal, Lognormal, Uniform, Triangular, Resample or a dict, got {type(dist).__name__}")


def profiles_json(target: Optional[Mapping[str, Mapping[str, Any]]] = None, cap: Optional[Mapping[str, Mapping[str, Any]]] = None,
                  effort: Optional[Mapping[str, Sequence[str]]] = None) -> str:
    """The JSON of a ``motiv whatif --targets`` file: exact texts for every value."""
    doc: Dict[str, Any] = {}
    for key, level in (("target", target), ("cap", cap)):
        if level:
            doc[key] = {role: {k: _frame.cell_text(v) for k, v in inputs.items()} for role, inputs in level.items()}
    if effort:
        doc["effort"] = {role: list(names) for role, names in effort.items()}
    return json.dumps(doc)


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
    progress: Optional[bool] = None,
) -> MonteCarlo:
    """The cost distribution of ``scheme`` over ``n`` draws of the people in ``data``.

    ``draws`` maps input names to a distribution (:class:`Normal`, :class:`Lognormal`,
    :class:`Uniform`, :class:`Triangular`, :class:`Resample`, or a dict in the JSON form of
    ``motiv whatif --distributions``); other inputs keep each person's value. A drawn value is
    clipped to the input's range (never below 0) and rounded half-even to its precision (money:
    the minor unit, count: whole, ratio: 4 places, number: 2). ``target`` and ``cap`` map roles to
    the inputs of a person exactly at target / at cap. Gates and caps are read from the scheme
    (the manual, docs/whatif.md). The same seed gives the same figures, on any platform and thread count.
    ``progress``: a tqdm bar of the draws once the run has taken a second -- None (default) in a
    terminal or a notebook only, True always, False never.
    """
    import pandas as pd

    from ._scenarios import read_people

    if n < 1:
        raise ValueError("n must be at least 1")
    header, rows = _frame.frame_table(read_people(data))
    spec = json.dumps({"draws": {name: _spec(name, d) for name, d in draws.items()}})
    with progress_bar(n, progress=progress, desc="motiv monte carlo", unit="draw") as callback:
        res = _core.monte_carlo(scheme._core, header, rows, period=_dates.period_text(period), draws=spec, profiles=profiles_json(target, cap),
                                n=n, seed=seed, threads=threads, progress=callback)
    scale = res["minor_units"]

    def money(v: Any) -> Decimal:
        return Decimal(int(v)).scaleb(-scale)

    costs: Dict[str, Any] = {"draw": list(range(len(res["total"]))), "total": [money(v) for v in res["total"]]}
    for j, role in enumerate(res["roles"]):
        costs[role] = [money(v) for v in res["role_cost"][:, j]]
    quantiles = pd.DataFrame([{"of": of, "P50": money(a), "P90": money(b), "P99": money(c)} for of, a, b, c in res["quantiles"]])
    shares = pd.DataFrame(res["shares"], columns=["role", "person_draws", "at_gate", "at_target", "at_cap"])
    frame = pd.DataFrame(costs)
    frame.attrs.update(currency=scheme.currency, scale=scale)
    return MonteCarlo(frame, quantiles, shares)
