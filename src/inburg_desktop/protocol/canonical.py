"""The canonical encoding of a field value: how both sides hash, compare and measure it.

The office and the laptop must agree to the byte on a value's spelling (a conflict is a
difference of canonical JSON; a size limit counts its UTF-8 bytes), so there is one
function for it, and it is here.
"""

from __future__ import annotations

import json
from typing import Any


def canonical_json(value: Any) -> str:
    """The one spelling of a JSON value used for hashing and comparing values."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def json_depth(value: Any) -> int:
    """How many arrays/objects nest in a JSON value (a scalar is 0, ``[]`` is 1)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, outer = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, outer + 1)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, outer + 1) for child in children)
    return deepest
