"""Fixtures for the Python API tests."""

import copy

import pytest

import motiv
from motiv_test_support import REFERENCE, RULES


@pytest.fixture(scope="session")
def scheme():
    """The reference scheme, loaded once."""
    return motiv.load(RULES)


@pytest.fixture()
def rules_doc():
    """The reference rule file as a fresh dict, to break in one place per test."""
    return copy.deepcopy(REFERENCE)
