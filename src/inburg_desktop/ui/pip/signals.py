"""Emitting a Qt signal without losing a reference to ``True`` (PySide6 6.12).

PySide6 6.12.0's ``SignalInstance.emit()`` returns ``True`` without a new reference, so
each emit lowers ``True``'s reference count by one; after a few thousand emits Python
aborts ("bool_dealloc: deallocating True or False"). :func:`emit` emits and gives the
reference back, but only when a probe at import shows the fault, so a fixed PySide6 is
left alone. (Python 3.12+ makes ``True`` immortal; the app supports 3.11.)
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance


class _Probe(QObject):
    fired = Signal()


def _emit_drops_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.fired.emit()
    dropped = before - sys.getrefcount(True)
    for _ in range(max(0, dropped)):  # give back what the probe itself took
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return dropped >= 8


EMIT_DROPS_TRUE = _emit_drops_a_reference()


def emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)``, compensating PySide6 6.12's lost reference."""
    result: object = signal.emit(*args)  # type: ignore[func-returns-value]  # stubs: None
    if EMIT_DROPS_TRUE and result is True:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
