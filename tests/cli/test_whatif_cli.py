"""`motiv whatif` end to end (cli/command_whatif.cpp). Figures by hand, as in test_cli.py:

the what-if raises hunter.salary 25,000 -> 30,000: each of the 5 hunters gains 5,000.00; hunters
cost 270,642.01 -> 295,642.01 and everyone 715,977.01 -> 740,977.01. h-01: 110,000.00 -> 115,000.00.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("MOTIV_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CLI = Path(os.environ["MOTIV_CLI"]) if os.environ.get("MOTIV_CLI") else ROOT / "build" / "dev" / "motiv"
pytestmark = pytest.mark.skipif(not CLI.exists(), reason=f"motiv binary not found at {CLI}; set MOTIV_CLI")

BASE = ["whatif", "--rules", "rules/three_tier.json", "--data", "examples/department/people_2026-10.csv", "--period", "2026-10"]


def motiv(*args) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=60)


def rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_set_writes_people_roles_and_plan(tmp_path):
    out = tmp_path / "rise"
    r = motiv(*BASE, "--set", "hunter.salary=30000.00", "--out", out)
    assert r.returncode == 0, r.stderr
    people = {p["id"]: p for p in rows(out / "people.csv")}
    assert len(people) == 14
    h1 = people["h-01"]
    assert (h1["before"], h1["after"], h1["delta"], h1["change"]) == ("110000.00", "115000.00", "5000.00", "gain")
    assert people["op-01"]["change"] == "same"
    roles = {r["role"]: r for r in rows(out / "roles.csv")}
    assert (roles["hunter"]["before_cost"], roles["hunter"]["after_cost"], roles["hunter"]["gainers"]) == ("270642.01", "295642.01", "5")
    assert (roles["all"]["before_cost"], roles["all"]["after_cost"], roles["all"]["delta"]) == ("715977.01", "740977.01", "25000.00")
    plan = rows(out / "plan.csv")
    assert [(p["name"], p["before"], p["after"]) for p in plan] == [("hunter.salary", "25000.00", "30000.00")]
    assert "  all              14      715,977.01      740,977.01      25,000.00     5     0\n" in r.stdout
    assert "parameter hunter.salary value: 25000.00 -> 30000.00" in r.stdout


def test_against_another_rule_file_with_a_tier_table(tmp_path):
    doc = json.loads((ROOT / "rules/three_tier.json").read_text(encoding="utf-8"))
    doc["roles"]["hunter"]["components"][1]["mode"] = "retroactive"
    other = tmp_path / "retro.json"
    other.write_text(json.dumps(doc), encoding="utf-8")
    r = motiv(*BASE, "--against", other, "--set", 'hunter.commission.tiers=[{"from": "0", "rate": "5%"}, {"from": "1", "rate": "10%"}]',
              "--out", tmp_path / "retro")
    assert r.returncode == 0, r.stderr
    # Retroactive 5% below 1,000,000, 10% of all from there: h-01 1,250,000 x 10% = 125,000 - 4,000 + 25,000
    # = 146,000.00; h-04 523,456.78 x 5% = 26,172.839 -> 26,172.84 + 25,000 = 51,172.84.
    people = {p["id"]: p for p in rows(tmp_path / "retro" / "people.csv")}
    assert people["h-01"]["after"] == "146000.00"
    assert people["h-04"]["after"] == "51172.84"
    plan = rows(tmp_path / "retro" / "plan.csv")
    assert [(p["area"], p["name"], p["field"]) for p in plan] == [("parameter", "hunter.commission.tiers", "value"),
                                                                   ("component", "hunter/commission", "mode")]


def test_sweep_grid(tmp_path):
    r = motiv(*BASE, "--sweep", "hunter.salary=20000:30000:5000", "--sweep", "farmer.cut.no_growth=0:1:0.5", "--out", tmp_path / "s", "-j", "2")
    assert r.returncode == 0, r.stderr
    grid = rows(tmp_path / "s" / "sweep.csv")
    assert len(grid) == 9
    assert list(grid[0]) == ["hunter.salary", "farmer.cut.no_growth", "total", "operator", "hunter", "farmer", "failed_rows"]
    # At 25,000 and 50% the scheme is as it is.
    base = [g for g in grid if g["hunter.salary"] == "25000" and g["farmer.cut.no_growth"] == "0.5"]
    assert base[0]["total"] == "715977.01"
    # No cut at all: farmers f-01 and f-03 keep their whole bonus: 219,375 + 3,125 + 2,500 = 225,000.00.
    assert {g["farmer"] for g in grid if g["farmer.cut.no_growth"] == "0"} == {"225000.00"}
    assert not (tmp_path / "s" / "people.csv").exists()  # a sweep alone compares nothing


@pytest.mark.parametrize("args, status, message", [
    ([], 2, "give --set, --against, --sweep, --curve, --monte-carlo or --diagnostics"),
    (["--set", "hunter.salary"], 2, "--set expects name=value"),
    (["--set", "hunter.commission.tiers=[{"], 2, "not valid JSON"),
    (["--sweep", "hunter.salary=3:1:1"], 2, "'to' is below 'from'"),
    (["--set", "hunter.salry=1"], 1, "hunter.salry"),
    (["--set", "hunter.salary=abc"], 1, "motiv.rule_error"),
    (["--sweep", "hunter.commission.tiers=1"], 1, "tier table"),
])
def test_errors(args, status, message, tmp_path):
    r = motiv(*BASE, *args, "--out", tmp_path / "x")
    assert r.returncode == status, r.stderr
    assert message in r.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_refuses_to_overwrite_any_file_before_writing(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "plan.csv").write_text("keep")
    r = motiv(*BASE, "--set", "hunter.salary=30000.00", "--out", tmp_path / "x")
    assert r.returncode == 1 and "refusing to overwrite" in r.stderr
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == ["plan.csv"]
    assert (tmp_path / "x" / "plan.csv").read_text() == "keep"
    r = motiv(*BASE, "--set", "hunter.salary=30000.00", "--out", tmp_path / "x", "--force")
    assert r.returncode == 0, r.stderr
    assert rows(tmp_path / "x" / "plan.csv")[0]["name"] == "hunter.salary"


# --- Monte Carlo, diagnostics, pay curves (apps/whatif/monte_carlo, diagnostics, pay_curve) ---

TARGETS = ["--targets", "examples/whatif/targets.json"]
DISTS = ["--distributions", "examples/whatif/distributions.json"]


def test_monte_carlo_writes_draws_quantiles_and_shares(tmp_path):
    r = motiv(*BASE, "--monte-carlo", 300, "--seed", 3, *DISTS, *TARGETS, "--out", tmp_path / "mc")
    assert r.returncode == 0, r.stderr
    draws = rows(tmp_path / "mc" / "montecarlo.csv")
    assert len(draws) == 300 and list(draws[0]) == ["draw", "total", "operator", "hunter", "farmer"]
    # Operators' inputs are not drawn: every draw pays them the actual 225,960.00.
    assert {d["operator"] for d in draws} == {"225960.00"}
    # Exact: every draw's total is the sum of its roles, to the kopeck.
    from decimal import Decimal as D
    assert all(D(d["total"]) == D(d["operator"]) + D(d["hunter"]) + D(d["farmer"]) for d in draws)
    q = {x["of"]: x for x in rows(tmp_path / "mc" / "quantiles.csv")}
    totals = sorted(D(d["total"]) for d in draws)
    # Nearest rank over 300 draws: P50 is the 150th smallest, P90 the 270th, P99 the 297th.
    assert (D(q["total"]["P50"]), D(q["total"]["P90"]), D(q["total"]["P99"])) == (totals[149], totals[269], totals[296])
    shares = {s["role"]: s for s in rows(tmp_path / "mc" / "shares.csv")}
    # Operators are not drawn: past the gate op-01, op-03, op-04 of 5 = 0.6000, at target (48,300.00) op-03 = 0.2000;
    # no cap declared or readable from the operator's rules -> empty. Hunters have no gate -> empty.
    assert (shares["operator"]["at_gate"], shares["operator"]["at_target"], shares["operator"]["at_cap"]) == ("0.6000", "0.2000", "")
    assert shares["hunter"]["at_gate"] == "" and shares["hunter"]["person_draws"] == "1500"
    assert "Monte Carlo: 300 draws, seed 3 (cost, nearest rank)" in r.stdout
    # The same seed gives the same file; another seed another.
    again = motiv(*BASE, "--monte-carlo", 300, "--seed", 3, *DISTS, "--out", tmp_path / "again")
    assert (tmp_path / "again" / "montecarlo.csv").read_text() == (tmp_path / "mc" / "montecarlo.csv").read_text(), again.stderr
    motiv(*BASE, "--monte-carlo", 300, "--seed", 4, *DISTS, "--out", tmp_path / "other")
    assert (tmp_path / "other" / "montecarlo.csv").read_text() != (tmp_path / "mc" / "montecarlo.csv").read_text()


def test_distribution_file_errors_name_the_file_and_pointer(tmp_path):
    bad = tmp_path / "d.json"
    bad.write_text(json.dumps({"draws": {"revenu": {"distribution": "normal", "mean": 1, "sd": 0.3},
                                         "volume": {"distribution": "normal", "mean": 1}}}), encoding="utf-8")
    r = motiv(*BASE, "--monte-carlo", 10, "--distributions", bad, "--out", tmp_path / "x")
    assert r.returncode == 1
    assert f"[motiv.rule_error.291] {bad} (/draws/revenu) unknown input 'revenu'" in r.stderr
    assert f"{bad} (/draws/volume/sd) missing 'sd'" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json"]  # nothing written


def test_diagnostics(tmp_path):
    r = motiv(*BASE, "--diagnostics", *TARGETS, "--cliff", "1000", "--out", tmp_path / "d")
    assert r.returncode == 0, r.stderr
    mix = {m["role"]: m for m in rows(tmp_path / "d" / "pay_mix.csv")}
    # Hunter at target: 25,000 fixed + 15,000 + 49,000 commission: variable 64,000 / 89,000 = 0.7191.
    assert (mix["hunter"]["fixed"], mix["hunter"]["variable"], mix["hunter"]["variable_share"]) == ("25000.00", "64000.00", "0.7191")
    lev = {x["role"]: x for x in rows(tmp_path / "d" / "leverage.csv")}
    # At 150%: revenue 1,500,000 -> + 50,000 at 10% = 139,000.00; 139,000 / 89,000 = 1.5618.
    assert (lev["hunter"]["at_stress"], lev["hunter"]["leverage"]) == ("139000.00", "1.5618")
    cost = {c["case"]: c for c in rows(tmp_path / "d" / "cost.csv")}
    # 5 x 48,300 + 5 x 89,000 + 4 x 56,250 = 911,500.00; stressed hunters 5 x 139,000 -> 1,161,500.00.
    assert (cost["target"]["total"], cost["current"]["total"], cost["stressed"]["total"]) == ("911500.00", "715977.01", "1161500.00")
    mono = rows(tmp_path / "d" / "monotonicity.csv")
    assert [(m["role"], m["kpi"], m["pay_from"], m["pay_to"], m["rules"]) for m in mono] == [("operator", "calls", "48300.00", "47880.00", "bonus")]
    cliffs = [(c["role"], c["kpi"], c["from"], c["to"], c["jump"]) for c in rows(tmp_path / "d" / "cliffs.csv")]
    assert ("operator", "calls", "199", "200", "5880.00") in cliffs
    assert ("farmer", "volume", "900000.00", "900000.01", "2500.00") in cliffs
    assert "operator: more calls pays less from 266 to 268 (48300.00 -> 47880.00; rule bonus at /roles/operator/components/1)" in r.stdout


def test_curve_before_and_after(tmp_path):
    r = motiv(*BASE, "--set", "hunter.salary=30000.00", "--curve", "h-01", "revenue", "0", "2000000", "250000", "--out", tmp_path / "c")
    assert r.returncode == 0, r.stderr
    curve = rows(tmp_path / "c" / "curve.csv")
    assert list(curve[0]) == ["person", "role", "kpi", "value", "before", "after", "salary", "commission", "handover_penalty"]
    assert len(curve) == 9
    # h-01 has 2 overdue handovers (-4,000, never more than the commission). At 0 revenue the penalty
    # is capped at the commission 0: 25,000.00 before, 30,000.00 after. At 1,250,000 (h-01's own
    # revenue): 15,000 + 49,000 + 25,000 = 89,000 commission -> 25,000 + 89,000 - 4,000 = 110,000.00.
    by = {c["value"]: c for c in curve}
    assert (by["0"]["before"], by["0"]["after"]) == ("25000.00", "30000.00")
    assert (by["1250000"]["before"], by["1250000"]["after"], by["1250000"]["commission"]) == ("110000.00", "115000.00", "89000.00")
    assert "Pay curve of h-01 (hunter) as revenue varies" in r.stdout


@pytest.mark.parametrize("args, message", [
    (["--curve", "h-01", "revenue", "0", "10"], "--curve expects PERSON KPI FROM TO STEP"),
    (["--curve", "h-99", "revenue", "0", "10", "1"], "no person 'h-99'"),
    (["--curve", "h-01", "revenu", "0", "10", "1"], "unknown input 'revenu'"),
    (["--curve", "h-01", "revenue", "10", "0", "1"], "'to' is below 'from'"),
    (["--monte-carlo", "10"], "--monte-carlo needs --distributions"),
    (["--monte-carlo", "0", *DISTS], "--monte-carlo expects 1 to"),
    (["--diagnostics"], "--diagnostics needs --targets"),
    (["--diagnostics", *TARGETS, "--cliff", "abc"], "--cliff expects a decimal"),
])
def test_analysis_usage_errors(args, message, tmp_path):
    r = motiv(*BASE, *args, "--out", tmp_path / "x")
    assert r.returncode == 2, r.stderr
    assert message in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_sweep_a_tier_cell(tmp_path):
    # The hunters' top commission rate 10% -> 12%: only h-01 sells above its 1,000,000 quota,
    # 250,000 x 2% = 5,000.00 more: 715,977.01 -> 720,977.01.
    r = motiv(*BASE, "--sweep", "hunter.commission.tiers[2].rate=0.10:0.12:0.02", "--out", tmp_path / "t")
    assert r.returncode == 0, r.stderr
    grid = rows(tmp_path / "t" / "sweep.csv")
    assert [(g["hunter.commission.tiers[2].rate"], g["total"]) for g in grid] == [("0.1", "715977.01"), ("0.12", "720977.01")]
    r = motiv(*BASE, "--sweep", "hunter.commission.tiers[1].from=0.5:1.5:0.5", "--out", tmp_path / "bad")
    assert r.returncode == 2 and "the thresholds of hunter.commission.tiers would not rise" in r.stderr


def test_diagnostics_effort_without_a_target_value(tmp_path):
    targets = tmp_path / "t.json"
    targets.write_text(json.dumps({"target": {"hunter": {"overdue_handovers": 0, "revenue": "1000000.00"}},
                                   "effort": {"hunter": ["volume"]}}), encoding="utf-8")
    r = motiv(*BASE, "--diagnostics", "--targets", targets)
    assert r.returncode == 2
    assert "--diagnostics: effort input volume of hunter has no value in the target profile" in r.stderr


def test_result_csvs_are_safe_for_spreadsheets_unless_raw(tmp_path):
    # Issue 17: every CSV a person may open neutralises a cell that could run as a formula; the same
    # --format csv-raw as payroll and report writes cells as they are, for programs.
    data = tmp_path / "people.csv"
    people = (ROOT / "examples/department/people_2026-10.csv").read_text(encoding="utf-8")
    data.write_text(people.replace("Анна Смирнова", "@SUM(1)", 1), encoding="utf-8")
    for fmt, want in [(None, "'@SUM(1)"), ("csv", "'@SUM(1)"), ("csv-raw", "@SUM(1)")]:
        out = tmp_path / f"out-{fmt}"
        r = motiv("whatif", "--rules", "rules/three_tier.json", "--data", data, "--period", "2026-10", "--set", "hunter.salary=30000.00",
                  "--out", out, "-q", *(["--format", fmt] if fmt else []))
        assert r.returncode == 0, r.stderr
        people_rows = {p["id"]: p for p in rows(out / "people.csv")}
        assert people_rows["op-01"]["name"] == want, fmt
        assert people_rows["h-01"]["delta"] == "5000.00"  # amounts stay numbers either way
