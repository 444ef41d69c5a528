"""Fixtures for the Python API tests."""

import copy

import pandas as pd
import pytest

import motiv
from motiv_test_support import PEOPLE, REFERENCE, RULES


@pytest.fixture(scope="session")
def scheme():
    """The reference scheme, loaded once."""
    return motiv.load(RULES)


@pytest.fixture()
def rules_doc():
    """The reference rule file as a fresh dict, to break in one place per test."""
    return copy.deepcopy(REFERENCE)


@pytest.fixture(scope="module")
def people():
    """The example department as a DataFrame of text cells, as an HR script reads it."""
    return pd.read_csv(PEOPLE, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def richer(scheme):
    """A what-if of the reference scheme: hunters' salary 30,000.00 instead of 25,000.00."""
    return scheme.with_overrides({"hunter.salary": "30000.00"})
