"""motiv.whatif charts: the data behind each one, and the files written."""

from decimal import Decimal

import pandas as pd
import pytest

from motiv import whatif
from motiv_test_support import PEOPLE, PERIOD

D = Decimal


def test_payout_curves_data_and_chart(scheme, richer, tmp_path):
    curves = whatif.payout_curves(scheme, richer, period=PERIOD,
                                  profiles={"hunter": {"revenue": "0", "overdue_handovers": 0}, "farmer": {"volume": "0", "volume_prev": "900000"}},
                                  kpi={"hunter": "revenue", "farmer": "volume"},
                                  values={"hunter": ["0", "300000", "1000000"], "farmer": ["900000", "1000000"]})
    # Hunter: 25,000 + 0 / 15,000 / 64,000 commission; the what-if adds 5,000 of salary.
    h = curves[curves["role"] == "hunter"]
    assert h["before"].tolist() == [D("25000.00"), D("40000.00"), D("89000.00")]
    assert h["after"].tolist() == [D("30000.00"), D("45000.00"), D("94000.00")]
    # Farmer: 900,000 = prev: 10% x 50,000 = 5,000 cut by half -> 52,500; 1,000,000: 12.5% -> 56,250.
    f = curves[curves["role"] == "farmer"]
    assert f["before"].tolist() == f["after"].tolist() == [D("52500.00"), D("56250.00")]
    path = tmp_path / "curve.png"
    fig = whatif.plot_payout_curves(curves, path=path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    hunter_ax = fig.axes[0]
    assert hunter_ax.get_title() == "hunter"
    old, new = hunter_ax.get_lines()
    assert list(old.get_xdata()) == [0.0, 300000.0, 1000000.0]
    assert list(old.get_ydata()) == [25000.0, 40000.0, 89000.0]
    assert list(new.get_ydata()) == [30000.0, 45000.0, 94000.0]
    assert fig.axes[1].get_title() == "farmer"


def test_sweep_cost_chart(scheme, people, tmp_path):
    sw = whatif.sweep(scheme, people, period=PERIOD, grid={"hunter.salary": ["20000", "25000", "30000"]}, progress=False)
    path = tmp_path / "sweep.svg"
    fig = whatif.plot_sweep_cost(sw, path=path)
    assert path.read_text().lstrip().startswith("<?xml") and "<svg" in path.read_text()
    lines = {ln.get_label(): ln for ln in fig.axes[0].get_lines()}
    assert set(lines) == {"total", "operator", "hunter", "farmer"}
    # Each 5,000 of salary costs 5 hunters 25,000: 690,977.01, 715,977.01, 740,977.01.
    assert list(lines["total"].get_ydata()) == [690977.01, 715977.01, 740977.01]
    assert list(lines["total"].get_xdata()) == [20000.0, 25000.0, 30000.0]
    two = whatif.sweep(scheme, people, period=PERIOD, grid={"hunter.salary": ["20000", "30000"], "farmer.cut.no_growth": ["0", "1"]}, progress=False)
    fig2 = whatif.plot_sweep_cost(two, by="farmer.cut.no_growth")
    # The second parameter is named by its description and its ratio values read in %.
    label = "Share of the bonus cut when the portfolio volume did not grow"
    assert [ln.get_label() for ln in fig2.axes[0].get_lines()] == [f"{label} = 0%", f"{label} = 100%"]


def test_pay_distribution_chart(scheme, richer, tmp_path):
    cmp = whatif.compare(scheme, richer, PEOPLE, period=PERIOD)
    path = tmp_path / "dist.png"
    fig = whatif.plot_pay_distribution(cmp.people, path=path)
    assert path.stat().st_size > 1000
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["farmer", "hunter", "operator"]
    # Box medians: farmers 54,687.5 both; hunters 40,000.04 -> 45,000.04.
    medians = [float(m.get_ydata()[0]) for m in ax.lines if m.get_linestyle() == "-" and len(m.get_xdata()) == 2 and m.get_xdata()[0] != m.get_xdata()[1]]
    assert {54687.5, 40000.04, 45000.04} <= {round(v, 2) for v in medians}


def test_plots_refuse_other_formats(scheme, people, tmp_path):
    sw = whatif.sweep(scheme, people, period=PERIOD, grid={"hunter.salary": ["20000"]}, progress=False)
    with pytest.raises(ValueError, match=".png or .svg"):
        whatif.plot_sweep_cost(sw, path=tmp_path / "x.jpg")
    assert not (tmp_path / "x.jpg").exists()


def test_example_script_writes_its_charts(tmp_path):
    import os
    import subprocess
    import sys

    from motiv_test_support import SOURCE_DIR

    r = subprocess.run([sys.executable, str(SOURCE_DIR / "examples" / "whatif.py"), str(tmp_path)], capture_output=True, text=True,
                       timeout=120, env={**os.environ, "MPLBACKEND": "Agg"})
    assert r.returncode == 0, r.stderr
    for name in ("payout_curve.png", "sweep_cost.png", "pay_distribution.png"):
        assert (tmp_path / name).read_bytes()[:4] == b"\x89PNG", name
    people = pd.read_csv(tmp_path / "whatif_people.csv", dtype=str)
    assert len(people) == 14
    # The proposal's hunter h-01: 30,000 + 15,000 + 950,000 x 8% = 76,000 - 4,000 = 117,000.00.
    assert people.set_index("id").loc["h-01", "after"] == "117000.00"
    assert "more calls pays less" in r.stdout
