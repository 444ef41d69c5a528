"""The manual's examples run as printed (docs/contributing.md, "Examples in the manual are run").

A fenced block preceded by ``<!-- runnable -->`` in README.md or docs/*.md is run in a scratch
directory where ``rules/`` and ``examples/`` are the repository's: ``sh`` with bash (``motiv`` is the
tool under test), ``python`` in one namespace per page (the page reads as one session), ``json`` as a
rule file that ``motiv validate`` must accept. A runnable block followed by a block preceded by
``<!-- output -->`` must print exactly that text. One test per page, so a failure names the page.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("MOTIV_SOURCE_DIR") or Path(__file__).resolve().parents[2]).resolve()
CLI = Path(os.environ.get("MOTIV_CLI") or ROOT / "build" / "dev" / "motiv")
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# A marker comment, optional blank lines, then a fenced block: its language and its text.
_BLOCK = re.compile(r"<!-- (runnable|output) -->\n\s*```(\w*)\n(.*?)^```", re.S | re.M)


def blocks(text: str) -> list[tuple[str, str, str | None]]:
    """(language, code, expected output or None) of every runnable block of a page, in order."""
    found = [(m.group(1), m.group(2), m.group(3), m.start(), m.end()) for m in _BLOCK.finditer(text)]
    out: list[tuple[str, str, str | None]] = []
    for i, (kind, lang, code, _, end) in enumerate(found):
        if kind != "runnable":
            continue
        expected = None
        if i + 1 < len(found) and found[i + 1][0] == "output" and text[end:found[i + 1][3]].strip() == "":
            expected = found[i + 1][2]
        out.append((lang, code, expected))
    return out


def test_the_extractor_reads_markers_languages_and_outputs():
    page = (
        "<!-- runnable -->\n```sh\necho hi\n```\n<!-- output -->\n```text\nhi\n```\n"
        "```sh\nnot marked\n```\n<!-- runnable -->\n\n```python\nx = 1\n```\ntext\n<!-- output -->\n```\nnot its output\n```\n"
    )
    assert blocks(page) == [("sh", "echo hi\n", "hi\n"), ("python", "x = 1\n", None)]


def _scratch(tmp_path: Path) -> Path:
    for name in ("rules", "examples"):
        (tmp_path / name).symlink_to(ROOT / name)
    bin_dir = tmp_path / ".bin"
    bin_dir.mkdir()
    (bin_dir / "motiv").symlink_to(CLI)
    return bin_dir


def _run_sh(code: str, cwd: Path, bin_dir: Path) -> str:
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    r = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, f"exit {r.returncode}\n--- block\n{code}--- stdout\n{r.stdout}--- stderr\n{r.stderr}"
    return r.stdout


def _run_python(code: str, namespace: dict[str, object], page: str) -> str:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(compile(code, f"<{page} example>", "exec"), namespace)  # noqa: S102 - the manual's own examples
    return buf.getvalue()


def _validate_rule_file(code: str, cwd: Path, n: int) -> str:
    path = cwd / f"example_{n}.json"
    path.write_text(code, encoding="utf-8")
    r = subprocess.run([str(CLI), "validate", str(path)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, f"--- rule file\n{code}--- motiv validate\n{r.stdout}{r.stderr}"
    return ""


@pytest.mark.skipif(not CLI.is_file(), reason="motiv binary not built")
@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_runnable_examples_of_a_page_run_as_printed(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    found = blocks(page.read_text(encoding="utf-8"))
    if not found:
        pytest.skip("no runnable examples on this page")
    bin_dir = _scratch(tmp_path)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for n, (lang, code, expected) in enumerate(found):
        if lang == "sh":
            printed = _run_sh(code, tmp_path, bin_dir)
        elif lang == "python":
            printed = _run_python(code, namespace, page.name)
        elif lang == "json":
            printed = _validate_rule_file(code, tmp_path, n)
        else:
            pytest.fail(f"{page.name}: a runnable block in '{lang}', which the runner does not know")
        if expected is not None:
            assert printed == expected, f"{page.name}, block {n + 1}: printed\n{printed}expected\n{expected}"


def test_every_page_with_examples_is_found():
    # The README's tour and at least one page of each kind run: a marker typo would silently skip them.
    langs = {lang for page in PAGES for lang, _, _ in blocks(page.read_text(encoding="utf-8"))}
    assert {"sh", "python", "json"} <= langs
    assert blocks((ROOT / "README.md").read_text(encoding="utf-8"))


def test_readme_links_point_at_files_in_the_repository():
    # mkdocs --strict checks the links between manual pages; the README is outside it.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s]+)\)", readme)
    assert targets
    for target in targets:
        assert not re.match(r"[a-z]+://", target), f"README links outside the repository: {target}"
        path = target.split("#", 1)[0]
        assert (ROOT / path).exists(), f"README links to a missing file: {target}"


def test_paths_named_in_the_manual_exist():
    # Files move (core/ -> apps/, ...); a page naming a path that is gone sends a reader nowhere.
    named = re.compile(r"`((?:core|apps|cli|bindings|rules|examples|tests|scripts|bench|fuzz|docs)/[\w./-]*)`")
    missing = [
        f"{page.relative_to(ROOT)}: {path}"
        for page in PAGES
        for path in named.findall(page.read_text(encoding="utf-8"))
        if not path.endswith("...") and not (ROOT / path).exists()
    ]
    assert missing == []
