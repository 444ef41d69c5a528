"""motiv.whatif Monte Carlo and diagnostics, on rules/three_tier.json.

Profiles at target (used throughout):
  operator: 250 calls, 3,300 talk minutes over 22 days (150/day), 40 meetings (16% of calls),
            script 95% -> gates pass, all 5 targets met -> 15% bonus: 42,000 + 6,300 = 48,300.00.
  hunter:   revenue 1,000,000, no overdue handovers -> 25,000 + 15,000 + 49,000 = 89,000.00.
  farmer:   volume 1,000,000 (prev 900,000: grew) -> 12.5% of 50,000 = 6,250: 56,250.00.
"""

from decimal import Decimal

import pytest

from motiv import whatif
from motiv_test_support import PERIOD

D = Decimal
TARGET = {
    "operator": {"calls": 250, "talk_minutes": 3300, "days_worked": 22, "meetings": 40, "script_compliance": "0.95"},
    "hunter": {"revenue": "1000000.00", "overdue_handovers": 0},
    "farmer": {"volume": "1000000.00", "volume_prev": "900000.00"},
}
EFFORT = {"operator": ["calls", "talk_minutes", "meetings"], "hunter": ["revenue"], "farmer": ["volume"]}


def test_monte_carlo_is_seeded_and_exact(scheme, people):
    draws = {"revenue": whatif.Normal(1.0, 0.3, relative=True), "calls": whatif.Uniform(150, 320)}
    a = whatif.monte_carlo(scheme, people, period=PERIOD, draws=draws, n=300, seed=5, target=TARGET)
    b = whatif.monte_carlo(scheme, people, period=PERIOD, draws=draws, n=300, seed=5, target=TARGET)
    assert a.costs.equals(b.costs) and a.quantiles.equals(b.quantiles)
    assert len(a.costs) == 300
    # Every draw's total is the sum of its roles, exactly.
    assert all(r.total == r.operator + r.hunter + r.farmer for r in a.costs.itertuples())
    # Farmers' inputs are not drawn: every draw costs the actual 219,375.00.
    assert set(a.costs["farmer"]) == {D("219375.00")}
    q = a.quantiles.set_index("of")
    srt = sorted(a.costs["total"])
    # Nearest rank: P50 is the 150th of 300 sorted totals, P90 the 270th, P99 the 297th.
    assert (q.loc["total", "P50"], q.loc["total", "P90"], q.loc["total", "P99"]) == (srt[149], srt[269], srt[296])
    assert q.loc["total", "P50"] <= q.loc["total", "P90"] <= q.loc["total", "P99"]


def test_monte_carlo_shares_at_gate_target_cap(scheme, people):
    # No draws at all: every draw is the actual data, so the shares are the department's own.
    mc = whatif.monte_carlo(scheme, people, period=PERIOD, draws={}, n=4, seed=0, target=TARGET,
                            cap={"operator": TARGET["operator"]})
    s = mc.shares.set_index("role")
    # Operators past the gate (the bonus's `when`: every KPI gate passed): op-01, op-03, op-04 of 5
    # (op-02 makes 180 calls < 200, op-05 follows 79% of the script < 80%) -> 3/5.
    # At target pay 48,300: only op-03 -> 1/5. The operator's 15% ceiling is a min() inside a
    # formula, not a cap the rules declare: the cap profile (the same as the target) says it -> 1/5.
    assert (s.loc["operator", "at_gate"], s.loc["operator", "at_target"], s.loc["operator", "at_cap"]) == (D("0.6"), D("0.2"), D("0.2"))
    # Hunters have no gate (their only `when` is the penalty's, which is not a gate) -> None.
    # At 89,000 or more: h-01 (110,000) -> 1/5. At cap, read from the scheme: h-01's revenue
    # 1,250,000 is in the top commission tier (from 1,000,000), and h-03's penalty of 2 x 2,000 =
    # 4,000 is capped at its commission of 2,000 -> 2/5.
    assert (s.loc["hunter", "at_gate"], s.loc["hunter", "at_target"], s.loc["hunter", "at_cap"]) == (None, D("0.2"), D("0.4"))
    # Farmers: no gate. On-target pay 56,250.00: f-02 (2,400,000 at 15%: 57,500.00) and f-04
    # (1,000,000 grown: 56,250.00) -> 2/4; f-01 (53,125.00) and f-03 (52,500.00) are cut for no
    # growth. At cap: f-02's volume reaches the top tier of rate_by_volume (2,000,000) -> 1/4.
    assert (s.loc["farmer", "at_gate"], s.loc["farmer", "at_target"], s.loc["farmer", "at_cap"]) == (None, D("0.5"), D("0.25"))
    assert s.loc["hunter", "person_draws"] == 20
    assert set(mc.costs["total"]) == {D("715977.01")}
    with pytest.raises(ValueError, match="unknown input"):
        whatif.monte_carlo(scheme, people, period=PERIOD, draws={"revenu": whatif.Normal(0, 1)}, n=2)


