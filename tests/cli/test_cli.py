"""End-to-end tests of the `motiv` command-line tool (cli/*.cpp).

The binary is taken from $MOTIV_CLI (set by ctest), else build/dev/motiv under the repository root;
the tests are skipped when neither exists. Every command runs with cwd = the repository root, and
writes only into pytest's tmp_path.

Golden files (tests/cli/golden/) were produced by running the binary once and then checked line by
line against the hand computation below; the tests also check the hand-computed numbers directly
(HAND, ROLE_TOTALS, ROLE_COMPONENT_SUMS), so a wrong golden file cannot pass on its own.

Hand computation for examples/department/people_2026-10.csv with rules/three_tier.json, period
2026-10. Rounding: half_up to 0.01, applied per component.

OPERATOR -- salary = operator.salary effective 2026-07-01 = 42000.00 (40000.00 before July).
  talk_per_day = talk_minutes / days_worked, effectiveness = meetings / calls.
  gates (all needed for any bonus): calls >= 200, talk_per_day >= 120, script_compliance >= 0.80.
  targets (+1% each): calls >= 250, talk_per_day >= 150, meetings >= 20, effectiveness >= 0.15,
  script_compliance >= 0.95.  bonus = 42000 x min(10% + 1% x targets, 15%).
  op-01  260 calls, 2880/22 = 130.91 min/day, 25 meetings, 25/260 = 0.096, script 0.96
         gates: 260>=200 yes, 130.91>=120 yes, 0.96>=0.80 yes -> pass
         targets: calls 260>=250 yes, talk 130.91>=150 no, meetings 25>=20 yes,
                  eff 0.096>=0.15 no, script 0.96>=0.95 yes -> 3 -> rate 13%
         bonus 42000 x 0.13 = 5460.00; total 42000 + 5460 = 47460.00
  op-02  180 calls < 200 -> gate fails -> bonus 0.00; total 42000.00
  op-03  300 calls, 3520/22 = 160 min/day, 46 meetings, 46/300 = 0.153, script 0.97
         gates pass; targets: 300>=250, 160>=150, 46>=20, 0.153>=0.15, 0.97>=0.95 -> 5 -> 15% (= max)
         bonus 42000 x 0.15 = 6300.00; total 48300.00
  op-04  220 calls, 2520/21 = 120 min/day exactly (gate is >=, so it passes), 18 meetings,
         18/220 = 0.082, script 0.85 -> gates pass; targets: none of 220>=250, 120>=150, 18>=20,
         0.082>=0.15, 0.85>=0.95 -> 0 -> 10%; bonus 4200.00; total 46200.00
  op-05  240 calls, 2860/22 = 130 min/day, script 0.79 < 0.80 -> gate fails -> total 42000.00
  operator: salary 5 x 42000 = 210000.00; bonus 5460 + 0 + 6300 + 4200 + 0 = 15960.00
            total 47460 + 42000 + 48300 + 46200 + 42000 = 225960.00

HUNTER -- salary 25000.00; commission graduated on revenue: 5% of [0, 300000), 7% of
  [300000, 1000000), 10% above 1000000; penalty = overdue x 2000.00, capped at the commission,
  only when overdue > 0 (blank overdue_handovers defaults to 0).
  h-01  revenue 1250000: 300000 x 5% = 15000 + 700000 x 7% = 49000 + 250000 x 10% = 25000
        -> commission 89000.00; penalty 2 x 2000 = 4000 (cap 89000) -> -4000.00
        total 25000 + 89000 - 4000 = 110000.00
  h-02  revenue 300000: 300000 x 5% = 15000.00 (nothing reaches tier 2); overdue 0 -> penalty 0.00
        total 40000.00
  h-03  revenue 40000: 40000 x 5% = 2000.00; penalty 2 x 2000 = 4000 capped at 2000 -> -2000.00
        total 25000 + 2000 - 2000 = 25000.00
  h-04  revenue 523456.78: 15000 + 223456.78 x 7% = 15641.9746 -> commission 30641.9746
        -> half_up 30641.97; overdue 0; total 25000 + 30641.97 = 55641.97
  h-05  revenue 300000.50: 15000 + 0.50 x 7% = 0.035 -> 15000.035 -> half_up 15000.04
        (half_down would give .03); overdue blank = 0; total 40000.04
  hunter: salary 125000.00; commission 89000 + 15000 + 2000 + 30641.97 + 15000.04 = 151642.01;
          penalty -4000 - 2000 = -6000.00; total 110000 + 40000 + 25000 + 55641.97 + 40000.04
          = 270642.01

FARMER -- salary 50000.00; bonus = 50000 x rate_at(volume): 10% from 0, 12.5% from 1000000,
  15% from 2000000 (step, not graduated); cut 50% of the bonus when volume <= volume_prev.
  f-01  volume 1250000 -> 12.5% -> 6250.00; 1250000 <= 1300000 -> cut -3125.00; total 53125.00
  f-02  volume 2400000 -> 15% -> 7500.00; grew (2400000 > 2100000) -> cut 0.00; total 57500.00
  f-03  volume 800000 -> 10% -> 5000.00; 800000 <= 800000 (equal counts) -> cut -2500.00;
        total 52500.00
  f-04  volume 1000000 -> exactly on the tier boundary -> 12.5% -> 6250.00; grew -> total 56250.00
  farmer: salary 200000.00; bonus 6250 + 7500 + 5000 + 6250 = 25000.00; cut -3125 - 2500 =
          -5625.00; total 53125 + 57500 + 52500 + 56250 = 219375.00

ALL: 225960.00 + 270642.01 + 219375.00 = 715977.01 (14 people).
Summary averages: farmer 219375 / 4 = 54843.75; hunter 270642.01 / 5 = 54128.402 -> 54128.40;
operator 225960 / 5 = 45192.00.

Extra (multi-period file in test_explain_and_payroll_with_period_column): op-01 in 2026-06 with
240 calls (otherwise as above): salary 40000.00 (before the July raise); gates pass; targets:
calls 240<250 no, talk no, meetings 25>=20 yes, eff 25/240 = 0.104 no, script yes -> 2 -> 12%;
bonus 40000 x 0.12 = 4800.00; total 44800.00.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("MOTIV_SOURCE_DIR") or Path(__file__).resolve().parents[2]).resolve()
GOLDEN = Path(__file__).resolve().parent / "golden"
RULES = "rules/three_tier.json"
DATA = "examples/department/people_2026-10.csv"
PERIOD = "2026-10"


def _find_cli() -> Path | None:
    env = os.environ.get("MOTIV_CLI")
    if env and Path(env).is_file():
        return Path(env).resolve()
    default = ROOT / "build" / "dev" / "motiv"
    return default if default.is_file() else None


CLI = _find_cli()
pytestmark = pytest.mark.skipif(
    CLI is None,
    reason=f"motiv binary not found: set MOTIV_CLI or build it (cmake --build build/dev --target motiv_cli "
    f"-> {ROOT / 'build/dev/motiv'}); MOTIV_CLI={os.environ.get('MOTIV_CLI')!r}",
)


def motiv(*args: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    """Runs the binary from the repository root; stdout/stderr are bytes."""
    return subprocess.run([str(CLI), *map(str, args)], cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE, timeout=60)


def text(b: bytes | None) -> str:
    return (b or b"").decode("utf-8")


# --- the hand-computed expectations (see the module docstring) ------------------------------------

HAND = {  # id -> (role, {component: amount}, total)
    "op-01": ("operator", {"salary": "42000.00", "bonus": "5460.00"}, "47460.00"),
    "op-02": ("operator", {"salary": "42000.00", "bonus": "0.00"}, "42000.00"),
    "op-03": ("operator", {"salary": "42000.00", "bonus": "6300.00"}, "48300.00"),
    "op-04": ("operator", {"salary": "42000.00", "bonus": "4200.00"}, "46200.00"),
    "op-05": ("operator", {"salary": "42000.00", "bonus": "0.00"}, "42000.00"),
    "h-01": ("hunter", {"salary": "25000.00", "commission": "89000.00", "handover_penalty": "-4000.00"}, "110000.00"),
    "h-02": ("hunter", {"salary": "25000.00", "commission": "15000.00", "handover_penalty": "0.00"}, "40000.00"),
    "h-03": ("hunter", {"salary": "25000.00", "commission": "2000.00", "handover_penalty": "-2000.00"}, "25000.00"),
    "h-04": ("hunter", {"salary": "25000.00", "commission": "30641.97", "handover_penalty": "0.00"}, "55641.97"),
    "h-05": ("hunter", {"salary": "25000.00", "commission": "15000.04", "handover_penalty": "0.00"}, "40000.04"),
    "f-01": ("farmer", {"salary": "50000.00", "bonus": "6250.00", "no_growth_cut": "-3125.00"}, "53125.00"),
    "f-02": ("farmer", {"salary": "50000.00", "bonus": "7500.00", "no_growth_cut": "0.00"}, "57500.00"),
    "f-03": ("farmer", {"salary": "50000.00", "bonus": "5000.00", "no_growth_cut": "-2500.00"}, "52500.00"),
    "f-04": ("farmer", {"salary": "50000.00", "bonus": "6250.00", "no_growth_cut": "0.00"}, "56250.00"),
}
ROLE_TOTALS = {"operator": "225960.00", "hunter": "270642.01", "farmer": "219375.00"}
ROLE_COMPONENT_SUMS = {
    "operator": {"salary": "210000.00", "bonus": "15960.00"},
    "hunter": {"salary": "125000.00", "commission": "151642.01", "handover_penalty": "-6000.00"},
    "farmer": {"salary": "200000.00", "bonus": "25000.00", "no_growth_cut": "-5625.00"},
}
GRAND_TOTAL = "715977.01"
RULES_SHA256 = hashlib.sha256((ROOT / RULES).read_bytes()).hexdigest()
DATA_SHA256 = hashlib.sha256((ROOT / DATA).read_bytes()).hexdigest()


def test_hand_numbers_add_up():
    """The expectations above are consistent with each other (guards against a typo in HAND)."""
    for pid, (_, comps, total) in HAND.items():
        assert sum(map(Decimal, comps.values())) == Decimal(total), pid
    for role, total in ROLE_TOTALS.items():
        assert sum(Decimal(t) for r, _, t in HAND.values() if r == role) == Decimal(total), role
        assert sum(map(Decimal, ROLE_COMPONENT_SUMS[role].values())) == Decimal(total), role
    assert sum(map(Decimal, ROLE_TOTALS.values())) == Decimal(GRAND_TOTAL)


# --- help and usage errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, mentions",
    [
        (["--help"], ["usage: motiv", "validate", "payroll", "explain", "--help"]),
        (["-h"], ["usage: motiv"]),
        (["payroll", "--help"], ["--rules", "--data", "--period", "--out", "--force", "--quiet", "nothing is written"]),
        (["payroll", "-h"], ["--rules", "--out"]),
        (["explain", "--help"], ["--rules", "--data", "--employee", "--period", "--json", "--brief"]),
        (["validate", "--help"], ["FILE", "Exit status"]),
    ],
    ids=["motiv--help", "motiv-h", "payroll--help", "payroll-h", "explain--help", "validate--help"],
)
def test_help(args, mentions):
    r = motiv(*args)
    assert r.returncode == 0, text(r.stderr)
    out = text(r.stdout)
    for m in mentions:
        assert m in out, f"{m!r} missing from `motiv {' '.join(args)}`:\n{out}"
    assert r.stderr == b""


@pytest.mark.parametrize(
    "args, message",
    [
        (["frobnicate"], "unknown command 'frobnicate'"),
        (["payroll", "--rules", RULES, "--data", DATA, "--period", PERIOD], "'--out' is required"),
        (["payroll", "--data", DATA, "--period", PERIOD, "--out", "x.csv"], "'--rules' is required"),
        (["explain", "--rules", RULES, "--data", DATA, "--period", PERIOD], "'--employee' is required"),
        (["validate"], "at least one rule file"),
        (["payroll", "--bogus"], "'--bogus'"),
        (["payroll", "-r", RULES, "-d", DATA, "-p", "2026-13", "-o", "x.csv"], "--period must be YYYY-MM, got '2026-13'"),
        (["explain", "-r", RULES, "-d", DATA, "-e", "h-01", "-p", "Oct"], "--period must be YYYY-MM, got 'Oct'"),
        # the example CSV has no period column, so explain cannot guess it
        (["explain", "-r", RULES, "-d", DATA, "-e", "h-01"], "--period is required"),
    ],
    ids=["unknown-command", "payroll-no-out", "payroll-no-rules", "explain-no-employee", "validate-no-file",
         "unknown-option", "payroll-bad-period", "explain-bad-period", "explain-no-period"],
)
def test_usage_errors_exit_2(args, message):
    r = motiv(*args)
    assert r.returncode == 2, (r.returncode, text(r.stderr))
    assert message in text(r.stderr)
    assert not (ROOT / "x.csv").exists()


# --- validate ----------------------------------------------------------------------------------------


def test_validate_ok():
    r = motiv("validate", RULES)
    assert r.returncode == 0, text(r.stderr)
    assert text(r.stdout) == (
        f"ok: {RULES}: scheme three_tier 2026.2, 3 roles, 8 components, 19 parameters, 10 inputs, logs section; "
        f"sha256 {RULES_SHA256}\n"
    )
    assert r.stderr == b""


def _rules() -> dict:
    return json.loads((ROOT / RULES).read_text(encoding="utf-8"))


def _bad_json(d: dict) -> str:
    return '{"motiv": 1, "scheme": {\n'


def _unknown_name(d: dict) -> str:
    d["roles"]["operator"]["variables"]["effectiveness"]["formula"] = "if(calls > 0, meetings / callz, 0)"
    return json.dumps(d, indent=2, ensure_ascii=False)


def _unknown_name_in_component(d: dict) -> str:
    d["roles"]["hunter"]["components"][2]["amount"] = "overdue_handovers * hunter.handover.penalty_per_clint"
    return json.dumps(d, indent=2, ensure_ascii=False)


def _formula_syntax(d: dict) -> str:
    d["roles"]["operator"]["variables"]["bonus_rate"]["formula"] = "min(operator.bonus.base_rate + , operator.bonus.max_rate)"
    return json.dumps(d, indent=2, ensure_ascii=False)


def _cycle(d: dict) -> str:
    # talk_per_day -> bonus_rate -> targets_met -> talk_per_day
    d["roles"]["operator"]["variables"]["talk_per_day"]["formula"] = "bonus_rate * 2"
    return json.dumps(d, indent=2, ensure_ascii=False)


# name -> (make file text, id, location (pointer or line:col), expected message fragment, caret under)
BAD_RULES = {
    "bad_json": (_bad_json, "motiv.rule_error.101", ":2:1", "invalid JSON", None),
    "unknown_name": (_unknown_name, "motiv.rule_error.301", "(/roles/operator/variables/effectiveness/formula)",
                     "unknown name 'callz'", "callz"),
    "unknown_name_in_component": (_unknown_name_in_component, "motiv.rule_error.301",
                                  "(/roles/hunter/components/2/amount)",
                                  "unknown name 'hunter.handover.penalty_per_clint'", "hunter.handover.penalty_per_clint"),
    "formula_syntax": (_formula_syntax, "motiv.rule_error.401", "(/roles/operator/variables/bonus_rate/formula)",
                       "unexpected ','", ", operator.bonus.max_rate"),
    "cycle": (_cycle, "motiv.rule_error.302", "(/roles/operator/variables/", "cycle:", None),
}


def _write_bad(tmp_path: Path, name: str) -> Path:
    p = tmp_path / f"{name}.json"
    p.write_text(BAD_RULES[name][0](_rules()), encoding="utf-8")
    return p


def _check_caret(stderr: str, under: str) -> None:
    """The formula is echoed on its own line and a '^' line points at the first char of `under`."""
    lines = stderr.splitlines()
    caret = next(i for i, ln in enumerate(lines) if ln.strip() == "^")
    formula = lines[caret - 1]
    assert formula.startswith("    ")
    assert lines[caret].index("^") == formula.index(under), f"caret misplaced:\n{formula}\n{lines[caret]}"


@pytest.mark.parametrize("name", list(BAD_RULES))
def test_validate_bad_file(tmp_path, name):
    _, err_id, where, message, caret_under = BAD_RULES[name]
    path = _write_bad(tmp_path, name)
    r = motiv("validate", path)
    assert r.returncode == 1
    assert r.stdout == b""
    err = text(r.stderr)
    first = err.splitlines()[0]
    assert first.startswith(f"[{err_id}] {path}"), err
    assert where in first and message in first, err
    if name == "cycle":
        assert "talk_per_day" in first and "bonus_rate" in first
    if caret_under:
        _check_caret(err, caret_under)
    assert err.endswith(f"{path}: 1 error\n")


def test_validate_reports_every_bad_file_and_every_error(tmp_path):
    bad = [_write_bad(tmp_path, n) for n in ("bad_json", "unknown_name", "cycle")]
    two = tmp_path / "two_errors.json"
    d = _rules()
    _unknown_name(d)
    two.write_text(_unknown_name_in_component(d), encoding="utf-8")
    r = motiv("validate", bad[0], RULES, bad[1], bad[2], two)
    assert r.returncode == 1
    assert text(r.stdout).startswith(f"ok: {RULES}: scheme three_tier")  # the good file still validated
    err = text(r.stderr)
    for p, err_id in zip(bad, ("101", "301", "302")):
        assert f"[motiv.rule_error.{err_id}] {p}" in err
        assert f"{p}: 1 error\n" in err
    assert "unknown name 'callz'" in err and "unknown name 'hunter.handover.penalty_per_clint'" in err
    assert f"{two}: 2 errors\n" in err
    # reported in command-line order
    assert err.index(str(bad[0])) < err.index(str(bad[1])) < err.index(str(bad[2])) < err.index(str(two))


def test_validate_missing_file(tmp_path):
    r = motiv("validate", tmp_path / "nope.json")
    assert r.returncode == 1
    assert "[motiv.rule_error.100]" in text(r.stderr) and "nope.json" in text(r.stderr)


# --- payroll -----------------------------------------------------------------------------------------


def payroll(out: Path, *extra: str, data: str | Path = DATA, period: str = PERIOD):
    return motiv("payroll", "--rules", RULES, "--data", data, "--period", period, "--out", out, *extra)


def _read_csv(path: Path) -> list[dict]:
    """The people rows of a payroll CSV; its last row, TOTAL, is checked to be the column sums."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    *people, totals = rows
    assert totals["id"] == "TOTAL"
    for column in [*COMPONENT_COLUMNS, "total"]:
        assert Decimal(totals[column]) == sum((Decimal(r[column]) for r in people if r[column] != ""), Decimal(0)), column
    return people


