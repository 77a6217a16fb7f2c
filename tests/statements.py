"""The SQL statements an engine runs in a block, with their parameters: for tests that
hold a path to what it reads (SQLAlchemy's ``before_cursor_execute`` event)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event


@contextmanager
def selects(engine: Engine) -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    """The ``SELECT`` statements ``engine`` runs inside the block, each with its parameter
    values (a tuple, whatever the driver's style), in order."""
    seen: list[tuple[str, tuple[Any, ...]]] = []

    def note(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if not statement.lstrip().upper().startswith("SELECT"):
            return
        values = parameters.values() if isinstance(parameters, dict) else parameters or ()
        seen.append((statement, tuple(values)))

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)
