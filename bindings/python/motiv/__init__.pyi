# Hand-written type stubs for the public API of motiv (the compiled part is motiv._core, typed in
# _core.pyi). scripts/lint checks them with mypy --strict and, against the built module, stubtest.
import datetime
import os
from decimal import Decimal
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union

import numpy as np
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

__version__: str

_PathLike = Union[str, os.PathLike[str]]
_Value = Union[str, int, Decimal]
_TierList = List[Tuple[Decimal, Decimal]]
# 'YYYY-MM', a monthly pd.Period, np.datetime64 of a month, or the first of a month as a date / Timestamp.
_Period = Union[str, pd.Period, datetime.date, np.datetime64]
# 'YYYY-MM-DD', a date, a Timestamp / datetime64 at midnight, a daily pd.Period; '' or None: not given.
_Date = Union[None, str, pd.Period, datetime.date, np.datetime64]

class InputInfo(NamedTuple):
    name: str
    kind: str
    unit: str
    description: str
    required: bool
    default: Optional[Decimal]

class ParameterInfo(NamedTuple):
    name: str
    kind: str
    unit: str
    description: str

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
    def parameters(self) -> List[ParameterInfo]: ...
    @property
    def overrides(self) -> Dict[str, Any]: ...
    def _repr_html_(self) -> str: ...
    def parameter(self, name: str, *, period: _Period) -> Union[Decimal, _TierList]: ...
    def components(self, role: str) -> List[str]: ...
    def with_overrides(self, overrides: Mapping[str, Any]) -> Scheme: ...
    def compute(
        self,
        *,
        role: str,
        period: _Period,
        inputs: Optional[Mapping[str, Optional[_Value]]],
        person: str = ...,
        name: str = ...,
        start_date: _Date = ...,
        end_date: _Date = ...,
    ) -> Payslip: ...
    def compute_frame(self, frame: pd.DataFrame, *, period: _Period) -> pd.DataFrame: ...
    def logs_report(self, logs: Union[str, os.PathLike[str]], *, period: _Period) -> Dict[str, pd.DataFrame]: ...
    def compute_batch(
        self,
        data: Union[pd.DataFrame, Mapping[str, Any]],
        *,
        period: _Period,
        scales: Optional[Mapping[str, int]] = ...,
        threads: int = ...,
        check: bool = ...,
    ) -> pd.DataFrame: ...
    def compute_arrays(
        self,
        data: Union[pd.DataFrame, Mapping[str, Any]],
        *,
        period: _Period,
        scales: Optional[Mapping[str, int]] = ...,
        threads: int = ...,
        check: bool = ...,
        out: Optional[Dict[str, Any]] = ...,
    ) -> Dict[str, Any]: ...
    def sweep(
        self,
        data: Union[pd.DataFrame, Mapping[str, Any]],
        *,
        period: _Period,
        parameter: str,
        values: Sequence[_Value],
        scales: Optional[Mapping[str, int]] = ...,
        threads: int = ...,
        progress: Optional[bool] = ...,
    ) -> pd.DataFrame: ...
    def pay_period(
        self,
        people: pd.DataFrame,
        *,
        period: _Period,
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
        start: _Period,
        end: _Period,
        state: Union[None, str, Mapping[str, Any]] = ...,
        cancellations: Optional[pd.DataFrame] = ...,
    ) -> List[PeriodResult]: ...

class PeriodResult(NamedTuple):
    period: _Period
    payslips: List[Payslip]
    notes: Dict[str, List[str]]
    period_notes: List[str]
    state: Dict[str, Any]
    def to_frame(self) -> pd.DataFrame: ...
    def _repr_html_(self) -> str: ...

def load(path: _PathLike, *, overrides: Optional[Mapping[str, Any]] = ...) -> Scheme: ...
def loads(text: str, *, source: str = ..., overrides: Optional[Mapping[str, Any]] = ...) -> Scheme: ...
def to_decimal(frame: pd.DataFrame) -> pd.DataFrame: ...
def to_arrow(frame: pd.DataFrame, *, scale: Optional[int] = ...) -> pd.DataFrame: ...
def read_table(path: _PathLike, *, sheet: Optional[str] = ..., dialect: Optional[str] = ...) -> pd.DataFrame: ...
def from_float(values: Any, *, places: int) -> Any: ...

class CaseResult(NamedTuple):
    name: str
    passed: bool
    differences: List[str]

def run_cases(rules: _PathLike, cases: Optional[_PathLike] = ...) -> List[CaseResult]: ...
def payroll_csv(
    scheme: Scheme, data: Union[_PathLike, pd.DataFrame], *, period: _Period, out: _PathLike, force: bool = ...
) -> str: ...
def export_payroll(
    scheme: Scheme,
    data: Union[_PathLike, pd.DataFrame],
    *,
    period: _Period,
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
    period: _Period,
    out_dir: _PathLike,
    lang: str = ...,
    formats: Sequence[str] = ...,
    force: bool = ...,
) -> List[str]: ...
def statement(
    scheme: Scheme, data: Union[_PathLike, pd.DataFrame], *, person: str, period: _Period, lang: str = ..., format: str = ...
) -> str: ...
