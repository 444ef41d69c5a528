"""motiv.whatif scenarios: comparison, plan diff, grid sweeps and pay curves.

Hand computation (rules/three_tier.json, examples/department/people_2026-10.csv, 2026-10; see
tests/cli/test_cli.py for every person's pay): the what-if raises hunter.salary 25,000 -> 30,000.
  h-01: 25,000 + 89,000 commission - 4,000 penalty = 110,000.00 -> 115,000.00 (+5,000.00);
        fixed (salary) 25,000 -> 30,000, variable 85,000 both times.
  hunters: 110,000 + 40,000 + 25,000 + 55,641.97 + 40,000.04 = 270,642.01 -> 295,642.01;
        mean 270,642.01 / 5 = 54,128.402; median 40,000.04 -> 45,000.04; 5 gainers.
  farmers: 53,125 + 57,500 + 52,500 + 56,250 = 219,375.00; median (53,125 + 56,250) / 2 = 54,687.5.
  all: 715,977.01 -> 740,977.01.
"""

from decimal import Decimal

import pytest

import motiv
from motiv import whatif
from motiv_test_support import PEOPLE, PERIOD

D = Decimal


def test_compare_per_person_checked_by_hand(scheme, richer, people):
    cmp = whatif.compare(scheme, richer, people, period=PERIOD)
    h1 = cmp.people.set_index("id").loc["h-01"]
    assert (h1.before, h1.after, h1.delta, h1.change) == (D("110000.00"), D("115000.00"), D("5000.00"), "gain")
    assert (h1.before_fixed, h1.before_variable, h1.after_fixed, h1.after_variable) == (D("25000.00"), D("85000.00"), D("30000.00"), D("85000.00"))
    op1 = cmp.people.set_index("id").loc["op-01"]
    assert (op1.before, op1.delta, op1.change) == (D("47460.00"), D("0.00"), "same")
    assert all(isinstance(v, Decimal) for v in cmp.people["delta"])
    # A CSV path gives the same result as the DataFrame.
    assert whatif.compare(scheme, richer, PEOPLE, period=PERIOD).people.equals(cmp.people)


def test_compare_per_role_and_total(scheme, richer, people):
    roles = whatif.compare(scheme, richer, people, period=PERIOD).roles.set_index("role")
    h = roles.loc["hunter"]
    assert (h.people, h.before_cost, h.after_cost, h.delta) == (5, D("270642.01"), D("295642.01"), D("25000.00"))
    assert (h.before_mean, h.before_median, h.after_median) == (D("54128.402"), D("40000.04"), D("45000.04"))
    # Pay mix: variable share (270,642.01 - 125,000) / 270,642.01 = 0.53814 -> 0.5381.
    assert (h.before_fixed, h.before_variable_share, h.gainers, h.losers) == (D("125000.00"), D("0.5381"), 5, 0)
    assert roles.loc["farmer"].before_median == D("54687.5")
    assert (roles.loc["all"].before_cost, roles.loc["all"].after_cost) == (D("715977.01"), D("740977.01"))
    assert list(roles.index) == ["farmer", "hunter", "operator", "all"]


def test_compare_reports_bad_rows(scheme, richer, people):
    bad = people.copy()
    bad.loc[5, "revenue"] = "lots"
    with pytest.raises(motiv.DataError) as e:
        whatif.compare(scheme, richer, bad, period=PERIOD)
    assert "revenue" in str(e.value) and "h-01" in str(e.value)


def test_plan_diff_lists_exactly_the_changes(scheme):
    assert whatif.plan_diff(scheme, scheme).empty
    new = scheme.with_overrides({"hunter.salary": "30000.00", "hunter.commission.tiers": [("0", "5%"), ("0.3", "8%")],
                                 "farmer.cut.no_growth": "50%"})  # 50% = 0.5: not a change
    diff = whatif.plan_diff(scheme, new)
    assert diff[["area", "name", "field", "change", "before", "after"]].values.tolist() == [
        ["parameter", "hunter.salary", "value", "changed", "25000.00", "30000.00"],
        ["parameter", "hunter.commission.tiers", "value", "changed", "from 0 at 0.05, from 0.3 at 0.07, from 1 at 0.1",
         "from 0 at 0.05, from 0.3 at 0.08"],
    ]
    # The comparison carries the same diff.
    assert whatif.compare(scheme, new, PEOPLE, period=PERIOD).plan.equals(diff)


def test_plan_diff_of_two_rule_files(scheme, rules_doc):
    import json

    rules_doc["roles"]["hunter"]["components"][1]["mode"] = "retroactive"
    del rules_doc["roles"]["farmer"]["components"][2]
    other = motiv.loads(json.dumps(rules_doc), source="other.json")
    diff = whatif.plan_diff(scheme, other)
    assert diff[["area", "name", "field", "change"]].values.tolist() == [
        ["component", "hunter/commission", "mode", "changed"],
        ["component", "farmer/no_growth_cut", "", "removed"],
    ]