COMPONENT_COLUMNS = ["salary", "bonus", "commission", "handover_penalty", "no_growth_cut"]  # file order of the roles


def test_payroll_matches_golden_and_hand_computation(tmp_path):
    out = tmp_path / "payroll.csv"
    r = payroll(out)
    assert r.returncode == 0, text(r.stderr)
    assert r.stderr == b""
    assert out.read_bytes() == (GOLDEN / "payroll_2026-10.csv").read_bytes()

    lines = text(r.stdout).splitlines(keepends=True)
    assert "".join(lines[:-1]) == (GOLDEN / "payroll_2026-10.summary.txt").read_text(encoding="utf-8")
    assert lines[-1] == f"wrote {out} (14 people)\n"

    rows = _read_csv(out)
    assert list(rows[0].keys()) == ["id", "name", "role", "period", *COMPONENT_COLUMNS, "total",
                                    "scheme", "version", "rules_sha256", "data_sha256"]
    assert [row["id"] for row in rows] == list(HAND)  # file order kept
    role_sums: dict[str, Decimal] = {}
    comp_sums: dict[tuple[str, str], Decimal] = {}
    for row in rows:
        role, comps, total = HAND[row["id"]]
        assert row["role"] == role and row["period"] == PERIOD
        assert (row["scheme"], row["version"], row["rules_sha256"]) == ("three_tier", "2026.2", RULES_SHA256)
        assert row["data_sha256"] == DATA_SHA256
        got = {c: row[c] for c in COMPONENT_COLUMNS if row[c] != ""}
        assert got == comps, row["id"]  # components of other roles are left empty
        assert row["total"] == total, row["id"]
        assert sum(Decimal(v) for v in got.values()) == Decimal(row["total"]), row["id"]
        role_sums[role] = role_sums.get(role, Decimal(0)) + Decimal(row["total"])
        for c, v in got.items():
            comp_sums[role, c] = comp_sums.get((role, c), Decimal(0)) + Decimal(v)
    assert role_sums == {k: Decimal(v) for k, v in ROLE_TOTALS.items()}
    assert comp_sums == {(r, c): Decimal(v) for r, cs in ROLE_COMPONENT_SUMS.items() for c, v in cs.items()}
    assert sum(role_sums.values()) == Decimal(GRAND_TOTAL)

    # The summary's role lines agree with the hand totals too.
    summary = {}
    for ln in lines:
        m = re.match(r"^  (\w+)\s+(\d+)\s+(-?[\d,]+\.\d\d)", ln)
        if m:
            summary[m[1]] = (int(m[2]), Decimal(m[3].replace(",", "")))
    assert summary == {
        "operator": (5, Decimal("225960.00")),
        "hunter": (5, Decimal("270642.01")),
        "farmer": (4, Decimal("219375.00")),
        "all": (14, Decimal(GRAND_TOTAL)),
    }


