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

__all__ = ["role_codes", "input_columns", "result_frame", "to_decimal"]


def role_codes(roles: List[str], values: Any) -> np.ndarray:
    """Role names (strings or a pandas Categorical) -> uint32 indices into the scheme's roles."""
    import pandas as pd

    cat = values if isinstance(getattr(values, "dtype", None), pd.CategoricalDtype) else pd.Categorical(np.asarray(values, dtype=object))
    cat = pd.Categorical(cat)
    lookup = np.full(len(cat.categories) + 1, np.iinfo(np.uint32).max, dtype=np.uint32)
    unknown = []
    for i, name in enumerate(cat.categories):
        if name in roles:
            lookup[i] = roles.index(name)
        else:
            unknown.append(str(name))
    codes = np.asarray(cat.codes, dtype=np.int64)
    if unknown or (codes < 0).any():
        bad = ", ".join(sorted(set(unknown))) or "an empty role"
        raise ValueError(f"unknown role(s): {bad}; the scheme has: {', '.join(roles)}")
    return np.ascontiguousarray(lookup[codes])


def _exact_column(name: str, values: Any) -> Tuple[np.ndarray, int, Optional[np.ndarray]]:
    """A column of str / Decimal / None -> (int64 scaled values, scale, presence mask)."""
    decimals: List[Optional[Decimal]] = []
    places = 0
    for v in values:
        if v is None or (isinstance(v, str) and v.strip() == "") or v is getattr(__import__("pandas"), "NA", object()):
            decimals.append(None)
            continue
        if isinstance(v, float):
            raise TypeError(f"column '{name}': binary floats are not exact amounts; give int, str or Decimal values")
        d = Decimal(str(v).strip()) if not isinstance(v, Decimal) else v
        if not d.is_finite():
            raise ValueError(f"column '{name}': {v!r} is not a finite number")
        places = max(places, -int(d.as_tuple().exponent))
        decimals.append(d)
    if places > 9:
        raise ValueError(f"column '{name}': more than 9 decimal places")
    scaled = np.zeros(len(decimals), dtype=np.int64)
    mask = np.ones(len(decimals), dtype=np.uint8)
    for i, value in enumerate(decimals):
        if value is None:
            mask[i] = 0
        else:
            scaled[i] = int(value.scaleb(places))
    return scaled, places, (mask if not mask.all() else None)


def input_columns(inputs: List[str], data: Mapping[str, Any], scales: Optional[Mapping[str, int]]) -> Dict[str, Tuple[Any, ...]]:
    """{input name: (int64 array, scale, mask or None)} for every input column present in ``data``."""
    import pandas as pd

    scales = dict(scales or {})
    unknown = set(scales) - set(inputs)
    if unknown:
        raise ValueError(f"scales given for unknown input(s): {', '.join(sorted(unknown))}")
    out: Dict[str, Tuple[Any, ...]] = {}
    for name in inputs:
        if name not in data:
            continue
        col = data[name]
        dtype = getattr(col, "dtype", None)
        if isinstance(dtype, pd.api.extensions.ExtensionDtype) and pd.api.types.is_integer_dtype(dtype):
            # Nullable integers (Int64): pd.NA marks a missing value.
            na = np.asarray(col.isna())
            values = np.ascontiguousarray(col.fillna(0).to_numpy(dtype=np.int64))
            out[name] = (values, int(scales.get(name, 0)), None if not na.any() else (~na).astype(np.uint8))
            continue
        arr = col.to_numpy() if hasattr(col, "to_numpy") else np.asarray(col)
        if arr.dtype.kind in "iu":
            if arr.dtype != np.int64:
                arr = arr.astype(np.int64)
            out[name] = (np.ascontiguousarray(arr), int(scales.get(name, 0)), None)  # in place when int64
        elif arr.dtype.kind == "f":
            raise TypeError(f"column '{name}' is float64: binary floats are not exact amounts; "
                            "pass integers with a scale (e.g. kopecks and scales={'%s': 2}) or str/Decimal values" % name)
        else:
            if name in scales:
                raise ValueError(f"column '{name}': a scale applies to integer columns only")
            out[name] = _exact_column(name, arr)
    return out


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
