"""Exact results in typed columns (pyarrow decimal128), notebook views of results (_repr_html_,
to_frame) and progress bars on long calls."""

import html
from decimal import Decimal

import pandas as pd
import pytest

import motiv
from motiv import whatif
from motiv_test_support import PERIOD

pa = pytest.importorskip("pyarrow")
D = Decimal


def test_batch_minor_units_become_exact_decimal128(scheme, people):
    batch = scheme.compute_batch(people, period=PERIOD)
    exact = motiv.to_arrow(batch)
    decimals = motiv.to_decimal(batch)
    for c in batch.attrs["amount_columns"]:
        assert exact[c].dtype == pd.ArrowDtype(pa.decimal128(38, 2))
        assert exact[c].tolist() == decimals[c].tolist()
    assert exact["total"].sum() == sum(decimals["total"]) == D("715977.01")  # the payroll's TOTAL row
    by_role = exact.groupby("role")["total"].sum()
    assert by_role.to_dict() == {r: sum(g["total"]) for r, g in decimals.groupby("role")}


def test_negative_and_huge_minor_units_keep_every_digit():
    import numpy as np

    frame = pd.DataFrame({"total": np.array([-1, -400000, 2**63 - 1, 0], dtype=np.int64)})
    frame.attrs.update(scale=2, amount_columns=["total"])
    assert motiv.to_arrow(frame)["total"].tolist() == [D("-0.01"), D("-4000.00"), D("92233720368547758.07"), D("0.00")]


def test_decimal_frames_become_decimal128_or_are_refused(scheme, people):
    local = scheme.compute_frame(people, period=PERIOD)
    exact = motiv.to_arrow(local)
    assert exact["total"].dtype == pd.ArrowDtype(pa.decimal128(38, 2))
    assert exact["total"].tolist() == local["total"].tolist()
    assert exact["id"].tolist() == local["id"].tolist()  # text stays text
    assert exact["total"].sum() == sum(local["total"])
    with pytest.raises(ValueError, match="more than 2 decimal places"):
        motiv.to_arrow(pd.DataFrame({"x": [D("1.005")]}))


def test_payslip_frame_and_html(scheme):
    slip = scheme.compute(role="hunter", period=PERIOD, inputs={"revenue": "1250000.00", "overdue_handovers": 2}, person="h-<1>",
                          name="<script>x</script>")
    frame = slip.to_frame()
    assert frame["amount"].tolist() == [ln.amount for ln in slip.lines]
    assert sum(frame["amount"]) == slip.total and frame["amount_minor"].sum() == slip.total_minor
    assert frame.attrs["currency"] == "RUB"
    page = slip._repr_html_()
    assert "<script>" not in page and html.escape("<script>x</script>") in page
    assert "110,000.00 RUB" in page
    assert slip.lines[0]._repr_html_().startswith("<span>")
    assert scheme.name in scheme._repr_html_() and scheme.sha256[:16] in scheme._repr_html_()


def test_results_have_frames_and_html(scheme, richer, people):
    first = scheme.pay_period(people.assign(period=PERIOD), period=PERIOD)
    frame = first.to_frame()
    assert frame["total"].tolist() == [s.total for s in first.payslips]
    assert frame["id"].tolist() == [s.person for s in first.payslips]
    assert "<table" in first._repr_html_()
    cmp = whatif.compare(scheme, richer, people, period=PERIOD)
    assert cmp.to_frame() is cmp.people and "what changed" in cmp._repr_html_()
    mc = whatif.monte_carlo(scheme, people, period=PERIOD, draws={}, n=3, progress=False)
    assert mc.to_frame() is mc.costs and "P90" in mc._repr_html_()


@pytest.mark.parametrize("progress,shown", [(True, True), (False, False), (None, False)])
def test_long_calls_show_progress_only_when_asked_or_on_a_terminal(scheme, people, capsys, monkeypatch, progress, shown):
    from motiv import _progress

    monkeypatch.setattr(_progress, "DELAY", 0)
    mc = whatif.monte_carlo(scheme, people, period=PERIOD, draws={"revenue": whatif.Normal(1.0, 0.3, relative=True)}, n=50, seed=2,
                            progress=progress)
    sw = whatif.sweep(scheme, people, period=PERIOD, grid={"hunter.salary": ["20000", "30000"]}, progress=progress)
    err = capsys.readouterr().err  # pytest's capture is not a terminal: None stays quiet
    assert ("motiv monte carlo" in err and "motiv sweep" in err) == shown
    assert ("draw" in err) == shown
    quiet = whatif.monte_carlo(scheme, people, period=PERIOD, draws={"revenue": whatif.Normal(1.0, 0.3, relative=True)}, n=50, seed=2,
                               progress=False)
    assert mc.costs.equals(quiet.costs)  # the bar changes no figure
    assert len(sw) == 2
