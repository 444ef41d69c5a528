"""motiv.whatif: what-if modelling of pay schemes.

Before changing how people are paid, see what each person would have earned, what it costs, and
whether the new scheme still rewards the right behaviour::

    import motiv
    from motiv import whatif

    base = motiv.load("rules/three_tier.json")
    new = base.with_overrides({"hunter.salary": "30000.00"})
    cmp = whatif.compare(base, new, "examples/department/people_2026-10.csv", period="2026-10")
    cmp.people      # per person: before, after, delta, gain/loss, fixed and variable parts
    cmp.roles       # per role and 'all': cost, mean, median, pay mix, gainers, losers
    cmp.plan        # what changed between the schemes

Scenarios, comparisons, plan diffs, sweeps, pay curves, Monte Carlo and diagnostics run in the
C++ core (the same code as ``motiv whatif``, on its batch engine); plots use matplotlib's object API
(figures returned, ``ax=`` accepted, no pyplot state) and are drawn from the command line too (``python -m motiv.plot``); ``dask_sweep`` / ``dask_compare``
run on a Dask cluster. Amounts are exact
``Decimal`` values everywhere; floats appear only on plot axes.
"""

from __future__ import annotations

from ._dask import dask_compare, dask_sweep
from ._diagnostics import Diagnostics, diagnostics
from ._montecarlo import Lognormal, MonteCarlo, Normal, Resample, Triangular, Uniform, monte_carlo
from ._plots import payout_curves, plot_monte_carlo, plot_pay_distribution, plot_payout_curves, plot_sweep_cost
from ._scenarios import Comparison, compare, pay_curve, plan_diff, sweep

__all__ = [
    "Comparison",
    "compare",
    "plan_diff",
    "sweep",
    "pay_curve",
    "MonteCarlo",
    "Normal",
    "Uniform",
    "Lognormal",
    "Triangular",
    "Resample",
    "monte_carlo",
    "Diagnostics",
    "diagnostics",
    "payout_curves",
    "plot_payout_curves",
    "plot_sweep_cost",
    "plot_pay_distribution",
    "plot_monte_carlo",
    "dask_sweep",
    "dask_compare",
]
