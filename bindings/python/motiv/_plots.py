"""Charts of what-if results (private to motiv; public through motiv.whatif).

Each function takes the DataFrame a motiv.whatif function returned, draws it with matplotlib's
object API (no pyplot state, no backend switch: see ``_axes``), returns the ``Figure``, and writes
it when ``path`` is given (PNG or SVG, by the suffix). ``ax=`` draws into the caller's axes. Money
axes carry the currency and thousands separators, rates read in %, and axes are named by the rule
file's descriptions when the frame says which parameter or input they are (``attrs``). Amounts
become floats here, for the axes only.
"""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Any, Iterable, List, Mapping, Optional, Sequence

from ._axes import axes_for, axis_label, describe_columns, format_axis

__all__ = ["payout_curves", "plot_payout_curves", "plot_sweep_cost", "plot_pay_distribution", "plot_monte_carlo"]


def _finish(fig: Any, path: Optional[Any], created: bool) -> Any:
    if path is not None:
        path = os.fspath(path)
        fmt = os.path.splitext(path)[1].lower().lstrip(".")
        if fmt not in ("png", "svg"):
            raise ValueError(f"path must end in .png or .svg, got {path!r}")
    if created:
        fig.tight_layout()  # the caller's own figure keeps the caller's layout
    if path is not None:
        fig.savefig(path, format=fmt, dpi=120)
    return fig


def _floats(values: Iterable[Any]) -> List[float]:
    return [float(v) for v in values]


def _money_label(what: str, frame: Any) -> str:
    currency = frame.attrs.get("currency", "")
    return f"{what}, {currency}" if currency else what


def _value_text(value: Any, kind: Optional[str]) -> str:
    if kind == "ratio":
        return format((Decimal(value) * 100).normalize(), "f") + "%"
    if kind in ("money", "number", "count"):
        return format(Decimal(value), ",f")
    return str(value)


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
    return describe_columns(pd.concat(frames, ignore_index=True), before, sorted(set(kpi.values())))


def plot_payout_curves(curves: Any, *, labels: Sequence[str] = ("current scheme", "what-if"), title: str = "Pay against KPI",
                       path: Optional[Any] = None, ax: Any = None) -> Any:
    """One panel per role: pay against the KPI, old scheme vs new (``payout_curves``' frame).
    ``ax``: one Axes per role (a sequence, in the frame's role order) to draw into."""
    roles = list(dict.fromkeys(curves["role"]))
    fig, axes, created = axes_for(ax, len(roles), (4.2 * len(roles), 3.6))
    columns = curves.attrs.get("columns", {})
    places = curves.attrs.get("scale", 2)
    for a, role in zip(axes, roles):
        c = curves[curves["role"] == role]
        kpi = str(c["kpi"].iloc[0])
        a.plot(_floats(c["value"]), _floats(c["before"]), label=labels[0], color="#555555")
        a.plot(_floats(c["value"]), _floats(c["after"]), label=labels[1], color="#d62728", linestyle="--")
        a.set_title(role)
        a.set_xlabel(axis_label(kpi, columns, curves.attrs.get("currency", "")))
        a.set_ylabel(_money_label("pay", curves))
        format_axis(a.xaxis, columns.get(kpi, ("number",))[0], places=places)
        format_axis(a.yaxis, "money", places=places)
        a.grid(alpha=0.3)
    axes[0].legend(loc="upper left", fontsize="small")
    if created:
        fig.suptitle(title)
    return _finish(fig, path, created)


