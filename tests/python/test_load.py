"""motiv.load / loads, the scheme's attributes, parameters and what-if overrides."""

import hashlib
from decimal import Decimal
from pathlib import Path

import pytest

import motiv
from motiv_test_support import PERIOD, RULES

HUNTER_H01 = {"revenue": "1250000.00", "overdue_handovers": 2}


def test_public_names_exist():
    for name in motiv.__all__:
        assert hasattr(motiv, name), name


def test_attributes(scheme):
    assert (scheme.name, scheme.version, scheme.currency, scheme.minor_units) == ("three_tier", "2026.2", "RUB", 2)
    assert scheme.source == str(RULES)
    assert scheme.sha256 == hashlib.sha256(RULES.read_bytes()).hexdigest()
    assert sorted(scheme.roles) == ["farmer", "hunter", "operator"]
    assert scheme.overrides == {}
    assert "three_tier" in repr(scheme) and scheme.sha256[:12] in repr(scheme)


def test_loads_matches_load(scheme):
    text = RULES.read_text(encoding="utf-8")
    s = motiv.loads(text)
    assert s.source == "<string>"
    assert s.sha256 == scheme.sha256
    assert motiv.loads(text, source="mine.json").source == "mine.json"


def test_load_accepts_pathlib():
    assert motiv.load(Path(RULES)).name == "three_tier"


@pytest.mark.parametrize(
    "role, components",
    [
        ("operator", ["salary", "bonus"]),
        ("hunter", ["salary", "commission", "handover_penalty"]),
        ("farmer", ["salary", "bonus", "no_growth_cut"]),
    ],
)
def test_components(scheme, role, components):
    assert scheme.components(role) == components


@pytest.mark.parametrize(
    "name, kind, unit, required, default",
    [
        ("revenue", "money", "RUB", True, None),
        ("calls", "count", "calls", True, None),
        ("script_compliance", "ratio", "ratio", True, None),
        ("overdue_handovers", "count", "clients", False, Decimal("0")),  # "default": 0 makes it optional
    ],
)
def test_inputs(scheme, name, kind, unit, required, default):
    info = {i.name: i for i in scheme.inputs}[name]
    assert isinstance(info, motiv.InputInfo)
    assert (info.kind, info.unit, info.required, info.default) == (kind, unit, required, default)
    assert info.description


@pytest.mark.parametrize(
    "name, period, expected",
    [
        ("operator.salary", "2026-03", Decimal("40000.00")),  # dated: 40000.00 from 2026-01-01
        ("operator.salary", "2026-07", Decimal("42000.00")),  # ... 42000.00 from 2026-07-01
        ("operator.salary", PERIOD, Decimal("42000.00")),
        ("operator.bonus.max_rate", PERIOD, Decimal("0.15")),  # "15%"
        ("operator.gate.calls", PERIOD, Decimal("200")),
        ("hunter.salary", PERIOD, Decimal("25000.00")),
        (
            "hunter.commission.tiers",
            PERIOD,
            # thresholds as shares of the 1,000,000.00 quota (hunter.quota)
            [(Decimal("0"), Decimal("0.05")), (Decimal("0.3"), Decimal("0.07")), (Decimal("1"), Decimal("0.1"))],
        ),
    ],
)
def test_parameter(scheme, name, period, expected):
    value = scheme.parameter(name, period=period)
    assert value == expected
    assert str(value) == str(expected)  # same places, not just equal


def test_parameter_names(scheme):
    assert "hunter.commission.tiers" in scheme.parameter_names
    assert len(scheme.parameter_names) == 19


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.parameter("hunter.salry", period=PERIOD),
        lambda s: s.parameter("hunter.salary", period="2026-13"),
        lambda s: s.components("manager"),
    ],
    ids=["unknown parameter", "bad period", "unknown role"],
)
def test_lookup_misuse_is_value_error(scheme, call):
    with pytest.raises(ValueError):
        call(scheme)


