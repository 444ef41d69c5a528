"""The batch engine from Python: NumPy/pandas columns in, int64 minor units out.

The contract: every row is paid exactly as Scheme.compute pays it (to the kopeck), whatever the
thread count; integer columns are read in place; bad columns are a ValueError/TypeError; bad rows
a DataError naming the row.
"""
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import motiv

PERIOD = "2026-10"
SCALES = {"calls": 0, "days_worked": 0, "talk_minutes": 1, "meetings": 0, "script_compliance": 4,
          "revenue": 2, "overdue_handovers": 0, "volume": 2, "volume_prev": 2}


def people(n, seed=7):
    """Seeded rows with values piled on tier edges, gates and rounding ties."""
    rng = np.random.default_rng(seed)
    pick = lambda edges, lo, hi: np.where(rng.random(n) < 0.4, rng.choice(edges, n), rng.integers(lo, hi, n))  # noqa: E731
    days = pick([0, 20, 21, 22], 0, 23)
    vol = pick([99_999_999, 100_000_000, 200_000_000], 0, 300_000_000)
    return pd.DataFrame({
        "id": [f"p{i}" for i in range(n)],
        "role": pd.Categorical(rng.choice(["operator", "hunter", "farmer"], n)),
        "calls": pick([0, 199, 200, 249, 250], 0, 400),
        "days_worked": days,
        "talk_minutes": days * pick([1200, 1199, 1500, 1499], 0, 2000),
        "meetings": pick([19, 20, 30], 0, 60),
        "script_compliance": pick([7999, 8000, 9499, 9500, 10000], 0, 10001),
        "revenue": pick([29_999_999, 30_000_000, 30_000_001, 30_000_050, 100_000_000, 100_000_050], 0, 300_000_000),
        "overdue_handovers": pick([0, 1, 2], 0, 5),
        "volume": vol,
        "volume_prev": np.where(rng.random(n) < 0.25, vol, pick([100_000_000], 0, 300_000_000)),
    })


def as_inputs(row):
    return {c: Decimal(int(row[c])).scaleb(-s) for c, s in SCALES.items()}


@pytest.mark.parametrize("threads", [1, 2])
def test_batch_equals_one_person_path_line_by_line(scheme, threads):
    df = people(3000)
    res = scheme.compute_batch(df, period=PERIOD, scales=SCALES, threads=threads)
    assert res.attrs["scale"] == 2
    assert list(res.columns[:2]) == ["id", "role"]
    assert (res["status"] == 0).all()
    for i, row in enumerate(df.to_dict("records")):
        slip = scheme.compute(role=row["role"], period=PERIOD, inputs=as_inputs(row))
        assert res["total"].iat[i] == slip.total_minor
        for line in slip.lines:
            assert res[line.component].iat[i] == line.minor, (i, line.component)


def test_threads_and_row_order_do_not_change_amounts(scheme):
    df = people(200_000, seed=11)
    one = scheme.compute_batch(df, period=PERIOD, scales=SCALES, threads=1)
    two = scheme.compute_batch(df, period=PERIOD, scales=SCALES, threads=2)
    assert one["total"].equals(two["total"])
    perm = np.random.default_rng(3).permutation(len(df))
    shuffled = scheme.compute_batch(df.iloc[perm].reset_index(drop=True), period=PERIOD, scales=SCALES)
    assert np.array_equal(shuffled["total"].to_numpy(), one["total"].to_numpy()[perm])


def test_int64_columns_are_read_in_place_and_results_own_their_buffers(scheme):
    df = people(1000)
    _, _, cols = motiv._batch.people_columns(scheme, df, PERIOD, SCALES)
    assert np.shares_memory(cols["revenue"][0], df["revenue"].to_numpy())  # no copy of the column
    res = scheme.compute_batch(df, period=PERIOD, scales=SCALES)
    assert res["total"].dtype == np.int64


def test_to_decimal_gives_exact_amounts(scheme):
    df = pd.DataFrame({"role": ["hunter"], "revenue": [30_000_050], "overdue_handovers": [0]})
    res = scheme.compute_batch(df, period=PERIOD, scales={"revenue": 2})
    # 300,000.50: 300,000 x 5% + 0.50 x 7% = 15,000.035 -> half up 15,000.04; + salary 25,000.
    assert res["commission"].iat[0] == 1_500_004
    dec = motiv.to_decimal(res)
    assert dec["total"].iat[0] == Decimal("40000.04")


def test_str_and_decimal_columns_are_converted_exactly(scheme):
    df = pd.DataFrame({"role": ["farmer", "farmer"], "volume": ["1250000.00", Decimal("800000")],
                       "volume_prev": ["1300000.00", "800000.00"]})
    res = motiv.to_decimal(scheme.compute_batch(df, period=PERIOD))
    assert list(res["total"]) == [Decimal("53125.00"), Decimal("52500.00")]


