"""Scheme.compute_frame and motiv.payroll_csv: whole tables, validated and paid as the CLI does."""

import os
import subprocess
from decimal import Decimal

import pandas as pd
import pytest

import motiv
from motiv_test_support import PEOPLE, PERIOD

# The example department for 2026-10, worked out by hand (see test_compute.py for the arithmetic).
EXPECTED_TOTALS = {
    "op-01": "47460.00", "op-02": "42000.00", "op-03": "48300.00", "op-04": "46200.00", "op-05": "42000.00",
    "h-01": "110000.00",  # 25,000 + 89,000 - 4,000
    "h-02": "40000.00",
    "h-03": "25000.00",  # penalty capped at the commission 2,000
    "h-04": "55641.97",
    "h-05": "40000.04",  # half-up tie 15,000.035 -> 15,000.04
    "f-01": "53125.00", "f-02": "57500.00", "f-03": "52500.00", "f-04": "56250.00",
}
GRAND_TOTAL = Decimal("715977.01")


def read_people(**kwargs):
    return pd.read_csv(PEOPLE, **kwargs)


def from_floats(frame):
    for name in frame.columns:
        if frame[name].dtype.kind == "f":
            frame[name] = motiv.from_float(frame[name], places=4 if name == "script_compliance" else 2)
    return frame


def test_float_columns_are_refused_like_every_float(scheme):
    with pytest.raises(TypeError, match="column 'calls'.*binary floats are not exact"):
        scheme.compute_frame(read_people(), period=PERIOD)


@pytest.mark.parametrize(
    "frame",
    [
        pytest.param(lambda: read_people(dtype=str), id="dtype=str"),
        # Default dtypes give float columns (NaN for empty cells): refused as on every door, and
        # taken once converted explicitly (each float's shortest repr, rounded to the places named).
        pytest.param(lambda: from_floats(read_people()), id="inferred floats via motiv.from_float"),
        pytest.param(lambda: read_people(dtype=str).map(lambda v: Decimal(v) if isinstance(v, str) and v[:1].isdigit() else v),
                     id="Decimal cells"),
    ],
)
def test_example_department(scheme, frame):
    out = scheme.compute_frame(frame(), period=PERIOD)
    assert dict(zip(out["id"], out["total"])) == {k: Decimal(v) for k, v in EXPECTED_TOTALS.items()}
    assert sum(out["total"]) == GRAND_TOTAL
    assert all(type(t) is Decimal for t in out["total"])


def test_result_columns(scheme):
    out = scheme.compute_frame(read_people(dtype=str), period=PERIOD)
    components = [c for c in out.columns if c not in ("id", "name", "role", "period", "total")]
    assert list(out.columns[:4]) == ["id", "name", "role", "period"] and out.columns[-1] == "total"
    assert sorted(components) == sorted({c for r in scheme.roles for c in scheme.components(r)})
    h01 = out.set_index("id").loc["h-01"]
    assert (h01["name"], h01["role"], h01["period"]) == ("Егор Лебедев", "hunter", PERIOD)
    assert (h01["commission"], h01["handover_penalty"], h01["no_growth_cut"]) == (Decimal("89000.00"), Decimal("-4000.00"), None)
    # Each row's components add up to its total.
    for _, row in out.iterrows():
        assert sum(row[c] for c in components if row[c] is not None) == row["total"]


def test_rows_of_other_periods_are_skipped(scheme):
    frame = read_people(dtype=str)
    frame.insert(2, "period", [PERIOD] * 10 + ["2026-09"] * 4)
    out = scheme.compute_frame(frame, period=PERIOD)
    assert list(out["id"]) == list(frame["id"][:10])


def test_empty_result(scheme):
    frame = read_people(dtype=str)
    frame["period"] = "2026-09"
    out = scheme.compute_frame(frame, period=PERIOD)
    assert len(out) == 0 and out.columns[-1] == "total"


@pytest.mark.parametrize(
    "column, position, value, error_id, line, person, message",
    [
        ("calls", 1, "abc", "motiv.data_error.304", 3, "op-02", "expected a count (a whole number), got 'abc'"),
        ("revenue", 6, "-5", "motiv.data_error.304", 8, "h-02", "expected at least 0, got '-5'"),
        ("volume", 11, "1.005", "motiv.data_error.304", 13, "f-02", "expected money with at most 2 decimal places, got '1.005'"),
        ("volume", 11, None, "motiv.data_error.202", 13, "f-02", "missing required input 'volume' for role farmer"),
        ("role", 0, "manager", "motiv.data_error.201", 2, "op-01", "unknown role 'manager'; the scheme has: operator, hunter, farmer"),
        ("id", 3, "op-01", "motiv.data_error.303", 5, "op-01",
         "duplicate person id 'op-01' (first on line 2); a role change within the period needs start_date / end_date on both rows"),
    ],
)
def test_bad_row_names_row_column_and_person(scheme, column, position, value, error_id, line, person, message):
    frame = read_people(dtype=str)
    frame.loc[position, column] = value
    with pytest.raises(motiv.DataError) as info:
        scheme.compute_frame(frame, period=PERIOD)
    issue = info.value.issues[0]
    assert (issue["id"], issue["file"], issue["line"], issue["field"], issue["person"], issue["message"]) == (
        error_id, "<DataFrame>", line, column, person, message)
    assert f"row {line}" in str(info.value) and f"person '{person}'" in str(info.value)


