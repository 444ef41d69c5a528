"""One version source: CMakeLists.txt's project() (docs/contributing.md, "One version source").

The CLI and the compiled module get the version from CMake; the package metadata from the regex
in pyproject.toml applied to the same line. These tests read each place and compare them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import motiv

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.9/3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(os.environ.get("MOTIV_SOURCE_DIR") or Path(__file__).resolve().parents[2]).resolve()
CLI = Path(os.environ.get("MOTIV_CLI") or ROOT / "build" / "dev" / "motiv")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
CMAKE = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")


def cmake_version() -> str:
    """The version as pip install will see it: pyproject's regex over CMakeLists.txt."""
    provider = PYPROJECT["tool"]["scikit-build"]["metadata"]["version"]
    assert provider["provider"] == "scikit_build_core.metadata.regex"
    assert provider["input"] == "CMakeLists.txt"
    m = re.search(provider["regex"], CMAKE)
    assert m, "pyproject.toml's version regex matches nothing in CMakeLists.txt"
    return m.group("value")


def test_package_metadata_takes_the_version_from_cmake():
    assert "version" not in PYPROJECT["project"], "pyproject.toml must not write the version itself"
    assert "version" in PYPROJECT["project"]["dynamic"]
    assert re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", cmake_version())


def test_python_package_and_compiled_module_carry_the_cmake_version():
    assert motiv.__version__ == motiv._core.__version__ == cmake_version()


@pytest.mark.skipif(not CLI.is_file(), reason="motiv binary not built")
def test_cli_prints_the_cmake_version():
    r = subprocess.run([str(CLI), "--version"], capture_output=True, text=True, timeout=30, check=True)
    assert r.stdout == f"motiv {cmake_version()}\n"


def test_no_other_file_writes_the_version():
    # A version typed by hand anywhere else would drift at the next release.
    version = cmake_version()
    places = ["cli", "bindings", "core", "pyproject.toml"]
    found = []
    for place in places:
        path = ROOT / place
        files = [path] if path.is_file() else [f for f in path.rglob("*") if f.is_file() and f.suffix in {".cpp", ".hpp", ".py", ".pyi", ".toml"}]
        found += [str(f.relative_to(ROOT)) for f in files if re.search(rf"[\"' ]{re.escape(version)}[\"'\\]", f.read_text(encoding="utf-8"))]
    assert found == []
