"""motiv: exact, explainable pay for sales teams.

Load a rule file once, then compute payslips from it::

    import motiv
    scheme = motiv.load("rules/three_tier.json")
    slip = scheme.compute(role="hunter", period="2026-10",
                          inputs={"revenue": "1250000.00", "overdue_handovers": 2})
    slip.total          # Decimal('110000.00')
    print(slip.explain())

Every amount is exact: values go in as ``str``, ``int`` or ``decimal.Decimal`` and come out as
``decimal.Decimal``; a ``float`` input is refused with ``TypeError``. Errors are ``motiv.RuleError``
(the rule file), ``motiv.DataError`` (the inputs), ``motiv.EvalError`` (a computation failed, e.g.
division by zero) and ``motiv.IoError``, all subclasses of ``motiv.MotivError``.
"""

from __future__ import annotations

import datetime
import os
from decimal import Decimal
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union

import numpy as np

try:
    from . import _core
except ImportError as _exc:  # pragma: no cover - depends on how the package was installed
    raise ImportError(
        "motiv._core is not built: run `pip install .` or build with cmake --preset dev "
        "&& cmake --build --preset dev and put build/dev/python on PYTHONPATH "
        f"(import failed with: {_exc})"
    ) from _exc

from . import _arrow, _batch, _dates, _display, _frame, _logs, _periods, _progress, _spec, _tables
from ._periods import PeriodResult

__all__ = [
    "__version__",
    "load",
    "loads",
    "payroll_csv",
    "run_cases",
    "CaseResult",
    "export_payroll",
    "write_statements",
    "statement",
    "to_decimal",
    "to_arrow",
    "read_table",
    "from_float",
    "Scheme",
    "Payslip",
    "Line",
    "InputInfo",
    "ParameterInfo",
    "PeriodResult",
    "MotivError",
    "RuleError",
    "DataError",
    "EvalError",
    "IoError",
    "whatif",
]

__version__: str = _core.__version__  # written once, in CMakeLists.txt project()

Payslip = _core.Payslip
Line = _core.Line
MotivError = _core.MotivError
RuleError = _core.RuleError
DataError = _core.DataError
EvalError = _core.EvalError
IoError = _core.IoError

for _cls in (Payslip, Line):
    try:
        _cls.__module__ = "motiv"
    except (AttributeError, TypeError):  # pragma: no cover
        pass
_display.extend(Payslip, Line)  # to_frame() and _repr_html_ for notebooks

_PathLike = Union[str, "os.PathLike[str]"]
_Value = Union[str, int, Decimal]
_TierList = List[Tuple[Decimal, Decimal]]
# A pay period: 'YYYY-MM', a monthly pd.Period, or the first of a month as a date / Timestamp / datetime64.
_Period = Union[str, datetime.date, Any]
# A day: 'YYYY-MM-DD', datetime.date, a Timestamp / datetime64 at midnight, a daily pd.Period ('' or None: not given).
_Date = Union[None, str, datetime.date, Any]


class InputInfo(NamedTuple):
    """An input a scheme reads per person: its name, kind (money, number, count, ratio), unit,
    description, whether a row must give it and its default (a Decimal, or None)."""

    name: str
    kind: str
    unit: str
    description: str
    required: bool
    default: Optional[Decimal]


class ParameterInfo(NamedTuple):
    """A parameter of the rule file: its dotted name, kind (money, ratio, number, count, tiers,
    curve), unit and description -- what a chart labels an axis with."""

    name: str
    kind: str
    unit: str
    description: str


