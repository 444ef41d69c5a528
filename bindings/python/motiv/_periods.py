"""Many periods with carried state (private to motiv; the public face is Scheme.pay_period).

The state is a plain JSON-able dict -- amounts as exact strings -- passed in and returned: store it
between runs as JSON (``json.dumps(result.state)``) and pass it back for the next month.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union, cast

from . import _core, _display, _frame

__all__ = ["PeriodResult", "pay_period", "pay_periods"]


class PeriodResult(NamedTuple):
    """One period paid with carried state."""

    period: str
    payslips: List[Any]  # motiv.Payslip, in input order; each line explained
    notes: Dict[str, List[str]]  # person id -> what changed without a pay line (forgiveness, ...)
    period_notes: List[str]  # about people not paid this period (leavers)
    state: Dict[str, Any]  # the state after this period: pass it to the next call

    def to_frame(self) -> Any:
        """One row per payslip: id, name, role, period, one Decimal column per component, total."""
        return _display.payslips_frame(self.payslips)

    def _repr_html_(self) -> str:
        return _display.frame_html(f"Period {self.period}: {len(self.payslips)} payslips", [("pay", self.to_frame())])


def _table(frame: Any) -> Optional[Tuple[List[str], List[List[str]]]]:
    return None if frame is None else _frame.frame_table(frame)


def _state_text(state: Union[None, str, Mapping[str, Any]]) -> Optional[str]:
    if state is None or isinstance(state, str):
        return state
    if isinstance(state, Mapping):
        return json.dumps(state)
    raise TypeError(f"state: expected a dict (as returned), its JSON text or None, got {type(state).__name__}")


def pay_period(
    core: Any,
    people: Any,
    *,
    period: str,
    state: Union[None, str, Mapping[str, Any]] = None,
    cancellations: Any = None,
    corrections: Any = None,
    recompute: Sequence[str] = (),
    accept_rules_change: Optional[Tuple[str, str]] = None,
) -> PeriodResult:
    header, rows = _frame.frame_table(people)
    out = _core.pay_period(
        core,
        header,
        rows,
        period=period,
        state=_state_text(state),
        cancellations=_table(cancellations),
        corrections=_table(corrections),
        recompute=list(recompute),
        accept_rules_change=None if accept_rules_change is None else cast(Tuple[str, str], tuple(accept_rules_change)),
    )
    return PeriodResult(out["period"], list(out["payslips"]), dict(out["notes"]), list(out["period_notes"]), json.loads(out["state"]))


def _months(start: str, end: str) -> List[str]:
    y, m = (int(x) for x in start.split("-"))
    ey, em = (int(x) for x in end.split("-"))
    out: List[str] = []
    while (y, m) <= (ey, em):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def pay_periods(
    core: Any, people: Any, *, start: str, end: str, state: Union[None, str, Mapping[str, Any]] = None, cancellations: Any = None
) -> List[PeriodResult]:
    results: List[PeriodResult] = []
    for p in _months(start, end):
        results.append(pay_period(core, people, period=p, state=state, cancellations=cancellations))
        state = results[-1].state
    return results
