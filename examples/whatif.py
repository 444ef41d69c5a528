"""What-if modelling of the example department (examples/department, rules/three_tier.json, 2026-10).

Proposal: hunters get a higher salary (30,000) but a flatter commission (5% to 300,000, then 8%,
no 10% tier); farmers' no-growth cut rises from 50% to 75%. What does it cost, who gains and who
loses, and does the plan still reward effort? Writes its charts and tables to examples/out/ (or
the folder given as the first argument) and prints a summary.

    python examples/whatif.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

import motiv
from motiv import whatif

ROOT = Path(__file__).resolve().parent.parent
PERIOD = "2026-10"

# A person exactly at target, per role (the targets of rules/three_tier.json).
TARGET = {
    "operator": {"calls": 250, "talk_minutes": 3300, "days_worked": 22, "meetings": 40, "script_compliance": "0.95"},
    "hunter": {"revenue": "1000000.00", "overdue_handovers": 0},
    "farmer": {"volume": "1000000.00", "volume_prev": "900000.00"},
}
EFFORT = {"operator": ["calls", "talk_minutes", "meetings"], "hunter": ["revenue"], "farmer": ["volume"]}


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    base = motiv.load(ROOT / "rules" / "three_tier.json")
    new = base.with_overrides({
        "hunter.salary": "30000.00",
        "hunter.commission.tiers": [("0", "5%"), ("0.3", "8%")],
        "farmer.cut.no_growth": "75%",
    })
    people = pd.read_csv(ROOT / "examples" / "department" / f"people_{PERIOD}.csv", dtype=str, keep_default_na=False)

    # 1. Scenario comparison and plan diff.
    cmp = whatif.compare(base, new, people, period=PERIOD)
    print(cmp.plan[["area", "name", "before", "after"]].to_string(index=False), end="\n\n")
    print(cmp.roles[["role", "people", "before_cost", "after_cost", "delta", "gainers", "losers"]].to_string(index=False), end="\n\n")
    cmp.people.to_csv(out / "whatif_people.csv", index=False)

    # 2. Payout curves, old vs new: pay against the role's main KPI around a person at target.
    curves = whatif.payout_curves(base, new, period=PERIOD, profiles={r: TARGET[r] for r in ("hunter", "farmer")},
                                  kpi={"hunter": "revenue", "farmer": "volume"},
                                  values={"hunter": range(0, 2_000_001, 20_000), "farmer": range(0, 3_000_001, 25_000)})
    whatif.plot_payout_curves(curves, title="Pay against KPI: current scheme vs proposal", path=out / "payout_curve.png")

    # 3. A sweep of the hunters' salary against the farmers' cut, and its cost chart.
    grid = whatif.sweep(new, people, period=PERIOD,
                        grid={"hunter.salary": range(20_000, 35_001, 1_000), "farmer.cut.no_growth": ["0.5", "0.75", "1"]})
    whatif.plot_sweep_cost(grid, parameter="hunter.salary", by="farmer.cut.no_growth", path=out / "sweep_cost.png")

    # 4. Distribution of pay per role, before and after.
    whatif.plot_pay_distribution(cmp.people, path=out / "pay_distribution.png")

    # 5. Monte Carlo: revenue and volume vary around each person's own value.
    mc = whatif.monte_carlo(new, people, period=PERIOD, n=2000, seed=7, target=TARGET,
                            draws={"revenue": whatif.Normal(1.0, 0.3, relative=True), "volume": whatif.Normal(1.0, 0.15, relative=True)})
    print(mc.quantiles.to_string(index=False), end="\n\n")

    # 6. Diagnostics of the proposal: pay mix, leverage, monotonicity, cliffs over 1,000 RUB, cost.
    diag = whatif.diagnostics(new, period=PERIOD, target=TARGET, effort=EFFORT, cliff="1000", data=people)
    print(diag.leverage.to_string(index=False), end="\n\n")
    print("\n".join(diag.warnings))
    print(f"\nwrote {out}/payout_curve.png, sweep_cost.png, pay_distribution.png, whatif_people.csv")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "examples" / "out")
