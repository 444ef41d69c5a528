"""`motiv run-periods`: a year of the hunter and farmer example (rules/examples/periods_year.json,
examples/periods/), split runs carrying the state through a file, and retro recalculation.

The year's amounts are worked out by hand in tests/apps/periods/year_test.cpp; the totals by month:
  hunter h-01: 40,000 45,000 95,000 40,000 40,000 65,000 40,000 75,000 40,000 40,000 95,000 45,000
  farmer f-01: 36,000 37,200 82,800 39,000 63,000 24,000 34,800 35,400 43,800 36,000 36,000 78,000
"""

from __future__ import annotations

import csv
import json

from test_cli import ROOT, motiv, pytestmark, text  # noqa: F401  (pytestmark skips without the binary)

RULES = "rules/examples/periods_year.json"
DATA = "examples/periods/people_2026.csv"
DEALS = "examples/periods/cancellations.csv"
HUNTER = "40000 45000 95000 40000 40000 65000 40000 75000 40000 40000 95000 45000".split()
FARMER = "36000 37200 82800 39000 63000 24000 34800 35400 43800 36000 36000 78000".split()


def run(tmp_path, name, *extra):
    out, state = tmp_path / f"{name}.csv", tmp_path / f"{name}.json"
    r = motiv("run-periods", "--rules", RULES, "--data", DATA, "--cancellations", DEALS, "--state-out", state, "--out", out, *extra)
    return r, out, state


def totals(path, person):
    with open(path, newline="") as f:
        return [row["total"] for row in csv.DictReader(f) if row["id"] == person]


def test_a_year_in_one_run(tmp_path):
    r, out, state = run(tmp_path, "year", "--from", "2026-01", "--to", "2026-12")
    assert r.returncode == 0, text(r.stderr)
    assert totals(out, "h-01") == [f"{t}.00" for t in HUNTER]
    assert totals(out, "f-01") == [f"{t}.00" for t in FARMER]
    assert "h-01: deal D-3: cancelled 149 days after payment" in text(r.stdout)
    s = json.loads(state.read_text())
    assert s["last_period"] == "2026-12"
    assert s["handled_deals"] == ["D-1", "D-3", "D-2"]
    h = next(p for p in s["people"] if p["person"] == "h-01")
    assert (h["draw_balance"], h["draw_periods_outstanding"], h["clawback_pending"]) == ("5000.00", 4, "0.00")
    with open(out, newline="") as f:
        sep = next(row for row in csv.DictReader(f) if row["id"] == "h-01" and row["period"] == "2026-09")
    # September: earned 20,000; clawback held at the floor (0, 10,000 pending); draw advance 20,000.
    assert (sep["earned"], sep["clawback"], sep["draw"], sep["clawback_pending"]) == ("20000.00", "0.00", "20000.00", "10000.00")


def test_two_half_years_carry_the_state_through_a_file(tmp_path):
    _, whole_out, whole_state = run(tmp_path, "whole", "--from", "2026-01", "--to", "2026-12")
    r1, out1, state1 = run(tmp_path, "h1", "--from", "2026-01", "--to", "2026-06")
    assert r1.returncode == 0, text(r1.stderr)
    r2, out2, state2 = run(tmp_path, "h2", "--from", "2026-07", "--to", "2026-12", "--state-in", state1)
    assert r2.returncode == 0, text(r2.stderr)
    assert totals(out1, "h-01") + totals(out2, "h-01") == totals(whole_out, "h-01")
    assert json.loads(state2.read_text()) == json.loads(whole_state.read_text())
    # Paying July again from the year-end state is refused, and nothing is written.
    r3, out3, state3 = run(tmp_path, "again", "--from", "2026-07", "--to", "2026-07", "--state-in", state2)
    assert r3.returncode == 1
    assert "the state ends with 2026-12, so the next period to pay is 2027-01, not 2026-07" in text(r3.stderr)
    assert not out3.exists() and not state3.exists()


def test_an_edited_or_cut_state_is_refused_with_the_period_named(tmp_path):
    # Issue 17: a history total edited by hand drove a retro of -69,999.00. The state is sealed now.
    r1, _, state1 = run(tmp_path, "h1", "--from", "2026-01", "--to", "2026-06")
    assert r1.returncode == 0, text(r1.stderr)
    good = json.loads(state1.read_text())
    h = next(i for i, p in enumerate(good["people"]) if p["person"] == "h-01")
    edited = json.loads(json.dumps(good))
    edited["people"][h]["history"][2]["total"] = "25001.00"
    cut = json.loads(json.dumps(good))
    del cut["people"][h]["history"][-1]
    old = json.loads(json.dumps(good))
    old["motiv_state"] = 1
    for name, state, words in [
        ("edited", edited, f"(/people/{h}/history/2) the history of 'h-01' was changed at period 2026-03 after run-periods wrote it"),
        ("cut", cut, f"(/people/{h}) the state of 'h-01' was changed after run-periods wrote it"),
        ("old", old, "re-running the periods from the first one"),
    ]:
        path = tmp_path / f"{name}.state.json"
        path.write_text(json.dumps(state))
        r, out, state_out = run(tmp_path, f"from-{name}", "--from", "2026-07", "--to", "2026-07", "--state-in", path)
        assert r.returncode == 1, name
        assert words in text(r.stderr), text(r.stderr)
        assert ("motiv.data_error.506" if name == "old" else "motiv.data_error.505") in text(r.stderr)
        assert not out.exists() and not state_out.exists()


