"""Notebook views of results (private to motiv): ``to_frame()`` and ``_repr_html_``.

Jupyter shows an object through its ``_repr_html_``; an analyst continues with a DataFrame. Both
are views of the exact result -- amounts stay ``Decimal`` in frames (plus their int64 minor units),
and are only formatted (thousands separators, the currency's places) in HTML. Every text that comes
from a rule file or a data file is HTML-escaped: a label is data, not markup.
"""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any, Iterable, List, Sequence

__all__ = ["extend", "money_text", "payslip_frame", "payslips_frame", "payslip_html", "scheme_html", "frame_html"]

_STYLE = "border-collapse:collapse;font-variant-numeric:tabular-nums"
_NUM = "text-align:right;padding:2px 8px;white-space:nowrap"
_TXT = "text-align:left;padding:2px 8px"


def money_text(amount: Decimal, places: int) -> str:
    """1234567.5 -> '1,234,567.50' with ``places`` decimals (display only; the amount is exact)."""
    return format(amount, f",.{places}f")


def payslip_frame(self: Any) -> Any:
    """One row per line of a payslip: component, label, kind, amount (Decimal), amount_minor
    (int64), applied, explanation, pointer. ``attrs`` holds person, period, currency and scale."""
    import pandas as pd

    lines = self.lines
    frame = pd.DataFrame({
        "component": [ln.component for ln in lines],
        "label": [ln.label for ln in lines],
        "kind": [ln.kind for ln in lines],
        "amount": pd.Series([ln.amount for ln in lines], dtype=object),
        "amount_minor": pd.Series([ln.minor for ln in lines], dtype="int64"),
        "applied": pd.Series([ln.applied for ln in lines], dtype=bool),
        "explanation": [ln.explanation for ln in lines],
        "pointer": [ln.pointer for ln in lines],
    })
    frame.attrs.update(person=self.person, period=self.period, currency=self.currency, scale=self.minor_units)
    return frame


def payslips_frame(slips: Sequence[Any]) -> Any:
    """One row per payslip: id, name, role, period, one Decimal column per component met (None
    where a person's role has none, as ``compute_frame``) and total."""
    import pandas as pd

    components: List[str] = []
    for s in slips:
        for ln in s.lines:
            if ln.component not in components:
                components.append(ln.component)
    rows = []
    for s in slips:
        row = {"id": s.person, "name": s.name, "role": s.role, "period": s.period}
        amounts = {ln.component: ln.amount for ln in s.lines}
        row.update({c: amounts.get(c) for c in components})
        row["total"] = s.total
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["id", "name", "role", "period", *components, "total"])
    if slips:
        frame.attrs.update(currency=slips[0].currency, scale=slips[0].minor_units)
    return frame


def payslip_html(self: Any) -> str:
    e = html.escape
    places = self.minor_units
    who = e(self.person) + (f" ({e(self.name)})" if self.name else "")
    rows = []
    for ln in self.lines:
        muted = "" if ln.applied else ";color:#888"
        rows.append(f"<tr><td style='{_TXT}{muted}'>{e(ln.label)}<br><small style='color:#666'>{e(ln.explanation)}</small></td>"
                    f"<td style='{_NUM}{muted}'>{money_text(ln.amount, places)}</td></tr>")
    rows.append(f"<tr style='border-top:1px solid #999;font-weight:bold'><td style='{_TXT}'>Total</td>"
                f"<td style='{_NUM}'>{money_text(self.total, places)} {e(self.currency)}</td></tr>")
    return (f"<div><b>Payslip {e(self.period)}</b> for {who}, role {e(self.role)}"
            f"<table style='{_STYLE}'>{''.join(rows)}</table>"
            f"<small style='color:#666'>scheme {e(self.scheme)} {e(self.version)}, rules sha256 {e(self.rules_sha256[:16])}…</small></div>")


def line_html(self: Any) -> str:
    e = html.escape
    return f"<span><b>{e(self.label)}</b> {e(str(self.amount))} — <small>{e(self.explanation)}</small></span>"


def scheme_html(scheme: Any) -> str:
    e = html.escape
    overrides = scheme.overrides
    extra = f"<br>overrides: {e(', '.join(sorted(overrides)))}" if overrides else ""
    return (f"<div><b>{e(scheme.name)}</b> {e(scheme.version)} ({e(scheme.currency)})<br>"
            f"<small>{e(scheme.source)}, sha256 {e(scheme.sha256[:16])}…</small><br>"
            f"roles: {e(', '.join(scheme.roles))}; {len(scheme.inputs)} inputs, {len(scheme.parameter_names)} parameters{extra}</div>")


def frame_html(title: str, frames: Iterable[Any]) -> str:
    """Titled DataFrames one under the other (a result made of several tables)."""
    parts = [f"<div><b>{html.escape(title)}</b>"]
    for name, frame in frames:
        parts.append(f"<div style='margin-top:6px'><i>{html.escape(name)}</i>{frame.to_html(max_rows=20, notebook=False)}</div>")
    return "".join(parts) + "</div>"


def extend(payslip_cls: Any, line_cls: Any) -> None:
    """Adds the notebook views to the compiled Payslip and Line classes."""
    payslip_cls.to_frame = payslip_frame
    payslip_cls._repr_html_ = payslip_html
    line_cls._repr_html_ = line_html
