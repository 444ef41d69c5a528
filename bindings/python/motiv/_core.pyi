# Type stubs of the compiled module motiv._core (bindings/*.cpp). Private: the public API is the
# package motiv, which wraps these. `scripts/lint` runs stubtest against the built module, so a
# function added, removed or re-signed in bindings/ without its stub here fails the tests.
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, SupportsIndex, SupportsInt

import numpy as np
import numpy.typing as npt

__version__: str

_Int = SupportsInt | SupportsIndex
_Rows = Sequence[Sequence[str]]
_Table = tuple[Sequence[str], _Rows]

class MotivError(Exception):
    id: str

class RuleError(MotivError, ValueError):
    pointer: str
    issues: list[dict[str, Any]]

class DataError(MotivError, ValueError):
    pointer: str
    issues: list[dict[str, Any]]

class EvalError(MotivError, ArithmeticError):
    pointer: str

class IoError(MotivError, OSError): ...

class Line:
    """One line of a payslip: a component's amount and how it was derived."""

    @property
    def component(self) -> str:
        """Component id, e.g. 'commission'."""
    @property
    def label(self) -> str:
        """Label for people, e.g. 'Commission on deals'."""
    @property
    def kind(self) -> str:
        """The component's kind as in the rule file (fixed, commission, penalty, ...)."""
    @property
    def amount(self) -> Decimal:
        """The amount as an exact decimal.Decimal (negative for a penalty)."""
    @property
    def minor(self) -> int:
        """The amount in minor units (kopecks)."""
    @property
    def applied(self) -> bool:
        """False when the line's `when` condition did not hold."""
    @property
    def explanation(self) -> str:
        """One-line derivation, e.g. 'salary = hunter.salary 25,000.00 = 25,000.00'."""
    @property
    def tree(self) -> dict[str, Any]:
        """The full derivation as a dict: label, value, formula, detail, pointer, children."""
    @property
    def pointer(self) -> str:
        """JSON pointer of the rule in the rule file."""
    def __getstate__(self) -> tuple[Any, ...]: ...
    def __setstate__(self, state: tuple[Any, ...], /) -> None: ...
    def _repr_html_(self) -> str: ...  # added by motiv._display

class Payslip:
    """One person's pay for one period: the lines in payslip order and their total."""

    @property
    def person(self) -> str:
        """The person's id."""
    @property
    def name(self) -> str:
        """The person's name ('' if not given)."""
    @property
    def role(self) -> str: ...
    @property
    def period(self) -> str:
        """'YYYY-MM'."""
    @property
    def scheme(self) -> str:
        """Name of the scheme."""
    @property
    def version(self) -> str:
        """Version of the scheme."""
    @property
    def rules_sha256(self) -> str:
        """SHA-256 of the rule file used."""
    @property
    def currency(self) -> str:
        """Currency code, e.g. 'RUB'."""
    @property
    def minor_units(self) -> int:
        """Decimal places of the currency."""
    @property
    def total(self) -> Decimal:
        """The total as an exact decimal.Decimal: the sum of the lines."""
    @property
    def total_minor(self) -> int:
        """The total in minor units."""
    @property
    def inputs(self) -> dict[str, Decimal]:
        """The inputs the role read, as used (defaults filled in), name -> decimal.Decimal."""
    @property
    def lines(self) -> list[Line]:
        """The lines in payslip order (list of Line)."""
    def line(self, component: str) -> Line | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def explain(self, *, trees: bool = True) -> str: ...
    def __getstate__(self) -> tuple[Any, ...]: ...
    def __setstate__(self, state: tuple[Any, ...], /) -> None: ...
    def to_frame(self) -> Any: ...  # added by motiv._display
    def _repr_html_(self) -> str: ...  # added by motiv._display

