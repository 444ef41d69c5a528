"""Differential test: the engine against an independent implementation of three_tier.

``reference_three_tier`` re-implements ``rules/three_tier.json`` by hand in Python ``decimal``
(no shared code, no formulas read from the file). The engine must agree with it to the kopeck on
every line of >= 100,000 seeded random person-periods -- paid with the batch engine, over several
periods either side of the operator's dated salary -- and, line by line, on a slice paid with the
one-person ``Scheme.compute``. Values are piled on purpose on tier edges, KPI gates and targets,
rounding ties and division near-ties (talk minutes per day one 10^-9 from 120 or 150 before the
9-place half-even rounding; meetings / calls a hair under 0.15).
"""
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
import reference_three_tier as ref

SEED = 20261001
ROWS_PER_PERIOD = 24_000
# Either side of the operator's salary change (40,000.00 -> 42,000.00 on 2026-07-01).
PERIODS = ["2026-01", "2026-06", "2026-07", "2026-10", "2027-02"]
G = 10**9  # talk_minutes and script_compliance are generated at scale 9

FINE = {"calls": 0, "days_worked": 0, "talk_minutes": 9, "meetings": 0, "script_compliance": 9,
        "revenue": 2, "overdue_handovers": 0, "volume": 2, "volume_prev": 2, "prorata": 9}
# The scales the rest of the suite uses (talk minutes in tenths, compliance in 10^-4).
COARSE = dict(FINE, talk_minutes=1, script_compliance=4)

# (calls, meetings): effectiveness exactly 0.15, a hair either side, and 9-place near-ties / ties.
EFFECTIVENESS_PAIRS = np.array([
    (20, 3), (200, 30), (260, 39), (1999, 300), (2001, 300), (200, 29), (250, 38), (250, 37),
    (2_000_000_001, 300_000_000),  # 0.149999999925 -> 0.150000000: target met
    (2_000_000_000, 299_999_999),  # 0.1499999995 tie -> half-even 0.150000000: met
    (2_000_000_010, 300_000_000),  # 0.14999999925 -> 0.149999999: not met
    (6_666_666_667, 1_000_000_000),  # 0.1499999999925 -> 0.150000000: met
], dtype=np.int64)


