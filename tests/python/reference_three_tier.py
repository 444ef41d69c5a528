"""An independent second implementation of ``rules/three_tier.json``, for differential testing.

Written by hand from reading the rule file and the README, in plain Python ``decimal`` (plus exact
integer arithmetic for the one inexact operation, division). It shares no code with the engine
and reads nothing from the rule file: every figure below is hard-coded on purpose, so that a change
to the engine's parser, compiler, interpreter, rounding or batch path -- or to the rule file --
shows up as a disagreement instead of being silently mirrored.

Semantics reproduced (README "Rule file format" and "Money is exact"):

- each payslip line is rounded exactly once, half_up (ties away from zero) to 0.01, after cap/floor;
  a penalty's magnitude is rounded, then negated; a line whose ``when`` is false is 0;
- a reference to another component reads that component's *rounded* line;
- division rounds half-even to 9 decimal places (motiv's ``Decimal``), and comparisons use that
  rounded quotient (so 359.999999999 talk minutes over 3 days is 120.000000000 per day: gate passed);
- ``if(c, a, b)`` does not evaluate the branch not taken (no division by zero when calls == 0);
- every salary is prorated: multiplied by the input ``prorata`` (the share of the period worked,
  default 1) before its one rounding; the farmer's bonus is a share of that rounded salary line;
- the hunter's commission tiers are shares of a 1,000,000.00 quota (attainment = revenue / quota):
  a threshold is that share times the quota, in money.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from typing import Dict, Mapping, NamedTuple, Optional, Union

__all__ = ["ROLES", "COMPONENTS", "Slip", "pay", "operator_salary", "div9"]

# Wide enough that every product and sum below is exact (amounts < 1e19, rates <= 3 places).
_CTX = Context(prec=80)
CENT = Decimal("0.01")
_ZERO = Decimal(0)

ROLES = ("farmer", "hunter", "operator")
COMPONENTS = {
    "operator": ("salary", "bonus"),
    "hunter": ("salary", "commission", "handover_penalty"),
    "farmer": ("salary", "bonus", "no_growth_cut"),
}

# --- operator --------------------------------------------------------------------------------
OPERATOR_SALARY_FROM_2026_01 = Decimal("40000.00")
OPERATOR_SALARY_FROM_2026_07 = Decimal("42000.00")
OPERATOR_BASE_RATE = Decimal("0.10")
OPERATOR_STEP = Decimal("0.01")
OPERATOR_MAX_RATE = Decimal("0.15")
GATE_CALLS = 200
GATE_TALK_PER_DAY = Decimal(120)
GATE_SCRIPT = Decimal("0.80")
TARGET_CALLS = 250
TARGET_TALK_PER_DAY = Decimal(150)
TARGET_MEETINGS = 20
TARGET_EFFECTIVENESS = Decimal("0.15")
TARGET_SCRIPT = Decimal("0.95")

# --- hunter ----------------------------------------------------------------------------------
HUNTER_SALARY = Decimal("25000.00")
HUNTER_QUOTA = Decimal("1000000.00")
# Graduated by attainment: each rate applies to the part of the revenue inside its tier, the tiers
# starting at 0%, 30% and 100% of the quota.
HUNTER_TIERS = tuple((_CTX.multiply(share, HUNTER_QUOTA), rate) for share, rate in (
    (Decimal(0), Decimal("0.05")), (Decimal("0.30"), Decimal("0.07")), (Decimal("1.00"), Decimal("0.10"))))
PENALTY_PER_CLIENT = Decimal("2000.00")

# --- farmer ----------------------------------------------------------------------------------
FARMER_SALARY = Decimal("50000.00")
# rate_at: the rate of the highest tier the volume reaches (thresholds inclusive).
FARMER_RATE_TIERS = ((Decimal(0), Decimal("0.10")), (Decimal(1000000), Decimal("0.125")), (Decimal(2000000), Decimal("0.15")))
NO_GROWTH_CUT = Decimal("0.50")


class Slip(NamedTuple):
    role: str
    lines: Dict[str, Decimal]  # component id -> amount (2 places), payslip order
    total: Decimal

    def minor(self) -> Dict[str, int]:
        """Lines and total in kopecks."""
        out = {k: int(v.scaleb(2, context=_CTX)) for k, v in self.lines.items()}
        out["total"] = int(self.total.scaleb(2, context=_CTX))
        return out


def _round_line(x: Decimal) -> Decimal:
    """half_up to 0.01: ties away from zero."""
    return x.quantize(CENT, rounding=ROUND_HALF_UP, context=_CTX)


def div9(a: Decimal, b: Decimal) -> Decimal:
    """a / b rounded half-even to 9 decimal places, computed exactly with integers (b != 0)."""
    q = Fraction(a) / Fraction(b) * 10**9
    negative = q < 0
    q = -q if negative else q
    whole, rem = divmod(q.numerator, q.denominator)
    twice = 2 * rem
    if twice > q.denominator or (twice == q.denominator and whole % 2 == 1):
        whole += 1
    return Decimal(-whole if negative else whole).scaleb(-9, context=_CTX)


def operator_salary(period: str) -> Decimal:
    """The dated parameter: in force on the period's first day."""
    year, month = (int(p) for p in period.split("-"))
    if (year, month) < (2026, 1):
        raise ValueError(f"operator.salary has no value before 2026-01-01 (period {period})")
    return OPERATOR_SALARY_FROM_2026_07 if (year, month) >= (2026, 7) else OPERATOR_SALARY_FROM_2026_01