class Scheme:
    @property
    def name(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def currency(self) -> str: ...
    @property
    def minor_units(self) -> int: ...
    @property
    def overrides(self) -> dict[str, Any]: ...
    @property
    def roles(self) -> list[str]: ...
    @property
    def parameter_names(self) -> list[str]: ...
    @property
    def parameter_info(self) -> list[tuple[str, str, str, str]]: ...
    @property
    def inputs(self) -> list[tuple[str, str, str, str, bool, Decimal | None]]: ...
    def components(self, role: str) -> list[str]: ...
    def parameter(self, name: str, *, period: str) -> Any: ...
    def with_overrides(self, overrides: object) -> Scheme: ...
    def compute(
        self,
        *,
        role: str,
        period: str,
        inputs: object,
        person: str = "",
        name: str = "",
        start_date: str = "",
        end_date: str = "",
    ) -> Payslip: ...

def load(path: str, *, overrides: object = None) -> Scheme: ...
def loads(text: str, *, source: str = "<string>", overrides: object = None) -> Scheme: ...
def run_cases(rules: str, cases: str = "") -> tuple[str, list[Any]]: ...
def scheme_source(scheme: Scheme) -> tuple[bytes, str, object]: ...
def component_kinds(scheme: Scheme) -> dict[str, Any]: ...
def compute_table(scheme: Scheme, header: Sequence[str], rows: _Rows, *, period: str) -> tuple[Any, ...]: ...
def read_columns(
    scheme: Scheme, header: Sequence[str], text: Mapping[str, Sequence[str]], rows: _Int, *, period: str
) -> dict[str, Any]: ...
def compute_columns(
    scheme: Scheme,
    role: npt.NDArray[Any],
    columns: dict[str, Any],
    *,
    period: str,
    threads: _Int = 0,
    check: bool = True,
    out: dict[str, Any] | None = None,
) -> dict[str, Any]: ...
def sweep_columns(
    scheme: Scheme,
    role: npt.NDArray[Any],
    columns: dict[str, Any],
    *,
    period: str,
    parameter: str,
    values: Sequence[str],
    threads: _Int = 0,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]: ...
def grid_columns(
    scheme: Scheme,
    role: npt.NDArray[Any],
    columns: dict[str, Any],
    *,
    period: str,
    parameters: Sequence[str],
    values: Sequence[Sequence[str]],
    threads: _Int = 0,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]: ...
def logs_run(scheme: Scheme, logs: str, *, period: str) -> tuple[tuple[Any, ...], dict[str, Any]]: ...
def pay_period(
    scheme: Scheme,
    header: Sequence[str],
    rows: _Rows,
    *,
    period: str,
    state: str | None = None,
    cancellations: _Table | None = None,
    corrections: _Table | None = None,
    recompute: Sequence[str] = [],
    accept_rules_change: tuple[str, str] | None = None,
) -> dict[str, Any]: ...
def export_payroll_file(
    scheme: Scheme,
    data: str,
    *,
    period: str,
    out: str,
    formats: Sequence[str],
    columns: Sequence[str],
    delimiter: str,
    decimal_separator: str,
    bom: bool,
    line_end: str,
    force: bool = False,
) -> tuple[str, list[str]]: ...
def export_payroll_table(
    scheme: Scheme,
    header: Sequence[str],
    rows: _Rows,
    *,
    period: str,
    out: str,
    formats: Sequence[str],
    columns: Sequence[str],
    delimiter: str,
    decimal_separator: str,
    bom: bool,
    line_end: str,
    force: bool = False,
) -> tuple[str, list[str]]: ...
def statements_file(
    scheme: Scheme, data: str, *, period: str, out_dir: str, lang: str, formats: Sequence[str], force: bool = False
) -> list[str]: ...
def statements_table(
    scheme: Scheme,
    header: Sequence[str],
    rows: _Rows,
    *,
    period: str,
    out_dir: str,
    lang: str,
    formats: Sequence[str],
    force: bool = False,
) -> list[str]: ...
def statement_file(scheme: Scheme, data: str, *, person: str, period: str, lang: str, format: str) -> str: ...
def statement_table(
    scheme: Scheme, header: Sequence[str], rows: _Rows, *, person: str, period: str, lang: str, format: str
) -> str: ...
def compare_table(before: Scheme, after: Scheme, header: Sequence[str], rows: _Rows, *, period: str) -> dict[str, Any]: ...
def plan_diff(before: Scheme, after: Scheme) -> list[Any]: ...
def summarise_changes(
    id: Sequence[str],
    name: Sequence[str],
    role: Sequence[str],
    before: npt.NDArray[np.int64],
    after: npt.NDArray[np.int64],
    before_fixed: npt.NDArray[np.int64],
    after_fixed: npt.NDArray[np.int64],
    *,
    period: str,
    currency: str,
    minor_units: _Int,
) -> dict[str, Any]: ...
def pay_curve(
    scheme: Scheme, header: Sequence[str], rows: _Rows, *, period: str, kpi: str, values: Sequence[str], threads: _Int = 0
) -> dict[str, Any]: ...
def monte_carlo(
    scheme: Scheme,
    header: Sequence[str],
    rows: _Rows,
    *,
    period: str,
    draws: str,
    profiles: str,
    n: _Int,
    seed: _Int,
    threads: _Int = 0,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]: ...
def diagnostics(
    scheme: Scheme,
    *,
    period: str,
    profiles: str,
    cliff: str | None = None,
    stress: str = "1.5",
    ranges: Mapping[str, Mapping[str, Sequence[str]]] = {},
    header: Sequence[str] | None = None,
    rows: _Rows | None = None,
    threads: _Int = 0,
) -> dict[str, Any]: ...
