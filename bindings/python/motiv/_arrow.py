"""Exact amounts as pyarrow ``decimal128`` columns (private to motiv; public as ``motiv.to_arrow``).

Two exact forms of a result already exist: int64 minor units (``compute_batch``: fast, the form for
statistics) and ``Decimal`` objects (``compute_frame``: exact per value, but an object column that
pandas cannot take a quantile of or plot). A ``decimal128`` column is both typed and exact: sums and
group sums stay exact decimals. The conversion is exact or refused -- never rounded: int64 minor
units become the unscaled value of decimal128(38, scale) bit for bit, and a Decimal that needs more
places than the column's scale raises ValueError.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, List

__all__ = ["to_arrow"]

_PRECISION = 38  # decimal128's widest: any int64 minor-unit amount fits at any currency scale


def _pyarrow() -> Any:
    try:
        import pyarrow as pa
    except ImportError:
        raise ImportError("exact decimal128 columns need pyarrow: pip install 'motiv[arrow]'") from None
    return pa


def _from_minor(values: Any, scale: int) -> Any:
    """int64 minor units -> decimal128(38, scale) with the same unscaled integers (little-endian
    two's complement: the low word is the value, the high word its sign)."""
    import numpy as np

    pa = _pyarrow()
    v = np.ascontiguousarray(values, dtype=np.int64)
    words = np.empty((len(v), 2), dtype=np.int64)
    words[:, 0] = v
    words[:, 1] = np.where(v < 0, -1, 0)
    return pa.Array.from_buffers(pa.decimal128(_PRECISION, scale), len(v), [None, pa.py_buffer(words.tobytes())])


def _decimal_columns(frame: Any) -> List[str]:
    out = []
    for name in frame.columns:
        col = frame[name]
        if col.dtype == object:
            present = [v for v in col.tolist() if v is not None]
            if present and all(isinstance(v, Decimal) for v in present):
                out.append(name)
    return out


def to_arrow(frame: Any, *, scale: Any = None) -> Any:
    """A copy of a result frame with its amounts as exact ``decimal128(38, scale)`` columns
    (``pd.ArrowDtype``).

    A :meth:`Scheme.compute_batch` frame: its int64 minor-unit columns (``attrs``) at the
    currency's scale. Any other frame (``compute_frame``, ``PeriodResult.to_frame()``, a what-if
    table): every column whose values are all ``Decimal`` (None -> null), at ``scale`` places
    (default: the frame's ``attrs['scale']``, else 2); a value with more places raises ValueError.
    """
    import pandas as pd

    pa = _pyarrow()
    out = frame.copy()
    if "amount_columns" in frame.attrs:
        s = int(frame.attrs["scale"])
        for name in frame.attrs["amount_columns"]:
            out[name] = pd.Series(_from_minor(frame[name].to_numpy(), s), index=frame.index, dtype=pd.ArrowDtype(pa.decimal128(_PRECISION, s)))
        return out
    s = int(scale if scale is not None else frame.attrs.get("scale", 2))
    dtype = pd.ArrowDtype(pa.decimal128(_PRECISION, s))
    for name in _decimal_columns(frame):
        try:
            arr = pa.array(frame[name].tolist(), type=pa.decimal128(_PRECISION, s))
        except pa.ArrowInvalid as e:
            raise ValueError(f"column {name!r}: a value has more than {s} decimal places; pass scale= ({e})") from None
        out[name] = pd.Series(arr, index=frame.index, dtype=dtype)
    return out
