"""No cyclic garbage collection while background work runs.

Why: CPython collects cycles in whichever thread happens to allocate past the threshold.
When that is a worker (a PIP preview rendering, a sync round), the collection can free a
closed window caught in a reference cycle, and a widget destroyed off the GUI thread
crashes the app (seen in the test suite: a collection on a PIP-preview worker while the
editor had just closed).

So while any background work of the app runs, automatic collection is paused; the GUI
thread resumes it, and collects what is due, when the last worker has reported.
Reference counting still frees at once everything that is not in a cycle. Work is short
(a render, a save, a sync round), so cycles wait at most that long.

Only the GUI thread calls :func:`pause` and :func:`resume` (``ui/tasks.py``, through which
every worker of the GUI starts, the intake's autosave included; tested by
``tests/ui/test_workers_through_tasks.py``), so the count needs no lock.
"""

from __future__ import annotations

import gc
import threading

__all__ = ["pause", "paused", "resume"]

_count = 0
_was_enabled = True


def _on_gui_thread() -> None:
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError("automatic garbage collection is paused from the GUI thread only")


def pause() -> None:
    """One more worker runs: no automatic collection until it reports.

    Raises RuntimeError off the GUI thread."""
    global _count, _was_enabled
    _on_gui_thread()
    if _count == 0:
        _was_enabled = gc.isenabled()
        gc.disable()
    _count += 1


def resume() -> None:
    """A worker reported; when it was the last, collection resumes on this (GUI) thread.

    Raises RuntimeError off the GUI thread."""
    global _count
    _on_gui_thread()
    if _count == 0:
        return
    _count -= 1
    if _count == 0 and _was_enabled:
        gc.enable()


def paused() -> int:
    """How many workers hold the pause (0: collection as usual)."""
    return _count