def test_payroll_quiet(tmp_path):
    out = tmp_path / "p.csv"
    r = payroll(out, "--quiet")
    assert r.returncode == 0 and r.stdout == b"" and r.stderr == b""
    assert out.read_bytes() == (GOLDEN / "payroll_2026-10.csv").read_bytes()


def test_payroll_refuses_to_overwrite(tmp_path):
    out = tmp_path / "payroll.csv"
    out.write_bytes(b"old payroll\n")
    r = payroll(out)
    assert r.returncode == 1
    err = text(r.stderr)
    assert "[motiv.io_error.003]" in err and "--force" in err and str(out) in err
    assert out.read_bytes() == b"old payroll\n"
    assert os.listdir(tmp_path) == ["payroll.csv"]  # no temporary left behind


def test_payroll_force_replaces_and_keeps_mode(tmp_path):
    out = tmp_path / "payroll.csv"
    out.write_bytes(b"old payroll\n")
    out.chmod(0o640)
    r = payroll(out, "--force", "-q")
    assert r.returncode == 0, text(r.stderr)
    assert out.read_bytes() == (GOLDEN / "payroll_2026-10.csv").read_bytes()
    assert out.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["payroll.csv"]


def test_payroll_out_in_missing_directory(tmp_path):
    r = payroll(tmp_path / "no_such_dir" / "p.csv")
    assert r.returncode == 1
    assert "[motiv.io_error.002]" in text(r.stderr)
    assert os.listdir(tmp_path) == []


