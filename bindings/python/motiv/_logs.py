"""Log directories whose tables are Excel workbooks (private; used by ``Scheme.logs_report``).

The engine reads each log (staff, clients, calls, deals, contacts, the rates file) as NAME.csv or
NAME.json. A clerk's directory may hold NAME.xlsx instead: each such workbook is read as
``motiv.read_table`` reads one (every cell as text, the first sheet) and written as NAME.csv into a
temporary copy of the directory, one line per sheet row -- so the engine's line numbers are the
workbook's row numbers -- and errors are given back naming the workbook, not the copy.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, Tuple

from . import _tables

__all__ = ["readable_logs", "name_workbooks"]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def _workbook_as_csv(book: Path, target: Path) -> None:
    rows = _tables.xlsx_rows(os.fspath(book), None)
    with open(target, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        for r in rows:
            if any(c.strip() for c in r):
                w.writerow(r)
            else:
                f.write("\n")  # a blank sheet row stays a (skipped) line: line numbers are row numbers


@contextmanager
def readable_logs(logs: str) -> Iterator[Tuple[str, Dict[str, str]]]:
    """``logs`` itself when it holds no workbook to read; else a temporary copy with each NAME.xlsx
    (that has no NAME.csv or NAME.json beside it) as NAME.csv. Yields the directory and the map
    from each converted CSV's path to its workbook's."""
    src = Path(logs)
    books = [p for p in sorted(src.iterdir()) if p.suffix.lower() in WORKBOOK_SUFFIXES] if src.is_dir() else []
    books = [b for b in books if not (src / f"{b.stem}.csv").exists() and not (src / f"{b.stem}.json").exists()]
    if not books:
        yield logs, {}
        return
    with tempfile.TemporaryDirectory(prefix="motiv-logs-") as tmp:
        renamed: Dict[str, str] = {}
        for p in src.iterdir():
            if p.is_file() and p.suffix.lower() not in WORKBOOK_SUFFIXES:
                shutil.copy2(p, Path(tmp) / p.name)
        for b in books:
            target = Path(tmp) / f"{b.stem}.csv"
            _workbook_as_csv(b, target)
            renamed[os.fspath(target)] = os.fspath(b)
        yield tmp, renamed


def name_workbooks(error: BaseException, renamed: Dict[str, str], tmp: str, logs: str) -> None:
    """Rewrites a motiv error raised on the converted copy so that it names the workbooks (and the
    directory) the caller gave."""

    def fix(text: str) -> str:
        for csv_path, book in renamed.items():
            text = text.replace(csv_path, book)
        return text.replace(tmp, logs)

    error.args = tuple(fix(a) if isinstance(a, str) else a for a in error.args)
    for issue in getattr(error, "issues", None) or []:
        if isinstance(issue, dict) and isinstance(issue.get("file"), str):
            issue["file"] = fix(issue["file"])
