"""People and log tables from the files a payroll clerk has (private to motiv; public as
``motiv.read_table``): CSV in motiv's plain dialect, CSV in the Russian-Excel dialect motiv itself
writes (``;`` between fields, decimal comma, UTF-8 with a BOM, CRLF), and ``.xlsx`` workbooks.

Every cell comes back as text, exactly as the engine reads a CSV: the DataFrame goes to
``compute_frame`` and friends with no float in between. Numbers in a Russian-Excel CSV lose their
decimal comma ("1250000,50" -> "1250000.50") -- only cells that are a plain number, and never in the
columns that name things (id, name, role, period, manager, dates), where "7,5" stays text. The
``'`` motiv puts before a text starting with = + - @ (so Excel shows it instead of running it) is
taken off again. A workbook's numbers are IEEE doubles in the file itself; each is written back as
the shortest text that reads as the same double (what Excel displays for up to 15 digits), a whole
number without ".0", a date as YYYY-MM-DD.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import os
import re
from typing import Any, List, Optional

__all__ = ["read_table", "is_excel_ru", "xlsx_rows", "TEXT_COLUMNS"]

# Columns that name things: never read as numbers.
TEXT_COLUMNS = frozenset({"id", "name", "role", "period", "manager", "start_date", "end_date", "person", "deal_id", "client"})
_NUMBER_COMMA = re.compile(r"-?\d+,\d+")
_GUARDED = re.compile(r"'[=+\-@]")


def _frame(header: List[str], rows: List[List[str]], path: str) -> Any:
    import pandas as pd

    width = len(header)
    if len(set(header)) != width:
        dup = sorted({h for h in header if header.count(h) > 1})
        raise ValueError(f"{path}: the header names column(s) {', '.join(map(repr, dup))} more than once")
    for i, r in enumerate(rows):
        if len(r) > width and any(c.strip() for c in r[width:]):
            raise ValueError(f"{path}: row {i + 2} has {len(r)} cells, the header {width}")
        r[:] = (r + [""] * width)[:width]
    return pd.DataFrame(rows, columns=header, dtype=object)


def is_excel_ru(path: str) -> bool:
    """Whether a CSV file is in the Russian-Excel dialect: its header line holds ';'."""
    try:
        with open(path, "rb") as f:
            first = f.readline(1 << 16)
    except OSError:
        return False  # the engine's own reader reports a missing file
    return b";" in first


def _read_csv(path: str, dialect: Optional[str]) -> Any:
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValueError(f"{path}: not UTF-8 text (byte {e.start}); save it as 'CSV UTF-8' or as .xlsx") from None
    if dialect is None:
        dialect = "csv-excel-ru" if ";" in text.split("\n", 1)[0] else "csv"
    if dialect not in ("csv", "csv-excel-ru"):
        raise ValueError(f"dialect: expected 'csv' or 'csv-excel-ru', got {dialect!r}")
    ru = dialect == "csv-excel-ru"
    rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=";" if ru else ",") if any(c.strip() for c in r)]
    if not rows:
        raise ValueError(f"{path}: empty file, expected a header row")
    header = [h.strip() for h in rows[0]]
    body = rows[1:]
    if ru:
        numeric = [h not in TEXT_COLUMNS for h in header]
        for r in body:
            for j, cell in enumerate(r):
                if _GUARDED.match(cell):
                    r[j] = cell[1:]
                elif j < len(numeric) and numeric[j] and _NUMBER_COMMA.fullmatch(cell.strip()):
                    r[j] = cell.strip().replace(",", ".")
    return _frame(header, body, path)


def _xlsx_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time(0) else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def xlsx_rows(path: str, sheet: Optional[str]) -> List[List[str]]:
    """Every row of a workbook's sheet (the first, or ``sheet``) as text cells, blank rows included."""
    try:
        import openpyxl
    except ImportError:
        raise ImportError("reading .xlsx needs openpyxl: pip install 'motiv[excel]'") from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, KeyError, ValueError) as e:
        raise ValueError(f"{path}: not a readable .xlsx workbook ({e})") from None
    except Exception as e:  # zipfile.BadZipFile and openpyxl's own errors
        raise ValueError(f"{path}: not a readable .xlsx workbook ({type(e).__name__}: {e})") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise ValueError(f"{path}: no sheet {sheet!r}; it has {', '.join(book.sheetnames)}")
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        rows = [[_xlsx_cell(v) for v in r] for r in ws.iter_rows(values_only=True)]
        title = ws.title
    finally:
        book.close()
    if not any(any(c.strip() for c in r) for r in rows):
        raise ValueError(f"{path}: sheet {title!r} is empty, expected a header row")
    return rows


def _read_xlsx(path: str, sheet: Optional[str]) -> Any:
    rows = [r for r in xlsx_rows(path, sheet) if any(c.strip() for c in r)]
    header = [h.strip() for h in rows[0]]
    while header and header[-1] == "":
        header.pop()
    return _frame(header, rows[1:], path)


def read_table(path: Any, *, sheet: Optional[str] = None, dialect: Optional[str] = None) -> Any:
    """A people or log table as a DataFrame of text cells, from ``.csv`` or ``.xlsx``.

    A CSV is read in motiv's plain dialect or, when its header holds ``;`` (or with
    ``dialect="csv-excel-ru"``), in the Russian-Excel dialect motiv writes: ``;``, decimal comma,
    BOM. A workbook is read from its first sheet (or ``sheet``). Pass the result to
    :meth:`Scheme.compute_frame` and the other DataFrame doors. ValueError names the file for a
    table that cannot be read (not UTF-8, duplicate header, a row longer than the header, ...).
    """
    path = os.fspath(path)
    if path.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(path, sheet)
    if sheet is not None:
        raise ValueError("sheet: only a .xlsx workbook has sheets")
    return _read_csv(path, dialect)
