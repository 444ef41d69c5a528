"""`motiv report` and `motiv payroll --logs`: KPIs, pay and the department report from logs.

The figures themselves are checked by hand in tests/python/test_logs.py and
tests/core/logs/derive_test.cpp; here: the files written, atomicity, refusals and exit codes.
"""

from __future__ import annotations

import csv
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