class Scheme:
    """A pay scheme: a rule file loaded, validated and compiled once; immutable.

    Create one with :func:`load` or :func:`loads`; derive what-ifs with :meth:`with_overrides`.
    """

    __slots__ = ("_core",)

    def __init__(self, core: Any) -> None:
        if not isinstance(core, _core.Scheme):
            raise TypeError("use motiv.load(path) or motiv.loads(text) to create a Scheme")
        self._core = core

    @property
    def name(self) -> str:
        """The scheme's name (``scheme.name`` in the file)."""
        return self._core.name

    @property
    def version(self) -> str:
        """The scheme's version (``scheme.version`` in the file)."""
        return self._core.version

    @property
    def description(self) -> str:
        """The scheme's description, '' if none."""
        return self._core.description

    @property
    def sha256(self) -> str:
        """SHA-256 of the rule file's bytes; every payslip names it."""
        return self._core.sha256

    @property
    def source(self) -> str:
        """The rule file's path, or the ``source`` given to :func:`loads`."""
        return self._core.source

    @property
    def currency(self) -> str:
        """Currency code, e.g. 'RUB'."""
        return self._core.currency

    @property
    def minor_units(self) -> int:
        """Decimal places of the currency's minor unit (2 for kopecks)."""
        return self._core.minor_units

    @property
    def roles(self) -> List[str]:
        """Names of the roles, e.g. ['farmer', 'hunter', 'operator']."""
        return self._core.roles

    @property
    def inputs(self) -> List[InputInfo]:
        """The inputs the scheme reads per person."""
        return [InputInfo(*t) for t in self._core.inputs]

    @property
    def parameter_names(self) -> List[str]:
        """Names of the parameters, as accepted by :meth:`parameter` and :meth:`with_overrides`."""
        return self._core.parameter_names

    @property
    def parameters(self) -> List[ParameterInfo]:
        """The parameters of the rule file, in :attr:`parameter_names` order."""
        return [ParameterInfo(*t) for t in self._core.parameter_info]

    @property
    def overrides(self) -> Dict[str, Any]:
        """The parameter overrides applied to the file (empty for a scheme loaded as is)."""
        return self._core.overrides

    def parameter(self, name: str, *, period: _Period) -> Union[Decimal, _TierList]:
        """The value of parameter ``name`` in force in ``period`` ('YYYY-MM').

        A Decimal for a scalar, or a list of ``(from, rate)`` Decimal pairs for a tier table.
        ValueError for an unknown name or a malformed period.
        """
        value: Union[Decimal, _TierList] = self._core.parameter(name, period=_dates.period_text(period))
        return value

    def components(self, role: str) -> List[str]:
        """The component ids of ``role`` in payslip order; ValueError for an unknown role."""
        return self._core.components(role)

    def with_overrides(self, overrides: Mapping[str, Any]) -> "Scheme":
        """A what-if: the same rules with the named parameters replaced.

        Values are written as in the rule file: ``"30000.00"``, ``Decimal("0.08")``, ``{"2026-01-01": ...}``
        for dated values, and a list of ``(from, rate)`` pairs or ``{"from", "rate"}`` dicts for tiers.
        Overrides stack on the ones already applied. RuleError for an unknown name or a bad value.
        """
        return Scheme(self._core.with_overrides(overrides))

    def compute(
        self,
        *,
        role: str,
        period: _Period,
        inputs: Optional[Mapping[str, Optional[_Value]]],
        person: str = "",
        name: str = "",
        start_date: _Date = "",
        end_date: _Date = "",
    ) -> Payslip:
        """Computes one person's payslip for ``period`` ('YYYY-MM').

        ``start_date`` / ``end_date`` ('YYYY-MM-DD', optional) say when the person joined / left the
        role within the period: components marked ``prorate`` are paid pro rata (the scheme's
        ``proration`` section declares calendar or working days).

        ``inputs`` maps input names to ``str``, ``int`` or ``decimal.Decimal`` (None or '' means not
        given: the input's default applies). A float is refused with TypeError. An unknown input
        name, a malformed value or a missing required input raises DataError naming the input;
        a failed computation (division by zero) raises EvalError naming the rule.
        """
        return self._core.compute(role=role, period=_dates.period_text(period), inputs=inputs, person=person, name=name,
                                  start_date=_dates.date_text(start_date, "start_date"), end_date=_dates.date_text(end_date, "end_date"))

    def compute_frame(self, frame: Any, *, period: _Period) -> Any:
        """Pays every person of a pandas DataFrame for ``period``; returns a DataFrame.

        ``frame`` has one row per person: columns ``id`` (or an index named ``id``), ``role``,
        optionally ``name``, ``period`` (rows of another period are skipped), ``start_date`` /
        ``end_date`` (proration), and one column per input. Read it with ``dtype=str`` for exact
        values. Cells are turned into text (NaN/None/pd.NA -> empty: not given); a float cell raises
        TypeError, as on every door (:func:`motiv.from_float` converts floats explicitly).

        Rows are read by the one reader and paid exactly as ``motiv payroll`` does with a CSV
        (DataError naming the row as its CSV line -- position + 2 -- the column and the person).
        The result has columns id, name, role, period, one per component (Decimal, None where the
        role has none) and total, indexed by the caller's index labels of the rows paid.
        """
        frame = _frame.id_from_index(frame)
        header, rows = _frame.frame_table(frame)
        period = _dates.period_text(period)
        names, columns, positions = _core.compute_table(self._core, header, rows, period=period)
        out = _frame.result_frame(names, columns)
        out.index = frame.index.take(positions)  # the caller's labels: assigning back pays the right person
        return out

    def logs_report(self, logs: _PathLike, *, period: _Period) -> Dict[str, Any]:
        """KPIs, pay and the department report derived from a logs directory for ``period``.

        ``logs`` holds staff, clients, calls, deals and contacts, each as NAME.csv, NAME.json (an
        array of objects keyed by the CSV's columns) or NAME.xlsx (its first sheet, read as
        :func:`read_table` reads it; errors name the workbook and its row), and the rates file the rules name; the rule
        file's ``"logs"`` section says how KPIs are derived and which scheme
        inputs they feed (the manual, docs/logs.md). Returns a dict of DataFrames: ``payroll`` (as
        ``compute_frame``), ``kpis`` (person, kpi, value, unit, formula and the log rows it came from),
        ``funnel``, ``refusals``, ``handovers``, ``takeaways``, ``contact_norms``, ``credits``, ``reactivations``,
        ``spiffs``. Amounts, values and ratios are ``Decimal``; counts ``int``. Raises RuleError (no
        or a bad logs section), DataError (a bad log row, naming file, line and column, or a JSON pointer), IoError.
        """
        logs = os.fspath(logs)
        with _logs.readable_logs(logs) as (readable, renamed):  # NAME.xlsx logs read as motiv.read_table reads them
            try:
                (names, columns), tables = _core.logs_run(self._core, readable, period=_dates.period_text(period))
            except MotivError as e:
                _logs.name_workbooks(e, renamed, readable, logs)
                raise
        out = {"payroll": _frame.result_frame(names, columns)}
        for name, (header, rows) in tables.items():
            out[name] = _frame.report_frame(header, rows)
        return out

    def compute_batch(
        self,
        data: Any,
        *,
        period: _Period,
        scales: Optional[Mapping[str, int]] = None,
        threads: int = 0,
        check: bool = True,
    ) -> Any:
        """Pays many person-periods at once with the columnar batch engine; returns a DataFrame.

        ``data`` is a DataFrame (or a mapping of column name -> array) with a ``role`` column
        (strings or a Categorical) and one column per input. Integer columns hold values scaled by
        ``10**scales[name]`` (default 0: whole units; e.g. kopecks with ``scales={"revenue": 2}``) and
        are read in place, without a copy; str/Decimal columns are converted exactly; float columns
        raise TypeError. Missing values (pd.NA, None, "") take the input's default or fail the row.

        The result has one int64 column per component and ``total``, in minor units
        (``result.attrs["scale"]`` decimal places: 2 for kopecks), plus ``status`` (0 = paid);
        :func:`motiv.to_decimal` turns them into Decimals. Amounts equal :meth:`compute`'s to the
        minor unit. The GIL is released while it runs; ``threads=0`` uses every core. With
        ``check=True`` a row that cannot be paid raises DataError / EvalError naming the row.
        """
        res = self.compute_arrays(data, period=period, scales=scales, threads=threads, check=check)
        rows = res["rows"]
        index = getattr(data, "index", None)
        extra = {"id": np.asarray(data["id"], dtype=object)[rows]} if "id" in data else {}
        extra["role"] = np.asarray(data["role"], dtype=object)[rows]
        return _batch.result_frame(res, index=index.take(rows) if index is not None else rows, extra=extra)

    def compute_arrays(
        self,
        data: Any,
        *,
        period: _Period,
        scales: Optional[Mapping[str, int]] = None,
        threads: int = 0,
        check: bool = True,
        out: Optional[Dict[str, Any]] = None,
    ) -> Dict[str, Any]:
        """:meth:`compute_batch` without the DataFrame: the engine's NumPy arrays, reusable.

        Returns a dict: ``components`` (the pay column names), ``minor_units``, ``amounts`` (int64,
        rows x components), ``total`` (int64), ``status`` (uint8, 0 = paid), ``bad_input`` (uint32:
        the input behind a missing/invalid status) and ``failed`` (how many rows did not pay).

        ``out=`` an earlier result for the same number of rows of this scheme: its arrays are
        overwritten in place and it is returned. A scenario loop or a re-run then maps no new
        memory -- a fresh result costs the kernel's zeroing of every page, about a fifth of a
        one-thread batch (the manual, docs/performance.md). Anything still viewing the old
        arrays (a frame built from them) sees the new amounts.
        """
        period = _dates.period_text(period)
        rows, role, cols = _batch.people_columns(self, data, period, scales)
        res = _core.compute_columns(self._core, role, cols, period=period, threads=threads, check=check, out=out)
        res["rows"] = rows
        return res

    def sweep(
        self,
        data: Any,
        *,
        period: _Period,
        parameter: str,
        values: Any,
        scales: Optional[Mapping[str, int]] = None,
        threads: int = 0,
        progress: Optional[bool] = None,
    ) -> Any:
        """Pays the same people once per value of a scalar parameter; returns a tidy DataFrame.

        One row per value: ``value`` (Decimal), ``total`` (Decimal, the cost) and one cost column per
        role. The parameter is re-bound without recompiling, and values are spread over the cores.
        ``progress``: a tqdm bar of the values once the sweep has run for a second -- None (default)
        in a terminal or a notebook only, True always, False never.
        """
        import pandas as pd

        period = _dates.period_text(period)
        _, role, cols = _batch.people_columns(self, data, period, scales)
        texts = [_frame.cell_text(v) if not isinstance(v, float) else _float_refused(parameter) for v in values]
        with _progress.progress_bar(len(texts), progress=progress, desc="motiv sweep", unit="value") as callback:
            res = _core.sweep_columns(self._core, role, cols, period=period, parameter=parameter, values=texts, threads=threads, progress=callback)
        scale = self.minor_units
        out = {
            "value": [Decimal(t[:-1]).scaleb(-2) if t.endswith("%") else Decimal(t) for t in texts],
            "total": [Decimal(int(v)).scaleb(-scale) for v in res["total"]],
        }
        for j, r in enumerate(self.roles):
            out[r] = [Decimal(int(v)).scaleb(-scale) for v in res["role_total"][:, j]]
        out["failed_rows"] = res["failed"]
        return pd.DataFrame(out)

    def pay_period(
        self,
        people: Any,
        *,
        period: _Period,
        state: Union[None, str, Mapping[str, Any]] = None,
        cancellations: Any = None,
        corrections: Any = None,
        recompute: Sequence[str] = (),
        accept_rules_change: Optional[Tuple[str, str]] = None,
    ) -> PeriodResult:
        """Pays ``period`` with the state carried from the previous one (None: a fresh start).

        ``people`` is a DataFrame like compute_frame's (optionally a ``manager`` column, for team
        overrides); ``cancellations`` a DataFrame of cancelled deals (deal_id, person, amount,
        paid_period, payment_date, cancel_date); ``corrections`` a people DataFrame with a
        ``period`` column holding corrected inputs of past periods, paid now as retro lines;
        ``recompute`` past periods to recompute with this rule file. Recomputing pay made with
        another rule file raises RuleError unless ``accept_rules_change=(old_sha256, new_sha256)``.
        Returns the payslips and the new ``state`` (a JSON-able dict) for the next period.
        """
        return _periods.pay_period(
            self._core, people, period=_dates.period_text(period), state=state, cancellations=cancellations, corrections=corrections,
            recompute=recompute, accept_rules_change=accept_rules_change,
        )

    def pay_periods(
        self, people: Any, *, start: _Period, end: _Period, state: Union[None, str, Mapping[str, Any]] = None, cancellations: Any = None
    ) -> List[PeriodResult]:
        """Pays every month from ``start`` to ``end`` ('YYYY-MM', inclusive), carrying the state:
        ``people`` holds all months (a ``period`` column). Returns one PeriodResult per month."""
        return _periods.pay_periods(self._core, people, start=_dates.period_text(start, "start"), end=_dates.period_text(end, "end"),
                                    state=state, cancellations=cancellations)

    def __reduce__(self) -> Tuple[Any, Tuple[Any, ...]]:
        # Pickled as its rule text, source name and overrides, and compiled again where it lands
        # (once per process): Dask, joblib and multiprocessing ship schemes this way.
        return (_spec.scheme_from_spec, _spec.scheme_spec(self))

    def __repr__(self) -> str:
        return repr(self._core)

    def _repr_html_(self) -> str:
        return _display.scheme_html(self)


