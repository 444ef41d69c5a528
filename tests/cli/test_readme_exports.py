"""The manual's export command (docs/exports.md) runs as printed and writes what it says.

The command is taken from docs/exports.md itself (its first ```sh block), with `motiv`
replaced by the binary under test and `out/` by a temporary directory.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("MOTIV_SOURCE_DIR") or Path(__file__).resolve().parents[2]).resolve()
CLI = os.environ.get("MOTIV_CLI") or str(ROOT / "build" / "dev" / "motiv")
pytestmark = pytest.mark.skipif(not Path(CLI).is_file(), reason="motiv binary not built")


def test_readme_exports_command_writes_every_export_and_statement(tmp_path):
    section = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    command = re.search(r"```sh\n(.*?)```", section, re.S)[1]
    assert command.count("motiv ") == 2 and "--format all" in command
    command = re.sub(r"\bmotiv ", f"{CLI} ", command).replace("out/", f"{tmp_path}/out/").replace("-p out ", f"-p {tmp_path}/out ")
    r = subprocess.run(["bash", "-c", command], cwd=ROOT, capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr.decode()
    out = tmp_path / "out"
    assert sorted(os.listdir(out)) == ["payroll.csv", "payroll.excel-ru.csv", "payroll.jsonl", "payroll.xlsx", "statements"]
    ids = [line.split(",")[0] for line in (ROOT / "examples/department/people_2026-10.csv").read_text(encoding="utf-8").splitlines()[1:]]
    assert sorted(os.listdir(out / "statements")) == sorted(f"{i}.ru.{ext}" for i in ids for ext in ("html", "txt"))
    # Run again: --force replaces every file.
    assert subprocess.run(["bash", "-c", command], cwd=ROOT, capture_output=True, timeout=120).returncode == 0
