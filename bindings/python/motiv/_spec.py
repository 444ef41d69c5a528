"""A scheme as data that travels between processes (private to motiv).

A compiled scheme is C++ memory and cannot be pickled as is; what defines it is its rule text,
the source name errors cite and the overrides. ``Scheme.__reduce__`` pickles those, and
:func:`scheme_from_spec` compiles them again where they land -- once per process and spec, so a
Dask worker or a process pool that receives the same scheme with every task compiles it once.
The rebuilt scheme has the same SHA-256 and pays exactly the same.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from typing import Any, Tuple

from . import _core

__all__ = ["Spec", "scheme_spec", "scheme_from_spec"]

Spec = Tuple[bytes, str, Any]

# The last schemes rebuilt in this process, by spec: bounded, so a long-lived worker fed many
# what-ifs does not keep every one compiled.
_CACHE_SIZE = 32
_compiled: "OrderedDict[str, Any]" = OrderedDict()
_lock = threading.Lock()


def scheme_spec(scheme: Any) -> Spec:
    """(rule text as bytes, source name, overrides) of a ``motiv.Scheme``."""
    text, source, overrides = _core.scheme_source(scheme._core)
    return text, source, overrides


def _key(text: bytes, source: str, overrides: Any) -> str:
    h = hashlib.sha256(text)
    h.update(b"\0" + source.encode("utf-8") + b"\0" + json.dumps(overrides or {}, sort_keys=True, default=str).encode("utf-8"))
    return h.hexdigest()


def scheme_from_spec(text: bytes, source: str, overrides: Any) -> Any:
    """The ``motiv.Scheme`` of a spec, compiled once per process (RuleError if the text is bad)."""
    from . import Scheme

    key = _key(text, source, overrides)
    with _lock:
        if key in _compiled:
            _compiled.move_to_end(key)
            return _compiled[key]
    scheme = Scheme(_core.loads(text.decode("utf-8"), source=source, overrides=overrides or None))
    with _lock:
        _compiled[key] = scheme
        while len(_compiled) > _CACHE_SIZE:
            _compiled.popitem(last=False)
    return scheme
