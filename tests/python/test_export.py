"""Payroll exports (motiv.export_payroll and `motiv payroll --format`): every amount read back from
the CSV (both dialects), the XLSX (with openpyxl) and the JSON Lines equals the engine's exactly;
every export states its provenance; writes are atomic and replace a file only when asked.

The engine's amounts come from Scheme.compute_frame; they are checked against the hand computation
in tests/cli/test_cli.py (715,977.01 RUB for the example department), so a round trip that agrees
with the engine agrees with the hand figures.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import resource
import signal
import subprocess
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import motiv
from motiv_test_support import PEOPLE, PERIOD, RULES

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is installed by scripts/bootstrap")

COMPONENTS = ["salary", "bonus", "commission", "handover_penalty", "no_growth_cut"]
CENT = Decimal("0.01")
RULES_SHA = hashlib.sha256(RULES.read_bytes()).hexdigest()
DATA_SHA = hashlib.sha256(PEOPLE.read_bytes()).hexdigest()
CLI = os.environ.get("MOTIV_CLI")
needs_cli = pytest.mark.skipif(not CLI, reason="MOTIV_CLI not set (ctest sets it)")


@pytest.fixture(scope="module")
def engine(scheme):
    """The engine's amounts: {(id, column): Decimal} for every component line and total."""
    people = pd.read_csv(PEOPLE, dtype=str, keep_default_na=False)
    pay = scheme.compute_frame(people, period=PERIOD)
    out = {}
    for _, row in pay.iterrows():
        for col in [*COMPONENTS, "total"]:
            if row[col] is not None:
                out[row["id"], col] = row[col]
    return out


def _sums(engine):
    sums = {}
    for (_, col), v in engine.items():
        sums[col] = sums.get(col, Decimal(0)) + v
    return sums


@pytest.fixture(scope="module")
def exported(scheme, tmp_path_factory):
    """Every format written once by one call."""
    d = tmp_path_factory.mktemp("exports")
    paths = motiv.export_payroll(scheme, PEOPLE, period=PERIOD, out=d / "payroll", formats=["all"])
    assert [Path(p).name for p in paths] == ["payroll.csv", "payroll.excel-ru.csv", "payroll.xlsx", "payroll.jsonl"]
    assert sorted(os.listdir(d)) == sorted(Path(p).name for p in paths)  # and nothing else: no temporaries
    return {Path(p).suffix if not p.endswith(".excel-ru.csv") else "excel-ru": Path(p) for p in paths}


def _check_csv_round_trip(rows, engine, parse):
    *people, totals = rows
    assert len(people) == 14
    for r in people:
        for col in [*COMPONENTS, "total"]:
            if r[col] == "":
                assert (r["id"], col) not in engine  # a component the person's role does not have
            else:
                assert parse(r[col]) == engine[r["id"], col], (r["id"], col)
        assert (r["period"], r["scheme"], r["version"], r["rules_sha256"], r["data_sha256"]) == (PERIOD, "three_tier", "2026.2", RULES_SHA, DATA_SHA)
    assert totals["id"] == "TOTAL"
    sums = _sums(engine)
    for col in [*COMPONENTS, "total"]:
        assert parse(totals[col]) == sums[col], col
    assert parse(totals["total"]) == Decimal("715977.01")


def test_csv_round_trip(exported, engine):
    text = exported[".csv"].read_bytes().decode("utf-8")
    assert not text.startswith("\ufeff") and "\r" not in text
    _check_csv_round_trip(list(csv.DictReader(io.StringIO(text))), engine, Decimal)


def test_csv_excel_ru_round_trip(exported, engine):
    raw = exported["excel-ru"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the Cyrillic names right
    text = raw.decode("utf-8-sig")
    assert text.count("\r\n") == text.count("\n") == 16  # header, 14 people, TOTAL; CRLF line ends
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0]["name"] == "Анна Смирнова"
    assert rows[0]["bonus"] == "5460,00"  # decimal comma, no thousands separator
    _check_csv_round_trip(rows, engine, lambda s: Decimal(s.replace(",", ".")))


def _sheet_rows(ws):
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, r)) for r in rows[1:]]


def _exact(value) -> Decimal:
    """The stored double as the amount it represents: exactly the engine's below 2^53 minor units."""
    assert isinstance(value, (int, float)) and not isinstance(value, bool), value
    return Decimal(value).quantize(CENT)