@pytest.mark.parametrize("bad, exc, message", [
    ({"revenue": np.array([1.5, 2.5])}, TypeError, "binary floats are not exact"),
    ({"revenue": np.array([1, 2, 3], dtype=np.int64)}, ValueError, "expected 2 values, got 3"),
])
def test_bad_columns_are_refused(scheme, bad, exc, message):
    data = {"role": np.array(["hunter", "hunter"]), "overdue_handovers": np.zeros(2, dtype=np.int64)}
    data.update(bad)
    with pytest.raises(exc, match=message):
        scheme.compute_batch(data, period=PERIOD)


def test_bad_rows_raise_data_error_naming_the_row(scheme):
    df = pd.DataFrame({"role": ["hunter", "hunter", "manager"], "revenue": [1, 2, 3]})
    with pytest.raises(ValueError, match="unknown role"):
        scheme.compute_batch(df, period=PERIOD)
    df = pd.DataFrame({"role": ["hunter", "hunter"], "revenue": pd.array([100, None], dtype="Int64")})
    with pytest.raises(motiv.DataError, match="row 1: missing required input 'revenue'"):
        scheme.compute_batch(df, period=PERIOD)
    res = scheme.compute_batch(df, period=PERIOD, check=False)
    assert list(res["status"]) == [0, 1] and res["total"].iat[1] == 0


def test_sweep_matches_batch_at_each_value(scheme):
    df = people(2000)
    sw = scheme.sweep(df, period=PERIOD, parameter="hunter.salary", values=["20000", "25000.00", 30000],
                      scales=SCALES, threads=2)
    assert list(sw["value"]) == [Decimal("20000"), Decimal("25000.00"), Decimal("30000")]
    for value, total in zip(["20000", "25000.00", "30000"], sw["total"]):
        what_if = scheme.with_overrides({"hunter.salary": value})
        res = what_if.compute_batch(df, period=PERIOD, scales=SCALES)
        assert Decimal(int(res["total"].sum())).scaleb(-2) == total
    hunters = (df["role"] == "hunter").sum()
    assert sw["hunter"].iat[2] - sw["hunter"].iat[0] == Decimal(10000) * hunters


def test_compute_arrays_into_an_earlier_result_overwrites_every_array(scheme):
    df = people(5000, seed=5)
    df.loc[::97, "revenue"] = -1  # invalid (revenue >= 0): these rows fail, status 2
    fresh = scheme.compute_arrays(df, period=PERIOD, scales=SCALES, threads=2, check=False)
    assert fresh["failed"] == int((fresh["status"] != 0).sum()) > 0
    # Another scenario's result, then scribbled over: compute_arrays(out=) must leave no trace of it.
    richer = scheme.with_overrides({"hunter.salary": "99999.99"})
    out = richer.compute_arrays(df, period=PERIOD, scales=SCALES, check=False)
    for key in ("amounts", "total", "status", "bad_input"):
        out[key][...] = 7
    ids = {key: id(out[key]) for key in ("amounts", "total", "status", "bad_input")}
    again = scheme.compute_arrays(df, period=PERIOD, scales=SCALES, threads=2, check=False, out=out)
    assert again is out and all(id(out[k]) == v for k, v in ids.items())  # the same arrays, in place
    for key in ("amounts", "total", "status"):
        assert np.array_equal(out[key], fresh[key]), key
    failed = fresh["status"] != 0
    assert np.array_equal(out["bad_input"][failed], fresh["bad_input"][failed])
    assert out["failed"] == fresh["failed"] and out["components"] == fresh["components"]
    # And the frame compute_batch builds holds the same amounts.
    frame = scheme.compute_batch(df.loc[~failed.astype(bool)], period=PERIOD, scales=SCALES)
    assert np.array_equal(frame["total"].to_numpy(), fresh["total"][~failed.astype(bool)])


@pytest.mark.parametrize("spoil, message", [
    (lambda o: o.pop("total"), "no 'total' array"),
    (lambda o: o.__setitem__("total", o["total"][:-1]), r"expected shape \(10,\), got \(9,\)"),
    (lambda o: o.__setitem__("amounts", o["amounts"][:, :2].copy()), r"out\['amounts'\]: expected shape \(10, 5\), got \(10, 2\)"),
    (lambda o: o.__setitem__("status", o["status"].astype(np.int64)), "expected dtype uint8, got int64"),
    (lambda o: o.__setitem__("amounts", np.asfortranarray(o["amounts"])), "writable C-contiguous"),
])
def test_compute_arrays_refuses_an_out_of_another_shape(scheme, spoil, message):
    df = people(10)
    out = scheme.compute_arrays(df, period=PERIOD, scales=SCALES)
    spoil(out)
    with pytest.raises(ValueError, match=message):
        scheme.compute_arrays(df, period=PERIOD, scales=SCALES, out=out)
