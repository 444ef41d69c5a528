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

__all__ = ["cell_text", "frame_table", "result_frame", "report_frame"]


def cell_text(value: Any) -> str:
    """The text of one cell as a CSV would hold it.

    None, NaN, pd.NA and NaT -> '' (not given); str as is; int (numpy too) and Decimal as their
    exact text; a float as ``repr(float(value))``, the shortest text that reads back as the same
    float -- the decimal the user typed whenever that decimal survives a binary float.
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
        f = float(value)
        return "" if math.isnan(f) else repr(f)
    import numpy as np
    import pandas as pd

    missing = pd.isna(value)  # pd.NA, NaT, numpy NaT; an array-like answers an array
    if isinstance(missing, (bool, np.bool_)) and missing:
        return ""
    return str(value)


def frame_table(frame: Any) -> Tuple[List[str], List[List[str]]]:
    """(header, rows) of text cells for a pandas DataFrame; TypeError for anything else."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"expected a pandas.DataFrame, got {type(frame).__name__}")
    header = [str(c) for c in frame.columns]
    columns = [[cell_text(v) for v in frame.iloc[:, j].tolist()] for j in range(frame.shape[1])]
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