def test_monte_carlo_resamples_history(scheme, people):
    import itertools

    mc = whatif.monte_carlo(scheme, people, period=PERIOD, n=50, seed=1, draws={"revenue": whatif.Resample(["300000.00", "1250000.00"])})
    # Each hunter's revenue is 300,000 or 1,250,000. h-01 and h-03 have 2 overdue handovers (-4,000,
    # within the commission either way); h-02, h-04, h-05 none:
    #   300,000   -> 25,000 + 15,000 = 40,000 (36,000 with the penalty)
    #   1,250,000 -> 25,000 + 89,000 = 114,000 (110,000 with the penalty)
    with_penalty, without = (D("36000.00"), D("110000.00")), (D("40000.00"), D("114000.00"))
    possible = {sum(c) for c in itertools.product(with_penalty, with_penalty, without, without, without)}
    assert set(mc.costs["hunter"]) <= possible
    assert len(set(mc.costs["hunter"])) > 3  # the draws do vary


def test_diagnostics(scheme, people):
    d = whatif.diagnostics(scheme, period=PERIOD, target=TARGET, effort=EFFORT, cliff="1000", data=people)
    mix = d.pay_mix.set_index("role")
    # Hunter at target: fixed 25,000, variable 64,000 of 89,000 -> 0.7191.
    assert (mix.loc["hunter", "fixed"], mix.loc["hunter", "variable"], mix.loc["hunter", "variable_share"]) == (D("25000.00"), D("64000.00"), D("0.7191"))
    lev = d.leverage.set_index("role")
    # Hunter at 150%: revenue 1,500,000 -> 25,000 + 15,000 + 49,000 + 50,000 = 139,000; 139,000 / 89,000 = 1.5618.
    assert (lev.loc["hunter", "at_stress"], lev.loc["hunter", "leverage"]) == (D("139000.00"), D("1.5618"))
    # The operator is already at the 15% cap at target: no leverage.
    assert lev.loc["operator", "leverage"] == D("1.0000")
    # Monotonicity: with 40 meetings, 267 calls make effectiveness 40/267 = 14.98% < 15%: one target
    # lost, the bonus falls from 15% to 14% (6,300 -> 5,880): more calls pay less.
    mono = d.monotonicity
    assert mono[["role", "kpi", "rules", "pointers"]].values.tolist() == [["operator", "calls", "bonus", "/roles/operator/components/1"]]
    assert mono["from"].item() <= D("266") and mono["to"].item() >= D("267")
    assert (mono["pay_from"].item(), mono["pay_to"].item()) == (D("48300.00"), D("47880.00"))
    # Cliffs over 1,000 narrowed to one unit: the operator's calls gate (199 -> 200: bonus 0 -> 14%
    # of 42,000 = 5,880), the farmer's no-growth cut (volume 900,000.00 -> 900,000.01: the cut of
    # 50% x 5,000 = 2,500 goes) and the farmer's volume tiers (1,000,000 and 2,000,000: +2.5% x 50,000 = 1,250).
    c = d.cliffs
    assert [(r.role, r.kpi, r["from"], r.to, r.jump, r.rules) for _, r in c.iterrows() if r.kpi != "talk_minutes"] == [
        ("operator", "calls", D("199"), D("200"), D("5880.00"), "bonus"),
        ("farmer", "volume", D("900000.00"), D("900000.01"), D("2500.00"), "no_growth_cut"),
        ("farmer", "volume", D("999999.99"), D("1000000.00"), D("1250.00"), "bonus"),
        ("farmer", "volume", D("1999999.99"), D("2000000.00"), D("1250.00"), "bonus"),
    ]
    cost = d.cost.set_index("case")
    # At target: 5 x 48,300 + 5 x 89,000 + 4 x 56,250 = 241,500 + 445,000 + 225,000 = 911,500.00.
    assert cost.loc["target", "total"] == D("911500.00")
    assert cost.loc["current", "total"] == D("715977.01")
    # Stressed: hunters 5 x 139,000 = 695,000; operators and farmers as at target -> 1,161,500.00.
    assert cost.loc["stressed", "total"] == D("1161500.00")
    assert any("more calls pays less" in w for w in d.warnings)


def test_diagnostics_without_cliffs_or_data(scheme):
    d = whatif.diagnostics(scheme, period=PERIOD, target={"hunter": TARGET["hunter"]})
    assert d.cliffs.empty and d.cost.empty
    # Default effort inputs are the profile's money / count / number ones: revenue and
    # overdue_handovers. Each overdue client costs 2,000, so "more" of that input pays less --
    # flagged, naming the penalty; declare `effort` to scan only what measures effort.
    assert d.monotonicity[["kpi", "rules"]].values.tolist() == [["overdue_handovers", "handover_penalty"]]
    # Stressed: revenue 1,500,000 and 0 x 1.5 = 0 overdue -> 139,000.00.
    assert d.leverage.set_index("role").loc["hunter", "at_stress"] == D("139000.00")