def test_period_is_keyword_only(scheme):
    with pytest.raises(TypeError):
        scheme.parameter("hunter.salary", PERIOD)


def test_with_overrides_changes_pay(scheme):
    # hunter.salary 25000 -> 30000 adds exactly 5000.00 to a hunter's total.
    what_if = scheme.with_overrides({"hunter.salary": "30000.00"})
    base = scheme.compute(role="hunter", period=PERIOD, inputs=HUNTER_H01).total
    assert base == Decimal("110000.00")
    assert what_if.compute(role="hunter", period=PERIOD, inputs=HUNTER_H01).total == base + Decimal("5000.00")
    assert what_if.parameter("hunter.salary", period=PERIOD) == Decimal("30000.00")
    assert what_if.overrides == {"hunter.salary": "30000.00"}
    assert scheme.parameter("hunter.salary", period=PERIOD) == Decimal("25000.00")  # the original is untouched
    # The hash names what paid: the same file, but overridden, so not the file's own hash.
    assert what_if.sha256 != scheme.sha256
    assert scheme.with_overrides({"hunter.salary": "30000.00"}).sha256 == what_if.sha256


@pytest.mark.parametrize(
    "overrides, name, expected",
    [
        ({"hunter.salary": Decimal("30000.00")}, "hunter.salary", Decimal("30000.00")),
        ({"operator.gate.calls": 180}, "operator.gate.calls", Decimal("180")),
        ({"operator.bonus.max_rate": "20%"}, "operator.bonus.max_rate", Decimal("0.2")),
        ({"operator.salary": {"2026-01-01": "45000.00"}}, "operator.salary", Decimal("45000.00")),
        (
            {"hunter.commission.tiers": [("0", "6%"), ("500000", Decimal("0.08"))]},
            "hunter.commission.tiers",
            [(Decimal("0.00"), Decimal("0.06")), (Decimal("500000.00"), Decimal("0.08"))],
        ),
        (
            {"hunter.commission.tiers": [{"from": "0", "rate": "6%"}]},
            "hunter.commission.tiers",
            [(Decimal("0.00"), Decimal("0.06"))],
        ),
    ],
    ids=["Decimal", "int", "percent text", "dated", "tier pairs", "tier dicts"],
)
def test_override_value_forms(scheme, overrides, name, expected):
    assert scheme.with_overrides(overrides).parameter(name, period=PERIOD) == expected
    assert motiv.load(RULES, overrides=overrides).parameter(name, period=PERIOD) == expected


def test_overrides_stack(scheme):
    s = scheme.with_overrides({"hunter.salary": "30000.00"}).with_overrides({"farmer.salary": "55000.00"})
    assert s.overrides == {"hunter.salary": "30000.00", "farmer.salary": "55000.00"}
    assert s.parameter("hunter.salary", period=PERIOD) == Decimal("30000.00")


@pytest.mark.parametrize(
    "overrides, error, pointer",
    [
        ({"hunter.salry": "30000.00"}, motiv.RuleError, "/overrides/hunter.salry"),  # unknown name
        ({"hunter.salary": "30000.001"}, motiv.RuleError, "/overrides/hunter.salary"),  # 3 places for money
        ({"hunter.commission.tiers": [("0", "5%"), ("0", "7%")]}, motiv.RuleError, "/overrides/hunter.commission.tiers/1/from"),
        ({"hunter.salary": 30000.0}, TypeError, None),  # a binary float
        ({"hunter.salary": None}, TypeError, None),
        (["hunter.salary"], TypeError, None),  # not a mapping
    ],
)
def test_bad_overrides(scheme, overrides, error, pointer):
    with pytest.raises(error) as info:
        scheme.with_overrides(overrides)
    if pointer:
        assert info.value.pointer == pointer
        assert pointer in str(info.value)


def test_scheme_is_not_built_directly():
    with pytest.raises(TypeError):
        motiv.Scheme(object())
