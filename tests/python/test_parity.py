"""One pay run behind every door (issue 14): the guard of the one reader.

A seeded population of rules/three_tier.json -- 12,000 rows: joiners and leavers (start_date /
end_date), rows of another period, missing optional inputs (defaults), tier edges and rounding
ties -- is paid through every door, and every person's every line must be identical to
compute_frame's:

- compute_frame, compute (one call per person), compute_batch and compute_arrays (text columns and
  integer columns with scales), CLI ``payroll`` in each format (csv, csv-excel-ru, xlsx, jsonl),
  on the whole population;
- a sweep at the base value, Monte Carlo with zero-spread draws and a Dask sweep: their costs (per
  role and in total) on the whole population, since they report costs, not lines;
- CLI ``explain`` totals on a sample of people and CLI ``statements`` totals on a slice of the
  population (one process, or one file, per person: the slow doors).

Hostile rows (a misspelt column, a float, a uint64 beyond int64, an unknown role, a duplicate id up
to case and spaces) get the same error class and id on every door that can hold them.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import motiv
from motiv import whatif
from motiv_test_support import RULES, SOURCE_DIR

PERIOD = "2026-10"
N = 12_000
CENT = Decimal("0.01")


def _find_cli() -> Path | None:
    env = os.environ.get("MOTIV_CLI")
    if env and Path(env).is_file():
        return Path(env).resolve()
    default = SOURCE_DIR / "build" / "dev" / "motiv"
    return default if default.is_file() else None


CLI = _find_cli()
needs_cli = pytest.mark.skipif(CLI is None, reason="motiv binary not found: set MOTIV_CLI")


def cli(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)


def _money(rng: random.Random, low: int, high: int) -> str:
    return str(Decimal(rng.randint(low * 100, high * 100)).scaleb(-2))


def population(n: int, seed: int = 14) -> pd.DataFrame:
    """n rows of text cells, as read with dtype=str; about 4% belong to September."""
    rng = random.Random(seed)
    inputs = ["calls", "talk_minutes", "days_worked", "meetings", "script_compliance", "revenue", "overdue_handovers", "volume", "volume_prev"]
    rows = []
    for i in range(n):
        role = rng.choice(["operator", "hunter", "farmer"])
        row = {"id": f"{role[0]}-{i:05d}", "name": f"Person {i}" if i % 7 else "", "role": role, "period": PERIOD, "start_date": "", "end_date": ""}
        row.update(dict.fromkeys(inputs, ""))
        r = rng.random()
        if r < 0.04:
            row["period"] = "2026-09"  # another month: skipped by every door
        elif r < 0.10:
            row["start_date"] = f"2026-10-{rng.randint(1, 31):02d}"  # a joiner
        elif r < 0.16:
            row["end_date"] = f"2026-10-{rng.randint(1, 31):02d}"  # a leaver
        elif r < 0.18:
            day = rng.randint(1, 20)
            row["start_date"], row["end_date"] = f"2026-10-{day:02d}", f"2026-10-{day + rng.randint(0, 10):02d}"
        elif r < 0.20:
            row["start_date"] = "2026-09-15"  # joined before the period: the whole month
        if role == "operator":
            row["calls"] = str(rng.choice([199, 200, 250, rng.randint(100, 320)]))
            row["days_worked"] = str(rng.randint(1, 22))
            row["talk_minutes"] = str(rng.choice([Decimal(rng.randint(0, 4000)), Decimal(rng.randint(0, 400000)).scaleb(-2)]))
            row["meetings"] = str(rng.randint(0, 40))
            row["script_compliance"] = rng.choice(["0.8", "0.95", "0.79", "1", str(Decimal(rng.randint(0, 10000)).scaleb(-4))])
        elif role == "hunter":
            # Tier edges (30% and 100% of the 1,000,000.00 quota) and half-kopeck ties (x.x5 * 5%).
            row["revenue"] = rng.choice(["300000.00", "1000000.00", "0.00", "0.10", "0.30", _money(rng, 0, 2_500_000), _money(rng, 0, 2_500_000)])
            row["overdue_handovers"] = rng.choice(["", "", "0", "1", "3"])  # empty: the default 0
        else:
            row["volume"] = rng.choice(["1000000.00", "2000000.00", "999999.99", _money(rng, 0, 3_000_000)])
            row["volume_prev"] = rng.choice([row["volume"], _money(rng, 0, 3_000_000)])
        rows.append(row)
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def scheme():
    return motiv.load(RULES)


@pytest.fixture(scope="module")
def people():
    return population(N)


@pytest.fixture(scope="module")
def october(people):
    return people[people["period"] == PERIOD]


@pytest.fixture(scope="module")
def reference(scheme, people):
    """compute_frame's pay: {id: {component: amount}, 'total'} for the components of each role."""
    out = scheme.compute_frame(people, period=PERIOD)
    pay = {}
    for _, r in out.iterrows():
        lines = {c: r[c] for c in scheme.components(r["role"])}
        lines["total"] = r["total"]
        pay[r["id"]] = lines
    return pay


