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
