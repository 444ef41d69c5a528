"""Scheme.pay_period / pay_periods: the multi-period engine from Python, with the state as a dict.

Amounts by hand in tests/apps/periods/year_test.cpp (the year) and retro_test.cpp (retro).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import motiv

ROOT = Path(__file__).resolve().parents[2]


def test_a_year_with_the_state_through_json():
    scheme = motiv.load(ROOT / "rules/examples/periods_year.json")
    people = pd.read_csv(ROOT / "examples/periods/people_2026.csv", dtype=str, keep_default_na=False)
    deals = pd.read_csv(ROOT / "examples/periods/cancellations.csv", dtype=str, keep_default_na=False)
    results = scheme.pay_periods(people, start="2026-01", end="2026-06", cancellations=deals)
    stored = json.dumps(results[-1].state)  # what a payroll pipeline keeps between runs
    results += scheme.pay_periods(people, start="2026-07", end="2026-12", state=stored, cancellations=deals)
    hunter = [r.payslips[0].total for r in results]
    assert hunter == [Decimal(x) for x in "40000 45000 95000 40000 40000 65000 40000 75000 40000 40000 95000 45000".split()]
    may = results[4].payslips[0]
    assert may.line("clawback").amount == Decimal("-25000.00")
    assert "due 25,000.00" in may.line("clawback").explanation
    assert results[7].notes["h-01"][0].startswith("deal D-3: cancelled 149 days after payment")
    assert results[-1].state["people"][0]["draw_balance"] == "5000.00"
    assert [r.payslips[1].line("farmer_quarterly").amount for r in results[3:6]] == [Decimal("9000.00"), Decimal("33000.00"), Decimal("-6000.00")]


def test_retro_refused_with_another_rule_file_unless_accepted():
    v1 = motiv.load(ROOT / "rules/examples/retro.json")
    v2 = motiv.load(ROOT / "rules/examples/retro_v2.json")
    jan = v1.pay_period(pd.DataFrame({"id": ["h-01"], "role": ["hunter"], "revenue": ["500000"]}), period="2026-01")
    mar = pd.DataFrame({"id": ["h-01"], "role": ["hunter"], "revenue": ["0"]})
    with pytest.raises(motiv.RuleError) as e:
        v2.pay_period(mar, period="2026-02", state=jan.state, recompute=["2026-01"])
    assert e.value.id == "motiv.rule_error.501"
    assert v1.sha256 in str(e.value) and v2.sha256 in str(e.value)
    # Accepted: January at 500,000 under 12% = 20,000 + 15,000 + 24,000 = 59,000 vs 55,000 -> +4,000.
    feb = v2.pay_period(mar, period="2026-02", state=jan.state, recompute=["2026-01"], accept_rules_change=(v1.sha256, v2.sha256))
    assert feb.payslips[0].line("retro_2026-01").amount == Decimal("4000.00")
    assert feb.payslips[0].total == Decimal("24000.00")


def test_an_edited_state_is_refused_with_the_period_named():
    scheme = motiv.load(ROOT / "rules/examples/periods_year.json")
    people = pd.read_csv(ROOT / "examples/periods/people_2026.csv", dtype=str)
    jan = scheme.pay_period(people[people["period"] == "2026-01"], period="2026-01")
    state = json.loads(json.dumps(jan.state))
    state["people"][0]["history"][0]["total"] = "1.00"
    with pytest.raises(motiv.DataError, match="was changed at period 2026-01") as e:
        scheme.pay_period(people[people["period"] == "2026-02"], period="2026-02", state=state)
    assert (e.value.id, e.value.pointer) == ("motiv.data_error.505", "/people/0/history/0")
    state = json.loads(json.dumps(jan.state))
    state["people"][0]["draw_balance"] = "1.005"
    with pytest.raises(motiv.DataError, match="at most 2 decimal places") as e:
        scheme.pay_period(people[people["period"] == "2026-02"], period="2026-02", state=state)
    assert (e.value.id, e.value.pointer) == ("motiv.data_error.502", "/people/0/draw_balance")
    with pytest.raises(motiv.DataError, match="duplicate key 'scheme'") as e:
        scheme.pay_period(people[people["period"] == "2026-02"], period="2026-02", state='{"scheme": "x", ' + json.dumps(jan.state)[1:])
    assert e.value.id == "motiv.data_error.507"


def test_bad_state_is_a_data_error():
    scheme = motiv.load(ROOT / "rules/examples/draws.json")
    people = pd.DataFrame({"id": ["h-01"], "role": ["hunter"], "revenue": ["1"]})
    with pytest.raises(motiv.DataError, match="expected a motiv state object") as e:
        scheme.pay_period(people, period="2026-01", state={"people": []})
    assert e.value.id == "motiv.data_error.502"  # 5xx: carried state; 4xx are the logs' ids
    with pytest.raises(TypeError):
        scheme.pay_period(people, period="2026-01", state=42)


def test_a_what_if_override_of_a_periods_figure_changes_the_pay():
    """The draw of rules/examples/draws.json names the dated parameter hunter.draw.amount (40,000, then
    45,000 from July 2026): its value in force applies each month, and a what-if override replaces it.
    Revenue 100,000: earned 20,000 + 5% x 100,000 = 25,000."""
    scheme = motiv.load(ROOT / "rules/examples/draws.json")
    people = pd.DataFrame({"id": ["h-01"], "role": ["hunter"], "revenue": ["100000"]})
    assert scheme.pay_period(people, period="2026-01").payslips[0].line("draw_advance").amount == Decimal("15000.00")  # 40,000 - 25,000
    assert scheme.pay_period(people, period="2026-07").payslips[0].line("draw_advance").amount == Decimal("20000.00")  # 45,000 - 25,000
    slip = scheme.with_overrides({"hunter.draw.amount": "50000.00"}).pay_period(people, period="2026-07").payslips[0]
    assert slip.line("draw_advance").amount == Decimal("25000.00")  # 50,000 - 25,000
    assert slip.total == Decimal("50000.00")
    assert "draw hunter.draw.amount 50,000.00" in slip.line("draw_advance").explanation
    with pytest.raises(motiv.RuleError, match="parameter 'hunter.draw.amount' is -1; expected money >= 0") as e:
        scheme.with_overrides({"hunter.draw.amount": "-1.00"})
    assert e.value.pointer == "/periods/draws/hunter/amount"