def test_every_bad_row_is_reported(scheme):
    frame = read_people(dtype=str)
    frame.loc[1, "calls"] = "abc"
    frame.loc[6, "revenue"] = "-5"
    with pytest.raises(motiv.DataError) as info:
        scheme.compute_frame(frame, period=PERIOD)
    assert [(i["line"], i["person"]) for i in info.value.issues] == [(3, "op-02"), (8, "h-02")]


@pytest.mark.parametrize(
    "columns, error_id, field",
    [
        (["id", "role", "revnue"], "motiv.data_error.302", "revnue"),
        (["id", "role", "revenue", "revenue"], "motiv.data_error.102", "revenue"),
        (["id", "revenue"], "motiv.data_error.301", "role"),
    ],
    ids=["unknown column", "duplicate column", "no role column"],
)
def test_bad_columns(scheme, columns, error_id, field):
    frame = pd.DataFrame([["h-1", "hunter", "1.00", "2.00"][: len(columns)]], columns=columns)
    with pytest.raises(motiv.DataError) as info:
        scheme.compute_frame(frame, period=PERIOD)
    assert (info.value.id, info.value.issues[0]["field"]) == (error_id, field)


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda s: s.compute_frame([{"id": "h-1"}], period=PERIOD), TypeError),
        (lambda s: s.compute_frame(read_people(dtype=str), period="October"), ValueError),
        (lambda s: s.compute_frame(read_people(dtype=str), PERIOD), TypeError),
    ],
    ids=["not a DataFrame", "bad period", "positional period"],
)
def test_frame_misuse(scheme, call, error):
    with pytest.raises(error):
        call(scheme)


# --- payroll_csv --------------------------------------------------------------------------------

def test_payroll_csv_writes_and_refuses_to_overwrite(scheme, tmp_path):
    out = tmp_path / "payroll.csv"
    summary = motiv.payroll_csv(scheme, read_people(dtype=str), period=PERIOD, out=out)
    assert summary.startswith("Payroll 2026-10 (RUB)") and "715,977.01" in summary
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    people, totals = written.iloc[:-1], written.iloc[-1]
    assert dict(zip(people["id"], people["total"])) == EXPECTED_TOTALS
    assert (totals["id"], totals["total"]) == ("TOTAL", "715977.01")  # the TOTAL row closes the file
    assert set(written["rules_sha256"]) == {scheme.sha256}
    assert os.listdir(tmp_path) == ["payroll.csv"]  # no temporary left behind

    before = out.read_bytes()
    with pytest.raises(motiv.IoError) as info:
        motiv.payroll_csv(scheme, PEOPLE, period=PERIOD, out=out)
    assert isinstance(info.value, OSError) and info.value.errno == 17  # EEXIST
    assert info.value.id == "motiv.io_error.003"
    assert out.read_bytes() == before

    what_if = scheme.with_overrides({"hunter.salary": "30000.00"})
    motiv.payroll_csv(what_if, PEOPLE, period=PERIOD, out=out, force=True)
    replaced = pd.read_csv(out, dtype=str).set_index("id")
    assert replaced.loc["h-01", "total"] == "115000.00"


def test_payroll_csv_from_path_and_frame_agree(scheme, tmp_path):
    motiv.payroll_csv(scheme, PEOPLE, period=PERIOD, out=tmp_path / "a.csv")
    motiv.payroll_csv(scheme, read_people(dtype=str), period=PERIOD, out=str(tmp_path / "b.csv"))
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


@pytest.mark.skipif(not os.environ.get("MOTIV_CLI"), reason="MOTIV_CLI not set (ctest sets it)")
def test_payroll_csv_matches_the_cli(scheme, tmp_path):
    motiv.payroll_csv(scheme, PEOPLE, period=PERIOD, out=tmp_path / "py.csv")
    subprocess.run([os.environ["MOTIV_CLI"], "payroll", "--rules", scheme.source, "--data", str(PEOPLE), "--period", PERIOD,
                    "--out", str(tmp_path / "cli.csv"), "--quiet"], check=True)
    assert (tmp_path / "py.csv").read_bytes() == (tmp_path / "cli.csv").read_bytes()


def test_payroll_csv_writes_nothing_on_bad_data(scheme, tmp_path):
    frame = read_people(dtype=str)
    frame.loc[1, "calls"] = "abc"
    with pytest.raises(motiv.DataError):
        motiv.payroll_csv(scheme, frame, period=PERIOD, out=tmp_path / "payroll.csv")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    "data, out, error",
    [
        (lambda d: d / "missing.csv", lambda d: d / "out.csv", motiv.IoError),
        (lambda d: PEOPLE, lambda d: d / "no" / "such" / "dir" / "out.csv", motiv.IoError),
        (lambda d: 42, lambda d: d / "out.csv", TypeError),
    ],
    ids=["missing input file", "unwritable output", "data not a path or DataFrame"],
)
def test_payroll_csv_io_errors(scheme, tmp_path, data, out, error):
    with pytest.raises(error):
        motiv.payroll_csv(scheme, data(tmp_path), period=PERIOD, out=out(tmp_path))
