"""python -m motiv.plot: the three what-if charts drawn from the CSV files of `motiv whatif`. The
data behind each chart is the data motiv.whatif returns; PNG and SVG files are written."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from motiv import plot, whatif
from motiv_test_support import PEOPLE, PERIOD, SOURCE_DIR

D = Decimal
CLI = Path(os.environ["MOTIV_CLI"]) if os.environ.get("MOTIV_CLI") else SOURCE_DIR / "build" / "dev" / "motiv"
pytestmark = pytest.mark.skipif(not CLI.exists(), reason=f"motiv binary not found at {CLI}; set MOTIV_CLI")


def run(*args, cwd=None):
    import motiv

    # The package under test, wherever it was built, whatever the working directory.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(motiv.__file__).resolve().parents[1]), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([str(a) for a in args], cwd=cwd or SOURCE_DIR, capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    """One `motiv whatif` run writing the people, sweep and curve CSVs of a +5,000 hunter salary."""
    d = tmp_path_factory.mktemp("plot")
    r = run(CLI, "whatif", "--rules", "rules/three_tier.json", "--data", PEOPLE, "--period", PERIOD, "--set", "hunter.salary=30000.00",
            "--sweep", "hunter.salary=20000:30000:5000", "--sweep", "farmer.cut.no_growth=0:1:1",
            "--curve", "h-02", "revenue", "0", "1000000", "500000", "--out", d / "p", "-q")
    assert r.returncode == 0, r.stderr
    return d


def plot_cmd(*args):
    return run(sys.executable, "-m", "motiv.plot", *args)


def test_payout_chart_from_the_curve_csv(out, scheme, richer):
    curves = plot.read_curves([out / "p" / "curve.csv"])
    # The same data as whatif.payout_curves for h-02 (no overdue handovers): 25,000 + 0 / 15,000 +
    # 14,000 / 15,000 + 49,000 commission; the what-if adds 5,000 of salary.
    py = whatif.payout_curves(scheme, richer, period=PERIOD, profiles={"hunter": {"revenue": "0", "overdue_handovers": 0}},
                              kpi={"hunter": "revenue"}, values={"hunter": ["0", "500000", "1000000"]})
    assert curves["before"].tolist() == py["before"].tolist() == [D("25000.00"), D("54000.00"), D("89000.00")]
    assert curves["after"].tolist() == py["after"].tolist() == [D("30000.00"), D("59000.00"), D("94000.00")]
    r = plot_cmd("payout", out / "p" / "curve.csv", "--out", out / "curve.png")
    assert r.returncode == 0, r.stderr
    assert (out / "curve.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"wrote {out / 'curve.png'}" in r.stdout


def test_sweep_chart_from_the_sweep_csv(out, richer, people):
    sw = plot.read_sweep(out / "p" / "sweep.csv")
    assert sw.attrs["parameters"] == ["hunter.salary", "farmer.cut.no_growth"]
    assert sw.attrs["roles"] == ["operator", "hunter", "farmer"]
    py = whatif.sweep(richer, people, period=PERIOD, grid={"hunter.salary": ["20000", "25000", "30000"], "farmer.cut.no_growth": ["0", "1"]},
                      progress=False)
    assert sw["total"].tolist() == py["total"].tolist()
    fig = whatif.plot_sweep_cost(sw, by="farmer.cut.no_growth")
    # No cut: 5 hunters at 20,000 (-25,000 from 715,977.01) and farmers keep 5,625 of cut bonus: 696,602.01.
    first = fig.axes[0].get_lines()[0]
    assert first.get_label() == "farmer.cut.no_growth = 0"
    assert list(first.get_ydata())[0] == 696602.01
    r = plot_cmd("sweep", out / "p" / "sweep.csv", "--by", "farmer.cut.no_growth", "--out", out / "sweep.svg")
    assert r.returncode == 0, r.stderr
    assert "<svg" in (out / "sweep.svg").read_text()


def test_distribution_chart_from_the_people_csv(out, scheme, richer):
    people = plot.read_changes(out / "p" / "people.csv")
    cmp = whatif.compare(scheme, richer, PEOPLE, period=PERIOD)
    assert people["after"].tolist() == cmp.people["after"].tolist()
    r = plot_cmd("distribution", out / "p" / "people.csv", "--out", out / "dist.png")
    assert r.returncode == 0, r.stderr
    assert (out / "dist.png").stat().st_size > 1000


@pytest.mark.parametrize("args, status, message", [
    (["sweep", "p/people.csv", "--out", "x.png"], 1, "missing column(s) total, failed_rows"),
    (["distribution", "p/people.csv", "--out", "x.jpg"], 1, "must end in .png or .svg"),
    (["sweep", "p/sweep.csv", "--by", "nope", "--out", "x.png"], 2, "--by nope: not a parameter"),
    (["payout", "missing.csv", "--out", "x.png"], 1, "missing.csv"),
])
def test_plot_errors_write_nothing(out, args, status, message):
    r = run(sys.executable, "-m", "motiv.plot", *args, cwd=out)
    assert r.returncode == status, r.stderr
    assert message in r.stderr
    assert not list(out.glob("x.*")) and not list(out.glob(".x.*"))
