# Hand-written type stubs for the public API of motiv (the compiled part is motiv._core, typed in
# _core.pyi). scripts/lint checks them with mypy --strict and, against the built module, stubtest.
import os
from decimal import Decimal
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union

import pandas as pd

from . import whatif as whatif
from ._core import DataError as DataError
from ._core import EvalError as EvalError
from ._core import IoError as IoError
from ._core import Line as Line
from ._core import MotivError as MotivError
from ._core import Payslip as Payslip
from ._core import RuleError as RuleError

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
    "Scheme",
    "Payslip",
    "Line",
    "InputInfo",
    "PeriodResult",
    "MotivError",
    "RuleError",
    "DataError",
    "EvalError",
    "IoError",
    "whatif",
]

__version__: str

_PathLike = Union[str, os.PathLike[str]]
_Value = Union[str, int, Decimal]
_TierList = List[Tuple[Decimal, Decimal]]

class InputInfo(NamedTuple):
    name: str
    kind: str
    unit: str
    description: str
    required: bool
    default: Optional[Decimal]

class Scheme:
    def __init__(self, core: Any) -> None: ...
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
    def roles(self) -> List[str]: ...
    @property
    def inputs(self) -> List[InputInfo]: ...
    @property
    def parameter_names(self) -> List[str]: ...
    @property
    def overrides(self) -> Dict[str, Any]: ...
    def parameter(self, name: str, *, period: str) -> Union[Decimal, _TierList]: ...
    def components(self, role: str) -> List[str]: ...
    def with_overrides(self, overrides: Mapping[str, Any]) -> Scheme: ...
    def compute(
        self,
        *,
        role: str,
        period: str,
        inputs: Optional[Mapping[str, Optional[_Value]]],
        person: str = ...,
        name: str = ...,
        start_date: str = ...,
        end_date: str = ...,
    ) -> Payslip: ...
    def compute_frame(self, frame: pd.DataFrame, *, period: str) -> pd.DataFrame: ...
    def logs_report(self, logs: Union[str, os.PathLike[str]], *, period: str) -> Dict[str, pd.DataFrame]: ...
    def compute_batch(
        self,
        data: Union[pd.DataFrame, Mapping[str, Any]],
        *,
        period: str,
        scales: Optional[Mapping[str, int]] = ...,
        threads: int = ...,
        check: bool = ...,
    ) -> pd.DataFrame: ...
    def compute_arrays(
        self,
        data: Union[pd.DataFrame, Mapping[str, Any]],
        *,
        period: str,
        scales: Optional[Mapping[str, int]] = ...,
        threads: int = ...,
        check: bool = ...,
        out: Optional[Dict[str, Any]] = ...,
    ) -> Dict[str, Any]: ...
    def sweep(
        self,
        data: Union[pd.DataFrame, Mapping[str, Any]],
        *,
        period: str,
        parameter: str,
        values: Sequence[_Value],
        scales: Optional[Mapping[str, int]] = ...,
        threads: int = ...,
    ) -> pd.DataFrame: ...
    def pay_period(
        self,
        people: pd.DataFrame,
        *,
        period: str,
        state: Union[None, str, Mapping[str, Any]] = ...,
        cancellations: Optional[pd.DataFrame] = ...,
        corrections: Optional[pd.DataFrame] = ...,
        recompute: Sequence[str] = ...,
        accept_rules_change: Optional[Tuple[str, str]] = ...,
    ) -> PeriodResult: ...
    def pay_periods(
        self,
        people: pd.DataFrame,
        *,
        start: str,
        end: str,
        state: Union[None, str, Mapping[str, Any]] = ...,
        cancellations: Optional[pd.DataFrame] = ...,
    ) -> List[PeriodResult]: ...

class PeriodResult(NamedTuple):
    period: str
    payslips: List[Payslip]
    notes: Dict[str, List[str]]
    period_notes: List[str]
    state: Dict[str, Any]

def load(path: _PathLike, *, overrides: Optional[Mapping[str, Any]] = ...) -> Scheme: ...
def loads(text: str, *, source: str = ..., overrides: Optional[Mapping[str, Any]] = ...) -> Scheme: ...
def to_decimal(frame: pd.DataFrame) -> pd.DataFrame: ...

class CaseResult(NamedTuple):
    name: str
    passed: bool
    differences: List[str]

def run_cases(rules: _PathLike, cases: Optional[_PathLike] = ...) -> List[CaseResult]: ...
def payroll_csv(
    scheme: Scheme, data: Union[_PathLike, pd.DataFrame], *, period: str, out: _PathLike, force: bool = ...
) -> str: ...
def export_payroll(
    scheme: Scheme,
    data: Union[_PathLike, pd.DataFrame],
    *,
    period: str,
    out: _PathLike,
    formats: Sequence[str] = ...,
    columns: Optional[Sequence[str]] = ...,
    delimiter: str = ...,
    decimal_separator: str = ...,
    bom: bool = ...,
    line_end: str = ...,
    force: bool = ...,
) -> List[str]: ...
def write_statements(
    scheme: Scheme,
    data: Union[_PathLike, pd.DataFrame],
    *,
    period: str,
    out_dir: _PathLike,
    lang: str = ...,
    formats: Sequence[str] = ...,
    force: bool = ...,
) -> List[str]: ...
def statement(
    scheme: Scheme, data: Union[_PathLike, pd.DataFrame], *, person: str, period: str, lang: str = ..., format: str = ...
) -> str: ...
