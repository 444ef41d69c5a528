"""The one option grammar of the `motiv` commands (cli/options.hpp) and what the CLI reads:
"did you mean" for a mistyped command or option, one meaning per short option, --out for
statements (--out-dir deprecated), internal options hidden from help, `-` as standard input,
a workbook given as data refused with one plain message, and the Russian-Excel CSV dialect read
to the same pay as plain CSV.
"""

from __future__ import annotations

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