def lines_from_minor(scheme, ids, roles, components, amounts, totals, scale):
    pay = {}
    for k, (i, role) in enumerate(zip(ids, roles)):
        lines = {c: Decimal(int(amounts[k, components.index(c)])).scaleb(-scale) for c in scheme.components(role)}
        lines["total"] = Decimal(int(totals[k])).scaleb(-scale)
        pay[i] = lines
    return pay


def typed(people: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """The same people with integer columns: money in kopecks (scale 2), counts as nullable Int64."""
    df = people.copy()
    for name in ["revenue", "volume", "volume_prev"]:
        df[name] = pd.array([None if v == "" else int(Decimal(v) * 100) for v in people[name]], dtype="Int64")
    for name in ["calls", "days_worked", "meetings", "overdue_handovers"]:
        df[name] = pd.array([None if v == "" else int(v) for v in people[name]], dtype="Int64")
    return df, {"revenue": 2, "volume": 2, "volume_prev": 2}


# ---------------------------------------------------------------------------------------------
# The vectorised doors, on the whole population.


def test_the_population_has_what_it_claims(reference, october, people):
    assert len(people) == N
    assert len(reference) == len(october)  # September's rows skipped, nobody refused
    assert (october["start_date"] != "").sum() > 500 and (october["end_date"] != "").sum() > 500
    assert (people["period"] != PERIOD).sum() > 300
    hunters = october[october["role"] == "hunter"]
    assert (hunters["overdue_handovers"] == "").sum() > 500
    assert {"300000.00", "1000000.00"} <= set(hunters["revenue"])
    # Prorated lines differ from the whole month: proration is exercised, not vacuous.
    joiners = october[(october["start_date"] > "2026-10-01") & (october["role"] == "hunter")]
    assert any(reference[i]["salary"] < Decimal("25000.00") for i in joiners["id"])


def test_compute_one_person_at_a_time(scheme, october, reference):
    inputs = [i.name for i in scheme.inputs if i.name != "prorata"]
    for r in october.itertuples(index=False):
        slip = scheme.compute(role=r.role, period=PERIOD, person=r.id, start_date=r.start_date, end_date=r.end_date,
                              inputs={k: getattr(r, k) for k in inputs if getattr(r, k) != ""})
        got = {line.component: line.amount for line in slip.lines}
        got["total"] = slip.total
        assert got == reference[r.id], r.id


@pytest.mark.parametrize("columns", ["text", "integers"])
def test_compute_batch_and_arrays(scheme, people, reference, columns):
    data, scales = (people, None) if columns == "text" else typed(people)
    out = scheme.compute_batch(data, period=PERIOD, scales=scales)
    assert (out["status"] == 0).all()
    comps = out.attrs["amount_columns"][:-1]
    got = lines_from_minor(scheme, out["id"], out["role"], comps, out[comps].to_numpy(), out["total"].to_numpy(), out.attrs["scale"])
    assert got == reference
    # The caller's index labels the rows paid.
    assert list(out.index) == list(people.index[people["period"] == PERIOD])
    arrays = scheme.compute_arrays(data, period=PERIOD, scales=scales)
    np.testing.assert_array_equal(arrays["total"], out["total"].to_numpy())
    np.testing.assert_array_equal(arrays["amounts"], out[comps].to_numpy())


def test_sweep_at_the_base_value_costs_what_payroll_pays(scheme, people, reference):
    total = sum(p["total"] for p in reference.values())
    swept = whatif.sweep(scheme, people, period=PERIOD, grid={"hunter.salary": ["25000.00"]}, progress=False)
    assert swept["total"].tolist() == [total]
    by_role = {role: Decimal(0) for role in scheme.roles}
    roles = dict(zip(people["id"], people["role"]))
    for i, p in reference.items():
        by_role[roles[i]] += p["total"]
    for role in scheme.roles:
        assert swept[role].tolist() == [by_role[role]], role
    single = scheme.sweep(people, period=PERIOD, parameter="hunter.salary", values=["25000.00"])
    assert single["total"].tolist() == [total]


def test_monte_carlo_with_zero_spread_costs_what_payroll_pays(scheme, people, reference):
    total = sum(p["total"] for p in reference.values())
    mc = whatif.monte_carlo(scheme, people, period=PERIOD, draws={"revenue": whatif.Normal(1.0, 0.0, relative=True)}, n=2, threads=1)
    assert mc.costs["total"].tolist() == [total, total]


def test_dask_sweep_at_the_base_value(scheme, people, reference):
    distributed = pytest.importorskip("distributed")
    total = sum(p["total"] for p in reference.values())
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None)
    client = distributed.Client(cluster)
    try:
        swept = whatif.dask_sweep(client, scheme, people, period=PERIOD, grid={"hunter.salary": ["25000.00"]})
    finally:
        client.close()
        cluster.close()
    assert swept["total"].tolist() == [total]


