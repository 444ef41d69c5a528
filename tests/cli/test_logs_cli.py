"""`motiv report` and `motiv payroll --logs`: KPIs, pay and the department report from logs.

The figures themselves are checked by hand in tests/python/test_logs.py and
tests/apps/logs/derive_test.cpp; here: the files written, atomicity, refusals and exit codes.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil

from test_cli import CLI, ROOT, RULES, motiv, pytestmark, text  # noqa: F401  (pytestmark skips without a binary)

LOGS = "examples/logs"
REPORT_FILES = ["payroll.csv", "kpis.csv", "funnel.csv", "refusals.csv", "handovers.csv", "takeaways.csv", "contact_norms.csv",
                "credits.csv", "reactivations.csv", "spiffs.csv"]


def test_report_writes_every_table(tmp_path):
    out = tmp_path / "report"
    done = motiv("report", "--rules", RULES, "--logs", LOGS, "--period", "2026-10", "--out", out)
    assert done.returncode == 0, text(done.stderr)
    assert sorted(p.name for p in out.iterdir()) == sorted(REPORT_FILES)
    assert "wrote 10 files" in text(done.stdout)
    funnel = list(csv.DictReader((out / "funnel.csv").open(encoding="utf-8")))
    assert [r["stage"] for r in funnel] == ["calls", "meetings booked", "sales on the call", "first deals", "repeat orders",
                                            "cancelled deals"]
    takeaways = list(csv.DictReader((out / "takeaways.csv").open(encoding="utf-8")))
    assert [(r["client"], r["trigger_date"], r["goes_to"]) for r in takeaways] == [("c-e03", "2026-10-31", "f-02")]


def test_payroll_from_logs_is_the_reports_payroll(tmp_path):
    out = tmp_path / "report"
    assert motiv("report", "--rules", RULES, "--logs", LOGS, "--period", "2026-10", "--out", out, "-q").returncode == 0
    pay = tmp_path / "pay.csv"
    done = motiv("payroll", "--rules", RULES, "--logs", LOGS, "--period", "2026-10", "--out", pay)
    assert done.returncode == 0, text(done.stderr)
    assert pay.read_bytes() == (out / "payroll.csv").read_bytes()
    assert "all              14" in text(done.stdout)


def test_report_refuses_to_overwrite_and_writes_nothing(tmp_path):
    out = tmp_path / "report"
    out.mkdir()
    (out / "kpis.csv").write_text("old\n")
    done = motiv("report", "--rules", RULES, "--logs", LOGS, "--period", "2026-10", "--out", out)
    assert done.returncode == 1
    assert "motiv.io_error.003" in text(done.stderr) and "--force" in text(done.stderr)
    assert [p.name for p in out.iterdir()] == ["kpis.csv"] and (out / "kpis.csv").read_text() == "old\n"
    assert motiv("report", "--rules", RULES, "--logs", LOGS, "--period", "2026-10", "--out", out, "--force", "-q").returncode == 0
    assert (out / "kpis.csv").read_text(encoding="utf-8").startswith("person,name,role,period,kpi,value")


def test_bad_logs_write_nothing(tmp_path):
    logs = tmp_path / "logs"
    shutil.copytree(ROOT / LOGS, logs)
    with (logs / "contacts.csv").open("a", encoding="utf-8") as f:
        f.write("f-01,c-001,2026-10-32,call\n")
    lines = len((logs / "contacts.csv").read_text(encoding="utf-8").splitlines())
    out = tmp_path / "report"
    done = motiv("report", "--rules", RULES, "--logs", logs, "--period", "2026-10", "--out", out)
    assert done.returncode == 1
    err = text(done.stderr)
    assert "[motiv.data_error.402]" in err and f"contacts.csv:{lines}" in err and "expected a date YYYY-MM-DD, got '2026-10-32'" in err
    assert not out.exists() or not any(out.iterdir())


def test_payroll_needs_data_or_logs_not_both():
    done = motiv("payroll", "--rules", RULES, "--data", "examples/department/people_2026-10.csv", "--logs", LOGS,
                 "--period", "2026-10", "--out", "/dev/null")
    assert done.returncode == 2
    assert "either --data CSV or --logs DIR" in text(done.stderr)


def test_validate_mentions_the_logs_section():
    done = motiv("validate", RULES)
    assert done.returncode == 0
    assert ", logs section;" in text(done.stdout)


# --- JSON logs -----------------------------------------------------------------------------------

NUMBER = re.compile(r"-?\d+(\.\d+)?")


def json_copy(src, dst, *, numbers=("duration_sec", "script_score", "amount", "rate")):
    """Writes each CSV log of `src` as NAME.json in `dst`: an array of objects, one per row, keys as
    the CSV's columns; empty cells left out; the `numbers` columns as JSON number literals written
    exactly as the CSV's text (so 0.90 stays 0.90, never a binary double)."""
    dst.mkdir()
    for path in sorted(src.glob("*.csv")):
        rows = []
        for row in csv.DictReader(path.open(encoding="utf-8", newline="")):
            fields = [f"{json.dumps(k)}: {v if k in numbers and NUMBER.fullmatch(v) else json.dumps(v, ensure_ascii=False)}"
                      for k, v in row.items() if v != ""]
            rows.append("{" + ", ".join(fields) + "}")
        (dst / (path.stem + ".json")).write_text("[\n" + ",\n".join(rows) + "\n]\n", encoding="utf-8")


