"""The words of a set-aside entry (``SetAsideEntry.reason`` and ``labels``): the one rule
by which the office checks them and the laptop makes them fit before sending.

The office stores and lists a laptop's sentence (``reason``) and its words for the fields
(``labels``) for office staff, so it refuses what could hide or move text on a screen or
terminal, or cannot be stored at all (PostgreSQL keeps no NUL in a text column; attack
round 4: a NUL in a reason gave 500): in the reason a control character other than tab
and line breaks, a lone surrogate or a bidi control (``domain.safe_text.free_text_problem``),
in a label every such character and every invisible one (``label_problem``). Both sides
use this module (the server and the sync client share only ``protocol/``), so what a
laptop sends after :func:`clean_reason` and :func:`clean_labels` is what the office takes
(a property test keeps it so), and the laptop never sends, again and again, a report the
office refuses with 422.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from inburg_desktop.domain.safe_text import codepoint, free_text_problem, label_problem

Refused = tuple[Literal["reason", "label"], str | None]
"""Which words the office refuses: ``("reason", None)`` or ``("label", field_key)``."""


def words_problem(reason: str, labels: Mapping[str, str]) -> Refused | None:
    """Which of an entry's words break the rule of the module docstring (the reason first,
    then the labels in their order), or None when the office takes them."""
    if free_text_problem(reason) is not None:
        return ("reason", None)
    for key, words in labels.items():
        if label_problem(words) is not None:
            return ("label", key)
    return None


def clean_reason(text: str) -> str:
    """``text`` with each character the office refuses in a reason written as a visible
    ``<U+XXXX>`` (what ``domain.safe_text.terminal_safe`` shows), everything else kept:
    the sentence still says what the laptop held, and the office takes it. The refusal
    is per character (``free_text_problem`` looks at each alone), so escaping each refused
    one leaves nothing to refuse."""
    return "".join(f"<{codepoint(char)}>" if free_text_problem(char) else char for char in text)


def clean_labels(labels: Mapping[str, str]) -> dict[str, str]:
    """``labels`` without the words the office refuses as a label: that field is then
    named by its key alone, as for a field without words (whether a label is refused can
    depend on its neighbours, a joiner or a run of marks, so it is left out whole)."""
    return {key: words for key, words in labels.items() if label_problem(words) is None}