def test_xlsx_round_trip(exported, engine):
    wb = openpyxl.load_workbook(exported[".xlsx"])
    assert wb.sheetnames == ["payroll", "line items", "totals by role", "provenance"]

    ws = wb["payroll"]
    rows = _sheet_rows(ws)
    *people, totals = rows
    assert len(people) == 14 and totals["id"] == "TOTAL"
    checked = 0
    for r in people:
        for col in [*COMPONENTS, "total"]:
            if r[col] is None:
                assert (r["id"], col) not in engine
            else:
                assert _exact(r[col]) == engine[r["id"], col], (r["id"], col)
                checked += 1
    assert checked == len(engine)  # every amount of the engine, none missing
    for col, s in _sums(engine).items():
        assert _exact(totals[col]) == s, col
    # Numbers, not text, shown with the money format.
    for row in ws.iter_rows(min_row=2, min_col=5):
        for cell in row:
            if cell.value is not None:
                assert cell.data_type == "n" and cell.number_format == "#,##0.00", cell.coordinate

    items = _sheet_rows(wb["line items"])
    assert len(items) == len(engine) - 14  # one row per payslip line (the totals are not lines)
    for r in items:
        assert _exact(r["amount"]) == engine[r["id"], r["component"]], r
    h01 = [r for r in items if r["id"] == "h-01"]
    assert [(r["component"], r["rule"]) for r in h01] == [
        ("salary", "/roles/hunter/components/0"), ("commission", "/roles/hunter/components/1"),
        ("handover_penalty", "/roles/hunter/components/2")]

    by_role = {r["role"]: r for r in _sheet_rows(wb["totals by role"])}
    assert {k: (v["people"], _exact(v["total"])) for k, v in by_role.items()} == {
        "farmer": (4, Decimal("219375.00")), "hunter": (5, Decimal("270642.01")),
        "operator": (5, Decimal("225960.00")), "TOTAL": (14, Decimal("715977.01"))}
    assert _exact(by_role["hunter"]["commission"]) == Decimal("151642.01")
    assert _exact(by_role["farmer"]["no_growth_cut"]) == Decimal("-5625.00")

    about = dict(wb["provenance"].iter_rows(values_only=True))
    assert about["scheme"] == "three_tier" and about["version"] == "2026.2" and about["period"] == PERIOD
    assert about["rules_sha256"] == RULES_SHA and about["data_sha256"] == DATA_SHA
    assert wb.properties.title == "Payroll 2026-10, three_tier 2026.2"


def _shown(cell) -> str:
    """A cell as Excel shows it with its format: amounts "#,##0.00" as "-1,250,000.00"."""
    if cell.value is None:
        return ""
    if cell.data_type == "n" and cell.number_format == "#,##0.00":
        return f"{_exact(cell.value):,.2f}"
    if isinstance(cell.value, bool):
        return "FALSE" if not cell.value else "TRUE"
    return str(cell.value)


@pytest.mark.parametrize("sheet, filtered_rows", [("payroll", 14), ("line items", None), ("totals by role", 3)])
def test_xlsx_layout_every_column_sized_filter_and_frozen_header(exported, engine, sheet, filtered_rows):
    ws = openpyxl.load_workbook(exported[".xlsx"])[sheet]
    last_col = openpyxl.utils.get_column_letter(ws.max_column)
    # Frozen header; an autofilter over the header and the data rows, not the TOTAL row.
    assert ws.freeze_panes == "A2"
    rows = filtered_rows if filtered_rows is not None else ws.max_row - 1
    assert ws.auto_filter.ref == f"A1:{last_col}{rows + 1}"
    # Every column at least as wide as its widest cell as shown (so no amount shows #####).
    for col in ws.iter_cols():
        letter = col[0].column_letter
        widest = max(len(_shown(c)) for c in col)
        assert ws.column_dimensions[letter].width is not None, letter
        assert ws.column_dimensions[letter].width >= min(widest + 1, 255), (letter, widest)  # 255: Excel's widest column


def test_xlsx_totals_by_role_and_component(exported, engine):
    rows = _sheet_rows(openpyxl.load_workbook(exported[".xlsx"])["totals by role"])
    *roles, totals = rows
    assert totals["role"] == "TOTAL"
    for comp, total in _sums(engine).items():
        # Each component's total is the sum over roles and the sum over people.
        by_role = sum((_exact(r[comp]) for r in roles if r[comp] is not None), Decimal(0))
        assert by_role == total == _exact(totals[comp]), comp


