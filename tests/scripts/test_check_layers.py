"""scripts/check-layers: the repository passes, and each kind of layering fault in a small tree fails."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("MOTIV_SOURCE_DIR", Path(__file__).resolve().parents[2]))
SCRIPT = ROOT / "scripts" / "check-layers"


def run(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), str(tree)], capture_output=True, text=True)


def make_tree(tmp_path: Path, files: dict) -> Path:
    for rel, text in {"apps/CMakeLists.txt": "motiv_app(x)\nmotiv_app(y DEPENDS x)\n",
                      "apps/x/x.hpp": "#pragma once\n", "apps/y/y.hpp": '#include "apps/x/x.hpp"\n',
                      "core/a/a.hpp": "#include <string>\n", "cli/main.cpp": '#include "apps/y/y.hpp"\n',
                      "bindings/module.cpp": "#include <pybind11/pybind11.h>\n", **files}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return tmp_path


def test_the_repository_is_layered():
    result = run(ROOT)
    assert result.returncode == 0, result.stderr


def test_a_well_layered_tree_passes(tmp_path):
    assert run(make_tree(tmp_path, {})).returncode == 0


@pytest.mark.parametrize("files, expected", [
    ({"core/a/a.hpp": '#include "apps/x/x.hpp"\n'}, "core/a/a.hpp:1: includes apps/x/x.hpp: core/ is the engine"),
    ({"core/a/a.cpp": "#include <xlsxwriter.h>\n"}, "the engine links no export or Python library"),
    ({"apps/x/x.hpp": '#include "apps/y/y.hpp"\n'}, "does not declare motiv_app(x DEPENDS y)"),
    ({"apps/x/x.hpp": '#include "cli/main.hpp"\n'}, "an application may include only core/"),
    ({"apps/CMakeLists.txt": "motiv_app(x DEPENDS y)\nmotiv_app(y DEPENDS x)\n"}, "in a cycle: x -> y -> x"),
    ({"apps/z/z.hpp": "#pragma once\n"}, "apps/z/ has no motiv_app(z ...) line"),
    ({"core/a/a.hpp": '#include "core/a/b.hpp"\n', "core/a/b.hpp": '#include "core/a/a.hpp"\n'},
     "include cycle: core/a/a.hpp -> core/a/b.hpp -> core/a/a.hpp"),
])
def test_each_fault_fails_and_is_named(tmp_path, files, expected):
    result = run(make_tree(tmp_path, files))
    assert result.returncode == 1
    assert expected in result.stderr