def csv_rows_as_json(cell: str) -> str:
    """A provenance cell of the CSV logs ("calls.csv:2-5,9") as the JSON logs name the same rows: by
    index, "calls.json#/0-3,7" (line L of a CSV without multi-line cells is row L - 2)."""
    def one(m):
        spans = [("-".join(str(int(n) - 2) for n in span.split("-"))) for span in m.group(2).split(",")]
        return f"{m.group(1)}.json#/{','.join(spans)}"
    return re.sub(r"([a-z_]+)\.csv:([\d,\-]+)", one, cell)


def test_json_logs_give_the_same_report_and_payroll_as_csv(tmp_path):
    logs = tmp_path / "json"
    json_copy(ROOT / LOGS, logs)
    out_csv, out_json = tmp_path / "from_csv", tmp_path / "from_json"
    for logs_dir, out in ((ROOT / LOGS, out_csv), (logs, out_json)):
        done = motiv("report", "--rules", RULES, "--logs", logs_dir, "--period", "2026-10", "--out", out, "-q")
        assert done.returncode == 0, text(done.stderr)
    for name in REPORT_FILES:
        a = (out_csv / name).read_text(encoding="utf-8")
        b = (out_json / name).read_text(encoding="utf-8")
        if name == "payroll.csv":
            # The same bytes but for the provenance: the directory and the hash of other files.
            strip = lambda t: [r[:-2] for r in csv.reader(t.splitlines())]  # noqa: E731
            assert strip(a) == strip(b)
            assert a != b
        else:
            # The same bytes once the CSV's line numbers are written as the JSON's row indexes.
            assert csv_rows_as_json(a) == b, name
    # payroll --logs DIR reads the JSON logs too
    pay = tmp_path / "pay.csv"
    assert motiv("payroll", "--rules", RULES, "--logs", logs, "--period", "2026-10", "--out", pay, "-q").returncode == 0
    assert pay.read_bytes() == (out_json / "payroll.csv").read_bytes()


def test_a_log_as_both_csv_and_json_is_refused(tmp_path):
    logs = tmp_path / "logs"
    shutil.copytree(ROOT / LOGS, logs)
    (logs / "calls.json").write_text("[]\n")
    done = motiv("report", "--rules", RULES, "--logs", logs, "--period", "2026-10", "--out", tmp_path / "out")
    assert done.returncode == 1
    assert text(done.stderr).count("[motiv.io_error.006]") == 1 and "both calls.csv and calls.json" in text(done.stderr)
    (logs / "calls.json").unlink()
    (logs / "contacts.csv").unlink()
    done = motiv("report", "--rules", RULES, "--logs", logs, "--period", "2026-10", "--out", tmp_path / "out")
    assert done.returncode == 1
    assert text(done.stderr).count("[motiv.io_error.001]") == 1 and "no contacts.csv or contacts.json" in text(done.stderr)
    shutil.copy(ROOT / LOGS / "contacts.csv", logs / "contacts.csv")
    (logs / "calls.csv").unlink()
    (logs / "calls.json").write_text('[{"operator": "op-01", "client": "x", "time": "2026-10-05", "duration_sec": -5, '
                                     '"outcome": "no_answer"}]\n')
    done = motiv("report", "--rules", RULES, "--logs", logs, "--period", "2026-10", "--out", tmp_path / "out")
    assert done.returncode == 1
    assert "[motiv.data_error.402] " in text(done.stderr)
    assert "calls.json (/0/duration_sec) expected whole seconds from 0 to 86400, got '-5'" in text(done.stderr)


