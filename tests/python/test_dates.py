"""Periods and dates as a notebook holds them: pd.Period, datetime.date, Timestamp, numpy
datetime64 and datetime64 columns pay the same as their text; what cannot be a pay period or a
day is refused with a message saying what was expected -- never pybind11's "incompatible
function arguments"."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import motiv
from motiv_test_support import PERIOD

HUNTER = {"revenue": "1250000.00", "overdue_handovers": 2}

PERIODS = [
    "2026-10",
    pd.Period("2026-10", freq="M"),
    dt.date(2026, 10, 1),
    dt.datetime(2026, 10, 1),
    pd.Timestamp("2026-10-01"),
    pd.Timestamp("2026-10"),
    np.datetime64("2026-10"),
    np.datetime64("2026-10-01"),
    np.datetime64("2026-10-01T00:00:00.000000000"),
]


@pytest.mark.parametrize("period", PERIODS, ids=repr)
def test_a_period_in_any_form_pays_the_same(scheme, people, period):
    want = scheme.compute(role="hunter", period=PERIOD, inputs=HUNTER)
    assert scheme.compute(role="hunter", period=period, inputs=HUNTER).to_dict() == want.to_dict()
    assert scheme.compute_frame(people, period=period).equals(scheme.compute_frame(people, period=PERIOD))
    assert scheme.parameter("operator.salary", period=period) == scheme.parameter("operator.salary", period=PERIOD)


BAD_PERIODS = [
    (pd.Period("2026-10-05", freq="D"), ValueError, "a pay period is a month"),
    (dt.date(2026, 10, 15), ValueError, "not the start of one"),
    (pd.Timestamp("2026-10-01 09:30"), ValueError, "not the start of one"),
    (np.datetime64("2026-10-01T09:30"), ValueError, "not the start of one"),
    (pd.Timestamp("2026-10-01", tz="Europe/Moscow"), ValueError, "not the start of one"),
    (202610, TypeError, "expected 'YYYY-MM'"),
    (None, TypeError, "expected 'YYYY-MM'"),
    ("October", ValueError, "YYYY-MM"),
]


@pytest.mark.parametrize("period,error,message", BAD_PERIODS, ids=repr)
def test_what_cannot_be_a_period_is_refused_plainly(scheme, people, period, error, message):
    for call in (lambda: scheme.compute(role="hunter", period=period, inputs=HUNTER),
                 lambda: scheme.compute_frame(people, period=period)):
        with pytest.raises(error, match=message) as e:
            call()
        assert "incompatible function arguments" not in str(e.value)


DAYS = ["2026-10-13", dt.date(2026, 10, 13), pd.Timestamp("2026-10-13"), np.datetime64("2026-10-13"), pd.Period("2026-10-13", freq="D"),
        dt.datetime(2026, 10, 13)]


@pytest.mark.parametrize("day", DAYS, ids=repr)
def test_a_start_date_in_any_form_prorates_the_same(scheme, day):
    want = scheme.compute(role="hunter", period=PERIOD, inputs=HUNTER, start_date="2026-10-13")
    got = scheme.compute(role="hunter", period=PERIOD, inputs=HUNTER, start_date=day)
    assert got.to_dict() == want.to_dict()
    assert got.total != scheme.compute(role="hunter", period=PERIOD, inputs=HUNTER).total  # it did prorate


@pytest.mark.parametrize("day,error", [(pd.Timestamp("2026-10-13 12:00"), ValueError), (pd.Period("2026-10", freq="M"), ValueError),
                                       (20261013, TypeError)], ids=repr)
def test_what_cannot_be_a_day_is_refused_plainly(scheme, day, error):
    with pytest.raises(error, match="start_date"):
        scheme.compute(role="hunter", period=PERIOD, inputs=HUNTER, start_date=day)


def test_datetime64_and_period_columns_pay_as_text(scheme, people):
    text = people.copy()
    text["start_date"] = ["2026-10-13" if i % 3 == 0 else "" for i in range(len(text))]
    text["period"] = PERIOD
    typed = text.copy()
    typed["start_date"] = pd.to_datetime(typed["start_date"].replace("", None))  # datetime64[ns] with NaT
    typed["period"] = pd.PeriodIndex([PERIOD] * len(typed), freq="M")
    assert typed["start_date"].dtype.kind == "M"
    assert scheme.compute_frame(typed, period=PERIOD).equals(scheme.compute_frame(text, period=PERIOD))


def test_a_time_of_day_in_a_date_column_is_a_data_error(scheme, people):
    typed = people.copy()
    typed["start_date"] = pd.Timestamp("2026-10-13 12:00")
    with pytest.raises(motiv.DataError, match="start_date"):
        scheme.compute_frame(typed, period=PERIOD)
