"""The example department's October 2026 payroll: an HR script as a motiv user writes it.

Loads the reference scheme, pays everyone in examples/department/people_2026-10.csv, prints a
summary by role and one person's explanation, and writes the payroll CSV (atomically).

    python examples/pay_summary.py [--out payroll_2026-10.csv]
"""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

import motiv

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", default=str(ROOT / "rules" / "three_tier.json"))
    parser.add_argument("--data", default=str(HERE / "department" / "people_2026-10.csv"))
    parser.add_argument("--period", default="2026-10")
    parser.add_argument("--out", default="payroll_2026-10.csv")
    args = parser.parse_args()

    scheme = motiv.load(args.rules)
    # Read every cell as text: amounts stay exact decimals, never binary floats.
    people = pd.read_csv(args.data, dtype=str, keep_default_na=False)
    pay = scheme.compute_frame(people, period=args.period)

    print(f"{scheme.name} {scheme.version}: payroll {args.period} for {len(pay)} people ({scheme.currency})\n")
    by_role = pay.groupby("role")["total"].agg(people="count", total="sum")
    by_role["average"] = [t / n for t, n in zip(by_role["total"], by_role["people"])]
    print(by_role.to_string(formatters={"total": "{:,.2f}".format, "average": "{:,.2f}".format}))
    print(f"\nall roles: {sum(pay['total']):,.2f} {scheme.currency}\n")

    # Why was the first hunter paid what they were paid?
    row = people[people["role"] == "hunter"].iloc[0]
    inputs = {k: v for k, v in row.items() if k not in ("id", "name", "role") and v != ""}
    slip = scheme.compute(role="hunter", period=args.period, inputs=inputs, person=row["id"], name=row["name"])
    print(slip.explain(trees=False))

    summary = motiv.payroll_csv(scheme, args.data, period=args.period, out=args.out, force=True)
    print(f"wrote {args.out}")
    del summary


if __name__ == "__main__":
    main()
