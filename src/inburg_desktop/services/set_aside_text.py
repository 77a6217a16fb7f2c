"""A set-aside entry's fields in words on the laptop: the one description
(``protocol.set_aside_describe``) with this laptop's words (the UI language, ``_``),
dates as the app shows them (``formatting.format_date``) and field names as every screen
names them (``services.field_labels``). Used by "Apart gezet" (the list), the message of
a window whose case left this laptop, and the sync window's summary; the office describes
the same fields by the same function (``inburg-office apart-gezet``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from inburg_desktop.formatting import format_date
from inburg_desktop.i18n import _
from inburg_desktop.prompts.catalogue import Catalogue
from inburg_desktop.protocol.set_aside_describe import ABSENT, changed_parts, describe
from inburg_desktop.services.field_values import kind_of
from inburg_desktop.services.household import HOUSEHOLD_KEY
from inburg_desktop.services.household import stored_text as household_text
from inburg_desktop.services.progress_text import part_lines
from inburg_desktop.sync.caseload_exit import BEFORE, structured

__all__ = ["BEFORE", "before_of", "field_lines", "sent_value", "structured"]


def before_of(values: Mapping[str, Any], held: Mapping[str, Any]) -> dict[str, Any]:
    """What to keep as :data:`BEFORE` for ``values``: ``held``'s value of each structured
    field of ``values`` (others need no comparison: they are shown whole)."""
    return {key: held[key] for key, value in values.items() if structured(value) and key in held}


def field_lines(
    values: Mapping[str, Any],
    before: Mapping[str, Any] | None,
    label: Callable[[str], str],
    catalogue: Catalogue | None = None,
) -> list[str]:
    """``values`` (field key -> value) as lines ``"label: value"`` in the UI language,
    a structured value as its parts that differ from ``before`` (see the module), a
    choice by its option's label as the field's editor shows it (``services.field_values``:
    the catalogue's options, a talk's stand)."""
    earlier = before if isinstance(before, Mapping) else {}
    lines: list[str] = []
    for key, value in values.items():
        name = label(key) if key else _("(onleesbaar)")
        if key == HOUSEHOLD_KEY and isinstance(value, list):
            # members as the conflict view and Dossiergegevens say them ("Kind: Lina,
            # geboren 1 feb 2025"), only those the office did not have as they are (the
            # whole list when a member went, or nothing earlier is known)
            had = earlier.get(key)
            new = [m for m in value if not isinstance(had, list) or m not in had]
            shown_members = new if new else value
            lines.append(f"{name}:\n{household_text(shown_members)}")
            continue
        if isinstance(value, Mapping) and kind_of(key, catalogue).kind == "progress":
            # a progress record as the Voortgang window names its parts, codes in words
            # ("Soort uren: NT2-les"), a part left empty not listed
            lines.extend(f"{name} – {part}: {shown}" for part, shown in part_lines(value, False))
            continue
        shown = _option_words(key, value, catalogue)
        lines.extend(describe(name, shown, earlier.get(key, ABSENT), words=_, day=_long_day))
    return lines


def _option_words(key: str, value: Any, catalogue: Catalogue | None) -> Any:
    """``value`` as its option labels when field ``key`` is a choice, else itself."""
    if not key or structured(value):
        return value
    kind = kind_of(key, catalogue)
    if not kind.options:
        return value
    if isinstance(value, list):
        labels = [kind.label_of(item) for item in value]
        return [_(words) if words else item for words, item in zip(labels, value, strict=True)]
    words = kind.label_of(value)
    return _(words) if words else value


def _long_day(day: Any) -> str:
    return format_date(day)


def sent_value(value: Any, before: Mapping[str, Any] | None, key: str) -> Any:
    """What the office is sent of field ``key``: a structured value as its parts that
    differ from :data:`BEFORE` (all its parts, by path, when no earlier value is known),
    anything else as it is (``protocol.set_aside_describe.changed_parts``)."""
    if not structured(value):
        return value
    earlier = before if isinstance(before, Mapping) else {}
    return changed_parts(value, earlier.get(key, {}))
