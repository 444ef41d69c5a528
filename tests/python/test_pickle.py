"""Schemes, payslips and lines travel between processes: a pickled Scheme is rebuilt from its rule
text and overrides (same SHA-256, same pay); a Payslip or Line pickles as itself, every field and
explanation included. So Dask's map_partitions, process pools and joblib pay exactly as locally."""

import concurrent.futures
import multiprocessing
import pickle

import pandas as pd
import pytest

import motiv
from motiv_test_support import PERIOD

HUNTER = {"revenue": "1250000.00", "overdue_handovers": 2}


def same_payslip(a, b):
    assert a.to_dict() == b.to_dict()
    assert a.explain() == b.explain()
    assert list(a.inputs.items()) == list(b.inputs.items())  # the role's order, not sorted
    assert [(ln.component, ln.amount, ln.minor, ln.applied, ln.tree) for ln in a.lines] == \
           [(ln.component, ln.amount, ln.minor, ln.applied, ln.tree) for ln in b.lines]


@pytest.mark.parametrize("overrides", [None, {"hunter.salary": "30000.00"}])
def test_a_scheme_pickles_as_its_rule_text_and_overrides(scheme, overrides):
    s = scheme if overrides is None else scheme.with_overrides(overrides)
    back = pickle.loads(pickle.dumps(s))
    assert isinstance(back, motiv.Scheme)
    assert (back.sha256, back.source, back.overrides, back.roles) == (s.sha256, s.source, s.overrides, s.roles)
    same_payslip(back.compute(role="hunter", period=PERIOD, inputs=HUNTER), s.compute(role="hunter", period=PERIOD, inputs=HUNTER))
    # Rebuilt once per process: the second copy is the first one.
    assert pickle.loads(pickle.dumps(s)) is back


def test_payslips_and_lines_pickle_as_themselves(scheme):
    slip = scheme.compute(role="hunter", period=PERIOD, inputs=HUNTER, person="h-01", name="Имя")
    same_payslip(pickle.loads(pickle.dumps(slip)), slip)
    line = slip.lines[1]
    back = pickle.loads(pickle.dumps(line))
    assert (back.component, back.amount, back.explanation, back.tree) == (line.component, line.amount, line.explanation, line.tree)
    assert repr(back) == repr(line)


@pytest.mark.parametrize("state", [(), (2, "x"), (1,) + ("",) * 13])
def test_a_foreign_payslip_state_is_refused(state):
    with pytest.raises((ValueError, TypeError)):
        motiv.Payslip.__new__(motiv.Payslip).__setstate__(state)


def test_dask_map_partitions_pays_as_locally(scheme, people):
    dd = pytest.importorskip("dask.dataframe")
    import dask

    local = scheme.compute_frame(people, period=PERIOD)
    # A bound method of a scheme pickles too (Dask's distributed scheduler sends it to workers).
    pay = pickle.loads(pickle.dumps(scheme.compute_frame))
    for convert_string in (True, False):  # text columns as Arrow strings (dask's default) or objects
        with dask.config.set({"dataframe.convert-string": convert_string}):
            frame = dd.from_pandas(people, npartitions=3)
            out = frame.map_partitions(pay, period=PERIOD, meta=local.iloc[:0]).compute(scheduler="synchronous")
        assert out.reset_index(drop=True).equals(local.reset_index(drop=True))
        assert out["total"].tolist() == local["total"].tolist()


def _pay_chunk(scheme, chunk):
    return scheme.compute_frame(chunk, period=PERIOD)


def test_a_process_pool_pays_as_locally(scheme, people):
    local = scheme.compute_frame(people, period=PERIOD)
    chunks = [people.iloc[i:i + 5] for i in range(0, len(people), 5)]
    with concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        parts = list(pool.map(_pay_chunk, [scheme] * len(chunks), chunks))
    assert pd.concat(parts).reset_index(drop=True).equals(local.reset_index(drop=True))
