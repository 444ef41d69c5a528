"""Scheme.compute: one payslip, hand-checked amounts, exact types, explanations, input checks."""

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import numpy as np
import pytest

import motiv
from motiv_test_support import PERIOD

OP_01 = {"calls": 260, "talk_minutes": 2880, "days_worked": 22, "meetings": 25, "script_compliance": "0.96"}

# (person, role, inputs, {component: amount}, total), worked out by hand for 2026-10.
# operator: salary 42,000.00 (from 2026-07); bonus only when calls >= 200, talk/day >= 120 and script >= 80%;
#           rate 10% + 1% per target met (calls >= 250, talk/day >= 150, meetings >= 20,
#           meetings/calls >= 15%, script >= 95%), at most 15%.
# hunter:   salary 25,000.00; graduated commission 5% to 300,000, 7% to 1,000,000, 10% above;
#           penalty 2,000.00 per overdue handover, capped at the commission.
# farmer:   salary 50,000.00; bonus 10% / 12.5% from 1,000,000 / 15% from 2,000,000 of salary;
#           half the bonus cut when volume <= volume_prev.
CASES = [
    # talk 2880/22 = 130.9/day; targets: calls 260 yes, talk no, meetings 25 yes, 25/260 = 9.6% no,
    # script 96% yes -> 3 -> 13% * 42,000 = 5,460
    ("op-01", "operator", OP_01, {"salary": "42000.00", "bonus": "5460.00"}, "47460.00"),
    # calls 180 < gate 200: no bonus
    ("op-02", "operator", {"calls": 180, "talk_minutes": 2700, "days_worked": 21, "meetings": 12, "script_compliance": "0.90"},
     {"salary": "42000.00", "bonus": "0.00"}, "42000.00"),
    # 3520/22 = 160/day, 46/300 = 15.3%: all 5 targets -> 15% (the maximum) * 42,000 = 6,300
    ("op-03", "operator", {"calls": 300, "talk_minutes": 3520, "days_worked": 22, "meetings": 46, "script_compliance": "0.97"},
     {"salary": "42000.00", "bonus": "6300.00"}, "48300.00"),
    # 2520/21 = 120/day passes the gate exactly; no target met -> 10% * 42,000 = 4,200
    ("op-04", "operator", {"calls": 220, "talk_minutes": 2520, "days_worked": 21, "meetings": 18, "script_compliance": "0.85"},
     {"salary": "42000.00", "bonus": "4200.00"}, "46200.00"),
    # 300,000*5% + 700,000*7% + 250,000*10% = 15,000 + 49,000 + 25,000 = 89,000; penalty 2*2,000
    ("h-01", "hunter", {"revenue": "1250000.00", "overdue_handovers": 2},
     {"salary": "25000.00", "commission": "89000.00", "handover_penalty": "-4000.00"}, "110000.00"),
    # 40,000*5% = 2,000; penalty 2*2,000 = 4,000 capped at the commission 2,000
    ("h-03", "hunter", {"revenue": "40000.00", "overdue_handovers": 2},
     {"salary": "25000.00", "commission": "2000.00", "handover_penalty": "-2000.00"}, "25000.00"),
    # 15,000 + 223,456.78*7% = 15,000 + 15,641.9746 = 30,641.9746 -> 30,641.97
    ("h-04", "hunter", {"revenue": "523456.78", "overdue_handovers": 0},
     {"salary": "25000.00", "commission": "30641.97", "handover_penalty": "0.00"}, "55641.97"),
    # 15,000 + 0.50*7% = 15,000.035 -> half_up 15,000.04; overdue_handovers defaults to 0
    ("h-05", "hunter", {"revenue": "300000.50"},
     {"salary": "25000.00", "commission": "15000.04", "handover_penalty": "0.00"}, "40000.04"),
    # 1,250,000 -> 12.5% * 50,000 = 6,250; no growth (1,250,000 <= 1,300,000): cut 50% = 3,125
    ("f-01", "farmer", {"volume": "1250000.00", "volume_prev": "1300000.00"},
     {"salary": "50000.00", "bonus": "6250.00", "no_growth_cut": "-3125.00"}, "53125.00"),
    # 2,400,000 -> 15% * 50,000 = 7,500; grew
    ("f-02", "farmer", {"volume": "2400000.00", "volume_prev": "2100000.00"},
     {"salary": "50000.00", "bonus": "7500.00", "no_growth_cut": "0.00"}, "57500.00"),
    # 800,000 -> 10% = 5,000; equal volume counts as no growth: cut 2,500
    ("f-03", "farmer", {"volume": "800000.00", "volume_prev": "800000.00"},
     {"salary": "50000.00", "bonus": "5000.00", "no_growth_cut": "-2500.00"}, "52500.00"),
]


