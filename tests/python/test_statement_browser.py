"""The HTML pay statement rendered by a real browser (Debian's chromium, headless), so a broken
template is caught: the rendered text must hold the person's lines and amounts, and a screenshot
must be written and not be blank.

Skipped only when chromium is missing outside CI; in CI (CI=true) a missing browser fails.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess

import pytest

import motiv
from motiv_test_support import PEOPLE, PERIOD

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
IN_CI = os.environ.get("CI", "").lower() == "true"

if CHROMIUM is None:
    if IN_CI:
        raise RuntimeError("chromium is required in CI for the statement browser test: run ./scripts/bootstrap")
    pytest.skip("chromium not installed (scripts/bootstrap installs it)", allow_module_level=True)


def _chromium(tmp_path, *args: str) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}", *args]
    # Under `scripts/test --asan` the sanitizer runtime is preloaded for Python; not for the browser.
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    return subprocess.run(cmd, capture_output=True, timeout=120, env=env)


def _visible_text(dom: str) -> str:
    body = dom[dom.index("<body"):]
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))  # keeps no-break spaces


@pytest.mark.parametrize(
    "person, lang, expected",
    [
        # h-01: 25,000.00 + 89,000.00 - 4,000.00 = 110,000.00 (tests/cli/test_cli.py works it out).
        ("h-01", "en", ["Pay statement 2026-10", "h-01 Егор Лебедев", "Salary", "25,000.00 RUB", "Commission on deals",
                        "89,000.00 RUB", "Overdue handovers", "-4,000.00 RUB", "Total", "110,000.00 RUB",
                        "tier 3 of 3 reached (10%)", "/roles/hunter/components/1"]),
        # op-01 in Russian: 42 000,00 + 5 460,00 = 47 460,00; talk per day 130.91 against the 120 norm.
        ("op-01", "ru", ["Расчётный лист 2026-10", "op-01 Анна Смирнова", "42\u00a0000,00 RUB", "5\u00a0460,00 RUB",
                         "Итого", "47\u00a0460,00 RUB", "talk_per_day 130,91 / 120 (>=)", "выполнено"]),
    ],
)
def test_statement_renders_in_chromium(scheme, tmp_path, person, lang, expected):
    page = tmp_path / f"{person}.{lang}.html"
    page.write_text(motiv.statement(scheme, PEOPLE, person=person, period=PERIOD, lang=lang, format="html"), encoding="utf-8")
    url = page.as_uri()

    r = _chromium(tmp_path, "--dump-dom", url)
    assert r.returncode == 0, r.stderr.decode(errors="replace")[-2000:]
    text = _visible_text(r.stdout.decode("utf-8"))
    for fragment in expected:
        assert fragment in text, fragment

    shot = tmp_path / f"{person}.png"
    r = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1000,1400", url)
    assert r.returncode == 0, r.stderr.decode(errors="replace")[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    # Not a blank page: the picture has dark (text) pixels as well as the white background.
    import matplotlib.image as mpimg

    pixels = mpimg.imread(str(shot))
    assert pixels.shape[0] >= 1000 and pixels.shape[1] >= 900
    assert pixels[..., :3].min() < 0.3 and pixels[..., :3].max() > 0.9
