"""Columns for the batch engine (private to motiv): DataFrames and arrays in, int64 minor units out.

The batch engine reads int64 columns holding each value scaled by 10^scale (money in kopecks with
scale 2, a ratio 0.9650 as 9650 with scale 4). Integer columns are passed in place, without a
copy; columns of ``str`` / ``Decimal`` are converted exactly (slower); float columns are refused,
as everywhere in motiv: a binary float is not an exact amount.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Dict, List, Mapping, Optional, Tuple

import numpy as np

from . import _core, _frame

__all__ = ["people_columns", "text_cells", "float_refused", "result_frame", "to_decimal"]


# Columns the reader knows besides the scheme's inputs; always read as text cells.
_KEY_COLUMNS = ("id", "role", "name", "period", "manager", "start_date", "end_date")


def _header(data: Any) -> List[str]:
    cols = data.columns if hasattr(data, "columns") else list(data)
    return [str(c) for c in cols]


def text_cells(values: Any) -> List[str]:
    """A column as text cells, as a CSV would hold them (see :func:`motiv._frame.cell_text`)."""
    import pandas as pd

    if isinstance(getattr(values, "dtype", None), pd.CategoricalDtype):
        values = values.astype(object)
    arr = values.to_numpy(dtype=object) if hasattr(values, "to_numpy") else np.asarray(values, dtype=object)
    if arr.ndim != 1:
        raise ValueError(f"expected a 1-D column, got {arr.ndim} dimensions")
    cells: List[str] = arr.tolist()
    if all(type(c) is str for c in cells):  # the common case, without a call per cell
        return cells
    return [_frame.cell_text(c) for c in cells]


def _integer_column(name: str, col: Any, scale: int) -> Optional[Tuple[Any, ...]]:
    """(int64 values, scale, mask or None) read in place for a signed-integer column that holds
    only int64 values; None when the column must be read as text cells (the reader's checks and
    messages then apply, as for a CSV). Float columns raise TypeError."""
    import pandas as pd

    dtype = getattr(col, "dtype", None)
    if isinstance(dtype, pd.api.extensions.ExtensionDtype):
        if pd.api.types.is_signed_integer_dtype(dtype):
            na = np.asarray(col.isna())  # nullable integers (Int64): pd.NA marks a missing value
            values = np.ascontiguousarray(col.fillna(0).to_numpy(dtype=np.int64))
            return values, scale, None if not na.any() else (~na).astype(np.uint8)
        if pd.api.types.is_float_dtype(dtype):
            raise TypeError(float_refused(f"column '{name}'"))
        return None
    arr = col.to_numpy() if hasattr(col, "to_numpy") else np.asarray(col)
    if arr.dtype.kind == "f":
        raise TypeError(float_refused(f"column '{name}' ({arr.dtype})"))
    if arr.dtype.kind == "i":
        return np.ascontiguousarray(arr, dtype=np.int64), scale, None  # in place when int64
    if arr.dtype.kind == "u" and (arr.size == 0 or arr.max() <= np.iinfo(np.int64).max):
        return np.ascontiguousarray(arr.astype(np.int64)), scale, None
    return None  # uint64 beyond int64, bool, str, Decimal, object: text cells, refused or parsed by the reader


def float_refused(what: str) -> str:
    """The one message for a binary float given where an exact value is expected."""
    return (f"{what}: binary floats are not exact amounts; give int, str or Decimal values "
            "(motiv.from_float converts floats explicitly, rounding half-even to the places you name)")


def people_columns(scheme: Any, data: Any, period: str, scales: Optional[Mapping[str, int]]) -> Tuple[np.ndarray, np.ndarray, Dict[str, Tuple[Any, ...]]]:
    """The one reader (core/data/people_reader.hpp) on columns: (positions of the rows to pay,
    their uint32 role indices, {input: (int64 values, scale, mask)} for those rows).

    Rows of another ``period`` are dropped, start/end dates become the ``prorata`` input, and
    unknown columns, duplicate ids, unknown roles and bad cells raise DataError with the ids and
    messages of a CSV. Without an ``id`` column the ids are the DataFrame's index labels (or the
    row positions of a mapping of arrays).
    """

    inputs = [i.name for i in scheme.inputs]
    scales = dict(scales or {})
    unknown = set(scales) - set(inputs)
    if unknown:
        raise ValueError(f"scales given for unknown input(s): {', '.join(sorted(unknown))}")
    header = _header(data)
    n = len(data) if hasattr(data, "columns") else (len(data[header[0]]) if header else 0)
    text: Dict[str, List[str]] = {}
    ints: Dict[str, Tuple[Any, ...]] = {}
    if "id" not in header:
        header = header + ["id"]
        index = getattr(data, "index", None)
        text["id"] = [_frame.cell_text(v) for v in index] if index is not None else [str(i) for i in range(n)]
    for name in header:
        if name in text:
            continue
        col = data[name]
        if name in inputs:
            typed = _integer_column(name, col, int(scales.get(name, 0)))
            if typed is not None:
                ints[name] = typed
                continue
            if name in scales:
                raise ValueError(f"column '{name}': a scale applies to integer columns only")
        text[name] = text_cells(col)
    kept = _core.read_columns(scheme._core, header, text, n, period=period)
    rows = kept["rows"]
    every = len(rows) == n
    cols: Dict[str, Tuple[Any, ...]] = {}
    for name, (values, scale, mask) in ints.items():
        cols[name] = (values, scale, mask) if every else (np.ascontiguousarray(values[rows]), scale, None if mask is None else np.ascontiguousarray(mask[rows]))
    cols.update(kept["columns"])
    return rows, kept["role"], cols


def result_frame(res: Dict[str, Any], index: Any = None, extra: Optional[Mapping[str, Any]] = None) -> Any:
    """The engine's result as a DataFrame of int64 minor units; ``attrs['scale']`` states the scale."""
    import pandas as pd

    cols: Dict[str, Any] = dict(extra or {})
    amounts = res["amounts"]
    for j, name in enumerate(res["components"]):
        cols[name] = amounts[:, j]
    cols["total"] = res["total"]
    cols["status"] = res["status"]
    df = pd.DataFrame(cols, index=index, copy=False)
    df.attrs["scale"] = res["minor_units"]
    df.attrs["amount_columns"] = list(res["components"]) + ["total"]
    return df


def to_decimal(frame: Any) -> Any:
    """A batch result with its int64 minor-unit amount columns turned into exact ``Decimal`` values."""
    scale = frame.attrs["scale"]
    out = frame.copy()
    for name in frame.attrs["amount_columns"]:
        out[name] = [Decimal(int(v)).scaleb(-scale) for v in frame[name].to_numpy()]
    return out
