"""The hostile-input catalogue (issue "Reliability") through the command line and Python.

tests/core/hostile/hostile_test.cpp pins every case in the core; here the same cases go through the
two ways people actually run motiv: ``motiv payroll`` / ``motiv validate``, and ``motiv.load``,
``motiv.payroll_csv`` and ``Scheme.compute_frame``. Each must give the same specific error -- id,
the key part of the message, and the place (file + JSON pointer for rules; file + row + column +
person for data) -- and a refused payroll must write nothing: no output file, no temporary beside it.
What must be accepted (a BOM, CRLF, Cyrillic names) must pay byte for byte as the plain file does.

The binary is $MOTIV_CLI, else build/dev/motiv; the CLI tests are skipped when neither exists.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path

import pytest

import motiv
from motiv_test_support import PEOPLE, PERIOD, RULES, SOURCE_DIR

CUSTOM = SOURCE_DIR / "tests" / "core" / "hostile" / "fixtures" / "custom.json"


def _cli() -> Path:
    env = os.environ.get("MOTIV_CLI")
    return Path(env) if env else SOURCE_DIR / "build" / "dev" / "motiv"


CLI = _cli()
needs_cli = pytest.mark.skipif(not CLI.exists(), reason=f"motiv binary not found at {CLI}: set MOTIV_CLI or build it")


def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), *map(str, args)], capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def schemes():
    return {RULES: motiv.load(RULES), CUSTOM: motiv.load(CUSTOM)}


# --- data ------------------------------------------------------------------------------------

HUNTERS = "id,name,role,revenue,overdue_handovers\n"
AGENTS = "id,name,role,revenue,calls\n"
FORTY = "1234567890123456789012345678901234567890"

# item, rules, CSV text, id, line, column, field, person, message (a part), pointer (eval errors).
# line/column/field/person are those of the data file; an eval error names the person and the rule.
DATA_CASES = [
    ("1e30 in a money cell", RULES, HUNTERS + "h-1,Егор,hunter,1e30,0\n", "motiv.data_error.304", 2, 4, "revenue", "h-1",
     "expected money (e.g. 1250000.00), got '1e30': out of range (|value| must be below 1.7e29)", None),
    ("a 40-digit integer", RULES, HUNTERS + f"h-1,Егор,hunter,{FORTY},0\n", "motiv.data_error.304", 2, 4, "revenue", "h-1",
     f"got '{FORTY}': out of range", None),
    ("1e-12 in a money cell", RULES, HUNTERS + "h-1,Егор,hunter,1e-12,0\n", "motiv.data_error.304", 2, 4, "revenue", "h-1",
     "expected money with at most 2 decimal places, got '1e-12'", None),
    ("1e-12 in a count cell", CUSTOM, AGENTS + "a-1,Анна,agent,100.00,1e-12\n", "motiv.data_error.304", 2, 5, "calls", "a-1",
     "got '1e-12': more than 9 decimal places", None),
    ("NaN", RULES, HUNTERS + "h-1,Егор,hunter,NaN,0\n", "motiv.data_error.304", 2, 4, "revenue", "h-1",
     "got 'NaN': not a finite number", None),
    ("inf", RULES, HUNTERS + "h-1,Егор,hunter,inf,0\n", "motiv.data_error.304", 2, 4, "revenue", "h-1",
     "got 'inf': not a finite number", None),
    ("Infinity", RULES, HUNTERS + "h-1,Егор,hunter,Infinity,0\n", "motiv.data_error.304", 2, 4, "revenue", "h-1",
     "got 'Infinity': not a finite number", None),
    ("revenue -5 (min: 0)", RULES, HUNTERS + "h-1,Егор,hunter,-5,0\n", "motiv.data_error.304", 2, 4, "revenue", "h-1",
     "expected at least 0, got '-5'", None),
    ("a count of -1", RULES, HUNTERS + "h-1,Егор,hunter,100.00,-1\n", "motiv.data_error.304", 2, 5, "overdue_handovers", "h-1",
     "expected a count (a whole number >= 0), got '-1'", None),
    ("division by zero", CUSTOM, AGENTS + "a-1,Анна,careful,100.00,0\na-2,Борис,agent,100.00,0\n", "motiv.eval_error.501", None, None,
     None, "a-2", "component 'per_call' cannot be computed: division by zero in 'revenue / calls' (/roles/agent/components/1/amount)",
     "/roles/agent/components/1"),
    ("revenue 1e20 through tiers", RULES, HUNTERS + "h-1,Егор,hunter,100000000000000000000.00,0\n", "motiv.eval_error.502", None, None,
     None, "h-1", "component 'commission' is out of range (overflow)", "/roles/hunter/components/1"),
    ("1e20 * 1e10", CUSTOM, AGENTS + "a-1,Анна,multiplier,100000000000000000000,10000000000\n", "motiv.eval_error.502", None, None,
     None, "a-1", "amount out of range (overflow) in 'revenue * calls'", "/roles/multiplier/components/0"),
    ("duplicate person ids", CUSTOM, AGENTS + "a-1,Анна,agent,100.00,1\na-1,Борис,agent,100.00,1\n", "motiv.data_error.303", 3, 1, "id",
     "a-1", "duplicate person id 'a-1' (first on line 2)", None),
    ("an unknown role", CUSTOM, AGENTS + "a-1,Анна,boss,100.00,1\n", "motiv.data_error.201", 2, 3, "role", "a-1",
     "unknown role 'boss'", None),
    ("a missing column", CUSTOM, "id,name,role,revenue\na-1,Анна,agent,100.00\n", "motiv.data_error.202", 2, 0, "calls", "a-1",
     "missing required input 'calls' for role agent (no such column)", None),
    ("an extra column", CUSTOM, "id,name,role,revenue,calls,bonus\na-1,Анна,agent,100.00,1,5\n", "motiv.data_error.302", 1, 6,
     "bonus", "", "unknown column 'bonus': not an input of scheme hostile", None),
    ("period 2026-13", CUSTOM, "id,name,role,revenue,calls,period\na-1,Анна,agent,1.00,1,2026-13\n", "motiv.data_error.305", 2, 6,
     "period", "a-1", "expected a period YYYY-MM, got '2026-13'", None),
    ("period 2026-1", CUSTOM, "id,name,role,revenue,calls,period\na-1,Анна,agent,1.00,1,2026-1\n", "motiv.data_error.305", 2, 6,
     "period", "a-1", "expected a period YYYY-MM, got '2026-1'", None),
    ("period 26-10", CUSTOM, "id,name,role,revenue,calls,period\na-1,Анна,agent,1.00,1,26-10\n", "motiv.data_error.305", 2, 6,
     "period", "a-1", "expected a period YYYY-MM, got '26-10'", None),
    # Only a file can be malformed this way: the DataFrame route has no bytes.
    ("a row with a cell missing", CUSTOM, AGENTS + "a-1,Анна,agent,100.00\n", "motiv.data_error.103", 2, 5, "calls", "",
     "expected 5 cells, got 4", "file only"),
    ("a name that is not UTF-8", CUSTOM, AGENTS.encode() + b"a-1,Jos\xe9,agent,100.00,1\n", "motiv.data_error.106", 2, 2, "name", "",
     "invalid UTF-8", "file only"),
]

IDS = [c[0] for c in DATA_CASES]


def _write(path: Path, data) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def _frame(text: str):
    pd = pytest.importorskip("pandas")
    rows = list(csv.reader(io.StringIO(text)))
    return pd.DataFrame(rows[1:], columns=rows[0], dtype=str)


def _place(file: str, line, column, field, person) -> str:
    """The head of the message: "[id] file:line:col (row N, column 'f', person 'p')"."""
    head = file
    if line:
        head += f":{line}" + (f":{column}" if column else "")
    parts = ([f"row {line}"] if line else []) + ([f"column '{field}'"] if field else [])
    who = ", ".join(parts) + (f", person '{person}'" if person else "")
    return f"{head} ({who})"


def _check_error(e, file, case):
    _item, rules, _csv, eid, line, column, field, person, message, pointer = case
    assert e.id == eid
    if eid.startswith("motiv.eval_error."):
        assert isinstance(e, motiv.EvalError)
        assert e.pointer == pointer
        assert str(e).startswith(f"[{eid}] {rules} ({pointer}) person '{person}'")
        assert message in str(e)
        return
    assert isinstance(e, motiv.DataError)
    assert len(e.issues) == 1
    issue = e.issues[0]
    assert (issue["id"], issue["file"], issue["line"], issue["column"], issue["field"], issue["person"]) == (
        eid, file, line, column, field, person)
    assert message in issue["message"]
    assert str(e).startswith(f"[{eid}] {_place(file, line, column, field, person)} ")


@needs_cli
@pytest.mark.parametrize("case", DATA_CASES, ids=IDS)
def test_cli_payroll_refuses_the_row_and_writes_nothing(case, tmp_path):
    _item, rules, text, eid, line, column, field, person, message, pointer = case
    data = _write(tmp_path / "people.csv", text)
    out = tmp_path / "payroll.csv"
    r = run_cli("payroll", "--rules", rules, "--data", data, "--period", PERIOD, "--out", out)
    assert r.returncode == 1, r.stderr
    err = r.stderr.decode("utf-8")
    assert err.startswith(f"[{eid}] ")
    assert message in err
    if eid.startswith("motiv.data_error."):
        assert err.startswith(f"[{eid}] {_place(str(data), line, column, field, person)} ")
        assert err.endswith("1 error\n")
    else:
        assert f"({pointer}) person '{person}'" in err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.csv"]  # no temporary left either
    assert r.stdout == b""


@needs_cli
@pytest.mark.parametrize("case", [c for c in DATA_CASES if c[0] in ("NaN", "division by zero")], ids=["data error", "eval error"])
def test_a_refused_run_with_force_leaves_the_old_payroll_untouched(case, tmp_path, schemes):
    data = _write(tmp_path / "people.csv", case[2])
    out = _write(tmp_path / "payroll.csv", "the previous payroll\n")
    r = run_cli("payroll", "--rules", case[1], "--data", data, "--period", PERIOD, "--out", out, "--force")
    assert r.returncode == 1 and r.stderr.decode("utf-8").startswith(f"[{case[3]}] ")
    with pytest.raises(motiv.MotivError):
        motiv.payroll_csv(schemes[case[1]], data, period=PERIOD, out=out, force=True)
    assert out.read_text() == "the previous payroll\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["payroll.csv", "people.csv"]


@pytest.mark.parametrize("case", DATA_CASES, ids=IDS)
def test_payroll_csv_from_a_file_raises_and_writes_nothing(case, schemes, tmp_path):
    data = _write(tmp_path / "people.csv", case[2])
    out = tmp_path / "payroll.csv"
    with pytest.raises(motiv.MotivError) as info:
        motiv.payroll_csv(schemes[case[1]], data, period=PERIOD, out=out)
    _check_error(info.value, str(data), case)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.csv"]


FRAME_CASES = [c for c in DATA_CASES if c[9] != "file only"]


@pytest.mark.parametrize("case", FRAME_CASES, ids=[c[0] for c in FRAME_CASES])
def test_compute_frame_and_payroll_csv_from_a_frame_raise_and_write_nothing(case, schemes, tmp_path):
    scheme = schemes[case[1]]
    frame = _frame(case[2])
    with pytest.raises(motiv.MotivError) as info:
        scheme.compute_frame(frame, period=PERIOD)
    _check_error(info.value, "<DataFrame>", case)
    out = tmp_path / "payroll.csv"
    with pytest.raises(motiv.MotivError) as info:
        motiv.payroll_csv(scheme, frame, period=PERIOD, out=out)
    _check_error(info.value, "<DataFrame>", case)
    assert list(tmp_path.iterdir()) == []


def test_float_cells_in_a_frame_are_refused_the_same_way(schemes):
    """A float cell is refused with TypeError as on every door (issue 14), whatever its value; NaN
    in a float column is an empty cell (not given)."""
    frame = _frame(HUNTERS + "h-1,Егор,hunter,0,0\n")
    scheme = schemes[RULES]
    for value in [float("inf"), 1e30, 1e-12, -5.0, 1000.5]:
        frame["revenue"] = [value]
        with pytest.raises(TypeError, match="column 'revenue'.*binary floats are not exact"):
            scheme.compute_frame(frame, period=PERIOD)
    frame["revenue"] = [float("nan")]
    with pytest.raises(motiv.DataError) as info:
        scheme.compute_frame(frame, period=PERIOD)
    assert info.value.issues[0]["id"] == "motiv.data_error.202"  # missing, and revenue is required


# --- what must be accepted -------------------------------------------------------------------

def _crlf(b: bytes) -> bytes:
    return b.replace(b"\n", b"\r\n")


def _without_data_sha(payroll: bytes) -> list:
    """A payroll CSV's rows without the data_sha256 column (which names the input's exact bytes)."""
    rows = list(csv.DictReader(io.StringIO(payroll.decode("utf-8"))))
    assert rows and all(len(r["data_sha256"]) == 64 for r in rows)
    return [{k: v for k, v in r.items() if k != "data_sha256"} for r in rows]


@needs_cli
def test_cli_bom_and_crlf_pay_exactly_as_the_plain_file(tmp_path):
    plain = PEOPLE.read_bytes()
    outputs = {}
    for name, data in [("plain", plain), ("bom", b"\xef\xbb\xbf" + plain), ("crlf", _crlf(plain)),
                       ("bom_crlf", b"\xef\xbb\xbf" + _crlf(plain))]:
        src = _write(tmp_path / f"{name}.csv", data)
        out = tmp_path / f"{name}.out.csv"
        r = run_cli("payroll", "--rules", RULES, "--data", src, "--period", PERIOD, "--out", out, "--quiet")
        assert r.returncode == 0, r.stderr
        outputs[name] = out.read_bytes()
    # The same payroll; only data_sha256 differs, as it must: it names the exact bytes paid from.
    for name in ["bom", "crlf", "bom_crlf"]:
        assert _without_data_sha(outputs[name]) == _without_data_sha(outputs["plain"]), name
        assert outputs[name] != outputs["plain"]
    # Cyrillic names reach the payroll byte for byte.
    names_in = [row["name"] for row in csv.DictReader(io.StringIO(plain.decode("utf-8")))]
    names_out = [row["name"] for row in csv.DictReader(io.StringIO(outputs["plain"].decode("utf-8")))][:-1]  # without TOTAL
    assert names_out == names_in and "Мария Соловьёва" in names_out
    for name in names_in:
        assert name.encode("utf-8") in outputs["plain"]


def test_python_bom_and_crlf_pay_exactly_as_the_plain_file(schemes, tmp_path):
    plain = PEOPLE.read_bytes()
    scheme = schemes[RULES]
    outs = []
    for name, data in [("plain", plain), ("bom_crlf", b"\xef\xbb\xbf" + _crlf(plain))]:
        out = tmp_path / f"{name}.out.csv"
        motiv.payroll_csv(scheme, _write(tmp_path / f"{name}.csv", data), period=PERIOD, out=out)
        outs.append(out.read_bytes())
    assert _without_data_sha(outs[0]) == _without_data_sha(outs[1])
    frame = _frame(plain.decode("utf-8"))
    pay = scheme.compute_frame(frame, period=PERIOD)
    assert list(pay["name"]) == list(frame["name"])
    assert str(sum(pay["total"])) == "715977.01"


@needs_cli
def test_very_long_and_cyrillic_ids_and_names_pass_through(tmp_path, schemes):
    long_id = "a-" + "7" * 9_998
    long_name = "Ж" * 10_000
    text = AGENTS + f'{long_id},"{long_name}",agent,100.00,4\na-2,"Соловьёва, ""Маша""",careful,100.00,0\n'
    data = _write(tmp_path / "people.csv", text)
    out_cli, out_py = tmp_path / "cli.csv", tmp_path / "py.csv"
    r = run_cli("payroll", "--rules", CUSTOM, "--data", data, "--period", PERIOD, "--out", out_cli, "--quiet")
    assert r.returncode == 0, r.stderr
    motiv.payroll_csv(schemes[CUSTOM], data, period=PERIOD, out=out_py)
    assert out_cli.read_bytes() == out_py.read_bytes()
    rows = list(csv.DictReader(io.StringIO(out_cli.read_text(encoding="utf-8"))))
    assert (rows[0]["id"], rows[0]["name"], rows[0]["per_call"]) == (long_id, long_name, "25.00")
    # if(calls > 0, revenue / calls, 0) is safe when calls is 0.
    assert (rows[1]["name"], rows[1]["per_call"], rows[1]["total"]) == ('Соловьёва, "Маша"', "0.00", "1000.00")


