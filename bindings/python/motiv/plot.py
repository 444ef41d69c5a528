"""Draw the what-if charts from the command line, from the CSV files ``motiv whatif`` writes.

The C++ command line computes; this draws (matplotlib, no display needed), with the very functions of
``motiv.whatif`` (plot_payout_curves, plot_sweep_cost, plot_pay_distribution)::

    motiv whatif ... --curve h-01 revenue 0 2000000 20000 --out proposal      # proposal/curve.csv
    python -m motiv.plot payout proposal/curve.csv --out payout_curve.png
    python -m motiv.plot sweep proposal/sweep.csv --by farmer.cut.no_growth --out sweep_cost.svg
    python -m motiv.plot distribution proposal/people.csv --out pay_distribution.png

(``motiv-plot`` is the same command once the package is installed.) Each chart is written to a
temporary file beside ``--out`` and renamed into place, so a failed run leaves no half-written
picture. Exit codes: 0 written, 1 unreadable data, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from decimal import Decimal, InvalidOperation
from typing import Any, List, Optional, Sequence

__all__ = ["read_curves", "read_sweep", "read_changes", "main"]


def _read(path: str, needed: Sequence[str]) -> Any:
    import pandas as pd

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}; is it the right file of motiv whatif?")
    return frame


def _decimals(frame: Any, columns: Sequence[str], path: str) -> Any:
    for c in columns:
        try:
            frame[c] = [Decimal(v) for v in frame[c]]
        except InvalidOperation:
            raise ValueError(f"{path}: column {c!r} holds a value that is not a decimal") from None
    return frame


def read_curves(paths: Sequence[str]) -> Any:
    """``motiv whatif --curve`` CSVs (one per role) as the frame of ``whatif.payout_curves``:
    role, kpi, value, before, after (Decimal)."""
    import pandas as pd

    frames = [_decimals(_read(p, ["role", "kpi", "value", "before", "after"]), ["value", "before", "after"], p) for p in paths]
    return pd.concat(frames, ignore_index=True)[["role", "kpi", "value", "before", "after"]]


def read_sweep(path: str) -> Any:
    """``OUT.sweep.csv`` as the frame of ``whatif.sweep`` (parameters and roles in ``attrs``)."""
    frame = _read(path, ["total", "failed_rows"])
    cols = list(frame.columns)
    params, roles = cols[: cols.index("total")], cols[cols.index("total") + 1: cols.index("failed_rows")]
    if not params:
        raise ValueError(f"{path}: no parameter column before 'total'")
    frame = _decimals(frame, params + ["total"] + roles, path)
    frame.attrs["parameters"], frame.attrs["roles"] = params, roles
    return frame


def read_changes(path: str) -> Any:
    """``OUT.people.csv`` (a comparison) as the frame of ``whatif.compare(...).people``."""
    return _decimals(_read(path, ["role", "before", "after"]), ["before", "after"], path)


def _atomic(out: str, draw: Any) -> None:
    fmt = os.path.splitext(out)[1].lower()
    if fmt not in (".png", ".svg"):
        raise SystemExit(f"motiv.plot: --out must end in .png or .svg, got {out!r}")
    tmp = os.path.join(os.path.dirname(os.path.abspath(out)), f".{os.path.basename(out)}.{os.getpid()}.tmp{fmt}")
    try:
        draw(tmp)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def main(argv: Optional[List[str]] = None) -> int:
    from . import whatif

    parser = argparse.ArgumentParser(prog="python -m motiv.plot", description="Draw a what-if chart from the CSV files of motiv whatif.")
    sub = parser.add_subparsers(dest="chart", required=True)
    p = sub.add_parser("payout", help="pay against a KPI, before vs after (from OUT.curve.csv; one file per role)")
    p.add_argument("curves", nargs="+", help="CSV files written by motiv whatif --curve")
    p.add_argument("--title", default="Pay against KPI")
    p.add_argument("--labels", nargs=2, default=["current scheme", "what-if"], metavar=("BEFORE", "AFTER"))
    s = sub.add_parser("sweep", help="cost against the swept parameter (from OUT.sweep.csv)")
    s.add_argument("sweep", help="CSV written by motiv whatif --sweep")
    s.add_argument("--parameter", help="the x axis (default: the first parameter)")
    s.add_argument("--by", help="one line per value of this second parameter")
    d = sub.add_parser("distribution", help="pay per role, before vs after, as box plots (from OUT.people.csv)")
    d.add_argument("people", help="CSV written by motiv whatif --set/--against")
    for q in (p, s, d):
        q.add_argument("--out", "-o", required=True, help="the chart: FILE.png or FILE.svg")
    args = parser.parse_args(argv)
    try:
        if args.chart == "payout":
            data = read_curves(args.curves)
            _atomic(args.out, lambda path: whatif.plot_payout_curves(data, labels=tuple(args.labels), title=args.title, path=path))
        elif args.chart == "sweep":
            data = read_sweep(args.sweep)
            if args.by and args.by not in data.attrs["parameters"]:
                parser.error(f"--by {args.by}: not a parameter of {args.sweep} ({', '.join(data.attrs['parameters'])})")
            _atomic(args.out, lambda path: whatif.plot_sweep_cost(data, parameter=args.parameter, by=args.by, path=path))
        else:
            data = read_changes(args.people)
            _atomic(args.out, lambda path: whatif.plot_pay_distribution(data, path=path))
    except (OSError, ValueError) as e:
        print(f"motiv.plot: {e}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
