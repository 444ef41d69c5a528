"""Python's motiv.whatif and `motiv whatif` give identical numbers: both call the same C++ code
(apps/whatif), and this pins it -- Monte Carlo draw by draw, diagnostics row by row, pay curves
value by value."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

import pytest
from test_whatif_cli import BASE, CLI, ROOT, motiv, rows

motiv_py = pytest.importorskip("motiv")
from motiv import whatif  # noqa: E402

pytestmark = pytest.mark.skipif(not CLI.exists(), reason=f"motiv binary not found at {CLI}; set MOTIV_CLI")

PEOPLE = ROOT / "examples/department/people_2026-10.csv"
TARGETS = json.loads((ROOT / "examples/whatif/targets.json").read_text(encoding="utf-8"))
DISTS = json.loads((ROOT / "examples/whatif/distributions.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scheme():
    return motiv_py.load(ROOT / "rules/three_tier.json")


def text(v) -> str:
    return "" if v is None else str(v)


def test_monte_carlo_identical(scheme, tmp_path):
    r = motiv(*BASE, "--monte-carlo", 500, "--seed", 7, "--distributions", "examples/whatif/distributions.json",
              "--targets", "examples/whatif/targets.json", "--out", tmp_path / "mc")
    assert r.returncode == 0, r.stderr
    py = whatif.monte_carlo(scheme, PEOPLE, period="2026-10", draws=DISTS["draws"], n=500, seed=7, target=TARGETS["target"])
    cli_draws = rows(tmp_path / "mc" / "montecarlo.csv")
    assert [d["total"] for d in cli_draws] == [str(v) for v in py.costs["total"]]
    assert [d["hunter"] for d in cli_draws] == [str(v) for v in py.costs["hunter"]]
    assert [[q["of"], q["P50"], q["P90"], q["P99"]] for q in rows(tmp_path / "mc" / "quantiles.csv")] == \
        [[q.of, str(q.P50), str(q.P90), str(q.P99)] for q in py.quantiles.itertuples()]
    assert [[s["role"], s["at_gate"], s["at_target"], s["at_cap"]] for s in rows(tmp_path / "mc" / "shares.csv")] == \
        [[s.role, text(s.at_gate), text(s.at_target), text(s.at_cap)] for s in py.shares.itertuples()]
    # The Python distribution objects are the same draws as the JSON file's.
    again = whatif.monte_carlo(scheme, PEOPLE, period="2026-10", n=500, seed=7, target=TARGETS["target"],
                               draws={"revenue": whatif.Normal(1.0, 0.3, relative=True), "volume": whatif.Normal(1.0, 0.15, relative=True)})
    assert again.costs.equals(py.costs)


def test_diagnostics_identical(scheme, tmp_path):
    r = motiv(*BASE, "--diagnostics", "--targets", "examples/whatif/targets.json", "--cliff", "1000", "--out", tmp_path / "d")
    assert r.returncode == 0, r.stderr
    py = whatif.diagnostics(scheme, period="2026-10", target=TARGETS["target"], effort=TARGETS["effort"], cliff="1000", data=PEOPLE)
    for name, frame in (("pay_mix", py.pay_mix), ("leverage", py.leverage), ("monotonicity", py.monotonicity), ("cliffs", py.cliffs),
                        ("cost", py.cost)):
        cli = rows(tmp_path / "d" / f"{name}.csv")
        assert [list(c.values()) for c in cli] == [[text(v) for v in row] for row in frame.itertuples(index=False)], name
    for w in py.warnings:
        assert f"  {w}\n" in r.stdout


def test_curve_identical(scheme, tmp_path):
    r = motiv(*BASE, "--curve", "h-04", "revenue", "0", "1500000", "12345.67", "--out", tmp_path / "c")
    assert r.returncode == 0, r.stderr
    person = dict(next(p for p in csv.DictReader(open(PEOPLE, encoding="utf-8")) if p["id"] == "h-04"))
    values = [Decimal("12345.67") * k for k in range(122)]
    py = whatif.pay_curve(scheme, person, period="2026-10", kpi="revenue", values=values)
    cli = rows(tmp_path / "c" / "curve.csv")
    assert [c["after"] for c in cli] == [str(v) for v in py["total"]]
    assert [c["commission"] for c in cli] == [str(v) for v in py["commission"]]