def test_sweep_equals_individual_overrides(scheme, people):
    grid = {"hunter.salary": [20000, "25000", D("30000")], "farmer.cut.no_growth": ["0", "0.5"]}
    sw = whatif.sweep(scheme, people, period=PERIOD, grid=grid, progress=False)
    assert len(sw) == 6
    assert sw.columns.tolist() == ["hunter.salary", "farmer.cut.no_growth", "total", "operator", "hunter", "farmer", "failed_rows"]
    for row in sw.itertuples(index=False):
        salary, cut = row[0], row[1]
        one = scheme.with_overrides({"hunter.salary": salary, "farmer.cut.no_growth": cut})
        pay = one.compute_frame(people, period=PERIOD)
        assert row.total == sum(pay["total"]), (salary, cut)
        for role in ("operator", "hunter", "farmer"):
            assert getattr(row, role) == sum(pay.loc[pay["role"] == role, "total"])
    # 25,000 and 50% is the scheme as it is: the README's 715,977.01.
    assert sw.loc[(sw["hunter.salary"] == D("25000")) & (sw["farmer.cut.no_growth"] == D("0.5")), "total"].item() == D("715977.01")


def test_sweep_refuses_floats_and_unknown_parameters(scheme, people):
    with pytest.raises(TypeError):
        whatif.sweep(scheme, people, period=PERIOD, grid={"hunter.salary": [25000.0]})
    with pytest.raises(motiv.RuleError, match="unknown parameter 'no.such'"):
        whatif.sweep(scheme, people, period=PERIOD, grid={"no.such": ["1"]})
    with pytest.raises(motiv.RuleError, match="tier table"):
        whatif.sweep(scheme, people, period=PERIOD, grid={"hunter.commission.tiers": ["1"]})
    with pytest.raises(ValueError, match="not an exact decimal"):
        whatif.sweep(scheme, people, period=PERIOD, grid={"hunter.salary": ["abc"]})


# Every sweep door shows a tqdm bar of its points: (the call, given progress=, the points it counts).
SWEEPS = [
    (lambda scheme, people, **kw: whatif.sweep(scheme, people, period=PERIOD, grid={"hunter.salary": range(20000, 30001, 1000)}, **kw), 11),
    (lambda scheme, people, **kw: scheme.sweep(people, period=PERIOD, parameter="hunter.salary", values=range(20000, 30001, 2000), **kw), 6),
]


@pytest.mark.parametrize("call, points", SWEEPS, ids=["whatif.sweep", "Scheme.sweep"])
def test_sweep_progress_bar_counts_every_point(scheme, people, monkeypatch, call, points):
    seen = []

    class Bar:
        def __init__(self, total, **kw):
            self.total, self.n, self.kw = total, 0, kw
            seen.append(self)

        def update(self, k):
            self.n += k

        def close(self):
            pass

    from motiv import _progress

    monkeypatch.setattr(_progress, "_bar_class", lambda: Bar)
    quiet = call(scheme, people)
    assert seen == []  # by default no bar where stderr is not a terminal (pytest captures it)
    shown = call(scheme, people, progress=True)
    assert len(seen) == 1 and seen[0].total == points and seen[0].n == points
    assert seen[0].kw["delay"] == 1.0  # shown only for sweeps longer than a second
    assert shown.equals(quiet)  # the bar changes no figure
    call(scheme, people, progress=False)
    assert len(seen) == 1


def test_pay_curve_of_one_hunter(scheme, people):
    h1 = people.set_index("id").loc["h-01"].to_dict()
    curve = whatif.pay_curve(scheme, h1, period=PERIOD, kpi="revenue", values=["0", "300000", "1000000", "1250000.00"])
    # 2 overdue handovers cost 4,000, capped at the commission: 0 at revenue 0.
    #   0:         25,000 + 0 - 0                                  = 25,000.00
    #   300,000:   25,000 + 15,000 - 4,000                         = 36,000.00
    #   1,000,000: 25,000 + 15,000 + 49,000 - 4,000                = 85,000.00
    #   1,250,000: 25,000 + 89,000 - 4,000                         = 110,000.00 (h-01's actual pay)
    assert curve["total"].tolist() == [D("25000.00"), D("36000.00"), D("85000.00"), D("110000.00")]
    assert curve["handover_penalty"].tolist() == [D("0.00"), D("-4000.00"), D("-4000.00"), D("-4000.00")]
    assert curve.columns.tolist() == ["revenue", "salary", "commission", "handover_penalty", "total"]
    with pytest.raises(ValueError, match="unknown input"):
        whatif.pay_curve(scheme, h1, period=PERIOD, kpi="revenu", values=["1"])


def test_sweep_a_tier_cell(scheme, people):
    from motiv import whatif

    # The top commission rate of hunters 10% -> 12%: h-01's 250,000 above quota earns 5,000.00 more.
    grid = whatif.sweep(scheme, people, period="2026-10", grid={"hunter.commission.tiers[2].rate": ["0.10", "0.12"]}, progress=False)
    assert grid["hunter"].diff().iloc[1] == Decimal("5000.00")
