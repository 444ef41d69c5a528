"""The one option grammar of the `motiv` commands (cli/options.hpp) and what the CLI reads:
"did you mean" for a mistyped command, option or --set parameter, one meaning per short option,
--json on every command that prints results, --out (a file, `-` for standard output, for one
output; a directory for several; old spellings deprecated), internal options hidden from help,
`-` as standard input,
a workbook given as data refused with one plain message, and the Russian-Excel CSV dialect read
to the same pay as plain CSV.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("MOTIV_SOURCE_DIR") or Path(__file__).resolve().parents[2]).resolve()
CLI = os.environ.get("MOTIV_CLI") or str(ROOT / "build" / "dev" / "motiv")
pytestmark = pytest.mark.skipif(not Path(CLI).is_file(), reason="motiv binary not built (MOTIV_CLI)")
RULES = "rules/three_tier.json"
DATA = "examples/department/people_2026-10.csv"
PERIOD = "2026-10"


def motiv(*args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([CLI, *map(str, args)], cwd=ROOT, input=stdin, capture_output=True, timeout=60)


@pytest.mark.parametrize(
    "args, message",
    [
        (["payrol"], "unknown command 'payrol' (did you mean 'payroll'?)"),
        (["statement"], "unknown command 'statement' (did you mean 'statements'?)"),
        (["payroll", "--rules", RULES, "--data", DATA, "--perod", PERIOD, "--out", "x.csv"],
         "unrecognised option '--perod' (did you mean '--period'?)"),
        (["explain", "--rules", RULES, "--data", DATA, "--employes", "h-01"], "unrecognised option '--employes' (did you mean '--employee'?)"),
        (["whatif", "--rules", RULES, "--data", DATA, "--period", PERIOD, "--sweeep", "x=1:2:1"],
         "unrecognised option '--sweeep' (did you mean '--sweep'?)"),
        # -l is --logs everywhere; a command without --logs says what to use instead.
        (["statements", "--rules", RULES, "--data", DATA, "--period", PERIOD, "--out", "x", "-l", "ru"],
         "unrecognised option '-l' (-l is --logs in every command; use --lang)"),
        (["explain", "--rules", RULES, "--data", DATA, "--employee", "h-01", "-l", "ru"],
         "unrecognised option '-l' (-l is --logs in every command; use --lang)"),
        (["payroll", "--rules", RULES, "--data", DATA, "--period", PERIOD, "--out", "x.csv", "--zzz"], "unrecognised option '--zzz' (see --help)"),
    ],
)
def test_usage_errors_say_what_was_meant(args, message):
    r = motiv(*args)
    assert r.returncode == 2, r
    assert message in r.stderr.decode("utf-8")


@pytest.mark.parametrize("command", ["validate", "test"])
def test_internal_options_are_hidden_from_help(command):
    r = motiv(command, "--help")
    assert r.returncode == 0
    assert "--file" not in r.stdout.decode("utf-8")


def test_statements_out_is_the_directory_and_out_dir_is_a_deprecated_alias(tmp_path):
    common = ["statements", "--rules", RULES, "--data", DATA, "--period", PERIOD, "--format", "txt", "-q"]
    r = motiv(*common, "--out", tmp_path / "a", "--lang", "ru")
    assert r.returncode == 0 and r.stderr == b"", r.stderr
    r = motiv(*common, "--out-dir", tmp_path / "b", "--lang", "ru")
    assert r.returncode == 0 and b"--out-dir is deprecated, use --out" in r.stderr
    assert sorted(os.listdir(tmp_path / "a")) == sorted(os.listdir(tmp_path / "b")) and len(os.listdir(tmp_path / "a")) == 14
    assert (tmp_path / "a" / "h-04.ru.txt").read_bytes() == (tmp_path / "b" / "h-04.ru.txt").read_bytes()
    r = motiv(*common[:-1])
    assert r.returncode == 2 and b"'--out' is required" in r.stderr


def _payroll(tmp_path, data, name, stdin=None) -> str:
    out = tmp_path / name
    r = motiv("payroll", "--rules", RULES, "--data", data, "--period", PERIOD, "--out", out, "-q", stdin=stdin)
    assert r.returncode == 0, r.stderr.decode("utf-8")
    return out.read_text(encoding="utf-8")


def _russian_excel(src: Path) -> bytes:
    """The example data as Russian Excel saves "CSV": BOM, ';', decimal comma, CRLF."""
    lines = src.read_text(encoding="utf-8").splitlines()
    return ("\ufeff" + "\r\n".join(line.replace(",", ";").replace(".", ",") for line in lines) + "\r\n").encode("utf-8")


def test_russian_excel_csv_and_stdin_pay_the_same_as_the_plain_file(tmp_path):
    plain = _payroll(tmp_path, DATA, "plain.csv")
    ru = tmp_path / "people_ru.csv"
    ru.write_bytes(_russian_excel(ROOT / DATA))
    from_ru = _payroll(tmp_path, ru, "ru.csv")
    # Same people, same amounts; only the data file's SHA-256 differs (other bytes).
    strip = lambda t: [line.rsplit(",", 1)[0] for line in t.splitlines()]  # noqa: E731 -- drops data_sha256
    assert strip(from_ru) == strip(plain)
    assert "47460.00" in plain
    # `--data -` reads standard input: the same bytes pay the same, with the same hash.
    assert _payroll(tmp_path, "-", "stdin.csv", stdin=(ROOT / DATA).read_bytes()) == plain


def test_a_workbook_as_data_is_one_plain_error(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    for row in (ROOT / DATA).read_text(encoding="utf-8").splitlines():
        wb.active.append(row.split(","))
    xlsx = tmp_path / "people.xlsx"
    wb.save(xlsx)
    r = motiv("payroll", "--rules", RULES, "--data", xlsx, "--period", PERIOD, "--out", tmp_path / "p.csv")
    err = r.stderr.decode("utf-8")
    assert r.returncode == 1
    assert err.count("motiv.data_error.") == 1, err
    assert "[motiv.data_error.109]" in err and "people.xlsx" in err and "CSV UTF-8" in err, err
    assert not (tmp_path / "p.csv").exists()


PERIODS = ["run-periods", "--rules", "rules/examples/periods_year.json", "--from", "2026-01", "--to", "2026-03"]
PERIODS_DATA = "examples/periods/people_2026.csv"
WHATIF = ["whatif", "--rules", RULES, "--data", DATA, "--period", PERIOD]


# Every command that prints results prints them as one JSON document with --json: (arguments,
# a path into the document, the value expected there). "{tmp}" is replaced by a temporary directory.
JSON_CASES = [
    (["validate", RULES], [0, "ok"], True),
    (["validate", RULES], [0, "scheme"], "three_tier"),
    (["test", RULES], ["failed"], 0),
    (["payroll", "--rules", RULES, "--data", DATA, "--period", PERIOD, "--out", "{tmp}/p.csv"], ["total"], "715977.01"),
    (["payroll", "--rules", RULES, "--data", DATA, "--period", PERIOD, "--out", "{tmp}/p.csv"], ["people"], 14),
    (["explain", "--rules", RULES, "--data", DATA, "--period", PERIOD, "--employee", "h-01"], ["person"], "h-01"),
    (["statements", "--rules", RULES, "--data", DATA, "--period", PERIOD, "--out", "{tmp}/st"], ["statements"], 14),
    ([*WHATIF, "--set", "hunter.salary=30000.00"], ["roles", -1, "delta"], "25000.00"),
    ([*WHATIF, "--sweep", "hunter.salary=25000:30000:5000"], ["sweep", 1, "hunter.salary"], "30000"),
    ([*PERIODS, "--data", PERIODS_DATA, "--state-out", "{tmp}/s.json", "--out", "{tmp}/p.csv"], ["periods", 0, "period"], "2026-01"),
    (["report", "--rules", RULES, "--logs", "examples/logs", "--period", PERIOD, "--out", "{tmp}/r"], ["people"], 14),
]


@pytest.mark.parametrize("args, path, expected", JSON_CASES)
def test_json_on_every_command_that_prints_results(args, path, expected, tmp_path):
    r = motiv(*[a.replace("{tmp}", str(tmp_path)) for a in args], "--json")
    assert r.returncode == 0, r.stderr.decode("utf-8")
    doc = json.loads(r.stdout)
    for key in path:
        doc = doc[key]
    assert doc == expected


def test_json_amounts_are_the_exact_strings_of_the_text_summary(tmp_path):
    r = motiv("payroll", "--rules", RULES, "--data", DATA, "--period", PERIOD, "--out", tmp_path / "p.csv", "--json")
    doc = json.loads(r.stdout)
    assert doc["wrote"] == [str(tmp_path / "p.csv")]
    text = motiv("payroll", "--rules", RULES, "--data", DATA, "--period", PERIOD, "--out", tmp_path / "q.csv").stdout.decode("utf-8")
    for role in doc["roles"]:
        shown = f"{float(role['total']):,.2f}"  # the figure as the text summary groups it
        assert f"  {role['role']:<12}{role['people']:>7}{shown:>18}" in text
    assert sum(int(r["total"].replace(".", "")) for r in doc["roles"]) == int(doc["total"].replace(".", ""))


@pytest.mark.parametrize("command", ["validate", "test", "payroll", "explain", "statements", "whatif", "run-periods", "report"])
def test_every_command_offers_json(command):
    assert "--json" in motiv(command, "--help").stdout.decode("utf-8")


def test_validate_json_lists_every_error_with_its_fields(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"motiv": 1}', encoding="utf-8")
    r = motiv("validate", RULES, bad, "--json")
    assert r.returncode == 1
    good, wrong = json.loads(r.stdout)
    assert good["ok"] and not wrong["ok"] and wrong["file"] == str(bad)
    assert wrong["errors"] and all(e["id"].startswith("motiv.rule_error.") and e["file"] == str(bad) for e in wrong["errors"])


def test_out_dash_is_standard_output_for_one_stream(tmp_path):
    payroll = ["payroll", "--rules", RULES, "--data", DATA, "--period", PERIOD]
    assert motiv(*payroll, "--out", tmp_path / "p.csv", "-q").returncode == 0
    r = motiv(*payroll, "--out", "-")
    assert r.returncode == 0 and r.stdout == (tmp_path / "p.csv").read_bytes()
    periods = [*PERIODS, "--data", PERIODS_DATA]
    assert motiv(*periods, "--state-out", tmp_path / "a.json", "--out", tmp_path / "a.csv", "-q").returncode == 0
    r = motiv(*periods, "--state-out", tmp_path / "b.json", "--out", "-")
    assert r.returncode == 0 and r.stdout == (tmp_path / "a.csv").read_bytes()
    assert (tmp_path / "b.json").read_bytes() == (tmp_path / "a.json").read_bytes()


@pytest.mark.parametrize(
    "args, message",
    [
        (["payroll", "--rules", RULES, "--data", DATA, "--period", PERIOD, "--out", "-", "--format", "csv,xlsx"], "several formats need a directory"),
        (["payroll", "--rules", RULES, "--data", DATA, "--period", PERIOD, "--out", "-", "--json"], "both print on standard output"),
        ([*PERIODS, "--data", PERIODS_DATA, "--state-out", "s.json", "--out", "-", "--json"], "does not combine with --json"),
        ([*WHATIF, "--set", "hunter.salary=30000.00", "--out", "x.csv"], "--out is the directory the result CSVs go into"),
    ],
)
def test_out_usage_errors(args, message):
    r = motiv(*args)
    assert r.returncode == 2, r
    assert message in r.stderr.decode("utf-8")
    assert not (ROOT / "x.csv").exists() and not (ROOT / "s.json").exists()


def test_data_dash_is_standard_input_in_whatif_and_run_periods(tmp_path):
    by_file = motiv(*WHATIF[:3], "--data", DATA, *WHATIF[5:], "--set", "hunter.salary=30000.00", "--json")
    by_stdin = motiv(*WHATIF[:3], "--data", "-", *WHATIF[5:], "--set", "hunter.salary=30000.00", "--json", stdin=(ROOT / DATA).read_bytes())
    assert by_stdin.returncode == 0, by_stdin.stderr
    assert json.loads(by_stdin.stdout)["people"] == json.loads(by_file.stdout)["people"]
    r = motiv(*PERIODS, "--data", "-", "--state-out", tmp_path / "s.json", "--out", "-", stdin=(ROOT / PERIODS_DATA).read_bytes())
    assert r.returncode == 0, r.stderr
    assert r.stdout == motiv(*PERIODS, "--data", PERIODS_DATA, "--state-out", tmp_path / "t.json", "--out", "-").stdout


def test_out_is_a_directory_for_several_files_and_the_old_prefix_spelling_warns(tmp_path):
    payroll = ["payroll", "--rules", RULES, "--data", DATA, "--period", PERIOD, "--format", "csv,jsonl", "-q"]
    r = motiv(*payroll, "--out", tmp_path / "dir")
    assert r.returncode == 0 and r.stderr == b"", r.stderr
    assert sorted(os.listdir(tmp_path / "dir")) == ["payroll.csv", "payroll.jsonl"]
    r = motiv(*payroll, "--out", tmp_path / "old.csv")  # the spelling before: a file name whose stem names the set
    assert r.returncode == 0 and b"--out FILE.csv with several formats is deprecated" in r.stderr
    assert (tmp_path / "old.jsonl").read_bytes() == (tmp_path / "dir" / "payroll.jsonl").read_bytes()
    r = motiv(*WHATIF, "--set", "hunter.salary=30000.00", "--out", tmp_path / "w", "-q")
    assert r.returncode == 0, r.stderr
    assert sorted(os.listdir(tmp_path / "w")) == ["people.csv", "plan.csv", "roles.csv"]


@pytest.mark.parametrize(
    "args, message",
    [
        ([*WHATIF, "--set", "hunter.salery=30000.00"], "override of unknown parameter 'hunter.salery' (did you mean 'hunter.salary'?)"),
        ([*WHATIF, "--sweep", "hunter.salery=1:2:1"], "unknown parameter 'hunter.salery' (did you mean 'hunter.salary'?)"),
        ([*PERIODS, "--data", PERIODS_DATA, "--state-out", "s.json", "--out", "p.csv", "--set", "farmer.salery=1.00"],
         "(did you mean 'farmer.salary'?)"),
    ],
)
def test_a_mistyped_parameter_gets_did_you_mean(args, message):
    r = motiv(*args)
    assert r.returncode == 1, r
    assert message in r.stderr.decode("utf-8")
    assert not (ROOT / "p.csv").exists()
