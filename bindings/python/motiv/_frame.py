"""DataFrame <-> the engine's table of string cells (private to motiv).

A DataFrame is turned into exactly what a CSV file would give the engine -- a header and rows of
text cells -- so that ``compute_frame`` and ``payroll_csv`` validate and pay with the same code,
checks and messages as ``motiv payroll``. Nothing here touches money arithmetic.
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal
from typing import Any, List, Tuple

__all__ = ["cell_text", "frame_table", "id_from_index", "result_frame", "report_frame"]


def cell_text(value: Any) -> str:
    """The text of one cell as a CSV would hold it.

    None, NaN, pd.NA and NaT -> '' (not given); str as is; int (numpy too) and Decimal as their
    exact text; bytes decoded as UTF-8 text (the reader then checks it as any cell); a date, or a
    datetime / Timestamp / datetime64 at midnight, as 'YYYY-MM-DD' (with a time of day: its ISO
    text, which the engine refuses where a date belongs); a pd.Period as its text. Any other float
    raises TypeError, as on every door: a binary float is not an exact amount (motiv.from_float
    converts floats explicitly).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)  # not a number: the engine reports it against its column
    if isinstance(value, Decimal):
        return "" if value.is_nan() else str(value)
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        if math.isnan(float(value)):
            return ""  # pandas' marker of a missing cell in an object or float column
        from ._batch import float_refused

        raise TypeError(float_refused(f"value {value!r}"))
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    import numpy as np
    import pandas as pd

    missing = pd.isna(value)  # pd.NA, NaT, numpy NaT; an array-like answers an array
    if isinstance(missing, (bool, np.bool_)) and missing:
        return ""
    from ._dates import timestamp_text

    stamp = timestamp_text(value)  # a Timestamp / datetime64 at midnight is its date, as a CSV holds it
    return str(value) if stamp is None else stamp


def id_from_index(frame: Any) -> Any:
    """A frame whose index is named ``id`` (and has no ``id`` column) with the index also as an
    ``id`` column; the index itself is kept, so results carry it."""
    import pandas as pd

    if isinstance(frame, pd.DataFrame) and "id" not in frame.columns and frame.index.name == "id":
        frame = frame.assign(id=frame.index.to_numpy())
    return frame


def frame_table(frame: Any) -> Tuple[List[str], List[List[str]]]:
    """(header, rows) of text cells for a pandas DataFrame; TypeError for anything else."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"expected a pandas.DataFrame, got {type(frame).__name__}")
    from ._batch import text_cells

    header = [str(c) for c in frame.columns]
    columns = []
    for j, name in enumerate(header):
        try:
            columns.append(text_cells(frame.iloc[:, j]))
        except TypeError as exc:
            raise TypeError(f"column '{name}': {exc}") from None
    rows = [list(r) for r in zip(*columns)] if columns else [[] for _ in range(len(frame))]
    return header, rows


def result_frame(names: List[str], columns: List[List[Any]]) -> Any:
    """A DataFrame from the engine's (column names, columns), built by position: a component id
    may coincide with another column's name."""
    import pandas as pd

    out = pd.DataFrame(dict(enumerate(columns)))
    out.columns = pd.Index(names)
    return out


# Report columns holding exact numbers (Decimal) and whole counts (int); the rest stay text.
_DECIMAL_COLUMNS = {"value", "amount", "percent", "bonus", "conversion_from_previous", "share"}
_INT_COLUMNS = {"count", "norm", "contacts", "limit_days"}


def report_frame(header: List[str], rows: List[List[str]]) -> Any:
    """A DataFrame of one report table from its text cells: exact numbers as Decimal, counts as
    int, an empty cell as None."""
    import pandas as pd

    def convert(name: str, cell: str) -> Any:
        if cell == "":
            return None
        if name in _DECIMAL_COLUMNS:
            return Decimal(cell)
        if name in _INT_COLUMNS:
            return int(cell)
        return cell

    columns = {name: [convert(name, r[j]) for r in rows] for j, name in enumerate(header)}
    return pd.DataFrame(columns, columns=header)
