"""What every case field value must be so that it leaves the app and comes back: the one
rule the office holds a field to (``protocol.field_rules.check_field``, at a push, an
office edit and an import) and the ``inburg-case/1`` reader holds a document's values to
(``domain.case_document``). Two rules drifted apart before: the office accepted a value the
reader refused, and the export of such a case failed as an internal error (attack round 8,
finding 2). Now there is one.

A portable value (AVG art. 20: a copy "in a structured, commonly used and machine-readable
format" that any program reads the same):

* every text is free text (``safe_text.free_text_problem``: tabs and line breaks, no other
  control character, no lone surrogate, no bidi embedding, override or isolate);
* every object key is a label (``safe_text.label_problem``: no control, format or other
  invisible character), so a key never hides or reorders what it names;
* every integer lies within ±:data:`MAX_SAFE_INT` (I-JSON, RFC 7493 §2.2: beyond it a
  reader may round it);
* every other number is finite (JSON, RFC 8259 §6, has no NaN or infinity).

Size and nesting are the sync protocol's bounds, checked where the value's encoding is
measured (``protocol.messages``).
"""

from __future__ import annotations

import math
from typing import Any

from inburg_desktop.domain.safe_text import free_text_problem, label_problem
from inburg_desktop.domain.text import N_, Reason

MAX_SAFE_INT = 2**53 - 1
"""Integers in a value stay within what every JSON reader holds exactly (RFC 7493 §2.2)."""

Path = tuple[str | int, ...]


def scalar_problem(value: Any) -> Reason | None:
    """Why the scalar ``value`` (text, number, true/false, null) is not portable, or None."""
    if isinstance(value, str):
        return free_text_problem(value)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INT:
            return Reason.of(
                "unsafe_integer",
                N_("is een getal buiten ±{limit} (RFC 7493 §2.2)"),
                limit=MAX_SAFE_INT,
            )
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return Reason.of("not_finite", N_("is geen eindig getal (RFC 8259 §6)"))
    return None


def key_problem(key: str) -> Reason | None:
    """Why ``key``, a key of an object inside a value, is not portable, or None."""
    return label_problem(key)


def value_problem(value: Any) -> tuple[Path, Reason] | None:
    """The path (object keys and list indexes from the top) of the first part of ``value``
    that is not portable (module docstring), with why; ``None`` when all of it is. A bad
    object key is named by its own path. Walks without recursion, so any nesting is safe."""
    stack: list[tuple[Any, Path]] = [(value, ())]
    while stack:
        item, where = stack.pop()
        if isinstance(item, dict):
            for key, child in item.items():
                if (problem := key_problem(key)) is not None:
                    return (*where, key), problem
                stack.append((child, (*where, key)))
        elif isinstance(item, list):
            stack.extend((child, (*where, i)) for i, child in enumerate(item))
        elif (problem := scalar_problem(item)) is not None:
            return where, problem
    return None