# --- rule files ------------------------------------------------------------------------------

def _custom(edit=None, raw=None) -> str:
    doc = json.loads(CUSTOM.read_text(encoding="utf-8"))
    if edit:
        edit(doc)
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    return text.replace('"@RAW@"', raw) if raw else text


def _set(path, value):
    def edit(doc):
        node = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return edit


AMOUNT = ("roles", "agent", "components", 1, "amount")

# item, rule-file text, id, pointer, message (a part), (line, column) for JSON syntax.
RULE_CASES = [
    ("malformed JSON", '{\n  "motiv": 1,\n', "motiv.rule_error.101", "", "unexpected end of input", (3, 1)),
    ("an empty file", "", "motiv.rule_error.101", "", "unexpected end of input", (1, 1)),
    ("valid JSON but a list", "[1, 2]", "motiv.rule_error.201", "", "got an array", None),
    ("deep nesting", "[" * 10_000, "motiv.rule_error.103", "", "JSON nested deeper than 64 levels (the level too many starts at /0/0/0", None),
    ("a 5 MiB file", '{"description": "' + "a" * (5 << 20) + '"}', "motiv.rule_error.104", "",
     "rule file too large: 5242899 bytes, the limit is 4194304", None),
    ("bare NaN", '{\n  "motiv": NaN\n}', "motiv.rule_error.101", "", "(JSON has no NaN or Infinity: write a finite number)", (2, 12)),
    ("bare -Infinity", '{\n  "motiv": -Infinity\n}', "motiv.rule_error.101", "", "invalid number", (2, 13)),
    ('"NaN" as money', _custom(_set(("parameters", "agent.salary", "value"), "NaN")), "motiv.rule_error.203",
     "/parameters/agent.salary/value", 'got "NaN": not a finite number', None),
    ("1e30", _custom(_set(("parameters", "agent.salary", "value"), "@RAW@"), "1e30"), "motiv.rule_error.203",
     "/parameters/agent.salary/value", 'got "1e30": out of range (|value| must be below 1.7e29)', None),
    ("a 40-digit integer", _custom(_set(("inputs", "calls", "max"), "@RAW@"), FORTY), "motiv.rule_error.203", "/inputs/calls/max",
     "out of range", None),
    ("1e-12 as a ratio", _custom(_set(("parameters", "agent.rate"), {"type": "ratio", "value": "@RAW@"}), "1e-12"),
     "motiv.rule_error.203", "/parameters/agent.rate/value", "(an exact decimal with at most 9 places", None),
    ("a version as a number", _custom(_set(("scheme", "version"), "@RAW@"), "2026.1"), "motiv.rule_error.201", "/scheme/version",
     "expected a string, got a number", None),
    ("a count of -1", _custom(_set(("parameters", "agent.quota"), {"type": "count", "value": -1})), "motiv.rule_error.210",
     "/parameters/agent.quota/value", "expected a count (a whole number >= 0), got -1", None),
    ("duplicate component ids", _custom(_set(("roles", "agent", "components", 1, "id"), "salary")), "motiv.rule_error.303",
     "/roles/agent/components/1/id", "duplicate id 'salary'", None),
    ("duplicate JSON keys", CUSTOM.read_text(encoding="utf-8").replace('"version": "1"', '"version": "1", "version": "2"'),
     "motiv.rule_error.102", "/scheme/version", "duplicate key 'version'", None),
    ("an unknown name", _custom(_set(AMOUNT, "revenu / calls")), "motiv.rule_error.301", "/roles/agent/components/1/amount",
     "unknown name 'revenu'", None),
    ("a cycle", _custom(_set(AMOUNT, "per_call + revenue")), "motiv.rule_error.302", "/roles/agent/components/1",
     "cycle: per_call -> per_call", None),
    ("a role with no components", _custom(_set(("roles", "agent", "components"), [])), "motiv.rule_error.202",
     "/roles/agent/components", "a role needs at least one component", None),
    ("a scheme with no roles", _custom(_set(("roles",), {})), "motiv.rule_error.202", "/roles", "a scheme needs at least one role", None),
    ("a 129-character parameter name", _custom(_set(("parameters", "p" * 129), {"type": "money", "value": "1.00"})),
     "motiv.rule_error.205", "/parameters/" + "p" * 129, "parameter name too long: 129 characters, the limit is 128", None),
    ("a 4,097-character formula", _custom(_set(AMOUNT, "revenue" + " " * 4090)), "motiv.rule_error.401", "/roles/agent/components/1/amount",
     "formula too long: 4097 characters, the limit is 4096", None),
]