@pytest.mark.parametrize("person, role, inputs, lines, total", CASES, ids=[c[0] for c in CASES])
def test_hand_checked_pay(scheme, person, role, inputs, lines, total):
    slip = scheme.compute(role=role, period=PERIOD, inputs=inputs, person=person)
    assert {line.component: line.amount for line in slip.lines} == {k: Decimal(v) for k, v in lines.items()}
    assert slip.total == Decimal(total)
    # The lines add up to the total, in Decimals and in minor units.
    assert sum(line.amount for line in slip.lines) == slip.total
    assert sum(line.minor for line in slip.lines) == slip.total_minor == int(Decimal(total) * 100)


@pytest.mark.parametrize("person, role, inputs, lines, total", CASES[:1] + CASES[4:5] + CASES[8:9], ids=["op-01", "h-01", "f-01"])
def test_amounts_are_exact_decimals(scheme, person, role, inputs, lines, total):
    slip = scheme.compute(role=role, period=PERIOD, inputs=inputs, person=person)
    for amount in [slip.total] + [line.amount for line in slip.lines]:
        assert type(amount) is Decimal
        assert amount.as_tuple().exponent == -2  # the currency's places, never a float's
    assert isinstance(slip.total_minor, int)


def test_payslip_metadata(scheme):
    slip = scheme.compute(role="farmer", period=PERIOD, inputs=CASES[8][2], person="f-01", name="Лев Петров")
    assert (slip.person, slip.name, slip.role, slip.period) == ("f-01", "Лев Петров", "farmer", PERIOD)
    assert (slip.scheme, slip.version, slip.rules_sha256, slip.currency) == ("three_tier", "2026.2", scheme.sha256, "RUB")
    # prorata: the built-in share of the period (default 1), read by the prorated salary
    assert slip.inputs == {"volume": Decimal("1250000"), "volume_prev": Decimal("1300000"), "prorata": Decimal("1")}
    assert repr(slip) == "<motiv.Payslip f-01 farmer 2026-10 total=53125.00 RUB (3 lines)>"
    assert slip.line("bonus").amount == Decimal("6250.00") and slip.line("nope") is None


def test_dated_parameter_follows_the_period(scheme):
    # operator.salary is 40,000.00 until 2026-06 and 42,000.00 from 2026-07.
    assert scheme.compute(role="operator", period="2026-03", inputs=OP_01).line("salary").amount == Decimal("40000.00")


@pytest.mark.parametrize(
    "component, fragments",
    [
        ("salary", ["hunter.salary", "25,000.00"]),
        ("commission", ["graduated(hunter.commission.tiers", "revenue 1,250,000.00", "= 89,000.00"]),
        ("handover_penalty", ["overdue_handovers 2", "2,000.00", "-4,000.00", "when overdue_handovers 2 > 0: true"]),
    ],
)
def test_explanation_strings(scheme, component, fragments):
    slip = scheme.compute(role="hunter", period=PERIOD, inputs=CASES[4][2], person="h-01")
    text = slip.line(component).explanation
    assert text.startswith(component + " = ")
    for fragment in fragments:
        assert fragment in text
    assert str(slip.line(component)) == text


def test_not_applied_line(scheme):
    line = scheme.compute(role="operator", period=PERIOD, inputs=CASES[1][2]).line("bonus")
    assert (line.applied, line.amount) == (False, Decimal("0.00"))
    assert "not applied" in line.explanation and "gates_passed false" in line.explanation


def _check_tree(node):
    assert isinstance(node["label"], str) and isinstance(node["value"], str)
    assert set(node) <= {"label", "value", "formula", "detail", "pointer", "children"}
    for child in node.get("children", []):
        _check_tree(child)


def test_tree_shape(scheme):
    line = scheme.compute(role="hunter", period=PERIOD, inputs=CASES[4][2]).line("commission")
    tree = line.tree
    _check_tree(tree)
    assert (tree["label"], tree["value"], tree["pointer"]) == ("commission", "89,000.00", "/roles/hunter/components/1")
    assert line.pointer == tree["pointer"]
    tiers = next(c for c in tree["children"] if c["label"] == "hunter.commission.tiers")
    assert [t["value"] for t in tiers["children"]] == ["15,000.00", "49,000.00", "25,000.00"]


def test_to_dict_and_explain(scheme):
    slip = scheme.compute(role="hunter", period=PERIOD, inputs=CASES[4][2], person="h-01")
    d = slip.to_dict()
    assert (d["person"], d["total"], d["total_minor"]) == ("h-01", "110000.00", 11000000)
    assert d["scheme"] == {"name": "three_tier", "version": "2026.2", "sha256": scheme.sha256}
    assert [ln["amount"] for ln in d["lines"]] == ["25000.00", "89000.00", "-4000.00"]
    assert d["lines"][1]["explanation"] == slip.line("commission").tree
    full, short = slip.explain(trees=True), slip.explain(trees=False)
    assert "tier 3: from 100% of quota (1,000,000.00) and above at 10%" in full and "tier 3" not in short
    assert str(slip) == short and "110,000.00 RUB" in short


