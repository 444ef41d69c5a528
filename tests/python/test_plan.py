"""Plan features from Python: plan tests as data (run_cases) and proration by start/end dates."""
import os
from decimal import Decimal

import pytest

import motiv

SRC = os.environ.get("MOTIV_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
EXAMPLES = os.path.join(SRC, "rules", "examples")


def test_run_cases_passes_for_every_example():
    for name in sorted(os.listdir(EXAMPLES)):
        if name.endswith(".json") and not name.endswith(".cases.json"):
            results = motiv.run_cases(os.path.join(EXAMPLES, name))
            assert results, name
            assert all(r.passed for r in results), [(r.name, r.differences) for r in results if not r.passed]


def test_run_cases_reports_each_difference(tmp_path):
    cases = tmp_path / "wrong.cases.json"
    cases.write_text('{"motiv_cases": 1, "period": "2026-10", "cases": ['
                     '{"name": "off by a kopeck", "role": "hunter", "inputs": {"revenue": "100000.00"},'
                     ' "expect": {"total": "40000.01"}}]}')
    [r] = motiv.run_cases(os.path.join(EXAMPLES, "guaranteed_minimum.json"), cases)
    # 25,000 + 5,000 = 30,000, topped up to the 40,000.00 guaranteed.
    assert r == motiv.CaseResult("off by a kopeck", False, ["total: expected 40,000.01, got 40,000.00 (off by -0.01)"])


def test_run_cases_bad_file_is_a_rule_error(tmp_path):
    cases = tmp_path / "bad.cases.json"
    cases.write_text('{"motiv_cases": 1, "cases": []}')
    with pytest.raises(motiv.RuleError) as e:
        motiv.run_cases(os.path.join(EXAMPLES, "scorecard.json"), cases)
    assert "/cases" in str(e.value)


def test_compute_prorates_from_start_date():
    scheme = motiv.load(os.path.join(EXAMPLES, "proration.json"))
    # November 2026: 20 working days (4 Nov a holiday); from Mon 16 Nov: 11 -> 0.55 x 42,000 = 23,100.00.
    slip = scheme.compute(role="operator", period="2026-11", inputs={"meetings": 20}, start_date="2026-11-16")
    assert slip.line("salary").amount == Decimal("23100.00")
    assert slip.line("bonus").amount == Decimal("5000.00")
    assert "11 of 20 working days, 2026-11-16 to 2026-11-30" in slip.line("salary").explanation
    with pytest.raises(ValueError):
        scheme.compute(role="operator", period="2026-11", inputs={}, start_date="16.11.2026")


def _cli(*args):
    import subprocess
    return subprocess.run([os.environ["MOTIV_CLI"], *map(str, args)], capture_output=True, text=True, cwd=SRC)


def test_cli_role_change_two_dated_rows(tmp_path):
    data = tmp_path / "people.csv"
    data.write_text("id,role,meetings,start_date,end_date\n"
                    "x-1,operator,20,,2026-11-10\n"        # 6 of 20 working days: 0.3 x 42,000 = 12,600.00 + bonus 5,000.00
                    "x-1,specialist,,2026-11-11,\n")       # 14 of 20: 0.7 x 60,000 = 42,000.00
    out = tmp_path / "payroll.csv"
    r = _cli("payroll", "--rules", "rules/examples/proration.json", "--data", data, "--period", "2026-11", "--out", out)
    assert r.returncode == 0, r.stderr
    rows = out.read_text().splitlines()
    assert [row.split(",")[:7] for row in rows[1:]] == [
        ["x-1", "", "operator", "2026-11", "12600.00", "5000.00", "17600.00"],
        ["x-1", "", "specialist", "2026-11", "42000.00", "", "42000.00"],
        ["TOTAL", "", "", "2026-11", "54600.00", "5000.00", "59600.00"],  # 12,600 + 42,000; 17,600 + 42,000
    ]
    r = _cli("explain", "--brief", "--rules", "rules/examples/proration.json", "--data", data, "--period", "2026-11", "--employee", "x-1")
    assert r.returncode == 0, r.stderr
    assert "prorata 30% (6 of 20 working days, 2026-11-01 to 2026-11-10)" in r.stdout
    assert "prorata 70% (14 of 20 working days, 2026-11-11 to 2026-11-30)" in r.stdout


def test_cli_test_and_validate_strict(tmp_path):
    r = _cli("test", "rules/examples/scorecard.json")
    assert r.returncode == 0 and r.stdout.endswith("scorecard.cases.json: 4 of 4 cases passed\n"), r.stdout + r.stderr
    bad = tmp_path / "scorecard.cases.json"
    bad.write_text('{"motiv_cases": 1, "period": "2026-10", "cases": [{"name": "gate closed", "role": "operator",'
                   ' "inputs": {"calls": 300, "talk_minutes": 3000, "meetings": 20, "script_compliance": "0.79"},'
                   ' "expect": {"total": "48000.00"}}]}')
    r = _cli("test", "rules/examples/scorecard.json", bad)
    # Compliance 79% < 80%: the gate is closed, only the 40,000.00 salary is paid.
    assert r.returncode == 1
    assert "FAIL: gate closed\n    total: expected 48,000.00, got 40,000.00 (off by -8,000.00)\n" in r.stdout
    lint = "tests/apps/plantest/fixtures/lint_warnings.json"
    assert _cli("validate", lint).returncode == 0
    r = _cli("validate", "--strict", lint)
    assert r.returncode == 1 and "warning [motiv.lint.605]" in r.stdout
