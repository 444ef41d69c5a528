"""The HTML pay statement rendered by a real browser (Debian's chromium, headless), in both
languages, at a phone's width (360 CSS px):

- the rendered text holds the person's lines and amounts in the language's words and number format
  ("октябрь 2026", "42 000,00 ₽" / "October 2026", "25,000.00 RUB");
- the Russian page above its technical footer has no English word left (KPI excepted: a loanword);
- hashes and JSON pointers are in the footer, after the total;
- nothing overflows the 360 px viewport and every amount is wholly visible (measured in the page by
  a probe script added to a copy of the statement, its result read from the dumped DOM);
- a 360 px screenshot is written and is not blank (kept in MOTIV_SCREENSHOT_DIR when set, to look at).

Skipped only when chromium is missing outside CI; in CI (CI=true) a missing browser fails.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import motiv
from motiv_test_support import PEOPLE, PERIOD

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
IN_CI = os.environ.get("CI", "").lower() == "true"
PHONE_WIDTH = 360
NBSP = "\u00a0"

if CHROMIUM is None:
    if IN_CI:
        raise RuntimeError("chromium is required in CI for the statement browser test: run ./scripts/bootstrap")
    pytest.skip("chromium not installed (scripts/bootstrap installs it)", allow_module_level=True)

# Headless Chromium's window is at least 500 px wide, so the statement is laid out in a 360 px iframe
# (srcdoc: same origin, so the script can measure inside it); the result is left in the DOM for
# --dump-dom: the frame's width, every element reaching past it, each amount and whether it is
# clipped, and the frame's rendered text.
FRAME = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" style="width:{width}px;height:{height}px;border:0;display:block" srcdoc="{page}"></iframe>
<script>
document.getElementById("f").addEventListener("load", function () {{
  const d = this.contentDocument, width = d.documentElement.clientWidth, bad = [];
  if (d.documentElement.scrollWidth > width) bad.push("page scrolls sideways: " + d.documentElement.scrollWidth);
  for (const el of d.querySelectorAll("body *")) {{
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.left < -0.5 || r.right > width + 0.5)) bad.push(el.tagName + " " + el.className + " " + r.left + ".." + r.right);
  }}
  const amounts = [...d.querySelectorAll(".amount")].map(el => ({{text: el.textContent, clipped: el.scrollWidth > el.clientWidth}}));
  document.body.setAttribute("data-probe", JSON.stringify({{width, bad, amounts, text: d.body.innerText}}));
}});
</script></body></html>"""


def _chromium(tmp_path, *args: str) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}", *args]
    # Under `scripts/test --asan` the sanitizer runtime is preloaded for Python; not for the browser.
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    return subprocess.run(cmd, capture_output=True, timeout=120, env=env)


@pytest.mark.parametrize(
    "person, lang, expected",
    [
        # h-01: 25,000.00 + 89,000.00 - 4,000.00 = 110,000.00 (tests/cli/test_cli.py works it out).
        ("h-01", "en", ["Pay statement", "October 2026", "h-01 Егор Лебедев", "Role Hunter", f"Salary 25,000.00{NBSP}RUB",
                        f"Commission on deals 89,000.00{NBSP}RUB", f"Overdue handovers -4,000.00{NBSP}RUB", f"Total 110,000.00{NBSP}RUB",
                        "Revenue 1,250,000.00: tier 3 of 3 reached (10%)", "/roles/hunter/components/1"]),
        # op-01 in Russian: 42 000,00 + 5 460,00 = 47 460,00; talk per day 130.91 against the 120 norm.
        ("op-01", "ru", ["Расчётный лист", "октябрь 2026", "op-01 Анна Смирнова", "Должность Оператор", f"Оклад 42{NBSP}000,00{NBSP}₽",
                         f"Премия за KPI 5{NBSP}460,00{NBSP}₽", f"Итого 47{NBSP}460,00{NBSP}₽",
                         "Минуты разговоров в день: 130,91, норма ≥ 120 — выполнено; условие для: Премия за KPI",
                         "Использованные данные: Холодные звонки 260"]),
        # h-04 in Russian: tiers and the next tier's pay, in Russian words and numbers.
        ("h-04", "ru", ["Комиссия со сделок: Выручка 523\u00a0456,78: достигнута ступень 2 из 3 (7%); следующая ступень от "
                        "1\u00a0000\u00a0000,00 (10%), не хватает 476\u00a0543,22; на следующей ступени: Комиссия со сделок "
                        f"64\u00a0000,00{NBSP}₽, итого 89\u00a0000,00{NBSP}₽"]),
    ],
)
def test_statement_renders_on_a_phone_in_chromium(scheme, tmp_path, person, lang, expected):
    page_html = motiv.statement(scheme, PEOPLE, person=person, period=PERIOD, lang=lang, format="html")
    probe = tmp_path / f"{person}.{lang}.probe.html"
    probe.write_text(FRAME.format(width=PHONE_WIDTH, height=800, page=html.escape(page_html, quote=True)), encoding="utf-8")

    r = _chromium(tmp_path, "--window-size=500,800", "--dump-dom", probe.as_uri())
    assert r.returncode == 0, r.stderr.decode(errors="replace")[-2000:]
    m = re.search(r'data-probe="([^"]*)"', r.stdout.decode("utf-8"))
    assert m, "the probe did not run"
    result = json.loads(html.unescape(m.group(1)))
    text = re.sub(r"[ \t\r\n]+", " ", result["text"])  # keeps no-break spaces
    for fragment in expected:
        assert fragment in text, fragment

    # The provenance is a footer: after the total, not at the top.
    assert text.index("SHA-256") > text.index("Итого" if lang == "ru" else "Total")
    if lang == "ru":
        # Fully Russian above the footer: ids and names aside, no Latin word but the loanword KPI.
        above = text[: text.index("Технические сведения")].replace(person, "")
        assert set(re.findall(r"[A-Za-z]{2,}", above)) <= {"KPI"}, above

    assert result["width"] == PHONE_WIDTH
    assert result["bad"] == [], result["bad"]
    assert result["amounts"] and not any(a["clipped"] for a in result["amounts"]), result["amounts"]

    shots = Path(os.environ.get("MOTIV_SCREENSHOT_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    shot = shots / f"statement-{person}.{lang}.png"
    page = tmp_path / f"{person}.{lang}.frame.html"
    page.write_text(FRAME.format(width=PHONE_WIDTH, height=1400, page=html.escape(page_html, quote=True)), encoding="utf-8")
    r = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=500,1400", page.as_uri())
    assert r.returncode == 0, r.stderr.decode(errors="replace")[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # Not a blank page: the picture has dark (text) pixels as well as the white background.
    import matplotlib.image as mpimg

    pixels = mpimg.imread(str(shot))[:, :PHONE_WIDTH]  # the phone-wide frame
    assert pixels.shape[1] == PHONE_WIDTH and pixels.shape[0] >= 1000
    assert pixels[..., :3].min() < 0.3 and pixels[..., :3].max() > 0.9
