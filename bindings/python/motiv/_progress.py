"""Progress bars for long calls (private to motiv): Monte Carlo runs and sweeps.

``progress=None`` (the default) shows a bar in a terminal or a Jupyter kernel and stays quiet
elsewhere (a pipe, a CI log, a worker); ``True`` always shows it, ``False`` never. The bar appears
only once a call has run for a second, so quick calls print nothing. The C++ core reports counts
from its loop; the figures never depend on the bar.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Optional

__all__ = ["progress_bar", "wanted"]

DELAY = 1.0  # seconds before a bar shows itself


def _in_kernel() -> bool:
    shell = sys.modules.get("IPython")
    if shell is None or "ipykernel" not in sys.modules:
        return False
    ip = shell.get_ipython() if hasattr(shell, "get_ipython") else None
    return ip is not None and "IPKernelApp" in getattr(ip, "config", {})


def wanted(progress: Optional[bool]) -> bool:
    """Whether to show a bar for ``progress`` (None: a terminal or a notebook)."""
    if progress is not None:
        return bool(progress)
    if _in_kernel():
        return True
    stream = sys.stderr
    return stream is not None and hasattr(stream, "isatty") and stream.isatty()


def _bar_class() -> Any:
    if _in_kernel():
        try:
            import ipywidgets  # noqa: F401  (tqdm's notebook bar needs it)
            from tqdm.notebook import tqdm

            return tqdm
        except ImportError:
            pass
    from tqdm import tqdm

    return tqdm


@contextmanager
def progress_bar(total: int, *, progress: Optional[bool], desc: str, unit: str) -> Iterator[Optional[Callable[[int], None]]]:
    """A callback taking the count done, feeding a tqdm bar of ``total`` (None when no bar is wanted)."""
    if not wanted(progress):
        yield None
        return
    bar = _bar_class()(total=total, delay=DELAY, desc=desc, unit=unit, leave=False, disable=False, file=sys.stderr)
    try:
        yield lambda done: bar.update(done - bar.n)
    finally:
        bar.close()
