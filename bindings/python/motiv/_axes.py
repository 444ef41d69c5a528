"""Axes for motiv's charts (private): figures without pyplot, money and rate tick labels, readable
axis names.

Charts are drawn with matplotlib's object API: a ``matplotlib.figure.Figure`` that no pyplot
state knows of, so a plot call never switches the backend, never accumulates open figures, and
shows once when a notebook displays the returned figure. Given ``ax=``, a chart draws into the
caller's axes instead.
"""

from __future__ import annotations

import re
import sys
from typing import Any, List, Mapping, Optional, Sequence, Tuple

__all__ = ["axes_for", "money_formatter", "format_axis", "axis_label", "describe_columns"]


_display_checked = False


def _show_in_notebooks() -> None:
    """Lets IPython show a returned Figure as a picture. The inline backend registers that display
    when pyplot starts; a chart drawn without pyplot must not depend on the user having imported
    it. Only a display formatter is added (none replaced): the backend and pyplot stay untouched."""
    global _display_checked
    if _display_checked:
        return
    _display_checked = True
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    formatters = getattr(getattr(shell, "display_formatter", None), "formatters", None)
    if not formatters or "image/png" not in formatters:
        return
    from matplotlib.figure import Figure

    png = formatters["image/png"]
    try:
        png.lookup_by_type(Figure)
        return  # already shown (the inline backend is active)
    except KeyError:
        pass
    from IPython.core.pylabtools import print_figure

    png.for_type(Figure, lambda fig: print_figure(fig, "png", bbox_inches="tight"))  # type: ignore[no-untyped-call]


def axes_for(ax: Any, n: int, figsize: Tuple[float, float]) -> Tuple[Any, List[Any], bool]:
    """(figure, n axes, created): a new pyplot-free Figure with n panels side by side, or the
    caller's ``ax`` (one Axes, or a sequence of n). ValueError when ``ax`` holds another count."""
    _show_in_notebooks()
    if ax is None:
        from matplotlib.figure import Figure

        fig = Figure(figsize=figsize)
        return fig, list(fig.subplots(1, n, squeeze=False)[0]), True
    import numpy as np

    axes = list(np.ravel(np.asarray(ax, dtype=object))) if isinstance(ax, (list, tuple)) or hasattr(ax, "ravel") else [ax]
    if len(axes) != n:
        raise ValueError(f"ax: this chart draws {n} panel(s), got {len(axes)} axes")
    return axes[0].figure, axes, False


def money_formatter(places: int = 2) -> Any:
    """A tick formatter for amounts: thousands separators, no offset or 1e6 factor, and decimals
    only when the ticks need them (``places`` at most: the currency's minor unit)."""
    import matplotlib.ticker as ticker

    class MoneyFormatter(ticker.Formatter):
        def __init__(self) -> None:
            self.shown = places

        def format_ticks(self, values: Sequence[float]) -> List[str]:
            self.shown = next((p for p in range(places + 1) if all(abs(v * 10 ** p - round(v * 10 ** p)) < 1e-6 for v in values)), places)
            return [self(v) for v in values]

        def __call__(self, x: float, pos: Optional[int] = None) -> str:
            text = f"{x:,.{self.shown}f}"
            return "0" if text.strip("-0.,") == "" else text  # no '-0'

    return MoneyFormatter()


def format_axis(axis: Any, kind: str, *, places: int = 2) -> None:
    """Money -> thousands separators; ratio -> percent (0.08 -> 8%); counts and numbers ->
    thousands separators, never an offset."""
    import matplotlib.ticker as ticker

    if kind == "ratio":
        axis.set_major_formatter(ticker.PercentFormatter(xmax=1.0))
    elif kind in ("money", "number", "count"):
        axis.set_major_formatter(money_formatter(places if kind == "money" else (0 if kind == "count" else 2)))


def axis_label(name: str, meta: Optional[Mapping[str, Any]], currency: str = "") -> str:
    """A readable name for a column: the rule file's description (up to its first parenthesis),
    with its unit -- 'Hunter's monthly salary, RUB' -- or the raw name when nothing is known."""
    info = (meta or {}).get(name)
    if not info:
        return name
    kind, unit, description = info
    text = re.split(r" \(|; |: ", description, maxsplit=1)[0].strip() if description else name
    if kind == "ratio":
        return f"{text}, %"
    unit = unit or (currency if kind == "money" else "")
    return f"{text}, {unit}" if unit else text


def describe_columns(frame: Any, scheme: Any, names: Sequence[str]) -> Any:
    """Records on ``frame.attrs`` what a chart needs to label ``names`` (parameters or inputs of
    ``scheme``): ``columns`` name -> (kind, unit, description), ``currency`` and ``scale``."""
    known = {p.name: (p.kind, p.unit, p.description) for p in scheme.parameters}
    known.update({i.name: (i.kind, i.unit, i.description) for i in scheme.inputs})
    frame.attrs["columns"] = {n: known[n] for n in names if n in known}
    frame.attrs["currency"] = scheme.currency
    frame.attrs["scale"] = scheme.minor_units
    return frame