def logs_sha256(logs_dir) -> str:
    """The logs' data hash as the README defines it, computed independently: the log files in byte
    order of their names, each as name, NUL, length in decimal, NUL, bytes."""
    h = hashlib.sha256()
    for path in sorted(logs_dir.iterdir(), key=lambda p: p.name.encode()):
        data = path.read_bytes()
        h.update(path.name.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    return h.hexdigest()


def data_sha256_of(payroll_csv) -> set:
    return {r["data_sha256"] for r in csv.DictReader(payroll_csv.open(encoding="utf-8"))}


def test_payroll_from_logs_hashes_the_log_files(tmp_path):
    logs = tmp_path / "logs"
    shutil.copytree(ROOT / LOGS, logs)
    pay = tmp_path / "pay.csv"
    assert motiv("payroll", "--rules", RULES, "--logs", logs, "--period", "2026-10", "--out", pay, "-q").returncode == 0
    before = logs_sha256(logs)
    assert data_sha256_of(pay) == {before}
    # One byte of calls.csv changed (a September call's 333 s -> 334 s): the hash changes with it.
    calls = (logs / "calls.csv").read_bytes()
    assert b",333,refusal," in calls
    (logs / "calls.csv").write_bytes(calls.replace(b",333,refusal,", b",334,refusal,", 1))
    assert motiv("payroll", "--rules", RULES, "--logs", logs, "--period", "2026-10", "--out", pay, "--force", "-q").returncode == 0
    after = logs_sha256(logs)
    assert after != before and data_sha256_of(pay) == {after}
    # JSON logs are hashed the same way, by their own names and bytes.
    json_logs = tmp_path / "json"
    json_copy(logs, json_logs)
    assert motiv("payroll", "--rules", RULES, "--logs", json_logs, "--period", "2026-10", "--out", pay, "--force", "-q").returncode == 0
    assert data_sha256_of(pay) == {logs_sha256(json_logs)}


def test_report_csvs_are_safe_for_spreadsheets_unless_raw(tmp_path):
    # Issue 17: a name like =HYPERLINK(...) reached the report CSVs unchanged. Safe by default; the
    # same --format csv-raw as payroll writes cells as they are, for programs.
    logs = tmp_path / "logs"
    shutil.copytree(ROOT / LOGS, logs)
    staff = (logs / "staff.csv").read_text(encoding="utf-8")
    (logs / "staff.csv").write_text(staff.replace("Анна Смирнова", '"=HYPERLINK(""http://x"",""y"")"', 1), encoding="utf-8")
    link = '=HYPERLINK("http://x","y")'
    for fmt, want in [(None, "'" + link), ("csv", "'" + link), ("csv-raw", link)]:
        out = tmp_path / f"report-{fmt}"
        r = motiv("report", "--rules", RULES, "--logs", logs, "--period", "2026-10", "--out", out, "-q", *(["--format", fmt] if fmt else []))
        assert r.returncode == 0, text(r.stderr)
        names = [row["name"] for row in csv.DictReader((out / "payroll.csv").open(encoding="utf-8")) if row["id"] == "op-01"]
        assert names == [want], (fmt, names)
    r = motiv("report", "--rules", RULES, "--logs", logs, "--period", "2026-10", "--out", tmp_path / "x", "--format", "xlsx")
    assert r.returncode == 2 and "unknown --format 'xlsx'; expected csv or csv-raw" in text(r.stderr)


def test_report_never_replaces_a_log_it_read(tmp_path):
    logs = tmp_path / "logs"
    shutil.copytree(ROOT / LOGS, logs)
    (logs / "kpis.csv").unlink(missing_ok=True)
    # A rates file named like a report table: --out the logs directory with --force must not replace it.
    rules = json.loads((ROOT / RULES).read_text(encoding="utf-8"))
    rules["logs"]["currencies"]["rates_file"] = "credits.csv"
    (tmp_path / "rules.json").write_text(json.dumps(rules), encoding="utf-8")
    shutil.move(logs / "exchange_rates.csv", logs / "credits.csv")
    before = (logs / "credits.csv").read_bytes()
    r = motiv("report", "--rules", tmp_path / "rules.json", "--logs", logs, "--period", "2026-10", "--out", logs, "--force")
    assert r.returncode == 1 and "motiv.io_error.007" in text(r.stderr), text(r.stderr)
    assert (logs / "credits.csv").read_bytes() == before
    assert not (logs / "payroll.csv").exists()


def test_a_log_saved_as_a_workbook_gets_one_message_saying_what_to_do(tmp_path):
    logs = tmp_path / "logs"
    shutil.copytree(ROOT / LOGS, logs)
    (logs / "calls.csv").unlink()
    (logs / "calls.xlsx").write_bytes(b"PK\x03\x04 a workbook")
    for command in ("report", "payroll"):
        done = motiv(command, "--rules", RULES, "--logs", logs, "--period", "2026-10", "--out", tmp_path / "out")
        err = text(done.stderr)
        assert done.returncode == 1, err
        assert f"[motiv.data_error.109] {logs / 'calls.xlsx'}" in err
        assert "save it as calls.csv beside it, or in Python pass the directory to Scheme.logs_report" in err
        assert not (tmp_path / "out").exists()