RULE_IDS = [c[0] for c in RULE_CASES]


def _check_rule_error(e: motiv.RuleError, path: str, case):
    _item, _text, eid, pointer, message, position = case
    assert isinstance(e, motiv.RuleError)
    assert e.id == eid and e.pointer == pointer
    (issue,) = e.issues
    assert (issue["file"], issue["pointer"]) == (path, pointer)
    assert message in issue["message"]
    if position:
        assert (issue["line"], issue["column"]) == position
    head = f"[{eid}] {path}" + (f":{position[0]}:{position[1]}" if position else "") + (f" ({pointer})" if pointer else "")
    assert str(e).startswith(head + " ")


@needs_cli
@pytest.mark.parametrize("case", RULE_CASES, ids=RULE_IDS)
def test_cli_validate_names_the_file_and_the_pointer(case, tmp_path):
    path = _write(tmp_path / "rules.json", case[1])
    r = run_cli("validate", path)
    assert r.returncode == 1
    err = r.stderr.decode("utf-8")
    _item, _text, eid, pointer, message, position = case
    head = f"[{eid}] {path}" + (f":{position[0]}:{position[1]}" if position else "") + (f" ({pointer})" if pointer else "")
    assert err.startswith(head + " ") and message in err
    assert err.endswith(f"{path}: 1 error\n")


@pytest.mark.parametrize("case", RULE_CASES, ids=RULE_IDS)
def test_loads_names_the_source_and_the_pointer(case):
    with pytest.raises(motiv.RuleError) as info:
        motiv.loads(case[1], source="hostile.json")
    _check_rule_error(info.value, "hostile.json", case)


@pytest.mark.parametrize(
    "case",
    RULE_CASES,
    ids=RULE_IDS)
def test_load_names_the_file_and_the_pointer(case, tmp_path):
    path = _write(tmp_path / "rules.json", case[1])
    with pytest.raises(motiv.RuleError) as info:
        motiv.load(path)
    _check_rule_error(info.value, str(path), case)