def _example_lines() -> list[str]:
    return (ROOT / DATA).read_text(encoding="utf-8").splitlines(keepends=True)


def _edit(rows: dict[str, str]) -> str:
    """The example CSV with the lines starting with each key prefix replaced."""
    lines = _example_lines()
    for prefix, new in rows.items():
        hits = [i for i, ln in enumerate(lines) if ln.startswith(prefix)]
        assert len(hits) == 1, prefix
        lines[hits[0]] = new + "\n"
    return "".join(lines)


# name -> (edits, id, "line:col", column, person, message fragment)
BAD_ROWS = {
    "bad_value": ({"op-03,": "op-03,Вера Кузнецова,operator,3x0,3520,22,46,0.97,,,,"},
                  "motiv.data_error.304", "4:4", "calls", "op-03", "got '3x0'"),
    "out_of_range": ({"op-01,": "op-01,Анна Смирнова,operator,260,2880,22,25,1.96,,,,"},
                     "motiv.data_error.304", "2:8", "script_compliance", "op-01", "got '1.96'"),
    "unknown_role": ({"h-02,": "h-02,Жанна Козлова,hunterr,,,,,,300000.00,0,,"},
                     "motiv.data_error.201", "8:3", "role", "h-02", "unknown role 'hunterr'"),
    "duplicate_id": ({"f-03,": "f-01,Никита Васильев,farmer,,,,,,,,800000.00,800000.00"},
                     "motiv.data_error.303", "14:1", "id", "f-01", "duplicate person id 'f-01' (first on line 12)"),
    "missing_input": ({"h-04,": "h-04,Кира Морозова,hunter,,,,,,,0,,"},
                      "motiv.data_error.202", "10:9", "revenue", "h-04", "missing required input 'revenue'"),
}