def generate(n, seed, coarse=False):
    """n seeded random person-periods as int64 columns at the FINE scales (COARSE if coarse)."""
    rng = np.random.default_rng(seed)

    def pick(edges, lo, hi, p=0.45):
        edges = np.asarray(edges, dtype=np.int64)
        return np.where(rng.random(n) < p, rng.choice(edges, n), rng.integers(lo, hi + 1, n, dtype=np.int64))

    role = rng.choice(np.array(ref.ROLES), n)
    calls = pick([0, 1, 20, 199, 200, 201, 249, 250, 251], 0, 400)
    meetings = pick([0, 3, 19, 20, 21, 30, 37, 38], 0, 60)
    pairs = EFFECTIVENESS_PAIRS[rng.integers(0, len(EFFECTIVENESS_PAIRS), n)]
    use_pair = rng.random(n) < 0.15
    calls = np.where(use_pair, pairs[:, 0], calls)
    meetings = np.where(use_pair, pairs[:, 1], meetings)

    days = pick([0, 1, 2, 3, 7, 20, 21, 22], 0, 23)
    norm = rng.choice(np.array([120, 150], dtype=np.int64), n) * G
    # Within +-days units of 10^-9 of the norm x days: after dividing, within +-1e-9 of the norm,
    # including exact ties (offset = -days/2) that half-even settles.
    offset = rng.integers(-1, 2, n) * rng.integers(0, days + 1, n)
    offset = np.where(rng.random(n) < 0.2, -(days // 2), offset)
    near = days * norm + offset
    tenth_below = days * (norm - G // 10)  # 119.9 / 149.9 a day
    talk = rng.integers(0, (np.maximum(days, 1) * 200 + 1) * G, n, dtype=np.int64)  # anything, 9 places
    kind = rng.random(n)
    talk = np.where(kind < 0.45, near, np.where(kind < 0.6, tenth_below, talk))
    talk = np.maximum(talk, 0)

    script = pick(np.array([0, 7999, 8000, 9499, 9500, 10000]) * 100_000, 0, G)  # 0.7999 ... 1.0000
    script = np.where(rng.random(n) < 0.1, rng.choice(np.array([799_999_999, 800_000_001, 949_999_999, 950_000_001]), n), script)

    revenue = pick([0, 1, 10, 99, 100, 40_000, 1_000_000, 29_999_999, 30_000_000, 30_000_001, 30_000_050,
                    30_000_150, 99_999_999, 100_000_000, 100_000_001, 100_000_005, 125_000_000], 0, 300_000_000)
    revenue = np.where(rng.random(n) < 0.15, rng.integers(0, 10_000_000, n), revenue)  # commission under the cap
    overdue = pick([0, 1, 2, 3], 0, 12)

    volume = pick([0, 1, 99_999_999, 100_000_000, 100_000_001, 199_999_999, 200_000_000, 200_000_001], 0, 300_000_000)
    u = rng.random(n)
    prev = np.where(u < 0.3, volume, np.where(u < 0.4, np.maximum(volume + rng.choice([-1, 1], n), 0),
                                               pick([0, 100_000_000, 200_000_000], 0, 300_000_000)))

    # The share of the period worked: mostly all of it; else 10/22, 20/31 (9 places, as the engine
    # computes them from dates), a half, one day of 31, or any 9-place share.
    prorata = np.where(rng.random(n) < 0.7, G, rng.choice(np.array([454_545_455, 645_161_290, G // 2, 32_258_065, 1]), n))
    prorata = np.where(rng.random(n) < 0.1, rng.integers(0, G + 1, n), prorata)

    if coarse:  # onto the COARSE grid: talk minutes in tenths, compliance in 10^-4
        talk = talk // 10**8
        script = script // 10**5
    return pd.DataFrame({
        "id": np.arange(n),
        "role": pd.Categorical(role, categories=list(ref.ROLES)),
        "calls": calls, "days_worked": days, "talk_minutes": talk, "meetings": meetings,
        "script_compliance": script, "revenue": revenue, "overdue_handovers": overdue,
        "volume": volume, "volume_prev": prev, "prorata": prorata,
    })


READS = {
    "operator": ("calls", "days_worked", "talk_minutes", "meetings", "script_compliance", "prorata"),
    "hunter": ("revenue", "overdue_handovers", "prorata"),
    "farmer": ("volume", "volume_prev", "prorata"),
}


def row_inputs(cols, scales, role, i):
    """The inputs `role` reads, for row i, as exact Decimals."""
    return {name: Decimal(int(cols[name][i])).scaleb(-scales[name]) for name in READS[role]}


def expected_columns(df, scales, period, components):
    """The reference's pay for every row, as int64 kopeck columns shaped like compute_batch's."""
    n = len(df)
    out = {c: np.zeros(n, dtype=np.int64) for c in components + ["total"]}
    cols = {name: df[name].to_numpy() for name in FINE}
    roles = np.asarray(df["role"].astype(str))
    for i in range(n):
        role = roles[i]
        minor = ref.pay(role, period, row_inputs(cols, scales, role, i)).minor()
        for c, v in minor.items():
            out[c][i] = v
    return out


def describe_mismatch(df, scales, period, res, exp, components):
    bad = np.zeros(len(df), dtype=bool)
    for c in components + ["total"]:
        bad |= res[c].to_numpy() != exp[c]
    rows = np.flatnonzero(bad)
    lines = [f"{len(rows)} rows disagree with the reference for {period}; first ones:"]
    cols = {name: df[name].to_numpy() for name in FINE}
    for i in rows[:8]:
        role = str(df["role"].iat[i])
        got = {c: int(res[c].iat[i]) for c in components + ["total"]}
        want = {c: int(exp[c][i]) for c in components + ["total"]}
        lines.append(f"  row {i} {role} {row_inputs(cols, scales, role, i)}: engine {got} reference {want}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def batches(scheme):
    """(period, scales, data, engine result) per period: 5 x 24,000 = 120,000 person-periods."""
    out = []
    for k, period in enumerate(PERIODS):
        scales = COARSE if k % 2 else FINE
        df = generate(ROWS_PER_PERIOD, SEED + k, coarse=scales is COARSE)
        res = scheme.compute_batch(df, period=period, scales=scales, threads=2)
        out.append((period, scales, df, res))
    return out


def test_batch_agrees_with_reference_to_the_kopeck(scheme, batches):
    total_rows = 0
    for period, scales, df, res in batches:
        components = [c for c in res.attrs["amount_columns"] if c != "total"]
        assert res.attrs["scale"] == 2
        assert (res["status"] == 0).all(), f"{period}: rows not paid: {np.flatnonzero(res['status'].to_numpy())[:10]}"
        exp = expected_columns(df, scales, period, components)
        ok = all(np.array_equal(res[c].to_numpy(), exp[c]) for c in components + ["total"])
        assert ok, describe_mismatch(df, scales, period, res, exp, components)
        total_rows += len(df)
    assert total_rows >= 100_000


def test_generated_data_hits_the_edges_on_purpose(batches):
    """The generator really produces the edge cases the comparison is meant to cover."""
    fine = [df for _, scales, df, _ in batches if scales is FINE]
    df = pd.concat(fine, ignore_index=True)
    rev = set(df["revenue"].to_numpy().tolist())
    assert {30_000_000, 30_000_050, 99_999_999, 100_000_000} <= rev
    assert (df["volume"] == df["volume_prev"]).sum() > 1000
    assert {199, 200, 249, 250} <= set(df["calls"].to_numpy().tolist())
    assert {799_900_000, 800_000_000, 949_900_000, 950_000_000} <= set(df["script_compliance"].to_numpy().tolist())
    days, talk = df["days_worked"].to_numpy(), df["talk_minutes"].to_numpy()
    for norm in (120, 150):
        assert ((days > 0) & (talk == days * norm * G)).sum() > 100          # exactly at the norm
        assert ((days % 2 == 0) & (days > 0) & (talk == days * norm * G - days // 2)).sum() > 20  # tie
    calls, meetings = df["calls"].to_numpy(), df["meetings"].to_numpy()
    assert ((calls > 0) & (meetings * 20 == calls * 3)).sum() > 100          # effectiveness exactly 0.15


def test_reference_rounding_cases_by_hand():
    """The reference itself, on figures worked out by hand (README)."""
    hunter = ref.pay("hunter", "2026-10", {"revenue": "1250000.00", "overdue_handovers": 2})
    assert hunter.lines == {"salary": Decimal("25000.00"), "commission": Decimal("89000.00"),
                            "handover_penalty": Decimal("-4000.00")}
    assert ref.pay("hunter", "2026-10", {"revenue": "300000.50"}).lines["commission"] == Decimal("15000.04")
    assert ref.pay("hunter", "2026-10", {"revenue": "10000.00", "overdue_handovers": 3}).lines["handover_penalty"] == Decimal("-500.00")
    farmer = ref.pay("farmer", "2026-10", {"volume": "1250000.00", "volume_prev": "1300000.00"})
    assert farmer.total == Decimal("53125.00")
    assert ref.div9(Decimal("239.999999999"), Decimal(2)) == Decimal(120)  # tie, half-even up to ...0
    assert ref.div9(Decimal("239.999999997"), Decimal(2)) == Decimal("119.999999998")  # tie, to even
    # calls, meetings (20), effectiveness (40/250 = 0.16) and script met; talk 119.9999999995 -> 120: gate only
    op = {"calls": 250, "days_worked": 2, "talk_minutes": "239.999999999", "meetings": 40, "script_compliance": "0.95"}
    assert ref.pay("operator", "2026-06", op).lines["bonus"] == Decimal("5600.00")  # 40,000 x 14%
    assert ref.pay("operator", "2026-07", op).lines["bonus"] == Decimal("5880.00")  # 42,000 x 14%


def test_one_person_compute_agrees_line_by_line(scheme, batches):
    """A slice of every period through Scheme.compute, compared line by line with the reference."""
    checked = 0
    for period, scales, df, _ in batches:
        cols = {name: df[name].to_numpy() for name in FINE}
        for i in range(0, 600, 8):  # 75 rows a period
            role = str(df["role"].iat[i])
            inputs = row_inputs(cols, scales, role, i)
            slip = scheme.compute(role=role, period=period, inputs=inputs, person=f"p{i}")
            want = ref.pay(role, period, inputs)
            got = {line.component: line.amount for line in slip.lines}
            assert list(got) == list(want.lines), (period, i, role)
            for c, amount in want.lines.items():
                assert got[c] == amount, f"{period} row {i} {role} {inputs}: {c} engine {got[c]} reference {amount}"
                assert slip.line(c).minor == want.minor()[c]
            assert slip.total == want.total and slip.total_minor == want.minor()["total"]
            checked += 1
    assert checked >= 300
