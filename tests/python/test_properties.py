"""Properties of pay that must hold for every input, checked with Hypothesis (derandomized for CI).

- the lines of a payslip add up to its total (one-person path and batch);
- graduated commission is continuous (one kopeck more revenue changes it by at most
  top rate x 0.01 + 0.01 of rounding) and non-decreasing in revenue;
- retroactive commission jumps at each tier edge by exactly the expected amount;
- each line is rounded once, by its declared rounding: with floor to 100 every amount is a multiple
  of 100 within one step below the exact (unrounded) value;
- paying a batch in any row order, or split into chunks, gives the same amounts;
- overriding every parameter with its own value changes no amount; a sweep agrees with what-ifs.
"""
import json
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import motiv
from motiv_test_support import REFERENCE

PERIOD = "2026-10"
CTX = Context(prec=80)
CENT = Decimal("0.01")

# Hypothesis: deterministic (derandomize) and quick; no deadline (first calls load/compile schemes).
FAST = settings(max_examples=100, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SOME = settings(FAST, max_examples=40)

SCALES = {"calls": 0, "days_worked": 0, "talk_minutes": 1, "meetings": 0, "script_compliance": 4,
          "revenue": 2, "overdue_handovers": 0, "volume": 2, "volume_prev": 2}


def kop(d):
    """A Decimal amount in kopecks (exact)."""
    return int(d.scaleb(2, context=CTX))


def tier_scheme(tiers, mode, rounding=None):
    """A one-role scheme paying `commission` = revenue through `tiers` [(from_kop, rate_str)]."""
    doc = {
        "motiv": 1,
        "scheme": {"name": "tiers", "version": "1"},
        "currency": {"code": "RUB", "minor_units": 2},
        "rounding": rounding or {"mode": "half_up", "step": "0.01"},
        "inputs": {"revenue": {"type": "money", "min": 0}},
        "parameters": {"t": {"type": "tiers", "basis": "money",
                             "value": [{"from": str(Decimal(f).scaleb(-2)), "rate": r} for f, r in tiers]}},
        "roles": {"rep": {"components": [
            {"id": "commission", "kind": "commission", "base": "revenue", "tiers": "t", "mode": mode}]}},
    }
    return motiv.loads(json.dumps(doc), source=f"<{mode} tiers>")


@st.composite
def tier_tables(draw, first_at_zero=True):
    """1-5 tiers: strictly rising thresholds (kopecks), rates 0..150% with up to 6 places (as text)."""
    n = draw(st.integers(1, 5))
    gaps = draw(st.lists(st.integers(1, 50_000_000), min_size=n, max_size=n))
    start = 0 if first_at_zero else draw(st.integers(0, 10_000_000))
    froms = [start + sum(gaps[:k]) for k in range(n)]
    rates = draw(st.lists(st.integers(0, 1_500_000), min_size=n, max_size=n))
    return [(f, str(Decimal(r).scaleb(-6))) for f, r in zip(froms, rates)]


def revenues_around(tiers, draw):
    """Revenues (kopecks) on, just under and just over every edge, plus random ones."""
    out = [0, 1]
    for f, _ in tiers:
        out += [max(f - 1, 0), f, f + 1, f + 50]
    out += draw(st.lists(st.integers(0, tiers[-1][0] + 100_000_000), min_size=5, max_size=40))
    return np.array(out, dtype=np.int64)


def pay_revenues(scheme, revenue_kop):
    res = scheme.compute_batch({"role": np.array(["rep"] * len(revenue_kop)), "revenue": revenue_kop},
                               period=PERIOD, scales={"revenue": 2}, threads=1)
    assert (res["status"] == 0).all()
    return res["commission"].to_numpy()


def graduated_exact(tiers, revenue):
    total = Decimal(0)
    for k, (f, r) in enumerate(tiers):
        lo = Decimal(f).scaleb(-2)
        if revenue <= lo:
            break
        hi = Decimal(tiers[k + 1][0]).scaleb(-2) if k + 1 < len(tiers) else None
        upper = revenue if hi is None or revenue < hi else hi
        total = CTX.add(total, CTX.multiply(CTX.subtract(upper, lo), Decimal(r)))
    return total


def retro_exact(tiers, revenue):
    rate = None
    for f, r in tiers:
        if revenue >= Decimal(f).scaleb(-2):
            rate = Decimal(r)
    return Decimal(0) if rate is None else CTX.multiply(revenue, rate)


def half_up(x):
    return x.quantize(CENT, rounding=ROUND_HALF_UP, context=CTX)


# --------------------------------------------------------------------------------------------
# Lines add up to the total


@st.composite
def three_tier_person(draw):
    role = draw(st.sampled_from(["operator", "hunter", "farmer"]))
    money = st.integers(0, 500_000_000).map(lambda k: Decimal(k).scaleb(-2))
    if role == "operator":
        inputs = {"calls": draw(st.integers(0, 400)), "days_worked": draw(st.integers(0, 23)),
                  "talk_minutes": Decimal(draw(st.integers(0, 50_000_000))).scaleb(-4),
                  "meetings": draw(st.integers(0, 60)),
                  "script_compliance": Decimal(draw(st.integers(0, 10_000))).scaleb(-4)}
    elif role == "hunter":
        inputs = {"revenue": draw(money), "overdue_handovers": draw(st.integers(0, 20))}
    else:
        inputs = {"volume": draw(money), "volume_prev": draw(money)}
    period = draw(st.sampled_from(["2026-01", "2026-06", "2026-07", "2026-10", "2027-05"]))
    return role, period, inputs


@FAST
@given(three_tier_person())
def test_lines_sum_to_total_one_person(scheme, person):
    role, period, inputs = person
    slip = scheme.compute(role=role, period=period, inputs=inputs)
    assert sum((line.amount for line in slip.lines), Decimal(0)) == slip.total
    assert sum(line.minor for line in slip.lines) == slip.total_minor
    for line in slip.lines:
        assert line.amount == Decimal(line.minor).scaleb(-2)
        assert line.applied or line.minor == 0


def three_tier_rows(n, seed):
    """Seeded random three_tier rows (int64 columns at SCALES), edges included."""
    rng = np.random.default_rng(seed)

    def pick(edges, lo, hi):
        return np.where(rng.random(n) < 0.4, rng.choice(np.asarray(edges, dtype=np.int64), n),
                        rng.integers(lo, hi + 1, n, dtype=np.int64))

    days = pick([0, 20, 21, 22], 0, 23)
    vol = pick([99_999_999, 100_000_000, 200_000_000], 0, 300_000_000)
    return pd.DataFrame({
        "id": np.arange(n),
        "role": rng.choice(np.array(["operator", "hunter", "farmer"]), n),
        "calls": pick([0, 199, 200, 249, 250], 0, 400),
        "days_worked": days,
        "talk_minutes": days * pick([1200, 1199, 1500, 1499], 0, 2000),
        "meetings": pick([19, 20, 30], 0, 60),
        "script_compliance": pick([7999, 8000, 9499, 9500, 10000], 0, 10_000),
        "revenue": pick([30_000_000, 30_000_050, 99_999_999, 100_000_000], 0, 300_000_000),
        "overdue_handovers": pick([0, 1, 2], 0, 10),
        "volume": vol,
        "volume_prev": np.where(rng.random(n) < 0.3, vol, pick([100_000_000], 0, 300_000_000)),
    })


def amounts(res):
    return {c: res[c].to_numpy() for c in res.attrs["amount_columns"]}


@SOME
@given(st.integers(1, 2000), st.integers(0, 2**32 - 1), st.sampled_from(["2026-03", "2026-07", "2026-10"]))
def test_lines_sum_to_total_batch(scheme, n, seed, period):
    res = scheme.compute_batch(three_tier_rows(n, seed), period=period, scales=SCALES)
    assert (res["status"] == 0).all()
    parts = [c for c in res.attrs["amount_columns"] if c != "total"]
    assert np.array_equal(res[parts].sum(axis=1).to_numpy(), res["total"].to_numpy())


# --------------------------------------------------------------------------------------------
# Graduated: continuous and non-decreasing; retroactive: exact jumps at the edges


@FAST
@given(tier_tables(first_at_zero=False), st.data())
def test_graduated_is_continuous_and_non_decreasing(tiers, data):
    scheme = tier_scheme(tiers, "graduated")
    r = revenues_around(tiers, data.draw)
    at, above = pay_revenues(scheme, r), pay_revenues(scheme, r + 1)
    top = max(Decimal(rate) for _, rate in tiers)
    bound = CTX.add(CTX.multiply(top, CENT), CENT)  # top rate x 0.01 + 0.01 (rounding)
    for i, rk in enumerate(r.tolist()):
        step = Decimal(int(above[i] - at[i])).scaleb(-2)
        assert 0 <= step <= bound, f"tiers {tiers}: revenue {Decimal(rk).scaleb(-2)} -> +0.01 changes pay by {step}"
        assert at[i] == kop(half_up(graduated_exact(tiers, Decimal(rk).scaleb(-2)))), (tiers, rk)
    order = np.argsort(r, kind="stable")
    assert (np.diff(at[order]) >= 0).all(), "graduated commission fell as revenue rose"


@FAST
@given(tier_tables(first_at_zero=False), st.data())
def test_retroactive_jumps_exactly_at_the_edges(tiers, data):
    scheme = tier_scheme(tiers, "retroactive")
    edges = np.array([f for f, _ in tiers if f > 0], dtype=np.int64)
    if len(edges):
        at, below = pay_revenues(scheme, edges), pay_revenues(scheme, edges - 1)
        for i, e in enumerate(edges.tolist()):
            k = [f for f, _ in tiers].index(e)
            new_rate = Decimal(tiers[k][1])
            old = Decimal(0) if k == 0 else CTX.multiply(Decimal(e - 1).scaleb(-2), Decimal(tiers[k - 1][1]))
            expected = kop(half_up(CTX.multiply(Decimal(e).scaleb(-2), new_rate))) - kop(half_up(old))
            assert at[i] - below[i] == expected, f"tiers {tiers}: jump at {Decimal(e).scaleb(-2)}"
    # Between edges it moves by at most the rate in force x 0.01 + 0.01, and is exact everywhere.
    r = revenues_around(tiers, data.draw)
    inside = np.array([x for x in r.tolist() if x + 1 not in {f for f, _ in tiers}], dtype=np.int64)
    at, above = pay_revenues(scheme, inside), pay_revenues(scheme, inside + 1)
    for i, rk in enumerate(inside.tolist()):
        exact = retro_exact(tiers, Decimal(rk).scaleb(-2))
        assert at[i] == kop(half_up(exact))
        rate = max([Decimal(rt) for f, rt in tiers if f <= rk] or [Decimal(0)])
        assert abs(int(above[i] - at[i])) <= rate + 1, (tiers, rk)


# --------------------------------------------------------------------------------------------
# Rounding: once per line, by the declared step


def floor_scheme(k, tiers):
    """Lines rounded floor to 100: a formula, a penalty's magnitude, a percent (the scheme's
    default rounding) and a graduated commission, which must be rounded as a whole, not per tier."""
    doc = {
        "motiv": 1,
        "scheme": {"name": "floor100", "version": "1"},
        "currency": {"code": "RUB", "minor_units": 2},
        "rounding": {"mode": "floor", "step": "100"},
        "inputs": {"revenue": {"type": "money", "min": 0}},
        "parameters": {"k": {"type": "ratio", "value": k},
                       "t": {"type": "tiers", "basis": "money",
                             "value": [{"from": str(Decimal(f).scaleb(-2)), "rate": r} for f, r in tiers]}},
        "roles": {"rep": {"components": [
            {"id": "formula", "kind": "formula", "amount": "revenue * k - 12345.67",
             "rounding": {"mode": "floor", "step": "100"}},
            {"id": "penalty", "kind": "penalty", "rate": "k", "of": "revenue",
             "rounding": {"mode": "floor", "step": "100"}},
            {"id": "percent", "kind": "percent", "rate": "k", "of": "revenue"},
            {"id": "commission", "kind": "commission", "base": "revenue", "tiers": "t", "mode": "graduated"},
            {"id": "kopecks", "kind": "formula", "amount": "revenue * k", "rounding": {"mode": "half_up", "step": "0.01"}},
        ]}},
    }
    return motiv.loads(json.dumps(doc), source="<floor 100>")


def floor_to(x, step):
    return CTX.multiply((x / step).to_integral_value(rounding=ROUND_FLOOR, context=CTX), step)


@FAST
@given(st.integers(0, 999_999).map(lambda r: str(Decimal(r).scaleb(-6))), tier_tables(),
       st.lists(st.integers(0, 500_000_000), min_size=1, max_size=30))
def test_each_line_is_rounded_once_by_its_declared_step(k, tiers, revenue_kop):
    scheme = floor_scheme(k, tiers)
    rk = np.array(revenue_kop, dtype=np.int64)
    res = scheme.compute_batch({"role": np.array(["rep"] * len(rk)), "revenue": rk}, period=PERIOD, scales={"revenue": 2})
    hundred = Decimal(100)
    rate = Decimal(k)
    for i, kp in enumerate(revenue_kop):
        revenue = Decimal(kp).scaleb(-2)
        raw = {
            "formula": CTX.subtract(CTX.multiply(revenue, rate), Decimal("12345.67")),
            "penalty": CTX.multiply(revenue, rate),  # magnitude
            "percent": CTX.multiply(revenue, rate),
            "commission": graduated_exact(tiers, revenue),
        }
        for c, exact in raw.items():
            got = Decimal(int(res[c].iat[i])).scaleb(-2)
            if c == "penalty":
                got = -got  # the magnitude is rounded, then negated
            assert got % hundred == 0, f"{c}: {got} is not a multiple of 100"
            assert got <= exact < got + hundred, f"{c}: floor to 100 of {exact} gave {got}"
            assert got == floor_to(exact, hundred)
        assert int(res["kopecks"].iat[i]) == kop(half_up(CTX.multiply(revenue, rate)))


# --------------------------------------------------------------------------------------------
# Batch: any order, any split


@SOME
@given(st.integers(1, 1500), st.integers(0, 2**32 - 1), st.lists(st.floats(0, 1), max_size=6),
       st.sampled_from([1, 2]))
def test_batch_amounts_do_not_depend_on_order_or_split(scheme, n, seed, cuts, threads):
    df = three_tier_rows(n, seed)
    whole = amounts(scheme.compute_batch(df, period=PERIOD, scales=SCALES, threads=1))
    perm = np.random.default_rng(seed).permutation(n)
    shuffled = amounts(scheme.compute_batch(df.iloc[perm].reset_index(drop=True), period=PERIOD,
                                            scales=SCALES, threads=threads))
    bounds = sorted({0, n, *(int(c * n) for c in cuts)})
    chunks = [amounts(scheme.compute_batch(df.iloc[a:b].reset_index(drop=True), period=PERIOD, scales=SCALES))
              for a, b in zip(bounds, bounds[1:])]
    for c, col in whole.items():
        assert np.array_equal(shuffled[c], col[perm]), c
        assert np.array_equal(np.concatenate([ch[c] for ch in chunks]), col), c


# --------------------------------------------------------------------------------------------
# Overrides that change nothing; sweeps


ALL_PARAMETERS = sorted(REFERENCE["parameters"])


def own_values_from_file(names):
    return {name: REFERENCE["parameters"][name]["value"] for name in names}


def own_values_from_scheme(scheme, names):
    """The values read back through Scheme.parameter (Decimals, (from, rate) pairs, dated dict)."""
    out = {}
    for name in names:
        if isinstance(REFERENCE["parameters"][name]["value"], dict):  # dated
            out[name] = {day: scheme.parameter(name, period=day[:7]) for day in REFERENCE["parameters"][name]["value"]}
        else:
            out[name] = scheme.parameter(name, period=PERIOD)
    return out


def test_every_parameter_is_covered(scheme):
    assert sorted(scheme.parameter_names) == ALL_PARAMETERS


@SOME
@given(st.sets(st.sampled_from(ALL_PARAMETERS), min_size=1) | st.just(frozenset(ALL_PARAMETERS)),
       st.booleans(), st.integers(0, 2**32 - 1), st.sampled_from(["2026-02", "2026-07", "2026-10"]))
def test_overriding_parameters_with_their_own_values_changes_nothing(scheme, names, from_file, seed, period):
    names = sorted(names)
    same = own_values_from_file(names) if from_file else own_values_from_scheme(scheme, names)
    what_if = scheme.with_overrides(same)
    df = three_tier_rows(300, seed)
    base = amounts(scheme.compute_batch(df, period=period, scales=SCALES))
    over = amounts(what_if.compute_batch(df, period=period, scales=SCALES))
    for c in base:
        assert np.array_equal(base[c], over[c]), (names, c)
    for i in range(0, 300, 37):  # and the one-person path, line by line
        row = df.iloc[i]
        inputs = {c: Decimal(int(row[c])).scaleb(-s) for c, s in SCALES.items()}
        a = scheme.compute(role=row["role"], period=period, inputs=inputs)
        b = what_if.compute(role=row["role"], period=period, inputs=inputs)
        assert [(x.component, x.minor) for x in a.lines] == [(x.component, x.minor) for x in b.lines]


SWEEPABLE = ["hunter.salary", "farmer.salary", "hunter.handover.penalty_per_client",
             "farmer.cut.no_growth", "operator.bonus.base_rate", "operator.bonus.step"]


@SOME
@given(st.sampled_from(SWEEPABLE), st.lists(st.integers(0, 10_000), min_size=1, max_size=3), st.integers(0, 2**32 - 1))
def test_sweep_agrees_with_what_ifs_and_own_value_changes_nothing(scheme, name, raw, seed):
    own = REFERENCE["parameters"][name]["value"]
    money = REFERENCE["parameters"][name]["type"] == "money"
    values = [own] + [str(Decimal(v) * 10 if money else Decimal(v).scaleb(-4)) for v in raw]
    df = three_tier_rows(400, seed)
    sw = scheme.sweep(df, period=PERIOD, parameter=name, values=values, scales=SCALES, threads=2)
    base = scheme.compute_batch(df, period=PERIOD, scales=SCALES)
    assert sw["total"].iat[0] == Decimal(int(base["total"].sum())).scaleb(-2)
    assert sw["value"].iat[0] == scheme.parameter(name, period=PERIOD)  # "50%" reads as 0.50
    for j, v in enumerate(values):
        res = scheme.with_overrides({name: v}).compute_batch(df, period=PERIOD, scales=SCALES)
        assert sw["total"].iat[j] == Decimal(int(res["total"].sum())).scaleb(-2), (name, v)
        for role in scheme.roles:
            assert sw[role].iat[j] == Decimal(int(res.loc[res["role"] == role, "total"].sum())).scaleb(-2), (name, v, role)
