"""People tables from Excel: .xlsx workbooks and the Russian-Excel CSV dialect motiv itself writes
(';', decimal comma, BOM, CRLF) read back into the same exact cells and the same pay."""

import csv
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import motiv
from motiv_test_support import PEOPLE, PERIOD

AMOUNTS = ["operator_salary", "total"]


def test_payroll_round_trips_through_the_excel_ru_dialect(scheme, people, tmp_path):
    local = scheme.compute_frame(people, period=PERIOD)
    (path,) = motiv.export_payroll(scheme, people, period=PERIOD, out=tmp_path / "pay.csv", formats=["csv-excel-ru"])
    raw = open(path, "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw.split(b"\r\n")[0] and b"," in raw  # the dialect, really
    back = motiv.read_table(path)
    assert back["id"].iloc[-1] == "TOTAL"  # the file's totals row, read like any other
    people_rows, totals = back.iloc[:-1], back.iloc[-1]
    amount_columns = [c for c in local.columns if c not in ("id", "name", "role", "period")]
    assert set(amount_columns) <= set(back.columns)
    for c in amount_columns:
        assert [None if v == "" else Decimal(v) for v in people_rows[c]] == local[c].tolist(), c
        assert Decimal(totals[c]) == sum(v for v in local[c] if v is not None), c
    assert people_rows["name"].tolist() == local["name"].tolist()  # Cyrillic names intact


def write_excel_ru(frame, path):
    """The people table as Russian Excel saves it: ';', decimal comma, BOM, CRLF."""
    text = frame.apply(lambda col: col.str.replace(".", ",", regex=False) if col.name not in ("id", "name", "role") else col)
    text.to_csv(path, sep=";", index=False, encoding="utf-8-sig", lineterminator="\r\n")


def test_an_excel_ru_people_file_pays_as_the_plain_one(scheme, people, tmp_path):
    path = tmp_path / "people.csv"
    write_excel_ru(people, path)
    assert b"0,96" in path.read_bytes()
    back = motiv.read_table(path)
    assert back.equals(people.astype(object))
    want = scheme.compute_frame(people, period=PERIOD)
    assert scheme.compute_frame(back, period=PERIOD).equals(want)
    # A path door reads the dialect too (the engine's CSV reader takes the plain one only).
    motiv.payroll_csv(scheme, path, period=PERIOD, out=tmp_path / "ru.out.csv")
    motiv.payroll_csv(scheme, PEOPLE, period=PERIOD, out=tmp_path / "plain.out.csv")
    ru, plain = (pd.read_csv(tmp_path / f, dtype=str).drop(columns=["data_sha256"]) for f in ("ru.out.csv", "plain.out.csv"))
    assert ru.equals(plain)


def test_text_columns_and_guarded_cells_keep_their_text(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("\ufeffid;name;revenue\r\n7,5;'=Иванов, Иван;1250000,50\r\n8;Петров;-3,25\r\n".encode("utf-8"))
    t = motiv.read_table(path)
    assert t.to_dict("list") == {"id": ["7,5", "8"], "name": ["=Иванов, Иван", "Петров"], "revenue": ["1250000.50", "-3.25"]}


def test_an_xlsx_people_file_pays_as_the_csv(scheme, people, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(list(people.columns))
    for row in people.itertuples(index=False):
        # Numbers typed as numbers, as a clerk's sheet holds them; empty cells empty.
        ws.append([None if v == "" else (float(v) if c not in ("id", "name", "role") and "." in v else (int(v) if c not in ("id", "name", "role") else v))
                   for c, v in zip(people.columns, row)])
    path = tmp_path / "people.xlsx"
    book.save(path)
    back = motiv.read_table(path)
    assert scheme.compute_frame(back, period=PERIOD).equals(scheme.compute_frame(people, period=PERIOD))
    from motiv import whatif

    assert whatif.compare(scheme, scheme, path, period=PERIOD).people["before"].tolist() == \
        whatif.compare(scheme, scheme, PEOPLE, period=PERIOD).people["before"].tolist()


@pytest.mark.parametrize("content,message", [
    (b"id,name\n\xff\xfe,x\n", "not UTF-8"),
    (b"id,id\na,b\n", "more than once"),
    (b"id,name\na,b,c\n", "row 2 has 3 cells"),
    (b"", "empty file"),
])
def test_unreadable_tables_name_the_file(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=message) as e:
        motiv.read_table(path)
    assert "bad.csv" in str(e.value)


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    pytest.importorskip("openpyxl")
    path = tmp_path / "people.xlsx"
    path.write_text("id,role\n")
    with pytest.raises(ValueError, match="not a readable .xlsx workbook"):
        motiv.read_table(path)


# --- log files from workbooks (Scheme.logs_report; the CLI says what to do) -----------------------

LOGS = Path(__file__).resolve().parents[2] / "examples" / "logs"


def _as_workbook(csv_path: Path, book: Path, blank_row_after: int = 0) -> None:
    """A log CSV as a clerk's workbook: every cell as Excel would type it (numbers as numbers)."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    with open(csv_path, encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.reader(f)):
            ws.append([int(c) if c.isdigit() and len(c) < 15 and not c.startswith("0") else c for c in row])
            if i + 1 == blank_row_after:
                ws.append([])
    wb.save(book)


@pytest.fixture(scope="module")
def logs_scheme():
    return motiv.load(Path(__file__).resolve().parents[2] / "rules" / "three_tier.json")


@pytest.mark.parametrize("as_books", [["staff", "deals"], ["calls", "contacts", "clients", "exchange_rates"]])
def test_logs_from_workbooks_report_as_the_csv_logs(logs_scheme, tmp_path, as_books):
    shutil.copytree(LOGS, tmp_path / "logs")
    for name in as_books:
        _as_workbook(LOGS / f"{name}.csv", tmp_path / "logs" / f"{name}.xlsx")
        (tmp_path / "logs" / f"{name}.csv").unlink()
    from_books = logs_scheme.logs_report(tmp_path / "logs", period=PERIOD)
    from_csv = logs_scheme.logs_report(LOGS, period=PERIOD)
    assert from_books.keys() == from_csv.keys()
    for name in from_csv:
        pd.testing.assert_frame_equal(from_books[name], from_csv[name], check_exact=True, obj=name)
    assert sorted(os.listdir(tmp_path / "logs")) == sorted(  # the caller's directory is left as it was
        [f"{n}.xlsx" for n in as_books] + [p.name for p in LOGS.iterdir() if p.stem not in as_books])


def test_a_bad_row_in_a_log_workbook_names_the_workbook_and_its_row(logs_scheme, tmp_path):
    shutil.copytree(LOGS, tmp_path / "logs")
    rows = (LOGS / "deals.csv").read_text(encoding="utf-8").splitlines()
    rows[4] = rows[4].replace("2025-04-13", "2025-13-45")  # the 5th row of the sheet: a date that is none
    bad = tmp_path / "deals_bad.csv"
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _as_workbook(bad, tmp_path / "logs" / "deals.xlsx", blank_row_after=2)  # a blank row 3: row numbers are the sheet's
    (tmp_path / "logs" / "deals.csv").unlink()
    with pytest.raises(motiv.DataError) as e:
        logs_scheme.logs_report(tmp_path / "logs", period=PERIOD)
    assert f"{tmp_path / 'logs' / 'deals.xlsx'}:6:" in str(e.value), str(e.value)
    assert "motiv-logs-" not in str(e.value)
    assert all(i["file"] == str(tmp_path / "logs" / "deals.xlsx") for i in e.value.issues)
