"""The package as a user installs it: build the wheel (scikit-build-core driving the same
CMakeLists.txt), install it into a clean virtual environment with its declared dependencies and
extras, and import every public module there -- so an undeclared dependency or a module left out of
the wheel fails here, not on a user's machine.

Slow (a Release build of the extension; measured in docs/python.md): it runs with MOTIV_WHEEL_TEST=1
only. What keeps it affordable: the build goes through ccache (CMAKE_CXX_COMPILER_LAUNCHER) in a fixed
build directory under the source tree, emptied first -- so every run is a clean CMake build, as a CI
runner's would be, whose compilations ccache answers when the sources did not change (ccache's
base_dir maps the paths); the clean venv installs its dependencies through pip's cache and the local
index. The time of each step is printed (pytest -s).
"""

import os
import shutil
import subprocess
import sys
import time
import venv

import pytest

from motiv_test_support import SOURCE_DIR

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("MOTIV_WHEEL_TEST") != "1",
                       reason="builds and installs the wheel: set MOTIV_WHEEL_TEST=1"),
]

PUBLIC_MODULES = ["motiv", "motiv.whatif", "motiv.plot"]

SMOKE = """
import importlib, pickle, sys
import motiv
for name in {modules!r}:
    importlib.import_module(name)
assert motiv.__file__.startswith(sys.prefix), motiv.__file__  # the installed copy, not the tree
scheme = motiv.load({rules!r})
slip = scheme.compute(role="hunter", period="2026-10", inputs={{"revenue": "1250000.00", "overdue_handovers": 2}})
assert str(slip.total) == "110000.00", slip.total
assert pickle.loads(pickle.dumps(scheme)).sha256 == scheme.sha256
from motiv import whatif
fig = whatif.plot_sweep_cost(whatif.sweep(scheme, {people!r}, period="2026-10", grid={{"hunter.salary": ["25000"]}}))
import dask.dataframe, openpyxl, pyarrow, tqdm  # the extras of motiv[all]
print("ok", motiv.__version__)
"""


def run(cmd, **kw):
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    assert r.returncode == 0, f"{cmd}\n{r.stdout[-4000:]}\n{r.stderr[-4000:]}"
    return r


def test_the_wheel_installs_clean_and_imports_every_public_module(tmp_path):
    started = time.monotonic()
    wheels = tmp_path / "wheels"
    build_dir = SOURCE_DIR / "build" / "wheel"
    shutil.rmtree(build_dir, ignore_errors=True)  # a clean build each run: what it measures is ccache, not a stale tree
    # No build isolation: the build tools of scripts/bootstrap are reused.
    run([sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "-w", wheels,
         "-Ccmake.define.CMAKE_CXX_COMPILER_LAUNCHER=ccache", f"-Cbuild-dir={build_dir}", SOURCE_DIR],
        env={**os.environ, "CMAKE_BUILD_PARALLEL_LEVEL": "2"}, timeout=3600)
    built = time.monotonic()
    (wheel,) = wheels.glob("motiv-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True, system_site_packages=False)
    py = env_dir / "bin" / "python"
    run([py, "-m", "pip", "install", "-q", f"motiv[all] @ {wheel.as_uri()}"], timeout=1800)
    clean_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MOTIV_CLI")}
    r = run([py, "-c", SMOKE.format(modules=PUBLIC_MODULES, rules=str(SOURCE_DIR / "rules" / "three_tier.json"),
                                     people=str(SOURCE_DIR / "examples" / "department" / "people_2026-10.csv"))],
            cwd=tmp_path, env={**clean_env, "MPLBACKEND": "Agg"}, timeout=600)
    assert r.stdout.startswith("ok")
    r = run([env_dir / "bin" / "motiv-plot", "--help"], env=clean_env, timeout=120)  # the console script is installed
    print(f"wheel built in {built - started:.0f} s, installed and checked in {time.monotonic() - built:.0f} s")
