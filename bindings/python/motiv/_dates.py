"""Periods and dates given as pandas / NumPy / ``datetime`` objects (private to motiv).

The engine reads a period as 'YYYY-MM' and a date as 'YYYY-MM-DD'; a notebook holds them as
``pd.Period``, ``pd.Timestamp``, ``datetime.date`` or ``numpy.datetime64``. This turns each into
the engine's text, or refuses it with a ValueError / TypeError that says what was expected -- never
a raw pybind11 "incompatible function arguments".

A pay period is a month. A month-typed value (``pd.Period`` of frequency M, ``datetime64[M]``) is
that month; a point in time (a date, a Timestamp) is accepted as a period only when it is midnight
on the first of a month -- how pandas and NumPy write a month as a timestamp -- because any other
day would be a guess at which month was meant.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Optional

__all__ = ["period_text", "date_text", "timestamp_text"]


def _is_midnight(t: _dt.datetime) -> bool:
    return (t.hour, t.minute, t.second, t.microsecond) == (0, 0, 0, 0) and getattr(t, "nanosecond", 0) == 0


def _as_datetime(value: Any) -> Optional[_dt.date]:
    """A ``datetime.date`` / ``datetime.datetime`` for any date-like value; None if it is not one."""
    import numpy as np

    if isinstance(value, np.datetime64):
        import pandas as pd

        return None if np.isnat(value) else pd.Timestamp(value)  # a datetime, nanoseconds kept
    if isinstance(value, _dt.date):  # datetime.datetime and pd.Timestamp are dates too
        return value
    return None


def timestamp_text(value: Any) -> Optional[str]:
    """'YYYY-MM-DD' for a date, or a datetime / Timestamp / datetime64 at midnight; the ISO text
    with its time otherwise (which no date field accepts, so the engine reports it where it sits);
    None for a value that is not date-like."""
    import numpy as np

    if isinstance(value, np.datetime64) and np.isnat(value):
        return ""
    d = _as_datetime(value)
    if d is None:
        return None
    if isinstance(d, _dt.datetime):
        if d.tzinfo is not None or not _is_midnight(d):
            return d.isoformat()
        return d.date().isoformat()
    return d.isoformat()


def period_text(value: Any, what: str = "period") -> str:
    """The engine's 'YYYY-MM' for a pay period given as text, ``pd.Period`` (monthly), NumPy
    ``datetime64[M]``, or a date / Timestamp / datetime64 at midnight on the first of a month."""
    if isinstance(value, str):
        return value
    import numpy as np
    import pandas as pd

    if isinstance(value, pd.Period):
        if value.freqstr.split("-")[0] not in ("M", "ME"):
            raise ValueError(f"{what}: a pay period is a month; got pd.Period('{value}', freq='{value.freqstr}'), "
                             f"use pd.Period('{value.year:04d}-{value.month:02d}', freq='M')")
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, np.datetime64) and not np.isnat(value) and np.datetime_data(value.dtype)[0] in ("M", "Y"):
        ts = pd.Timestamp(value)
        return f"{ts.year:04d}-{ts.month:02d}"
    d = _as_datetime(value)
    if d is not None:
        t = d if isinstance(d, _dt.datetime) else _dt.datetime(d.year, d.month, d.day)
        if t.day != 1 or not _is_midnight(t) or t.tzinfo is not None:
            raise ValueError(f"{what}: a pay period is a month; got the point in time {t.isoformat()}, which is not the start of one. "
                             f"Give '{t.year:04d}-{t.month:02d}' or pd.Period('{t.year:04d}-{t.month:02d}', freq='M')")
        return f"{t.year:04d}-{t.month:02d}"
    raise TypeError(f"{what}: expected 'YYYY-MM', a monthly pd.Period or the first of a month as a date, got {type(value).__name__} {value!r}")


def date_text(value: Any, what: str) -> str:
    """The engine's 'YYYY-MM-DD' for a date given as text, ``datetime.date``, a datetime /
    Timestamp / datetime64 at midnight, or a daily ``pd.Period``; '' for None / NaT (not given)."""
    if value is None or isinstance(value, str):
        return value or ""
    import pandas as pd

    if isinstance(value, pd.Period):
        if value.freqstr != "D":
            raise ValueError(f"{what}: expected a day, got pd.Period('{value}', freq='{value.freqstr}')")
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if value is pd.NaT:
        return ""
    text = timestamp_text(value)
    if text is None:
        raise TypeError(f"{what}: expected 'YYYY-MM-DD', a datetime.date or a pd.Timestamp, got {type(value).__name__} {value!r}")
    if "T" in text:
        raise ValueError(f"{what}: expected a day, got the point in time {text}; pass its date (e.g. ts.normalize() or ts.date())")
    return text