def _float_refused(what: str) -> str:
    raise TypeError(_batch.float_refused(what))


def from_float(values: Any, *, places: int) -> Any:
    """Floats turned into exact ``Decimal`` values, explicitly: each float's shortest round-trip
    text (``repr``), rounded half-even to ``places`` decimal places.

    motiv refuses binary floats on every door (a float64 column cannot hold 1234567890123456.78);
    call this where data arrives as floats and you know its true precision, e.g.
    ``df["revenue"] = motiv.from_float(df["revenue"], places=2)``. A scalar gives a Decimal; a
    pandas Series a Series of Decimals (same index); any other iterable a list. NaN and None give
    None (not given).
    """
    from decimal import ROUND_HALF_EVEN

    if not isinstance(places, int) or isinstance(places, bool) or not 0 <= places <= 9:
        raise ValueError("places must be an int from 0 to 9")
    quantum = Decimal(1).scaleb(-places)

    def one(v: Any) -> Optional[Decimal]:
        if v is None:
            return None
        f = float(v)
        if f != f:
            return None
        if f in (float("inf"), float("-inf")):
            raise ValueError(f"{v!r} is not a finite number")
        return Decimal(repr(f)).quantize(quantum, rounding=ROUND_HALF_EVEN)

    if isinstance(values, (float, int, np.floating, np.integer)):
        return one(values)
    if hasattr(values, "map") and hasattr(values, "index"):
        return values.astype(object).map(one)
    return [one(v) for v in values]