@pytest.mark.parametrize(
    "revenue",
    ["1250000.00", "1250000", 1250000, Decimal("1250000.00"), Decimal("1.25E+6"), np.int64(1250000), " 1250000.00 "],
    ids=["str", "str int", "int", "Decimal", "Decimal exponent", "numpy int", "padded str"],
)
def test_accepted_value_types(scheme, revenue):
    slip = scheme.compute(role="hunter", period=PERIOD, inputs={"revenue": revenue, "overdue_handovers": 2})
    assert slip.total == Decimal("110000.00")


@pytest.mark.parametrize("missing", [None, ""], ids=["None", "empty"])
def test_none_or_empty_takes_the_default(scheme, missing):
    slip = scheme.compute(role="hunter", period=PERIOD, inputs={"revenue": "300000.50", "overdue_handovers": missing})
    assert slip.total == Decimal("40000.04")


@pytest.mark.parametrize(
    "value, error, words",
    [
        (1250000.0, TypeError, ["float", "not exact"]),
        (np.float64(1250000.0), TypeError, ["float", "not exact"]),
        (True, TypeError, ["bool"]),
        ([1], TypeError, ["list"]),
        (Decimal("NaN"), ValueError, ["finite"]),
    ],
    ids=["float", "numpy float", "bool", "list", "Decimal NaN"],
)
def test_refused_value_types(scheme, value, error, words):
    with pytest.raises(error) as info:
        scheme.compute(role="hunter", period=PERIOD, inputs={"revenue": value})
    for word in words:
        assert word in str(info.value)
    assert "revenue" in str(info.value)


@pytest.mark.parametrize(
    "role, inputs, field, message",
    [
        ("hunter", {"revenue": "1250000.005"}, "revenue", "expected money with at most 2 decimal places, got '1250000.005'"),
        ("hunter", {"revenue": "-1.00"}, "revenue", "expected at least 0, got '-1'"),
        ("hunter", {"revenue": "lots"}, "revenue", "expected money (e.g. 1250000.00), got 'lots'"),
        ("operator", dict(OP_01, calls="12.5"), "calls", "expected a count (a whole number >= 0), got '12.5'"),
        ("operator", dict(OP_01, script_compliance="1.2"), "script_compliance", "expected at most 1, got '1.2'"),
    ],
)
def test_bad_value_is_data_error(scheme, role, inputs, field, message):
    with pytest.raises(motiv.DataError) as info:
        scheme.compute(role=role, period=PERIOD, inputs=inputs, person="x-1")
    issue = info.value.issues[0]
    assert (info.value.id, issue["field"], issue["person"], issue["message"]) == ("motiv.data_error.304", field, "x-1", message)


def test_unknown_input_is_data_error(scheme):
    with pytest.raises(motiv.DataError) as info:
        scheme.compute(role="hunter", period=PERIOD, inputs={"revenue": "1.00", "revnue": "2.00", "bonus": "3"})
    assert [(i["id"], i["field"]) for i in info.value.issues] == [
        ("motiv.data_error.302", "revnue"),
        ("motiv.data_error.302", "bonus"),
    ]
    assert "unknown input 'revnue'" in str(info.value)


@pytest.mark.parametrize(
    "role, inputs, error_id, field",
    [
        ("hunter", {}, "motiv.data_error.202", "revenue"),
        ("hunter", None, "motiv.data_error.202", "revenue"),
        ("manager", {}, "motiv.data_error.201", "role"),
    ],
    ids=["missing input", "no inputs", "unknown role"],
)
def test_missing_input_or_unknown_role(scheme, role, inputs, error_id, field):
    with pytest.raises(motiv.DataError) as info:
        scheme.compute(role=role, period=PERIOD, inputs=inputs, person="h-9")
    assert (info.value.id, info.value.issues[0]["field"], info.value.issues[0]["person"]) == (error_id, field, "h-9")


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda s: s.compute(role="hunter", period="2026/10", inputs={"revenue": "1.00"}), ValueError),
        (lambda s: s.compute(role="hunter", period=PERIOD, inputs=[("revenue", "1.00")]), TypeError),
        (lambda s: s.compute(role="hunter", period=PERIOD, inputs={1: "1.00"}), TypeError),
        (lambda s: s.compute("hunter", PERIOD, {"revenue": "1.00"}), TypeError),  # keyword-only
    ],
    ids=["bad period", "inputs not a mapping", "non-str name", "positional"],
)
def test_argument_misuse(scheme, call, error):
    with pytest.raises(error):
        call(scheme)


def test_threads_give_the_same_pay(scheme):
    cases = CASES * 20

    def pay(case):
        person, role, inputs, _, _ = case
        return scheme.compute(role=role, period=PERIOD, inputs=inputs, person=person).total

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(pay, cases)) == [Decimal(c[4]) for c in cases]
