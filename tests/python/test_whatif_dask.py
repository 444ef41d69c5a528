"""motiv.whatif on Dask: a LocalCluster with two workers gives exactly the single-process results."""

import pandas as pd
import pytest

from motiv import whatif
from motiv_test_support import PERIOD

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_dask_sweep_equals_single_process(client, scheme, people):
    new = scheme.with_overrides({"hunter.commission.tiers": [("0", "5%"), ("0.3", "8%")]})
    grid = {"hunter.salary": range(20000, 30001, 500), "farmer.cut.no_growth": ["0", "0.25", "0.5", "1"]}
    single = whatif.sweep(new, people, period=PERIOD, grid=grid, progress=False)
    spread = whatif.dask_sweep(client, new, people, period=PERIOD, grid=grid, partitions=5)
    assert len(single) == 84
    pd.testing.assert_frame_equal(spread, single)
    assert spread.attrs == single.attrs
    # Both workers took part.
    assert len(client.scheduler_info()["workers"]) == 2


def test_dask_compare_equals_single_process(client, scheme, people):
    new = scheme.with_overrides({"hunter.salary": "30000.00", "farmer.cut.no_growth": "0.75"})
    single = whatif.compare(scheme, new, people, period=PERIOD)
    spread = whatif.dask_compare(client, scheme, new, people, period=PERIOD, partitions=4)
    pd.testing.assert_frame_equal(spread.people, single.people)
    pd.testing.assert_frame_equal(spread.roles, single.roles)
    pd.testing.assert_frame_equal(spread.plan, single.plan)
