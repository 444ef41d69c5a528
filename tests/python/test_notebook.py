"""The analyst's notebook (examples/analyst_month.ipynb) runs top to bottom in a fresh kernel, and
each chart cell shows its figure exactly once (a figure left open in pyplot would show twice)."""

import time

import pytest

from motiv_test_support import SOURCE_DIR

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOK = SOURCE_DIR / "examples" / "analyst_month.ipynb"


@pytest.mark.slow
def test_the_analyst_notebook_runs_clean(monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")  # what Jupyter uses; the kernel inherits it
    nb = nbformat.read(NOTEBOOK, as_version=4)
    started = time.monotonic()
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(SOURCE_DIR / "examples")}})
    client.execute()
    elapsed = time.monotonic() - started
    images = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"{cell.source}\n{errors[0].get('evalue')}"
        images.append(sum("image/png" in o.get("data", {}) for o in cell.outputs))
        stderr = "".join(o.get("text", "") for o in cell.outputs if o.get("name") == "stderr")
        assert "More than 20 figures" not in stderr and "Traceback" not in stderr
    charts = [n for n in images if n]
    assert charts == [1, 1], images  # the two chart cells, one image each
    assert any("text/html" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)  # _repr_html_ used
    print(f"notebook executed in {elapsed:.1f} s")