@pytest.mark.parametrize("name", list(BAD_ROWS))
def test_payroll_bad_row_writes_nothing(tmp_path, name):
    edits, err_id, where, column, person, message = BAD_ROWS[name]
    data = tmp_path / "people.csv"
    data.write_text(_edit(edits), encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    r = payroll(out_dir / "payroll.csv", data=data)
    assert r.returncode == 1
    assert r.stdout == b""
    err = text(r.stderr)
    line = where.split(":")[0]
    assert err.startswith(f"[{err_id}] {data}:{where} (row {line}, column '{column}', person '{person}') "), err
    assert message in err
    assert err.endswith("1 error\n")
    assert os.listdir(out_dir) == []  # neither the payroll nor a temporary


def test_payroll_reports_every_bad_row_and_keeps_old_file(tmp_path):
    edits = {}
    for name in ("bad_value", "unknown_role", "duplicate_id", "missing_input"):
        edits.update(BAD_ROWS[name][0])
    data = tmp_path / "people.csv"
    data.write_text(_edit(edits), encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "payroll.csv"
    out.write_bytes(b"old payroll\n")
    r = payroll(out, "--force", data=data)  # even with --force, a bad table replaces nothing
    assert r.returncode == 1
    err = text(r.stderr)
    for name in ("bad_value", "unknown_role", "duplicate_id", "missing_input"):
        _, err_id, where, column, person, _ = BAD_ROWS[name]
        assert f"[{err_id}] {data}:{where} (row {where.split(':')[0]}, column '{column}', person '{person}')" in err
    assert err.endswith("4 errors\n")
    assert out.read_bytes() == b"old payroll\n"
    assert os.listdir(out_dir) == ["payroll.csv"]


# --- explain -----------------------------------------------------------------------------------------


def explain(employee: str, *extra: str, data: str | Path = DATA, period: str | None = PERIOD):
    args = ["explain", "--rules", RULES, "--data", data, "--employee", employee]
    if period:
        args += ["--period", period]
    return motiv(*args, *extra)


def test_explain_matches_golden():
    r = explain("h-01")
    assert r.returncode == 0, text(r.stderr)
    assert r.stderr == b""
    assert r.stdout == (GOLDEN / "explain_h-01.txt").read_bytes()


@pytest.mark.parametrize("person, lang", [("op-03", "en"), ("h-03", "ru")])
def test_explain_lang_prints_the_statement_golden(person, lang):
    """The pay statement as text. Checked by hand against the docstring's figures: op-03 is paid
    42,000.00 + 6,300.00 = 48,300.00, every gate and target met (talk 3520 / 22 = 160 per day,
    effectiveness 46 / 300 = 15.33%); h-03 25,000.00 + 2,000.00 - 2,000.00 = 25,000.00 in tier 1, and at
    the next tier (revenue 300,000.00, 260,000.00 more) the commission would be 300,000 x 5% = 15,000.00,
    the penalty 2 x 2,000 = 4,000.00 (under the cap), the total 25,000 + 15,000 - 4,000 = 36,000.00."""
    r = explain(person, "--lang", lang)
    assert r.returncode == 0, text(r.stderr)
    assert r.stdout == (GOLDEN / f"statement_{person}.{lang}.txt").read_bytes()
    golden = text(r.stdout)
    assert f"Data file SHA-256  {DATA_SHA256}" in golden or f"SHA-256 файла данных  {DATA_SHA256}" in golden
    r = explain(person, "--lang", "de")
    assert r.returncode == 2 and "--lang must be en or ru, got 'de'" in text(r.stderr)
    r = explain(person, "--lang", "en", "--json")
    assert r.returncode == 2 and "does not combine" in text(r.stderr)


def test_payroll_writes_every_format(tmp_path):
    r = payroll(tmp_path, "--format", "all", "--columns", "id,role,total")  # several formats: --out is a directory
    assert r.returncode == 0, text(r.stderr)
    names = ["payroll.csv", "payroll.excel-ru.csv", "payroll.xlsx", "payroll.jsonl"]
    assert text(r.stdout).splitlines()[-1] == "wrote " + ", ".join(str(tmp_path / n) for n in names) + " (14 people)"
    assert sorted(os.listdir(tmp_path)) == sorted(names)
    assert (tmp_path / "payroll.csv").read_text(encoding="utf-8").splitlines()[-1] == (
        f"TOTAL,,715977.01,2026-10,three_tier,2026.2,{RULES_SHA256},{DATA_SHA256}")
    r = payroll(tmp_path / "x.csv", "--format", "pdf")
    assert r.returncode == 2 and "--format must be csv, csv-excel-ru, csv-raw, xlsx, jsonl or all, got 'pdf'" in text(r.stderr)
    r = payroll(tmp_path / "x.csv", "--columns", "id,revenu")
    assert r.returncode == 2 and "--columns: unknown CSV column 'revenu'" in text(r.stderr)
    assert not (tmp_path / "x.csv").exists()


def test_explain_json():
    r = explain("h-01", "--json")
    assert r.returncode == 0, text(r.stderr)
    slip = json.loads(text(r.stdout))
    assert slip["total"] == "110000.00" and slip["total_minor"] == 11000000
    assert (slip["person"], slip["name"], slip["role"], slip["period"], slip["currency"]) == (
        "h-01", "Егор Лебедев", "hunter", PERIOD, "RUB")
    assert slip["scheme"] == {"name": "three_tier", "version": "2026.2", "sha256": RULES_SHA256}
    lines = {ln["component"]: ln["amount"] for ln in slip["lines"]}
    assert lines == HAND["h-01"][1]
    assert sum(Decimal(ln["amount"]) for ln in slip["lines"]) == Decimal(slip["total"])
    for ln in slip["lines"]:
        assert ln["explanation"]["pointer"] == ln["pointer"] and ln["summary"]
    tiers = next(c for c in slip["lines"][1]["explanation"]["children"] if c["label"] == "hunter.commission.tiers")
    assert [t["value"] for t in tiers["children"]] == ["15,000.00", "49,000.00", "25,000.00"]


def test_explain_brief_is_a_shorter_subset():
    full = text(explain("h-01").stdout).splitlines()
    r = explain("h-01", "--brief")
    assert r.returncode == 0, text(r.stderr)
    brief = text(r.stdout).splitlines()
    assert len(brief) < len(full)
    it = iter(full)
    assert all(any(b == f for f in it) for b in brief), "brief lines must appear in the full text, in order"
    assert re.match(r"^  Total\s+110,000\.00 RUB$", brief[-1])


@pytest.mark.parametrize("pid", list(HAND))
def test_explain_every_person_agrees_with_hand_totals(pid):
    r = explain(pid, "--json")
    assert r.returncode == 0, text(r.stderr)
    slip = json.loads(text(r.stdout))
    role, comps, total = HAND[pid]
    assert slip["role"] == role and slip["total"] == total
    assert {ln["component"]: ln["amount"] for ln in slip["lines"]} == comps


def test_explain_unknown_employee():
    r = explain("zz-99")
    assert r.returncode == 1
    assert r.stdout == b""
    err = text(r.stderr)
    assert "[motiv.data_error.306]" in err and "'zz-99'" in err and "2026-10" in err


def test_explain_and_payroll_with_period_column(tmp_path):
    # Two months in one file: op-01 in June (240 calls, salary before the July raise) and October.
    lines = _example_lines()
    header = lines[0].replace("role,", "role,period,", 1)
    def with_period(line: str, period: str) -> str:
        i, n, role, rest = line.split(",", 3)
        return ",".join([i, n, role, period, rest])
    june = with_period(lines[1].replace(",260,", ",240,", 1), "2026-06")
    body = [june] + [with_period(ln, "2026-10") for ln in lines[1:]]
    data = tmp_path / "months.csv"
    data.write_text(header + "".join(body), encoding="utf-8")

    # op-01 has two periods: explain needs --period and says which periods exist.
    r = explain("op-01", data=data, period=None)
    assert r.returncode == 2
    assert "--period is required" in text(r.stderr) and "2026-06, 2026-10" in text(r.stderr)
    # op-02 has one: its period is taken from its row.
    r = explain("op-02", "--json", data=data, period=None)
    assert r.returncode == 0, text(r.stderr)
    assert (json.loads(text(r.stdout))["period"], json.loads(text(r.stdout))["total"]) == ("2026-10", "42000.00")
    r = explain("op-01", "--json", data=data, period="2026-06")
    assert r.returncode == 0, text(r.stderr)
    slip = json.loads(text(r.stdout))
    assert {ln["component"]: ln["amount"] for ln in slip["lines"]} == {"salary": "40000.00", "bonus": "4800.00"}
    assert slip["total"] == "44800.00"
    r = explain("op-02", data=data, period="2026-06")
    assert r.returncode == 1 and "no person with id 'op-02' in period 2026-06" in text(r.stderr)

    # payroll keeps only the rows of the requested period
    out = tmp_path / "june.csv"
    r = payroll(out, "-q", data=data, period="2026-06")
    assert r.returncode == 0, text(r.stderr)
    rows = _read_csv(out)
    assert [(x["id"], x["period"], x["salary"], x["bonus"], x["total"]) for x in rows] == [
        ("op-01", "2026-06", "40000.00", "4800.00", "44800.00")]
    out = tmp_path / "october.csv"
    r = payroll(out, "-q", data=data)
    assert r.returncode == 0, text(r.stderr)
    assert {x["id"]: x["total"] for x in _read_csv(out)} == {k: v[2] for k, v in HAND.items()}


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_stdout_write_failure_is_an_error():
    with open("/dev/full", "wb") as full:
        r = motiv("explain", "-r", RULES, "-d", DATA, "-e", "h-01", "-p", PERIOD, "--json", stdout=full)
    assert r.returncode == 1
    assert "cannot write to standard output" in text(r.stderr)


def test_payroll_for_a_period_with_nobody_is_an_error(tmp_path):
    # A mistyped --period must not look like success with an empty payroll.
    out = tmp_path / "payroll.csv"
    data = tmp_path / "people.csv"
    lines = [ln.rstrip("\n") for ln in _example_lines()]
    data.write_text("\n".join([lines[0] + ",period"] + [ln + ",2026-10" for ln in lines[1:] if ln]) + "\n", encoding="utf-8")
    r = payroll(out, data=data, period="2026-11")
    assert r.returncode == 1
    assert "[motiv.data_error.307]" in text(r.stderr)
    assert "no people to pay for period 2026-11" in text(r.stderr)
    assert not out.exists()
