"""Paths and small rule files shared by the Python API tests (imported by name: a unique module)."""

import json
import os
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("MOTIV_SOURCE_DIR", Path(__file__).resolve().parents[2]))
RULES = SOURCE_DIR / "rules" / "three_tier.json"
PEOPLE = SOURCE_DIR / "examples" / "department" / "people_2026-10.csv"
PERIOD = "2026-10"
REFERENCE = json.loads(RULES.read_text(encoding="utf-8"))


def minimal_rules(components, inputs=None, parameters=None):
    """Rule text for a one-role scheme 'rep' with the given components."""
    doc = {
        "motiv": 1,
        "scheme": {"name": "mini", "version": "1"},
        "currency": {"code": "RUB", "minor_units": 2},
        "inputs": inputs or {"revenue": {"type": "money"}, "calls": {"type": "count"}},
        "parameters": parameters or {},
        "roles": {"rep": {"components": components}},
    }
    return json.dumps(doc)