to_decimal = _batch.to_decimal
to_arrow = _arrow.to_arrow
read_table = _tables.read_table


def _file_or_frame(data: Any) -> Any:
    """A path the engine reads itself (a plain CSV), or a DataFrame for a workbook / a
    Russian-Excel CSV, which motiv.read_table reads."""
    if isinstance(data, (str, os.PathLike)):
        path = os.fspath(data)
        if path.lower().endswith((".xlsx", ".xlsm")) or _tables.is_excel_ru(path):
            return _tables.read_table(path)
    return data


def load(path: _PathLike, *, overrides: Optional[Mapping[str, Any]] = None) -> Scheme:
    """Reads, validates and compiles the rule file at ``path``.

    ``overrides`` replaces named parameters, as :meth:`Scheme.with_overrides` does. Raises RuleError
    listing every problem found (``.issues``), including a file that cannot be read.
    """
    return Scheme(_core.load(os.fspath(path), overrides=overrides))


def loads(text: str, *, source: str = "<string>", overrides: Optional[Mapping[str, Any]] = None) -> Scheme:
    """Validates and compiles rule-file text; ``source`` names it in errors. Raises RuleError."""
    return Scheme(_core.loads(text, source=source, overrides=overrides))


class CaseResult(NamedTuple):
    """One plan test of a cases file: its name, whether it passed, and each difference."""

    name: str
    passed: bool
    differences: List[str]