def test_jsonl_round_trip(exported, engine):
    lines = exported[".jsonl"].read_text(encoding="utf-8").splitlines()
    records = [json.loads(ln) for ln in lines]
    assert len(records) == len(engine) - 14
    for r in records:
        assert Decimal(r["amount"]) == engine[r["person"], r["component"]]
        assert r["amount_minor"] == int(Decimal(r["amount"]) * 100)
        assert (r["scheme"], r["version"], r["period"], r["rules_sha256"], r["data_sha256"]) == ("three_tier", "2026.2", PERIOD, RULES_SHA, DATA_SHA)
    h01 = next(r for r in records if (r["person"], r["component"]) == ("h-01", "commission"))
    assert h01["summary"] == "commission = graduated(hunter.commission.tiers, revenue 1,250,000.00, quota hunter.quota 1,000,000.00) = 89,000.00"
    assert h01["explanation"]["pointer"] == "/roles/hunter/components/1"
    assert [r for r in records if r["person"] == "op-02" and r["component"] == "bonus"][0]["applied"] is False


def test_declared_columns_and_dataframe_provenance(scheme, tmp_path):
    people = pd.read_csv(PEOPLE, dtype=str, keep_default_na=False)
    out = tmp_path / "p.csv"
    motiv.export_payroll(scheme, people, period=PERIOD, out=out, columns=["id", "name", "revenue", "commission", "total"])
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0]) == ["id", "name", "revenue", "commission", "total", "period", "scheme", "version", "rules_sha256", "data_sha256"]
    assert (rows[5]["id"], rows[5]["revenue"], rows[5]["commission"]) == ("h-01", "1250000.00", "89000.00")
    # A DataFrame is hashed as its cells written as CSV: for this file that is the file's own bytes.
    assert rows[0]["data_sha256"] == DATA_SHA
    with pytest.raises(ValueError, match="unknown CSV column 'revenu'"):
        motiv.export_payroll(scheme, PEOPLE, period=PERIOD, out=tmp_path / "q.csv", columns=["revenu"])
    with pytest.raises(ValueError, match="format must be csv, csv-excel-ru, csv-raw, xlsx, jsonl or all, got .pdf."):
        motiv.export_payroll(scheme, PEOPLE, period=PERIOD, out=tmp_path / "q.csv", formats=["pdf"])
    assert sorted(os.listdir(tmp_path)) == ["p.csv"]


def test_existing_files_replaced_only_with_force(scheme, tmp_path):
    xlsx = tmp_path / "payroll.xlsx"
    xlsx.write_bytes(b"old")
    with pytest.raises(motiv.IoError) as info:
        motiv.export_payroll(scheme, PEOPLE, period=PERIOD, out=tmp_path / "payroll", formats=["csv", "xlsx"])
    assert info.value.id == "motiv.io_error.003" and "payroll.xlsx" in str(info.value)
    # Refused before anything was written: not even the CSV, whose target was free.
    assert sorted(os.listdir(tmp_path)) == ["payroll.xlsx"] and xlsx.read_bytes() == b"old"
    motiv.export_payroll(scheme, PEOPLE, period=PERIOD, out=tmp_path / "payroll", formats=["csv", "xlsx"], force=True)
    assert sorted(os.listdir(tmp_path)) == ["payroll.csv", "payroll.xlsx"]
    assert xlsx.read_bytes()[:2] == b"PK"  # a zip: the workbook


BIG = json.dumps({
    "motiv": 1, "scheme": {"name": "big", "version": "1"}, "currency": {"code": "RUB", "minor_units": 2},
    "inputs": {"revenue": {"type": "money"}}, "parameters": {},
    "roles": {"r": {"components": [{"id": "pay", "kind": "fixed", "amount": "revenue"}]}},
})


