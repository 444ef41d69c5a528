"""Charts of what-if results (private to motiv; public through motiv.whatif), with matplotlib's
Agg backend (no display needed). Each function takes the DataFrame a motiv.whatif function
returned, draws it, returns the ``Figure``, and writes it when ``path`` is given (PNG or SVG, by
the suffix). Amounts become floats here, for the axes only.
"""

from __future__ import annotations

import os
from typing import Any, Iterable, List, Mapping, Optional, Sequence

__all__ = ["payout_curves", "plot_payout_curves", "plot_sweep_cost", "plot_pay_distribution"]


def _pyplot() -> Any:
    import matplotlib

    if matplotlib.get_backend().lower() != "agg":
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _finish(fig: Any, path: Optional[Any]) -> Any:
    fig.tight_layout()
    if path is not None:
        path = os.fspath(path)
        fmt = os.path.splitext(path)[1].lower().lstrip(".")
        if fmt not in ("png", "svg"):
            raise ValueError(f"path must end in .png or .svg, got {path!r}")
        fig.savefig(path, format=fmt, dpi=120)
    return fig


def _floats(values: Iterable[Any]) -> List[float]:
    return [float(v) for v in values]


def payout_curves(
    before: Any,
    after: Any,
    *,
    period: str,
    profiles: Mapping[str, Mapping[str, Any]],
    kpi: Mapping[str, str],
    values: Mapping[str, Sequence[Any]],
) -> Any:
    """The data of a payout-curve chart: per role, pay under ``before`` and ``after`` as one KPI
    varies from a profile (role -> inputs), the others held. Columns role, kpi, value, before,
    after (Decimal)."""
    import pandas as pd

    from ._scenarios import pay_curve

    frames = []
    for role, profile in profiles.items():
        person = {**profile, "role": role}
        b = pay_curve(before, person, period=period, kpi=kpi[role], values=values[role])
        a = pay_curve(after, person, period=period, kpi=kpi[role], values=values[role])
        frames.append(pd.DataFrame({"role": role, "kpi": kpi[role], "value": b[kpi[role]], "before": b["total"], "after": a["total"]}))
    return pd.concat(frames, ignore_index=True)


def plot_payout_curves(curves: Any, *, labels: Sequence[str] = ("current scheme", "what-if"), title: str = "Pay against KPI",
                       path: Optional[Any] = None) -> Any:
    """One panel per role: pay against the KPI, old scheme vs new (``payout_curves``' frame)."""
    plt = _pyplot()
    roles = list(dict.fromkeys(curves["role"]))
    fig, axes = plt.subplots(1, len(roles), figsize=(4.2 * len(roles), 3.6), squeeze=False)
    for ax, role in zip(axes[0], roles):
        c = curves[curves["role"] == role]
        ax.plot(_floats(c["value"]), _floats(c["before"]), label=labels[0], color="#555555")
        ax.plot(_floats(c["value"]), _floats(c["after"]), label=labels[1], color="#d62728", linestyle="--")
        ax.set_title(role)
        ax.set_xlabel(str(c["kpi"].iloc[0]))
        ax.set_ylabel("pay")
        ax.grid(alpha=0.3)
    axes[0][0].legend(loc="upper left", fontsize="small")
    fig.suptitle(title)
    return _finish(fig, path)


def plot_sweep_cost(sweep: Any, *, parameter: Optional[str] = None, by: Optional[str] = None, roles: bool = True,
                    path: Optional[Any] = None) -> Any:
    """Cost against the swept parameter (``motiv.whatif.sweep``'s frame). With a second parameter
    ``by``, one line per value of it; otherwise the total and (``roles=True``) one line per role."""
    plt = _pyplot()
    params = list(sweep.attrs.get("parameters") or [sweep.columns[0]])
    role_cols = list(sweep.attrs.get("roles") or [c for c in sweep.columns if c not in params and c not in ("total", "failed_rows")])
    parameter = parameter or params[0]
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    if by:
        for v, grp in sweep.groupby(by, sort=True):
            ax.plot(_floats(grp[parameter]), _floats(grp["total"]), marker=".", label=f"{by} = {v}")
    else:
        ax.plot(_floats(sweep[parameter]), _floats(sweep["total"]), marker=".", label="total", color="black")
        if roles:
            for r in role_cols:
                ax.plot(_floats(sweep[parameter]), _floats(sweep[r]), marker=".", label=r)
    ax.set_xlabel(parameter)
    ax.set_ylabel("cost")
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    ax.set_title(f"Cost by {parameter}")
    return _finish(fig, path)


def plot_pay_distribution(people: Any, *, labels: Sequence[str] = ("before", "after"), path: Optional[Any] = None) -> Any:
    """Per role, the distribution of pay before and after (``compare(...).people``), as box plots."""
    plt = _pyplot()
    roles = sorted(set(people["role"]))
    fig, ax = plt.subplots(figsize=(1.8 + 1.8 * len(roles), 4.0))
    data, positions, ticks = [], [], []
    for k, role in enumerate(roles):
        p = people[people["role"] == role]
        data += [_floats(p["before"]), _floats(p["after"])]
        positions += [3 * k + 1, 3 * k + 2]
        ticks.append(3 * k + 1.5)
    box = ax.boxplot(data, positions=positions, widths=0.8, patch_artist=True)
    for i, patch in enumerate(box["boxes"]):
        patch.set_facecolor("#bbbbbb" if i % 2 == 0 else "#f4a6a6")
    ax.set_xticks(ticks)
    ax.set_xticklabels(roles)
    ax.set_ylabel("pay")
    ax.grid(alpha=0.3, axis="y")
    ax.legend([box["boxes"][0], box["boxes"][1]], list(labels), fontsize="small")
    ax.set_title("Pay per role")
    return _finish(fig, path)