# ---------------------------------------------------------------------------------------------
# The CLI's doors.


@pytest.fixture(scope="module")
def data_csv(people, tmp_path_factory):
    path = tmp_path_factory.mktemp("parity") / "people.csv"
    people.to_csv(path, index=False)
    return path


@needs_cli
def test_cli_payroll_in_every_format(scheme, data_csv, reference, tmp_path):
    out = tmp_path / "payroll.csv"
    run = cli("payroll", "--rules", RULES, "--data", data_csv, "--period", PERIOD, "--out", out, "--format", "all")
    assert run.returncode == 0, run.stderr.decode()

    def from_table(frame, to_decimal):
        pay = {}
        for r in frame.to_dict("records"):
            if not isinstance(r["role"], str) or not r["role"]:
                continue  # the TOTAL row
            lines = {c: to_decimal(r[c]) for c in scheme.components(r["role"])}
            lines["total"] = to_decimal(r["total"])
            pay[r["id"]] = lines
        return pay

    plain = pd.read_csv(tmp_path / "payroll.csv", dtype=str, keep_default_na=False)
    assert from_table(plain, Decimal) == reference
    ru = pd.read_csv(tmp_path / "payroll.excel-ru.csv", dtype=str, keep_default_na=False, sep=";", encoding="utf-8-sig")
    assert from_table(ru, lambda v: Decimal(v.replace(",", "."))) == reference
    items = {}
    with open(tmp_path / "payroll.jsonl", encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            items.setdefault(item["person"], {})[item["component"]] = Decimal(item["amount"])
    for lines in items.values():
        lines["total"] = sum(lines.values(), Decimal(0))
    assert items == reference
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(tmp_path / "payroll.xlsx", read_only=True)["payroll"]
    rows = sheet.iter_rows(values_only=True)
    header = list(next(rows))
    xlsx = pd.DataFrame([list(r) for r in rows], columns=header)
    # Numbers in a sheet are binary floats; amounts here are far below 2**53 kopecks, so the
    # nearest kopeck is the amount written.
    assert from_table(xlsx, lambda v: Decimal(repr(float(v))).quantize(CENT)) == reference


TOTAL = re.compile(r"^\s*(Total|Итого)\s+([-\d,\s\u00a0]+\.\d\d|[-\d\s\u00a0]+,\d\d)\s+RUB", re.MULTILINE)


def statement_total(text: str) -> Decimal:
    m = TOTAL.search(text)
    assert m, text
    return Decimal(m.group(2).replace(",", "").replace(" ", "").replace("\u00a0", ""))


@needs_cli
def test_cli_explain_totals_on_a_sample(data_csv, october, reference):
    sample = october.sample(n=24, random_state=14)
    for i in sample["id"]:
        run = cli("explain", "--rules", RULES, "--data", data_csv, "--employee", i, "--period", PERIOD)
        assert run.returncode == 0, run.stderr.decode()
        assert statement_total(run.stdout.decode()) == reference[i]["total"], i


@needs_cli
def test_cli_statements_totals_on_a_slice(people, reference, tmp_path):
    part = people.iloc[:400]  # one file per person: a slice keeps the test quick
    data = tmp_path / "part.csv"
    part.to_csv(data, index=False)
    run = cli("statements", "--rules", RULES, "--data", data, "--period", PERIOD, "--out-dir", tmp_path / "st", "--format", "txt", "-q")
    assert run.returncode == 0, run.stderr.decode()
    paid = part[part["period"] == PERIOD]["id"]
    assert len(paid) > 350
    for i in paid:
        assert statement_total((tmp_path / "st" / f"{i}.en.txt").read_text(encoding="utf-8")) == reference[i]["total"], i


# ---------------------------------------------------------------------------------------------
# Hostile rows: the same error class and id on every door that can hold them.

BASE = pd.DataFrame({"id": ["h-01", "h-02"], "role": ["hunter", "hunter"], "revenue": ["1000.00", "2000.00"]})


def hostile(kind: str) -> pd.DataFrame:
    df = BASE.copy()
    if kind == "misspelt column":
        df["overdue_handover"] = ["1", "0"]
    elif kind == "float":
        df["revenue"] = [1000.5, 2000.25]
    elif kind == "uint64":
        df["revenue"] = np.array([2**64 - 1, 5], dtype=np.uint64)
    elif kind == "unknown role":
        df.loc[1, "role"] = "closer"
    elif kind == "duplicate id":
        df.loc[1, "id"] = " H-01 "
    return df


def expected(kind: str) -> tuple[type, str | None]:
    return {
        "misspelt column": (motiv.DataError, "motiv.data_error.302"),
        "float": (TypeError, None),
        "uint64": (motiv.EvalError, "motiv.eval_error.502"),  # 18446744073709551615.00 RUB overflows the pay
        "unknown role": (motiv.DataError, "motiv.data_error.201"),
        "duplicate id": (motiv.DataError, "motiv.data_error.303"),
    }[kind]


KINDS = ["misspelt column", "float", "uint64", "unknown role", "duplicate id"]


def python_doors(scheme):
    def compute(df):
        for r in df.to_dict("records"):
            dates = {k: r.pop(k) for k in ("start_date", "end_date") if k in r}
            scheme.compute(role=r.pop("role"), period=PERIOD, person=r.pop("id"), inputs=r, **dates)

    return {
        "compute_frame": lambda df: scheme.compute_frame(df, period=PERIOD),
        "compute_batch": lambda df: scheme.compute_batch(df, period=PERIOD),
        "compute_arrays": lambda df: scheme.compute_arrays(df, period=PERIOD),
        "sweep": lambda df: whatif.sweep(scheme, df, period=PERIOD, grid={"hunter.salary": ["25000.00"]}, progress=False),
        "monte_carlo": lambda df: whatif.monte_carlo(scheme, df, period=PERIOD, draws={"revenue": whatif.Normal(1.0, 0.0, relative=True)}, n=1),
        "compute": compute,
    }


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("door", ["compute_frame", "compute_batch", "compute_arrays", "sweep", "monte_carlo", "compute"])
def test_hostile_rows_same_error_on_every_python_door(scheme, kind, door):
    if door == "compute" and kind == "duplicate id":
        pytest.skip("one person per call: no duplicates to find")
    cls, eid = expected(kind)
    with pytest.raises(cls) as err:
        python_doors(scheme)[door](hostile(kind))
    if eid is not None:
        assert err.value.id == eid, str(err.value)


@needs_cli
@pytest.mark.parametrize("kind", ["misspelt column", "uint64", "unknown role", "duplicate id"])
def test_hostile_rows_same_error_in_the_cli(kind, tmp_path):
    data = tmp_path / "people.csv"
    hostile(kind).to_csv(data, index=False)
    run = cli("payroll", "--rules", RULES, "--data", data, "--period", PERIOD, "--out", tmp_path / "out.csv")
    assert run.returncode != 0
    assert expected(kind)[1] in run.stderr.decode()


# ---------------------------------------------------------------------------------------------
# Regressions: each bug of issue 14's first list.


def test_compute_batch_honours_period_and_dates_as_compute_frame_does(scheme):
    df = pd.DataFrame({"id": ["h-1", "h-2", "h-3"], "role": ["hunter"] * 3, "period": [PERIOD, PERIOD, "2026-09"],
                       "start_date": ["", "2026-10-16", ""], "revenue": ["500000.00", "500000.00", "500000.00"]})
    frame = scheme.compute_frame(df, period=PERIOD)
    batch = scheme.compute_batch(df, period=PERIOD)
    assert list(batch["id"]) == ["h-1", "h-2"] and list(frame["id"]) == ["h-1", "h-2"]
    assert [Decimal(int(t)).scaleb(-2) for t in batch["total"]] == list(frame["total"])
    assert frame["salary"].tolist()[1] < Decimal("25000.00")  # the joiner is prorated


def test_compute_frame_and_batch_results_carry_the_callers_index(scheme):
    df = population(300, seed=3)
    shuffled = df.sample(frac=1, random_state=1)
    shuffled = shuffled[shuffled["role"] != "farmer"]  # filtered too
    want = scheme.compute_frame(df, period=PERIOD).set_index("id")["total"]
    out = scheme.compute_frame(shuffled, period=PERIOD)
    assert list(out.index) == list(shuffled.index[shuffled["period"] == PERIOD])
    batch = scheme.compute_batch(shuffled, period=PERIOD)
    assert list(batch.index) == list(out.index)
    paid = shuffled.assign(pay=out["total"])  # assigning back pays each person their own pay
    paid = paid[paid["period"] == PERIOD]
    assert all(want[i] == p for i, p in zip(paid["id"], paid["pay"]))
    by_id = shuffled.set_index("id", drop=False)
    assert scheme.compute_frame(by_id.drop(columns="id"), period=PERIOD)["id"].tolist() == list(paid["id"])
    cmp = whatif.compare(scheme, scheme.with_overrides({"hunter.salary": "30000.00"}), shuffled, period=PERIOD)
    assert list(cmp.people.index) == list(out.index)


def test_from_float_is_the_explicit_conversion(scheme):
    assert motiv.from_float(0.125, places=2) == Decimal("0.12")  # half-even
    assert motiv.from_float(pd.Series([1234.565, float("nan")]), places=2).tolist() == [Decimal("1234.56"), None]
    df = pd.DataFrame({"id": ["h-1"], "role": ["hunter"], "revenue": [523456.78]})
    with pytest.raises(TypeError, match="motiv.from_float"):
        scheme.compute_batch(df, period=PERIOD)
    df["revenue"] = motiv.from_float(df["revenue"], places=2)
    assert scheme.compute_frame(df, period=PERIOD)["total"].tolist() == [
        scheme.compute(role="hunter", period=PERIOD, inputs={"revenue": "523456.78"}).total]


@pytest.mark.parametrize("bad", [
    pytest.param(lambda df: df.assign(revenue=[True, False]), id="bool"),
    pytest.param(lambda df: df.assign(revenue=["5%", "x"]), id="percent and text"),
    pytest.param(lambda df: df.assign(revenue=[b"1.00", "x"]), id="bytes"),
    pytest.param(lambda df: df.drop(columns="role"), id="no role column"),
])
def test_odd_columns_are_motiv_errors_on_every_door(scheme, bad):
    for door, call in python_doors(scheme).items():
        if door == "compute":
            continue
        with pytest.raises(motiv.MotivError):
            call(bad(BASE.copy()))


@needs_cli
@pytest.mark.parametrize("rules", ["team_override.json", "draws.json"])
def test_payroll_refuses_a_scheme_with_a_periods_section(rules, tmp_path):
    path = SOURCE_DIR / "rules" / "examples" / rules
    data = tmp_path / "people.csv"
    scheme = motiv.load(path)
    row = {"id": "x", "role": scheme.roles[0]} | {i.name: "0" for i in scheme.inputs if i.name != "prorata"}
    pd.DataFrame([row]).to_csv(data, index=False)
    run = cli("payroll", "--rules", path, "--data", data, "--period", PERIOD, "--out", tmp_path / "out.csv")
    assert run.returncode != 0
    assert "motiv.rule_error.292" in run.stderr.decode() and "run-periods" in run.stderr.decode()
    assert not (tmp_path / "out.csv").exists()


def test_logs_prorate_hire_and_leave_dates(scheme):
    logs = SOURCE_DIR / "examples" / "logs"
    staff = pd.read_csv(logs / "staff.csv", dtype=str, keep_default_na=False).set_index("id")
    assert staff.loc["op-02", "hired"] == "2026-10-02" and staff.loc["op-04", "left"] == "2026-10-30"
    pay = scheme.logs_report(logs, period="2026-10")["payroll"].set_index("id")
    full = scheme.parameter("operator.salary", period=PERIOD)
    assert pay.loc["op-01", "salary"] == full
    for who, start, end in [("op-02", "2026-10-02", ""), ("op-04", "", "2026-10-30")]:
        want = scheme.compute(role="operator", period=PERIOD, start_date=start, end_date=end,
                              inputs={"calls": 0, "talk_minutes": 0, "days_worked": 1, "meetings": 0, "script_compliance": 0})
        assert pay.loc[who, "salary"] == want.line("salary").amount
    assert pay.loc["op-02", "salary"] < full  # hired on the 2nd: 21 of October's 22 working days


@pytest.mark.parametrize("dates", [{"start_date": "2026-11-16"}, {"end_date": "2026-09-30"}])
def test_dates_wholly_outside_the_period_are_refused_on_every_door(scheme, dates):
    df = BASE.assign(**{k: [v, ""] for k, v in dates.items()})
    for door, call in python_doors(scheme).items():
        with pytest.raises(motiv.DataError) as err:
            call(df)
        assert err.value.id == "motiv.data_error.309", door