def _graduated(tiers, x: Decimal) -> Decimal:
    total = _ZERO
    for k, (lo, rate) in enumerate(tiers):
        if x <= lo:
            break
        hi = tiers[k + 1][0] if k + 1 < len(tiers) else None
        upper = x if hi is None or x < hi else hi
        total = _CTX.add(total, _CTX.multiply(_CTX.subtract(upper, lo), rate))
    return total


def _rate_at(tiers, x: Decimal) -> Decimal:
    rate = _ZERO  # below the first tier
    for lo, r in tiers:
        if x >= lo:
            rate = r
    return rate


def _prorated(amount: Decimal, v: Mapping[str, Optional[Decimal]]) -> Decimal:
    """A salary times the share of the period worked (input prorata, default 1), then rounded."""
    share = v.get("prorata")
    return _round_line(amount if share is None else _CTX.multiply(amount, share))


def _operator(period: str, v: Mapping[str, Decimal]) -> Dict[str, Decimal]:
    salary = _prorated(operator_salary(period), v)
    calls, days, talk = v["calls"], v["days_worked"], v["talk_minutes"]
    meetings, script = v["meetings"], v["script_compliance"]
    talk_per_day = div9(talk, days) if days > 0 else _ZERO
    effectiveness = div9(meetings, calls) if calls > 0 else _ZERO
    gates = calls >= GATE_CALLS and talk_per_day >= GATE_TALK_PER_DAY and script >= GATE_SCRIPT
    targets = sum((
        calls >= TARGET_CALLS,
        talk_per_day >= TARGET_TALK_PER_DAY,
        meetings >= TARGET_MEETINGS,
        effectiveness >= TARGET_EFFECTIVENESS,
        script >= TARGET_SCRIPT,
    ))
    rate = min(_CTX.add(OPERATOR_BASE_RATE, _CTX.multiply(OPERATOR_STEP, Decimal(targets))), OPERATOR_MAX_RATE)
    bonus = _round_line(_CTX.multiply(rate, salary)) if gates else _ZERO
    return {"salary": salary, "bonus": bonus}


def _hunter(v: Mapping[str, Decimal]) -> Dict[str, Decimal]:
    salary = _prorated(HUNTER_SALARY, v)
    commission = _round_line(_graduated(HUNTER_TIERS, v["revenue"]))
    overdue = v.get("overdue_handovers")
    overdue = _ZERO if overdue is None else overdue  # default 0
    if overdue > 0:
        magnitude = min(_CTX.multiply(overdue, PENALTY_PER_CLIENT), commission)  # cap: the commission line
        penalty = -_round_line(magnitude)
    else:
        penalty = _ZERO
    return {"salary": salary, "commission": commission, "handover_penalty": penalty + 0}  # +0: no -0


def _farmer(v: Mapping[str, Decimal]) -> Dict[str, Decimal]:
    salary = _prorated(FARMER_SALARY, v)
    volume, prev = v["volume"], v["volume_prev"]
    bonus = _round_line(_CTX.multiply(_rate_at(FARMER_RATE_TIERS, volume), salary))
    cut = -_round_line(_CTX.multiply(NO_GROWTH_CUT, bonus)) if volume <= prev else _ZERO
    return {"salary": salary, "bonus": bonus, "no_growth_cut": cut + 0}


def pay(role: str, period: str, inputs: Mapping[str, Optional[Union[Decimal, int, str]]]) -> Slip:
    """One person's payslip under three_tier, computed independently of motiv."""
    v = {k: (None if x is None or x == "" else Decimal(x)) for k, x in inputs.items()}
    if role == "operator":
        lines = _operator(period, v)
    elif role == "hunter":
        lines = _hunter(v)
    elif role == "farmer":
        lines = _farmer(v)
    else:
        raise ValueError(f"unknown role {role!r}")
    total = _ZERO
    for amount in lines.values():
        total = _CTX.add(total, amount)
    return Slip(role, lines, total)