def run_cases(rules: _PathLike, cases: Optional[_PathLike] = None) -> List[CaseResult]:
    """Runs the plan tests shipped with a rule file and returns one CaseResult per case.

    ``cases`` defaults to the rule file with ``.json`` replaced by ``.cases.json``. A bad rule or
    cases file raises RuleError naming the file and the JSON pointer; a case that pays differently
    from what it expects is a failed CaseResult whose ``differences`` say which line, by how much.
    """
    _, results = _core.run_cases(os.fspath(rules), "" if cases is None else os.fspath(cases))
    return [CaseResult(name, passed, list(diffs)) for name, passed, diffs in results]


def payroll_csv(scheme: Scheme, data: Any, *, period: _Period, out: _PathLike, force: bool = False) -> str:
    """Pays everyone in ``data`` for ``period`` and writes the payroll CSV to ``out``, atomically.

    ``data`` is a KPI CSV path or a DataFrame (converted as in :meth:`Scheme.compute_frame`).
    Every row is validated and paid before anything is written. An existing ``out`` is replaced only
    with ``force=True``; otherwise IoError (id 'motiv.io_error.003', errno EEXIST). Returns the run's
    summary text (people, totals and component sums by role). The same as
    ``export_payroll(..., formats=["csv"])``.
    """
    return _export(scheme, data, period=period, out=out, formats=["csv"], columns=None, csv=_CSV_DEFAULTS, force=force)[0]


