#!/usr/bin/env python3
"""Generates the example department's logs (examples/logs/) for September and October 2026.

    python examples/generate_logs.py            # rewrites examples/logs/*.csv (same bytes every run)
    python examples/generate_logs.py --check    # exit 1 if the files on disk differ from what it generates

The department is the one of examples/department/people_2026-10.csv: five operators, five hunters,
four farmers (same ids and names). A seeded random generator (seed 20261001) draws the routine
facts; a handful of edge cases are written by hand below (EDGE CASES), each one checked against
figures worked out by hand in tests/python/test_logs.py:

  c-e01  handover on the deadline day: first deal 2026-08-20 (h-02), deadline 2026-10-19 (+60 days);
         handed to f-03 on 2026-10-19 -> on time; its 2026-10-19 order credits h-02, its 2026-10-20
         order credits f-03
  c-e02  VIP untouched for exactly the limit: last order 2026-10-01, no contact after; on 2026-10-31
         that is 30 days = the VIP limit -> not taken away in October (it would be on 2026-11-01)
  c-e03  VIP untouched for 31 days: last order 2026-09-30 -> taken away on 2026-10-31, from f-01 to
         its team lead f-02 from November
  d-e04  a cancelled deal (h-01, 180,000.00): never credited
  d-e05  a deal in USD: 1,234.56 USD x 81.2345 (rate of 2026-10-14) = 100,288.86 RUB (half_up)
  d-e06  a split credit: 100,000.01 RUB credited h-03:60;h-04:40 -> 60,000.01 and 40,000.00
  c-e07  held by hunter h-03 past its deadline: first deal 2026-08-01, deadline 2026-09-30, never
         handed over -> pending at the end of September, overdue at the end of October
  c-e08  handover point by the 3rd paid order: orders paid 2026-09-05, -15, -25 (deadline 2026-09-25,
         sooner than +60 days); handed to f-04 on 2026-09-28 -> late; its 2026-10-05 order credits f-04
  c-e09  a dormant client (f-03) reactivated: last order 2026-01-12, new order 2026-10-21 -> one
         reactivation (bonus 3,000.00 in the rules)

Files: staff.csv, clients.csv, calls.csv, deals.csv, contacts.csv, exchange_rates.csv; their
columns are documented in docs/logs.md. deals.csv also holds each client's order history
back to its first deal, because the handover point and takeaways look back.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import sys
from decimal import Decimal
from pathlib import Path

OUT = Path(__file__).resolve().parent / "logs"
SEED = 20261001
D = dt.date

STAFF = [  # id, name, role, team, hired, left, manager
    ("op-01", "Анна Смирнова", "operator", "calls", "2025-03-01", "", "op-03"),
    ("op-02", "Борис Иванов", "operator", "calls", "2026-10-02", "", "op-03"),
    ("op-03", "Вера Кузнецова", "operator", "calls", "2024-06-01", "", ""),
    ("op-04", "Глеб Попов", "operator", "calls", "2025-09-01", "2026-10-30", "op-03"),
    ("op-05", "Дарья Соколова", "operator", "calls", "2026-01-12", "", "op-03"),
    ("h-01", "Егор Лебедев", "hunter", "hunt", "2024-02-01", "", ""),
    ("h-02", "Жанна Козлова", "hunter", "hunt", "2025-05-01", "", "h-01"),
    ("h-03", "Иван Новиков", "hunter", "hunt", "2025-11-01", "", "h-01"),
    ("h-04", "Кира Морозова", "hunter", "hunt", "2025-01-15", "", "h-01"),
    ("h-05", "Павел Волков", "hunter", "hunt", "2026-03-01", "", "h-01"),
    ("f-01", "Лев Петров", "farmer", "farm", "2023-09-01", "", "f-02"),
    ("f-02", "Мария Соловьёва", "farmer", "farm", "2022-04-01", "", ""),
    ("f-03", "Никита Васильев", "farmer", "farm", "2024-10-01", "", "f-02"),
    ("f-04", "Ольга Зайцева", "farmer", "farm", "2025-02-01", "", "f-02"),
]
OPERATORS = [s[0] for s in STAFF if s[2] == "operator"]
HUNTERS = [s[0] for s in STAFF if s[2] == "hunter"]
FARMERS = [s[0] for s in STAFF if s[2] == "farmer"]
REASONS = ["no_need", "price", "has_supplier", "no_budget", "not_decision_maker"]
# Order size and days between orders by group (VIP orders more often than its 30-day limit).
ORDER = {"vip": (40000, 90000, 12, 24), "large": (20000, 50000, 20, 38), "small": (5000, 20000, 35, 75)}
WINDOW = (D(2026, 9, 1), D(2026, 10, 31))


def working_days(first: dt.date, last: dt.date):
    d = first
    while d <= last:
        if d.weekday() < 5:
            yield d
        d += dt.timedelta(days=1)


def money(rng: random.Random, lo: int, hi: int) -> str:
    return f"{Decimal(rng.randrange(lo * 100, hi * 100)) / 100:.2f}"


def generate() -> dict[str, list[list[str]]]:
    rng = random.Random(SEED)
    clients: list[list[str]] = []
    deals: list[list[str]] = []
    contacts: list[list[str]] = []
    calls: list[list[str]] = []
    n_deal = 0

    def deal(client, day, amount, status="closed", paid="", credited="", product="", currency=""):
        nonlocal n_deal
        n_deal += 1
        deals.append([f"d-{n_deal:04d}", client, day.isoformat(), amount, currency, status, paid, credited, product])

    def paid_status(day: dt.date):
        # Most orders are paid within 3-20 days; those near the window's end are often not yet.
        pay = day + dt.timedelta(days=rng.randint(3, 20))
        return ("paid", pay.isoformat()) if pay <= WINDOW[1] and rng.random() < 0.85 else ("closed", "")

    # Farmers' portfolios: won by a hunter long ago, handed over, ordering at their group's rhythm.
    n_client = 0
    for f in FARMERS:
        for group, count in (("vip", 3), ("large", 5), ("small", 6)):
            for _ in range(count):
                n_client += 1
                cid = f"c-{n_client:03d}"
                won = D(2025, 11, 1) + dt.timedelta(days=rng.randint(0, 150))
                hunter = rng.choice(HUNTERS)
                handed = won + dt.timedelta(days=rng.randint(30, 58))
                clients.append([cid, f"ООО Клиент {n_client:03d}", group, "active", f, handed.isoformat()])
                lo, hi, gap_lo, gap_hi = ORDER[group]
                day = won
                first = True
                while day <= WINDOW[1]:
                    status, paid = paid_status(day)
                    deal(cid, day, money(rng, lo, hi), status, paid, hunter if first else "",
                         rng.choice(["", "", "", "X-200"]) if day >= WINDOW[0] else "")
                    first = False
                    day += dt.timedelta(days=rng.randint(gap_lo, gap_hi))
                # Contacts in the window: VIP about twice a month, large about once, small now and then.
                per_month = {"vip": (1, 3), "large": (0, 2), "small": (0, 1)}[group]
                for month in (9, 10):
                    for _ in range(rng.randint(*per_month)):
                        day = D(2026, month, rng.randint(1, 30))
                        contacts.append([f, cid, day.isoformat(), rng.choice(["call", "call", "meeting", "email"])])

    # Hunters' new clients: first deals from mid-August, still the hunter's (not yet handed over).
    for h in HUNTERS:
        for _ in range(rng.randint(3, 5)):
            n_client += 1
            cid = f"c-{n_client:03d}"
            group = rng.choice(["large", "small", "small"])
            clients.append([cid, f"ООО Клиент {n_client:03d}", group, "active", h, ""])
            day = D(2026, 8, 25) + dt.timedelta(days=rng.randint(0, 60))
            lo, hi = {"large": (80000, 260000), "small": (30000, 120000)}[group]
            while day <= WINDOW[1]:
                status, paid = paid_status(day)
                deal(cid, day, money(rng, lo, hi), status, paid, h if rng.random() < 0.8 else "")
                day += dt.timedelta(days=rng.randint(15, 40))
            for month in (9, 10):
                if rng.random() < 0.7:
                    contacts.append([h, cid, D(2026, month, rng.randint(1, 30)).isoformat(), "meeting"])

    # Cold calls: each operator's working days, about 11-14 calls a day, ~1 in 9 books a meeting.
    staff = {s[0]: s for s in STAFF}
    n_prospect = 0
    for op in OPERATORS:
        hired = D.fromisoformat(staff[op][4])
        left = D.fromisoformat(staff[op][5]) if staff[op][5] else None
        skill = rng.uniform(0.08, 0.2)     # share of calls that book a meeting
        talk = rng.uniform(0.75, 1.3)      # how long this operator keeps a client talking
        quality = rng.uniform(0.78, 0.97)  # how closely this operator follows the script
        for day in working_days(*WINDOW):
            if day < hired or (left and day > left):
                continue
            for _ in range(rng.randint(10, 14)):
                if n_prospect < 40 or rng.random() < 0.85:
                    n_prospect += 1
                    prospect = f"pr-{n_prospect:04d}"
                else:
                    prospect = f"pr-{rng.randint(1, n_prospect):04d}"  # a second call to a company
                t = dt.datetime.combine(day, dt.time(9)) + dt.timedelta(minutes=rng.randint(0, 480))
                r = rng.random()
                outcome = "meeting" if r < skill else "sale" if r < skill + 0.02 else "no_answer" if r < 0.40 else "refusal"
                secs = 0 if outcome == "no_answer" else rng.randint(900, 2400) if outcome != "refusal" else rng.randint(120, 900)
                secs = int(secs * talk)
                score = f"{min(1.0, max(0.0, quality + rng.uniform(-0.05, 0.05))):.2f}" if rng.random() < 0.3 else ""
                calls.append([op, prospect, t.strftime("%Y-%m-%dT%H:%M"), str(secs), outcome,
                              rng.choice(REASONS) if outcome == "refusal" else "", score])

    # Dormant clients of the farmers: no order for a long time.
    for i, f in enumerate(FARMERS):
        n_client += 1
        cid = f"c-{n_client:03d}"
        clients.append([cid, f"ООО Спящий {n_client:03d}", "small", "dormant", f, "2025-06-01"])
        deal(cid, D(2025, 4, 10 + i), money(rng, 5000, 20000), "paid", D(2025, 4, 20 + i).isoformat(), rng.choice(HUNTERS))

    edge_cases(clients, deal, contacts)
    calls.sort(key=lambda r: (r[2], r[0]))
    deals.sort(key=lambda r: (r[2], r[0]))
    contacts.sort(key=lambda r: (r[2], r[0], r[1]))
    return {
        "staff.csv": [["id", "name", "role", "team", "hired", "left", "manager"], *[list(s) for s in STAFF]],
        "clients.csv": [["id", "name", "group", "state", "owner", "handed_over"], *clients],
        "calls.csv": [["operator", "client", "time", "duration_sec", "outcome", "reason", "script_score"], *calls],
        "deals.csv": [["id", "client", "date", "amount", "currency", "status", "paid_date", "credited", "product"], *deals],
        "contacts.csv": [["manager", "client", "date", "kind"], *contacts],
        "exchange_rates.csv": [["date", "currency", "rate"], ["2026-09-01", "USD", "79.8010"], ["2026-10-01", "USD", "80.5530"],
                               ["2026-10-14", "USD", "81.2345"], ["2026-10-01", "EUR", "93.1200"]],
    }


def edge_cases(clients, deal, contacts) -> None:
    """The hand-made cases listed in the module docstring (ids c-e.., amounts chosen by hand)."""
    c = clients.append
    # c-e01: handover on the deadline day.
    c(["c-e01", "ООО Дедлайн", "large", "active", "f-03", "2026-10-19"])
    deal("c-e01", D(2026, 8, 20), "150000.00", "paid", "2026-08-28", "h-02")
    contacts.append(["h-02", "c-e01", "2026-09-21", "meeting"])
    deal("c-e01", D(2026, 10, 19), "70000.00", "closed", "", "h-02")
    deal("c-e01", D(2026, 10, 20), "30000.00", "closed", "")
    # c-e02: VIP untouched for exactly 30 days at the end of October.
    c(["c-e02", "ООО Ровно тридцать", "vip", "active", "f-01", "2026-03-01"])
    deal("c-e02", D(2026, 1, 15), "50000.00", "paid", "2026-01-20", "h-04")
    for day in range(35, 240, 20):  # monthly orders from February to August
        deal("c-e02", D(2026, 1, 1) + dt.timedelta(days=day), "30000.00", "paid", (D(2026, 1, 6) + dt.timedelta(days=day)).isoformat())
    for day in (D(2026, 8, 20), D(2026, 9, 10)):
        contacts.append(["f-01", "c-e02", day.isoformat(), "call"])
    deal("c-e02", D(2026, 9, 12), "45000.00", "paid", "2026-09-20")
    deal("c-e02", D(2026, 10, 1), "41000.00", "paid", "2026-10-09")
    # c-e03: VIP untouched for 31 days -> taken away on 2026-10-31.
    c(["c-e03", "ООО Забытый", "vip", "active", "f-01", "2026-03-01"])
    deal("c-e03", D(2026, 1, 20), "60000.00", "paid", "2026-01-25", "h-04")
    for day in range(40, 240, 20):
        deal("c-e03", D(2026, 1, 1) + dt.timedelta(days=day), "20000.00", "paid", (D(2026, 1, 6) + dt.timedelta(days=day)).isoformat())
    contacts.append(["f-01", "c-e03", "2026-09-05", "meeting"])
    deal("c-e03", D(2026, 9, 30), "52000.00", "paid", "2026-10-06")
    # d-e04: a cancelled deal.
    c(["c-e04", "ООО Передумал", "large", "active", "h-01", ""])
    deal("c-e04", D(2026, 10, 2), "95000.00", "paid", "2026-10-07", "h-01")
    deals_edge = ("c-e04", D(2026, 10, 12), "180000.00", "cancelled", "", "h-01")
    deal(*deals_edge)
    # d-e05: a deal in USD.
    c(["c-e05", "Acme Trading LLC", "large", "active", "h-05", ""])
    deal("c-e05", D(2026, 10, 15), "1234.56", "closed", "", "h-05", "", "USD")
    # d-e06: a split credit.
    c(["c-e06", "ООО Пополам", "small", "active", "h-03", ""])
    deal("c-e06", D(2026, 10, 8), "100000.01", "closed", "", "h-03:60;h-04:40")
    # c-e07: held past the deadline.
    c(["c-e07", "ООО Не отпускает", "large", "active", "h-03", ""])
    deal("c-e07", D(2026, 8, 1), "120000.00", "paid", "2026-08-10", "h-03")
    contacts.append(["h-03", "c-e07", "2026-09-10", "meeting"])  # worked, so not taken away: only overdue
    deal("c-e07", D(2026, 10, 6), "40000.00", "closed", "", "h-03")
    # c-e08: handover point by the 3rd paid order, handed over late.
    c(["c-e08", "ООО Три оплаты", "large", "active", "f-04", "2026-09-28"])
    deal("c-e08", D(2026, 9, 1), "60000.00", "paid", "2026-09-05", "h-05")
    deal("c-e08", D(2026, 9, 10), "35000.00", "paid", "2026-09-15", "h-05")
    deal("c-e08", D(2026, 9, 20), "25000.00", "paid", "2026-09-25", "h-05")
    deal("c-e08", D(2026, 10, 5), "44000.00", "closed", "")
    for day in ("2026-09-29", "2026-10-20"):
        contacts.append(["f-04", "c-e08", day, "call"])
    # c-e09: a dormant client reactivated.
    c(["c-e09", "ООО Проснулся", "small", "dormant", "f-03", "2025-10-01"])
    deal("c-e09", D(2025, 9, 1), "18000.00", "paid", "2025-09-05", "h-01")
    deal("c-e09", D(2026, 1, 12), "9000.00", "paid", "2026-01-19")
    deal("c-e09", D(2026, 10, 21), "16000.00", "closed", "")


def to_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the files on disk instead of writing")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    files = {name: to_text(rows) for name, rows in generate().items()}
    if args.check:
        bad = [n for n, t in files.items() if not (args.out / n).exists() or (args.out / n).read_text(encoding="utf-8") != t]
        for n in bad:
            print(f"{args.out / n} differs from the generator's output", file=sys.stderr)
        return 1 if bad else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for n, t in files.items():
        (args.out / n).write_text(t, encoding="utf-8")
    print(f"wrote {len(files)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
