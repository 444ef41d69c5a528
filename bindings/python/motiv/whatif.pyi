# Hand-written type stubs for motiv.whatif (checked by scripts/lint: mypy --strict and stubtest).
import datetime
import os
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Union

import numpy as np
import pandas as pd

from . import Scheme

__all__ = [
    "Comparison",
    "compare",
    "plan_diff",
    "sweep",
    "pay_curve",
    "MonteCarlo",
    "Normal",
    "Uniform",
    "Lognormal",
    "Triangular",
    "Resample",
    "monte_carlo",
    "Diagnostics",
    "diagnostics",
    "payout_curves",
    "plot_payout_curves",
    "plot_sweep_cost",
    "plot_pay_distribution",
    "plot_monte_carlo",
    "dask_sweep",
    "dask_compare",
]

_Data = Union[pd.DataFrame, str, os.PathLike[str]]
_Value = Union[str, int, Decimal]
_Path = Union[str, os.PathLike[str]]
_Period = Union[str, pd.Period, datetime.date, np.datetime64]

class Comparison(NamedTuple):
    people: pd.DataFrame
    roles: pd.DataFrame
    plan: pd.DataFrame
    def to_frame(self) -> pd.DataFrame: ...
    def _repr_html_(self) -> str: ...

def compare(before: Scheme, after: Scheme, data: _Data, *, period: _Period) -> Comparison: ...
def plan_diff(before: Scheme, after: Scheme) -> pd.DataFrame: ...
def sweep(
    scheme: Scheme,
    data: _Data,
    *,
    period: _Period,
    grid: Mapping[str, Iterable[_Value]],
    scales: Optional[Mapping[str, int]] = ...,
    threads: int = ...,
    progress: Optional[bool] = ...,
) -> pd.DataFrame: ...
def pay_curve(scheme: Scheme, person: Mapping[str, Any], *, period: _Period, kpi: str, values: Iterable[_Value], threads: int = ...) -> pd.DataFrame: ...

@dataclass(frozen=True)
class Normal:
    mean: float
    sd: float
    relative: bool = ...
    def spec(self) -> Dict[str, Any]: ...

@dataclass(frozen=True)
class Uniform:
    low: float
    high: float
    relative: bool = ...
    def spec(self) -> Dict[str, Any]: ...

@dataclass(frozen=True)
class Lognormal:
    mu: float
    sigma: float
    relative: bool = ...
    def spec(self) -> Dict[str, Any]: ...

@dataclass(frozen=True)
class Triangular:
    low: float
    mode: float
    high: float
    relative: bool = ...
    def spec(self) -> Dict[str, Any]: ...

@dataclass(frozen=True)
class Resample:
    history: Sequence[Any]
    relative: bool = ...
    def spec(self) -> Dict[str, Any]: ...

class MonteCarlo(NamedTuple):
    costs: pd.DataFrame
    quantiles: pd.DataFrame
    shares: pd.DataFrame
    def to_frame(self) -> pd.DataFrame: ...
    def _repr_html_(self) -> str: ...

def monte_carlo(
    scheme: Scheme,
    data: _Data,
    *,
    period: _Period,
    draws: Mapping[str, Any],
    n: int = ...,
    seed: int = ...,
    target: Optional[Mapping[str, Mapping[str, Any]]] = ...,
    cap: Optional[Mapping[str, Mapping[str, Any]]] = ...,
    threads: int = ...,
    progress: Optional[bool] = ...,
) -> MonteCarlo: ...

class Diagnostics(NamedTuple):
    pay_mix: pd.DataFrame
    leverage: pd.DataFrame
    monotonicity: pd.DataFrame
    cliffs: pd.DataFrame
    cost: pd.DataFrame
    warnings: List[str]
    def _repr_html_(self) -> str: ...

def diagnostics(
    scheme: Scheme,
    *,
    period: _Period,
    target: Mapping[str, Mapping[str, Any]],
    effort: Optional[Mapping[str, Sequence[str]]] = ...,
    ranges: Optional[Mapping[str, Mapping[str, Sequence[_Value]]]] = ...,
    cliff: Optional[_Value] = ...,
    stress: _Value = ...,
    data: Optional[_Data] = ...,
    threads: int = ...,
) -> Diagnostics: ...
def payout_curves(
    before: Scheme,
    after: Scheme,
    *,
    period: _Period,
    profiles: Mapping[str, Mapping[str, Any]],
    kpi: Mapping[str, str],
    values: Mapping[str, Sequence[_Value]],
) -> pd.DataFrame: ...
def plot_payout_curves(
    curves: pd.DataFrame, *, labels: Sequence[str] = ..., title: str = ..., path: Optional[_Path] = ..., ax: Any = ...
) -> Any: ...
def plot_sweep_cost(
    sweep: pd.DataFrame, *, parameter: Optional[str] = ..., by: Optional[str] = ..., roles: bool = ..., path: Optional[_Path] = ..., ax: Any = ...
) -> Any: ...
def plot_pay_distribution(people: pd.DataFrame, *, labels: Sequence[str] = ..., path: Optional[_Path] = ..., ax: Any = ...) -> Any: ...
def plot_monte_carlo(mc: MonteCarlo, *, of: str = ..., bins: int = ..., path: Optional[_Path] = ..., ax: Any = ...) -> Any: ...
def dask_sweep(
    client: Any,
    scheme: Scheme,
    data: _Data,
    *,
    period: _Period,
    grid: Mapping[str, Iterable[_Value]],
    scales: Optional[Mapping[str, int]] = ...,
    partitions: Optional[int] = ...,
) -> pd.DataFrame: ...
def dask_compare(client: Any, before: Scheme, after: Scheme, data: _Data, *, period: _Period, partitions: Optional[int] = ...) -> Comparison: ...