def export_payroll(
    scheme: Scheme,
    data: Any,
    *,
    period: _Period,
    out: _PathLike,
    formats: Sequence[str] = ("csv",),
    columns: Optional[Sequence[str]] = None,
    delimiter: str = ",",
    decimal_separator: str = ".",
    bom: bool = False,
    line_end: str = "\n",
    force: bool = False,
) -> List[str]:
    """Pays everyone in ``data`` for ``period`` and writes the payroll in each of ``formats``.

    Formats: ``"csv"`` (comma, decimal point, UTF-8), ``"csv-excel-ru"`` (``;``, decimal comma,
    UTF-8 with BOM, CRLF: what Russian-locale Excel opens), ``"xlsx"`` (sheets payroll, line items,
    totals by role, provenance; amounts are numbers with a money format), ``"jsonl"`` (one line item
    per line with its explanation), or ``"all"``. One format is written to ``out``; several to ``out``
    without its extension plus ``.csv``, ``.excel-ru.csv``, ``.xlsx``, ``.jsonl``.

    ``columns`` declares the CSV columns (id, name, role, period, component ids, total, input names;
    the provenance columns are always added); an unknown name raises ValueError. ``delimiter``,
    ``decimal_separator``, ``bom`` and ``line_end`` ("\\n" or "\\r\\n") set the dialect of the ``"csv"``
    format (``"csv-excel-ru"`` is a fixed preset); a dialect that cannot be read back raises ValueError. Every export names
    the scheme, version, period and the SHA-256 of the rule file and of the data (the file's bytes,
    or for a DataFrame its cells as CSV). Everything is computed and rendered before anything is
    written; each file is written atomically, and existing files are replaced only with ``force=True``
    (IoError 'motiv.io_error.003' otherwise, before any file is written). Returns the paths written.
    """
    csv = {"delimiter": delimiter, "decimal_separator": decimal_separator, "bom": bom, "line_end": line_end}
    return _export(scheme, data, period=period, out=out, formats=list(formats), columns=columns, csv=csv, force=force)[1]