def test_xlsx_refuses_amounts_a_double_cannot_hold_and_leaves_the_old_files(tmp_path):
    # 2^53 kopecks = 90,071,992,547,409.92 RUB: the last amount XLSX holds exactly; one kopeck more is refused.
    scheme = motiv.loads(BIG, source="big.json")
    data = tmp_path / "people.csv"
    data.write_text("id,role,revenue\np-1,r,90071992547409.92\n", encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    motiv.export_payroll(scheme, data, period=PERIOD, out=out_dir / "ok.xlsx", formats=["xlsx"])
    wb = openpyxl.load_workbook(out_dir / "ok.xlsx")
    assert _exact(wb["payroll"]["E2"].value) == Decimal("90071992547409.92")

    (out_dir / "p.csv").write_bytes(b"old csv")
    (out_dir / "p.xlsx").write_bytes(b"old xlsx")
    data.write_text("id,role,revenue\np-1,r,90071992547409.93\n", encoding="utf-8")
    with pytest.raises(motiv.IoError) as info:
        motiv.export_payroll(scheme, data, period=PERIOD, out=out_dir / "p", formats=["csv", "xlsx"], force=True)
    assert info.value.id == "motiv.io_error.005" and "2^53" in str(info.value)
    # Rendering failed before any write: both previous files untouched, no temporary left.
    assert (out_dir / "p.csv").read_bytes() == b"old csv" and (out_dir / "p.xlsx").read_bytes() == b"old xlsx"
    assert sorted(os.listdir(out_dir)) == ["ok.xlsx", "p.csv", "p.xlsx"]


def _limit_file_size():
    # The file-size limit makes write() fail mid-file (EFBIG), as a full disk would.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


@needs_cli
def test_a_write_failing_mid_file_leaves_the_previous_file_and_no_temporary(tmp_path):
    out = tmp_path / "payroll.jsonl"
    out.write_bytes(b"previous payroll\n")
    cmd = [CLI, "payroll", "--rules", str(RULES), "--data", str(PEOPLE), "--period", PERIOD, "--out", str(out), "--format", "jsonl", "--force", "-q"]
    r = subprocess.run(cmd, capture_output=True, preexec_fn=_limit_file_size, timeout=60)
    assert r.returncode == 1, r.stderr
    assert b"motiv.io_error.002" in r.stderr and b"payroll.jsonl" in r.stderr
    assert out.read_bytes() == b"previous payroll\n"
    assert os.listdir(tmp_path) == ["payroll.jsonl"]
    # Without the limit the same command succeeds: the JSON Lines file is larger than 20,000 bytes.
    assert subprocess.run(cmd, capture_output=True, timeout=60).returncode == 0
    assert out.stat().st_size > 20_000


@needs_cli
def test_cli_and_python_write_the_same_bytes(scheme, tmp_path):
    py = motiv.export_payroll(scheme, PEOPLE, period=PERIOD, out=tmp_path / "py", formats=["csv", "csv-excel-ru", "jsonl"])
    r = subprocess.run([CLI, "payroll", "--rules", str(RULES), "--data", str(PEOPLE), "--period", PERIOD,
                        "--out", str(tmp_path / "cli"), "--format", "csv,csv-excel-ru", "--format", "jsonl", "-q"], capture_output=True)
    assert r.returncode == 0, r.stderr
    for p in py:
        assert Path(p).read_bytes() == Path(p.replace("/py.", "/cli/payroll.")).read_bytes(), p  # several formats: --out is a directory


def test_csv_dialect_declared_by_the_caller(scheme, engine, tmp_path):
    out = tmp_path / "p.tsv"
    motiv.export_payroll(scheme, PEOPLE, period=PERIOD, out=out, delimiter="\t", decimal_separator=",", bom=True, line_end="\r\n")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == 16
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter="\t"))
    _check_csv_round_trip(rows, engine, lambda s: Decimal(s.replace(",", ".")))
    with pytest.raises(ValueError, match="decimal separator and delimiter are both ','"):
        motiv.export_payroll(scheme, PEOPLE, period=PERIOD, out=tmp_path / "q.csv", delimiter=",", decimal_separator=",")
    assert not (tmp_path / "q.csv").exists()


@needs_cli
def test_cli_csv_dialect_options(tmp_path):
    out = tmp_path / "p.csv"
    r = subprocess.run([CLI, "payroll", "--rules", str(RULES), "--data", str(PEOPLE), "--period", PERIOD, "--out", str(out),
                        "--delimiter", ";", "--decimal-separator", ",", "--crlf", "-q"], capture_output=True)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().splitlines()[-1].startswith(b"TOTAL;;;2026-10;535000,00;40960,00;151642,01;-6000,00;-5625,00;715977,01;")
    r = subprocess.run([CLI, "payroll", "--rules", str(RULES), "--data", str(PEOPLE), "--period", PERIOD, "--out", str(tmp_path / "x.csv"),
                        "--delimiter", "ab"], capture_output=True)
    assert r.returncode == 2 and b"--delimiter must be one character or 'tab', got 'ab'" in r.stderr
