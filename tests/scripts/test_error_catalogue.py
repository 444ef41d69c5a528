"""The error catalogue is the one source of ids: every id in it is used by the code and documented,
and the code writes no id as a string literal of its own."""
import os
import re
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("MOTIV_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CATALOGUE = ROOT / "core/errors/catalogue.def"
ENTRY = re.compile(r'^MOTIV_ERROR\((\w+),\s*"(motiv\.[a-z_]+\.[0-9]+)"', re.M)
# A string literal that is an id, or starts with one ("[motiv.eval_error.502] ..."); an id quoted
# inside a message (\"motiv.eval_error.501\", an example for the reader) is text, not a report.
ID_LITERAL = re.compile(r'(?<!\\)"\[?motiv\.[a-z_]+\.[0-9]+')
# Where ids are reported from: the C++ code. (Tests keep literal ids on purpose: they pin the ids.)
CODE_DIRS = ("core", "apps", "cli", "bindings")


def entries():
    return ENTRY.findall(CATALOGUE.read_text())


def code_files():
    for top in CODE_DIRS:
        for p in sorted((ROOT / top).rglob("*")):
            if p.suffix in (".cpp", ".hpp", ".inc") and p != CATALOGUE:
                yield p


def strip_comments(text):
    return re.sub(r"//[^\n]*", "", text)


@pytest.fixture(scope="module")
def code():
    return "\n".join(strip_comments(p.read_text()) for p in code_files())


def test_the_catalogue_lists_every_id_once():
    ids = [i for _, i in entries()]
    assert len(ids) > 70
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name, error_id", entries())
def test_every_id_is_used_by_the_code(code, name, error_id):
    assert re.search(rf"\berr::{name}\b", code), f"{error_id} ({name}) is in the catalogue but no code reports it"


@pytest.mark.parametrize("name, error_id", entries())
def test_every_id_is_documented(name, error_id):
    assert f"`{error_id}`" in (ROOT / "docs/errors.md").read_text()


def test_the_code_writes_no_id_as_a_literal():
    found = []
    for p in code_files():
        for n, line in enumerate(strip_comments(p.read_text()).splitlines(), 1):
            if ID_LITERAL.search(line):
                found.append(f"{p.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not found, "use the catalogue's named constant (core/errors/catalogue.def):\n" + "\n".join(found)
