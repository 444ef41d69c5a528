"""Charts in a notebook: matplotlib's object API only (the backend and pyplot's figure list are left
alone), ``ax=`` draws into the caller's axes, money axes read as amounts in the currency with
thousands separators and no offset, rates in %, axes named by the rule file's descriptions."""

import io

import matplotlib
import matplotlib.pyplot as plt
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from motiv import whatif
from motiv_test_support import PEOPLE, PERIOD

PROFILES = {"hunter": {"revenue": "0", "overdue_handovers": 0}, "farmer": {"volume": "0", "volume_prev": "900000"}}
KPI = {"hunter": "revenue", "farmer": "volume"}
VALUES = {"hunter": ["0", "1000000", "2000000"], "farmer": ["900000", "1000000"]}


@pytest.fixture(scope="module")
def charts(scheme, richer, people):
    """Each chart as a function of ax (None: a figure of its own)."""
    sweep = whatif.sweep(scheme, people, period=PERIOD, grid={"hunter.salary": ["20000", "25000", "30000"]}, progress=False)
    rate = whatif.sweep(scheme, people, period=PERIOD, grid={"farmer.cut.no_growth": ["0", "0.5", "1"]}, progress=False)
    curves = whatif.payout_curves(scheme, richer, period=PERIOD, profiles=PROFILES, kpi=KPI, values=VALUES)
    cmp = whatif.compare(scheme, richer, PEOPLE, period=PERIOD)
    mc = whatif.monte_carlo(scheme, people, period=PERIOD, draws={"revenue": whatif.Normal(1.0, 0.3, relative=True)}, n=200, seed=1,
                            progress=False)
    return {
        "sweep": lambda ax=None: whatif.plot_sweep_cost(sweep, ax=ax),
        "rate": lambda ax=None: whatif.plot_sweep_cost(rate, ax=ax),
        "curves": lambda ax=None: whatif.plot_payout_curves(curves, ax=ax),
        "distribution": lambda ax=None: whatif.plot_pay_distribution(cmp.people, ax=ax),
        "monte_carlo": lambda ax=None: whatif.plot_monte_carlo(mc, ax=ax),
    }


def rendered(fig):
    FigureCanvasAgg(fig).draw()  # lays out the ticks, as a notebook's display would
    return fig


def test_plots_leave_the_backend_and_pyplot_alone(charts):
    before = matplotlib.get_backend()
    plt.close("all")
    matplotlib.use("svg", force=True)  # a backend other than Agg: the old code switched it to Agg
    try:
        for _ in range(11):  # 55 figures: pyplot warns after 20 open ones
            for draw in charts.values():
                fig = draw()
                assert isinstance(fig, Figure)
        assert matplotlib.get_backend() == "svg"
        assert plt.get_fignums() == []
    finally:
        matplotlib.use(before, force=True)


@pytest.mark.parametrize("name", ["sweep", "rate", "distribution", "monte_carlo"])
def test_ax_draws_into_the_callers_axes(charts, name):
    fig = Figure()
    ax = fig.add_subplot(1, 2, 2)
    assert charts[name](ax=ax) is fig
    assert fig.axes == [ax]
    assert ax.lines or ax.patches


def test_payout_curves_take_one_axes_per_role(charts):
    fig = Figure()
    axes = fig.subplots(1, 2)
    assert charts["curves"](ax=axes) is fig
    assert [a.get_title() for a in axes] == ["hunter", "farmer"]
    with pytest.raises(ValueError, match="draws 2 panel"):
        charts["curves"](ax=axes[0])


# (chart, axis, label, tick label that must appear)
AXES = [
    ("sweep", "y", "cost, RUB", "700,000"),
    ("sweep", "x", "A hunter's small salary, RUB", "24,000"),
    ("rate", "x", "Share of the bonus cut when the portfolio volume did not grow, %", "40%"),
    ("monte_carlo", "x", "cost, RUB", None),
    ("distribution", "y", "pay, RUB", None),
]


@pytest.mark.parametrize("name,axis,label,tick", AXES)
def test_axes_read_as_money_rates_and_descriptions(charts, name, axis, label, tick):
    fig = rendered(charts[name]())
    ax = fig.axes[0]
    a = ax.xaxis if axis == "x" else ax.yaxis
    assert a.get_label_text() == label
    ticks = [t.get_text() for t in (ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()) if t.get_text()]
    assert ticks and not any("e" in t.lower() and "+" in t for t in ticks)
    assert a.get_offset_text().get_text() == ""  # no 1e6 factor beside the axis
    if tick is not None:
        assert tick in ticks, ticks
    if label.endswith("RUB") and name != "distribution":
        assert any("," in t for t in ticks), ticks  # thousands separators


def test_payout_curve_kpi_axis_and_money(charts):
    fig = rendered(charts["curves"]())
    hunter = fig.axes[0]
    assert hunter.get_xlabel() == "Revenue of the deals the hunter closed in the period, RUB"
    assert hunter.get_ylabel() == "pay, RUB"
    assert "1,000,000" in [t.get_text() for t in hunter.get_xticklabels()]


def test_monte_carlo_histogram_marks_the_quantiles(scheme, people):
    mc = whatif.monte_carlo(scheme, people, period=PERIOD, draws={"revenue": whatif.Normal(1.0, 0.3, relative=True)}, n=200, seed=1,
                            progress=False)
    fig = whatif.plot_monte_carlo(mc, bins=25)
    ax = fig.axes[0]
    assert len(ax.patches) == 25
    assert sum(p.get_height() for p in ax.patches) == 200
    q = mc.quantiles.set_index("of").loc["total"]
    marks = {ln.get_label().split()[0]: ln.get_xdata()[0] for ln in ax.lines}
    assert marks == {"P50": float(q["P50"]), "P90": float(q["P90"]), "P99": float(q["P99"])}
    hunters = whatif.plot_monte_carlo(mc, of="hunter")
    assert hunters.axes[0].get_xlabel() == "cost of hunter, RUB"
    with pytest.raises(ValueError, match="'total' or a role"):
        whatif.plot_monte_carlo(mc, of="nobody")


def test_a_chart_is_written_to_a_file_without_pyplot(charts, tmp_path):
    fig = charts["sweep"]()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    assert buf.getvalue()[:4] == b"\x89PNG"
