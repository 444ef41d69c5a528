"""Pay statements (motiv.write_statements, motiv.statement, `motiv statements`, `motiv explain
--lang`): one per person, every line with rule, formula and inputs, KPIs against norms derived from
the rules, tiers and the next tier's pay, in English and Russian, as text and self-contained HTML.

Expected figures (rules/three_tier.json, examples/department/people_2026-10.csv, 2026-10):
  op-01  talk_per_day = 2880 / 22 = 130.909... -> shown 130.91 against the 120 gate and the 150
         target; effectiveness = 25 / 260 = 0.09615 -> 9.62% against 15%; total 47,460.00.
  h-04   revenue 523,456.78 reaches tier 2 of 3 (7%); the next tier starts at 1,000,000.00 (10%),
         476,543.22 more; at 1,000,000.00 the commission is 300,000 x 5% + 700,000 x 7% = 64,000.00
         and the total 25,000 + 64,000 = 89,000.00 (no overdue handovers).
  h-01   revenue 1,250,000.00 is in the highest tier (tier 3 of 3, 10%).
  f-01   volume 1,250,000.00: tier 2 (12.5%); at 2,000,000.00 the bonus is 15% x 50,000 = 7,500.00
         and the volume grew against 1,300,000.00, so no cut: total 57,500.00.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import motiv
from motiv_test_support import PEOPLE, PERIOD, RULES

CLI = os.environ.get("MOTIV_CLI")
needs_cli = pytest.mark.skipif(not CLI, reason="MOTIV_CLI not set (ctest sets it)")
IDS = ["op-01", "op-02", "op-03", "op-04", "op-05", "h-01", "h-02", "h-03", "h-04", "h-05", "f-01", "f-02", "f-03", "f-04"]
NBSP = "\u00a0"


def statement(scheme, person, lang="en", fmt="txt"):
    return motiv.statement(scheme, PEOPLE, person=person, period=PERIOD, lang=lang, format=fmt)


def test_operator_statement_shows_kpis_against_norms_from_the_rules(scheme):
    text = statement(scheme, "op-01")
    assert text.startswith("Pay statement — October 2026\nEmployee  op-01 Анна Смирнова\nRole      Operator\n")
    for line in [
        f"  KPI bonus   5,460.00{NBSP}RUB",
        "      10% of salary once every gate is passed, +1% per KPI target met, at most 15%",
        "      Figures used: Cold calls 260, Days worked 22, Talk minutes 2,880, Script compliance 96%, Meetings booked 25",
        f"  Total      47,460.00{NBSP}RUB",
        "  Cold calls: 260, norm ≥ 200 — met; required for: KPI bonus",
        "  Talk minutes per day: 130.91, norm ≥ 120 — met; required for: KPI bonus",
        "  Talk minutes per day: 130.91, norm ≥ 150 — not met; counts towards: KPI bonus",
        "  Call effectiveness: 9.62%, norm ≥ 15% — not met; counts towards: KPI bonus",
        "  No tier tables apply to this role.",
        # The footer: the rule and the norm's parameter, for whoever checks the computation.
        "  Rule bonus (percent) /roles/operator/components/1: bonus = bonus_rate 0.13 * salary 42,000.00 = 5,460.00 (when gates_passed true: true)",
        "  Norms: talk_per_day >= operator.gate.talk_minutes_per_day (/roles/operator/variables/gates_passed)",
    ]:
        assert line + "\n" in text, line
    # A failed gate: op-05's script compliance 79% < 80%, so the bonus line was not paid.
    op05 = statement(scheme, "op-05")
    assert "  Script compliance: 79%, norm ≥ 80% — not met; required for: KPI bonus\n" in op05
    assert "      condition not met: not paid\n" in op05


@pytest.mark.parametrize(
    "person, expected",
    [
        ("h-04", "Commission on deals: Revenue 523,456.78: tier 2 of 3 reached (7%); next tier from 1,000,000.00 (10%), "
                 f"476,543.22 more; at the next tier: Commission on deals 64,000.00{NBSP}RUB, total 89,000.00{NBSP}RUB"),
        ("h-01", "Commission on deals: Revenue 1,250,000.00: tier 3 of 3 reached (10%); the highest tier"),
        ("f-01", "Volume bonus: Portfolio volume 1,250,000.00: tier 2 of 3 reached (12.5%); next tier from 2,000,000.00 (15%), "
                 f"750,000.00 more; at the next tier: Volume bonus 7,500.00{NBSP}RUB, total 57,500.00{NBSP}RUB"),
    ],
)
def test_tiers_reached_and_the_next_tier(scheme, person, expected):
    assert "\nTiers\n  " + expected + "\n" in statement(scheme, person)


def test_russian_statement(scheme):
    text = statement(scheme, "h-04", lang="ru")
    assert text.startswith("Расчётный лист — октябрь 2026\nСотрудник  h-04 Кира Морозова\nДолжность  Охотник\n")
    assert f"55{NBSP}641,97{NBSP}₽\n" in text and "  Итого  " in text
    assert (f"Комиссия со сделок: Выручка 523{NBSP}456,78: достигнута ступень 2 из 3 (7%); следующая ступень от "
            f"1{NBSP}000{NBSP}000,00 (10%), не хватает 476{NBSP}543,22; на следующей ступени: Комиссия со сделок "
            f"64{NBSP}000,00{NBSP}₽, итого 89{NBSP}000,00{NBSP}₽") in text
    assert "Показатели и нормы\n  Для этой должности нормы показателей не заданы.\n" in text
    # Above the technical footer, no English word is left.
    import re

    above = text[: text.index("Технические сведения")].replace("h-04", "")
    assert set(re.findall(r"[A-Za-z]{2,}", above)) == set(), above


@needs_cli
@pytest.mark.parametrize("person, lang", [("op-01", "en"), ("h-04", "ru"), ("f-01", "en")])
def test_motiv_explain_lang_prints_the_same_statement(scheme, person, lang):
    r = subprocess.run([CLI, "explain", "--rules", str(RULES), "--data", str(PEOPLE), "--employee", person, "--period", PERIOD,
                        "--lang", lang], capture_output=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode("utf-8") == statement(scheme, person, lang=lang)


def test_write_statements_one_file_per_person_and_language(scheme, tmp_path):
    paths = motiv.write_statements(scheme, PEOPLE, period=PERIOD, out_dir=tmp_path / "st", lang="ru", formats=["html", "txt"])
    assert [Path(p).name for p in paths] == [f"{i}.ru.{ext}" for i in IDS for ext in ("html", "txt")]
    assert sorted(os.listdir(tmp_path / "st")) == sorted(Path(p).name for p in paths)
    assert (tmp_path / "st" / "h-04.ru.txt").read_text(encoding="utf-8") == statement(scheme, "h-04", lang="ru")
    html = (tmp_path / "st" / "h-04.ru.html").read_text(encoding="utf-8")
    assert html == statement(scheme, "h-04", lang="ru", fmt="html")
    assert html.startswith('<!DOCTYPE html>\n<html lang="ru">')
    # Self-contained: no external stylesheet, script, image or font.
    for ref in ["<link", "<script", "<img", "src=", "url(", "@import", "http:", "https:"]:
        assert ref not in html, ref

    # Existing files are replaced only with force=True; a refusal writes nothing.
    before = {p: Path(p).read_bytes() for p in paths}
    with pytest.raises(motiv.IoError) as info:
        motiv.write_statements(scheme, PEOPLE, period=PERIOD, out_dir=tmp_path / "st", lang="ru", formats=["txt"])
    assert info.value.id == "motiv.io_error.003"
    motiv.write_statements(scheme, PEOPLE, period=PERIOD, out_dir=tmp_path / "st", lang="ru", formats=["html", "txt"], force=True)
    assert {p: Path(p).read_bytes() for p in paths} == before


def test_statements_escape_html_and_use_safe_file_names(scheme, tmp_path):
    people = pd.DataFrame({"id": ["../evil", ".hidden"], "name": ['<script>alert("x")</script>', "O'Neil & Co"],
                           "role": ["hunter", "hunter"], "revenue": ["100.00", "0"]})
    paths = motiv.write_statements(scheme, people, period=PERIOD, out_dir=tmp_path, formats=["html"])
    assert sorted(os.listdir(tmp_path)) == ["_2E._2Fevil.en.html", "_2Ehidden.en.html"]  # nothing outside, nothing hidden, one-to-one
    html = Path(paths[0]).read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "O&#39;Neil &amp; Co" in Path(paths[1]).read_text(encoding="utf-8")


def test_a_person_who_cannot_be_paid_means_no_statements(scheme, tmp_path):
    people = pd.read_csv(PEOPLE, dtype=str, keep_default_na=False)
    people.loc[3, "calls"] = "many"
    with pytest.raises(motiv.DataError):
        motiv.write_statements(scheme, people, period=PERIOD, out_dir=tmp_path / "st")
    assert not (tmp_path / "st").exists()
    with pytest.raises(ValueError, match="lang"):
        motiv.write_statements(scheme, PEOPLE, period=PERIOD, out_dir=tmp_path / "st", lang="de")
    with pytest.raises(motiv.DataError, match="no person with id 'x-1'"):
        motiv.statement(scheme, PEOPLE, person="x-1", period=PERIOD)


@needs_cli
def test_motiv_statements_cli(scheme, tmp_path):
    r = subprocess.run([CLI, "statements", "--rules", str(RULES), "--data", str(PEOPLE), "--period", PERIOD,
                        "--out", str(tmp_path), "--lang", "en", "--format", "txt"], capture_output=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode().endswith("14 statements (en)\n")
    assert (tmp_path / "f-01.en.txt").read_text(encoding="utf-8") == statement(scheme, "f-01")
    r = subprocess.run([CLI, "statements", "--rules", str(RULES), "--data", str(PEOPLE), "--period", PERIOD,
                        "--out", str(tmp_path), "--format", "txt"], capture_output=True)
    assert r.returncode == 1 and b"motiv.io_error.003" in r.stderr
    r = subprocess.run([CLI, "statements", "--rules", str(RULES), "--data", str(PEOPLE), "--period", PERIOD,
                        "--out", str(tmp_path), "--lang", "fr"], capture_output=True)
    assert r.returncode == 2 and b"--lang must be en or ru, got 'fr'" in r.stderr


@needs_cli
def test_motiv_statements_never_replaces_its_data(tmp_path):
    # Issue 17: an output that is also an input is refused. The data saved under the name h-01's
    # statement gets ("h-01.en.txt"), in the output directory, with --force: refused, the data kept.
    data = tmp_path / "h-01.en.txt"
    data.write_bytes(Path(PEOPLE).read_bytes())
    r = subprocess.run([CLI, "statements", "--rules", str(RULES), "--data", str(data), "--period", PERIOD,
                        "--out", str(tmp_path), "--lang", "en", "--format", "txt", "--force"], capture_output=True)
    assert r.returncode == 1 and b"motiv.io_error.007" in r.stderr, r.stderr
    assert data.read_bytes() == Path(PEOPLE).read_bytes()
    assert not (tmp_path / "h-02.en.txt").exists()  # nothing of the set was written
