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
    people = {p["id"]: p for p in rows(Path(f"{out}.people.csv"))}
    assert len(people) == 14
    h1 = people["h-01"]
    assert (h1["before"], h1["after"], h1["delta"], h1["change"]) == ("110000.00", "115000.00", "5000.00", "gain")
    assert people["op-01"]["change"] == "same"
    roles = {r["role"]: r for r in rows(Path(f"{out}.roles.csv"))}
    assert (roles["hunter"]["before_cost"], roles["hunter"]["after_cost"], roles["hunter"]["gainers"]) == ("270642.01", "295642.01", "5")
    assert (roles["all"]["before_cost"], roles["all"]["after_cost"], roles["all"]["delta"]) == ("715977.01", "740977.01", "25000.00")
    plan = rows(Path(f"{out}.plan.csv"))
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
    people = {p["id"]: p for p in rows(tmp_path / "retro.people.csv")}
    assert people["h-01"]["after"] == "146000.00"
    assert people["h-04"]["after"] == "51172.84"
    plan = rows(tmp_path / "retro.plan.csv")
    assert [(p["area"], p["name"], p["field"]) for p in plan] == [("parameter", "hunter.commission.tiers", "value"),
                                                                   ("component", "hunter/commission", "mode")]


def test_sweep_grid(tmp_path):
    r = motiv(*BASE, "--sweep", "hunter.salary=20000:30000:5000", "--sweep", "farmer.cut.no_growth=0:1:0.5", "--out", tmp_path / "s", "-j", "2")
    assert r.returncode == 0, r.stderr
    grid = rows(tmp_path / "s.sweep.csv")
    assert len(grid) == 9
    assert list(grid[0]) == ["hunter.salary", "farmer.cut.no_growth", "total", "operator", "hunter", "farmer", "failed_rows"]
    # At 25,000 and 50% the scheme is as it is.
    base = [g for g in grid if g["hunter.salary"] == "25000" and g["farmer.cut.no_growth"] == "0.5"]
    assert base[0]["total"] == "715977.01"
    # No cut at all: farmers f-01 and f-03 keep their whole bonus: 219,375 + 3,125 + 2,500 = 225,000.00.
    assert {g["farmer"] for g in grid if g["farmer.cut.no_growth"] == "0"} == {"225000.00"}
    assert not (tmp_path / "s.people.csv").exists()  # a sweep alone compares nothing


@pytest.mark.parametrize("args, status, message", [
    ([], 2, "give --set, --against or --sweep"),
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
    (tmp_path / "x.plan.csv").write_text("keep")
    r = motiv(*BASE, "--set", "hunter.salary=30000.00", "--out", tmp_path / "x")
    assert r.returncode == 1 and "refusing to overwrite" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.plan.csv"]
    assert (tmp_path / "x.plan.csv").read_text() == "keep"
    r = motiv(*BASE, "--set", "hunter.salary=30000.00", "--out", tmp_path / "x", "--force")
    assert r.returncode == 0, r.stderr
    assert rows(tmp_path / "x.plan.csv")[0]["name"] == "hunter.salary"