def test_retro_correction_and_a_rule_change_accepted_by_name(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("id,role,period,revenue\nh-01,hunter,2026-01,500000\nh-01,hunter,2026-02,200000\nh-01,hunter,2026-03,0\n")
    fix = tmp_path / "fix.csv"
    fix.write_text("id,role,period,revenue\nh-01,hunter,2026-01,600000\n")
    jan = tmp_path / "jan.json"
    r = motiv("run-periods", "--rules", "rules/examples/retro.json", "--data", people, "--from", "2026-01", "--to", "2026-01",
              "--state-out", jan, "--out", tmp_path / "jan.csv")
    assert r.returncode == 0, text(r.stderr)
    # February, with January's revenue corrected to 600,000: 65,000 - 55,000 = +10,000; Feb 30,000 + 10,000.
    feb = tmp_path / "feb.json"
    r = motiv("run-periods", "--rules", "rules/examples/retro.json", "--data", people, "--from", "2026-02", "--to", "2026-02",
              "--state-in", jan, "--state-out", feb, "--out", tmp_path / "feb.csv", "--corrections", fix, "--explain", "h-01")
    assert r.returncode == 0, text(r.stderr)
    with open(tmp_path / "feb.csv", newline="") as f:
        row = next(csv.DictReader(f))
    assert (row["retro"], row["total"]) == ("10000.00", "40000.00")
    assert "retro 2026-01 = recomputed 65,000.00 - paid 55,000.00 = 10,000.00" in text(r.stdout)
    # March with retro_v2.json (12% above 300,000): recomputing January is refused, naming both hashes...
    old = json.loads(feb.read_text())["rules_sha256"]
    v2 = motiv("validate", "rules/examples/retro_v2.json")
    new = text(v2.stdout).rsplit("sha256 ", 1)[1].strip()
    args = ["run-periods", "--rules", "rules/examples/retro_v2.json", "--data", people, "--from", "2026-03", "--to", "2026-03",
            "--state-in", feb, "--state-out", tmp_path / "mar.json", "--out", tmp_path / "mar.csv", "--recompute", "2026-01"]
    r = motiv(*args)
    assert r.returncode == 1
    assert f"paid with rules sha256 {old} and this rule file is sha256 {new}" in text(r.stderr)
    assert not (tmp_path / "mar.csv").exists()
    # ... and paid once the change is accepted: 71,000 - 65,000 = +6,000.
    r = motiv(*args, "--accept-rules-change", f"{old}:{new}")
    assert r.returncode == 0, text(r.stderr)
    with open(tmp_path / "mar.csv", newline="") as f:
        row = next(csv.DictReader(f))
    assert (row["retro"], row["total"], row["rules_sha256"]) == ("6000.00", "26000.00", new)


def test_set_overrides_a_periods_figure_named_as_a_parameter(tmp_path):
    """rules/examples/draws.json: the hunter's draw is the dated parameter hunter.draw.amount (40,000,
    45,000 from July). Revenue 100,000 a month: earned 20,000 + 5% x 100,000 = 25,000, so the draw
    advance is 15,000 in June and 20,000 in July; with --set hunter.draw.amount=50000.00, 25,000 both months."""
    data = tmp_path / "people.csv"
    data.write_text("id,role,period,revenue\nh-01,hunter,2026-06,100000\nh-01,hunter,2026-07,100000\n")

    def draws(name, *extra):
        out, state = tmp_path / f"{name}.csv", tmp_path / f"{name}.json"
        r = motiv("run-periods", "--rules", "rules/examples/draws.json", "--data", data, "--from", "2026-06", "--to", "2026-07",
                  "--state-out", state, "--out", out, "-q", *extra)
        assert r.returncode == 0, text(r.stderr)
        with open(out, newline="") as f:
            return [row["draw"] for row in csv.DictReader(f)]

    assert draws("as_filed") == ["15000.00", "20000.00"]
    assert draws("whatif", "--set", "hunter.draw.amount=50000.00") == ["25000.00", "25000.00"]
    bad = motiv("run-periods", "--rules", "rules/examples/draws.json", "--data", data, "--from", "2026-06", "--to", "2026-06",
                "--state-out", tmp_path / "b.json", "--out", tmp_path / "b.csv", "--set", "hunter.draw.amount=-1.00")
    assert bad.returncode == 1
    assert "(/periods/draws/hunter/amount) parameter 'hunter.draw.amount' is -1; expected money >= 0" in text(bad.stderr)