def write_statements(
    scheme: Scheme,
    data: Any,
    *,
    period: _Period,
    out_dir: _PathLike,
    lang: str = "en",
    formats: Sequence[str] = ("html",),
    force: bool = False,
) -> List[str]:
    """Writes one pay statement per person of ``data`` for ``period`` into ``out_dir``.

    Each statement shows every line with its rule, formula and inputs, the KPIs against their norms,
    the tiers reached and what the next tier would pay, and the SHA-256 of the rules and the data, in
    ``lang`` ('en' or 'ru'). ``formats``: 'html' (one self-contained printable page) and/or 'txt'.
    Files are named ``<id>.<lang>.html`` / ``.txt``. Nothing is written unless everyone can be paid;
    existing files are replaced only with ``force=True``. Returns the paths written.
    """
    _check_scheme(scheme)
    period = _dates.period_text(period)
    data = _file_or_frame(data)
    directory = os.fspath(out_dir)
    if isinstance(data, (str, os.PathLike)):
        return _core.statements_file(scheme._core, os.fspath(data), period=period, out_dir=directory, lang=lang, formats=list(formats), force=force)
    header, rows = _frame.frame_table(data)
    return _core.statements_table(scheme._core, header, rows, period=period, out_dir=directory, lang=lang, formats=list(formats), force=force)


def statement(scheme: Scheme, data: Any, *, person: str, period: _Period, lang: str = "en", format: str = "txt") -> str:
    """One person's pay statement as text (``format="txt"``, what ``motiv explain --lang`` prints)
    or as a self-contained HTML page (``format="html"``). DataError when there is no such person."""
    _check_scheme(scheme)
    period = _dates.period_text(period)
    data = _file_or_frame(data)
    if isinstance(data, (str, os.PathLike)):
        return _core.statement_file(scheme._core, os.fspath(data), person=person, period=period, lang=lang, format=format)
    header, rows = _frame.frame_table(data)
    return _core.statement_table(scheme._core, header, rows, person=person, period=period, lang=lang, format=format)


def _check_scheme(scheme: Any) -> None:
    if not isinstance(scheme, Scheme):
        raise TypeError(f"scheme must be a motiv.Scheme, got {type(scheme).__name__}")


_CSV_DEFAULTS = {"delimiter": ",", "decimal_separator": ".", "bom": False, "line_end": "\n"}


def _export(
    scheme: Scheme, data: Any, *, period: _Period, out: _PathLike, formats: List[str], columns: Optional[Sequence[str]], csv: Mapping[str, Any], force: bool
) -> Tuple[str, List[str]]:
    _check_scheme(scheme)
    period = _dates.period_text(period)
    data = _file_or_frame(data)
    out_path = os.fspath(out)
    cols = list(columns) if columns is not None else []
    if isinstance(data, (str, os.PathLike)):
        return _core.export_payroll_file(scheme._core, os.fspath(data), period=period, out=out_path, formats=formats, columns=cols, **csv, force=force)
    header, rows = _frame.frame_table(data)
    return _core.export_payroll_table(scheme._core, header, rows, period=period, out=out_path, formats=formats, columns=cols, **csv, force=force)


from . import whatif  # noqa: E402  (what-if modelling; imported last: it builds on Scheme)