def plot_sweep_cost(sweep: Any, *, parameter: Optional[str] = None, by: Optional[str] = None, roles: bool = True,
                    path: Optional[Any] = None, ax: Any = None) -> Any:
    """Cost against the swept parameter (``motiv.whatif.sweep``'s frame). With a second parameter
    ``by``, one line per value of it; otherwise the total and (``roles=True``) one line per role."""
    params = list(sweep.attrs.get("parameters") or [sweep.columns[0]])
    role_cols = list(sweep.attrs.get("roles") or [c for c in sweep.columns if c not in params and c not in ("total", "failed_rows")])
    parameter = parameter or params[0]
    columns = sweep.attrs.get("columns", {})
    places = sweep.attrs.get("scale", 2)
    fig, (a,), created = axes_for(ax, 1, (6.4, 4.0))
    if by:
        by_kind = columns.get(by, (None,))[0]
        short = axis_label(by, columns).rsplit(",", 1)[0] if by in columns else by
        for v, grp in sweep.groupby(by, sort=True):
            a.plot(_floats(grp[parameter]), _floats(grp["total"]), marker=".", label=f"{short} = {_value_text(v, by_kind)}")
    else:
        a.plot(_floats(sweep[parameter]), _floats(sweep["total"]), marker=".", label="total", color="black")
        if roles:
            for r in role_cols:
                a.plot(_floats(sweep[parameter]), _floats(sweep[r]), marker=".", label=r)
    label = axis_label(parameter, columns, sweep.attrs.get("currency", ""))
    a.set_xlabel(label)
    a.set_ylabel(_money_label("cost", sweep))
    format_axis(a.xaxis, columns.get(parameter, ("number",))[0], places=places)
    format_axis(a.yaxis, "money", places=places)
    a.grid(alpha=0.3)
    a.legend(fontsize="small")
    a.set_title(f"Cost by {label.rsplit(',', 1)[0] if parameter in columns else parameter}")
    return _finish(fig, path, created)


def plot_pay_distribution(people: Any, *, labels: Sequence[str] = ("before", "after"), path: Optional[Any] = None, ax: Any = None) -> Any:
    """Per role, the distribution of pay before and after (``compare(...).people``), as box plots."""
    roles = sorted(set(people["role"]))
    fig, (a,), created = axes_for(ax, 1, (1.8 + 1.8 * len(roles), 4.0))
    data, positions, ticks = [], [], []
    for k, role in enumerate(roles):
        p = people[people["role"] == role]
        data += [_floats(p["before"]), _floats(p["after"])]
        positions += [3 * k + 1, 3 * k + 2]
        ticks.append(3 * k + 1.5)
    box = a.boxplot(data, positions=positions, widths=0.8, patch_artist=True)
    for i, patch in enumerate(box["boxes"]):
        patch.set_facecolor("#bbbbbb" if i % 2 == 0 else "#f4a6a6")
    a.set_xticks(ticks)
    a.set_xticklabels(roles)
    a.set_ylabel(_money_label("pay", people))
    format_axis(a.yaxis, "money", places=people.attrs.get("scale", 2))
    a.grid(alpha=0.3, axis="y")
    a.legend([box["boxes"][0], box["boxes"][1]], list(labels), fontsize="small")
    a.set_title("Pay per role")
    return _finish(fig, path, created)


def plot_monte_carlo(mc: Any, *, of: str = "total", bins: int = 40, path: Optional[Any] = None, ax: Any = None) -> Any:
    """A histogram of the Monte Carlo cost of ``of`` ('total' or a role) over the draws of
    :func:`motiv.whatif.monte_carlo`, with its P50, P90 and P99 marked."""
    costs = mc.costs
    if of not in costs.columns or of == "draw":
        raise ValueError(f"of: expected 'total' or a role ({', '.join(c for c in costs.columns if c not in ('draw', 'total'))}), got {of!r}")
    fig, (a,), created = axes_for(ax, 1, (6.4, 4.0))
    a.hist(_floats(costs[of]), bins=bins, color="#7f9fbf", edgecolor="white")
    q = mc.quantiles.set_index("of").loc[of]
    places = costs.attrs.get("scale", 2)
    for name, style in (("P50", "-"), ("P90", "--"), ("P99", ":")):
        a.axvline(float(q[name]), color="#d62728", linestyle=style, label=f"{name} {format(q[name], ',.0f')}")
    a.set_xlabel(_money_label("cost" if of == "total" else f"cost of {of}", costs))
    a.set_ylabel("draws")
    format_axis(a.xaxis, "money", places=places)
    format_axis(a.yaxis, "count")
    a.grid(alpha=0.3, axis="y")
    a.legend(fontsize="small")
    a.set_title(f"Monte Carlo cost, {len(costs)} draws")
    return _finish(fig, path, created)
