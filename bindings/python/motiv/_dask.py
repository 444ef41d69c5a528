"""What-ifs on a Dask cluster (private to motiv; public through motiv.whatif).

The scheme is shipped once: its rule text, source name and overrides are scattered to every
worker (``broadcast=True``), and each worker compiles it once and keeps it (keyed by the text's
hash). Sweeps are split by the values of the first parameter; comparisons by slices of people,
whose per-person results are summarised by the same C++ code as a single-process run. Results are
therefore identical to :func:`motiv.whatif.sweep` and :func:`motiv.whatif.compare`.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Mapping, Optional

import numpy as np

from . import _batch, _core, _dates
from . import _spec as _spec_mod
from ._axes import describe_columns

__all__ = ["dask_sweep", "dask_compare"]

_Spec = _spec_mod.Spec
_spec = _spec_mod.scheme_spec


def _scheme_of(spec: _Spec) -> Any:
    return _spec_mod.scheme_from_spec(*spec)


def _chunks(items: List[Any], parts: int) -> List[List[Any]]:
    parts = max(1, min(parts, len(items)))
    size = -(-len(items) // parts)
    return [items[i:i + size] for i in range(0, len(items), size)]


def _sweep_part(spec: _Spec, data: Any, period: str, params: List[str], values: List[List[str]], scales: Any) -> Dict[str, Any]:
    scheme = _scheme_of(spec)
    _, role, cols = _batch.people_columns(scheme, data, period, scales)
    return _core.grid_columns(scheme._core, role, cols, period=period, parameters=params, values=values, threads=1)


def _ship(client: Any, value: Any) -> Any:
    """``value`` sent once to every worker, as one object (a tuple given to ``scatter`` would be
    split into its items) under a key of its own (two equal values scattered with content hashing
    share a key, and releasing one loses the other)."""
    return client.scatter([value], broadcast=True, hash=False)[0]


def _n_workers(client: Any) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def dask_sweep(
    client: Any,
    scheme: Any,
    data: Any,
    *,
    period: str,
    grid: Mapping[str, Iterable[Any]],
    scales: Optional[Mapping[str, int]] = None,
    partitions: Optional[int] = None,
) -> Any:
    """:func:`motiv.whatif.sweep` on a Dask cluster (``client``: a ``distributed.Client``).

    The grid is split into ``partitions`` (default: two per worker) by the first parameter's values;
    each task pays every person at its points. Returns the same DataFrame as the single-process sweep.
    """
    from ._scenarios import grid_frame, grid_values, read_people

    data = read_people(data)
    period = _dates.period_text(period)
    params = list(grid)
    values = [grid_values(grid[p], p) for p in params]
    spec = _ship(client, _spec(scheme))
    people = _ship(client, data)
    parts = _chunks(values[0], partitions or 2 * _n_workers(client))
    futures = [client.submit(_sweep_part, spec, people, period, params, [chunk] + values[1:], dict(scales or {}), pure=False)
               for chunk in parts]
    results = client.gather(futures)
    merged = dict(results[0])
    for key in ("total", "failed"):
        merged[key] = np.concatenate([r[key] for r in results])
    merged["role_total"] = np.concatenate([r["role_total"] for r in results], axis=0)
    merged["values"] = [sum((r["values"][j] for r in results), []) for j in range(len(params))]
    return describe_columns(grid_frame(merged), scheme, params)


def _compare_part(before: _Spec, after: _Spec, header: List[str], rows: List[List[str]], period: str) -> Dict[str, Any]:
    res = _core.compare_table(_scheme_of(before)._core, _scheme_of(after)._core, header, rows, period=period)
    return {"people": res["people"], "minor_units": res["minor_units"], "currency": res["currency"]}


def dask_compare(client: Any, before: Any, after: Any, data: Any, *, period: str, partitions: Optional[int] = None) -> Any:
    """:func:`motiv.whatif.compare` on a Dask cluster: people are split into ``partitions`` slices
    (default: two per worker), each paid under both schemes on a worker; the per-role figures are
    then summarised once. Returns the same :class:`motiv.whatif.Comparison`. A bad row raises the
    same error as :func:`compare`, but its line number counts from the start of its slice."""
    from . import _frame
    from ._scenarios import comparison_frames, plan_diff, read_people

    data = read_people(data)
    period = _dates.period_text(period)
    # Only the rows the reader pays (a slice must not end up empty), labelled as the caller's.
    data = data.iloc[_batch.people_columns(before, data, period, None)[0]]
    header, rows = _frame.frame_table(data)
    b, a = _ship(client, _spec(before)), _ship(client, _spec(after))
    parts = _chunks(rows, partitions or 2 * _n_workers(client))
    results = client.gather([client.submit(_compare_part, b, a, header, part, period, pure=False) for part in parts])
    p = {k: sum((list(r["people"][k]) for r in results), []) for k in ("id", "name", "role")}
    arrays = {k: np.concatenate([r["people"][k] for r in results]).astype(np.int64)
              for k in ("before", "after", "before_fixed", "after_fixed")}
    res = _core.summarise_changes(p["id"], p["name"], p["role"], arrays["before"], arrays["after"], arrays["before_fixed"],
                                  arrays["after_fixed"], period=period, currency=results[0]["currency"],
                                  minor_units=results[0]["minor_units"])
    out = comparison_frames(res, plan_diff(before, after))
    out.people.index = data.index
    return out
