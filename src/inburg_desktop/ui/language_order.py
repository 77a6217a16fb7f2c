"""The UI language's collation (Qt's ``QCollator``, backed by ICU) for the one order of
every list of prompt languages (``services.prompt_languages``): the windows sort with it,
the rule itself lives in the service."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCollator, QLocale, Qt

from inburg_desktop.i18n import current_language
from inburg_desktop.services.prompt_languages import (
    PromptLanguage,
    SortKey,
    ordered_prompt_languages,
)


def ui_sort_key(language: str | None = None) -> SortKey:
    """A collation key for names in ``language`` (default: the UI language), case
    insensitive, digits compared as numbers."""
    collator = QCollator(QLocale(language or current_language()))
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    collator.setNumericMode(True)
    return collator.sortKey


def prompt_languages(codes: Iterable[str], preferred: str | None = None) -> list[PromptLanguage]:
    """``codes`` in the one order for a list shown now: ``preferred`` (a code) first, the
    rest by name in the UI language, as that language sorts."""
    ui = current_language()
    return ordered_prompt_languages(codes, ui, preferred, ui_sort_key(ui))


def ordered_codes(codes: Iterable[str], preferred: str | None = None) -> list[str]:
    """The codes of :func:`prompt_languages`, for a list that labels them itself."""
    return [entry.code for entry in prompt_languages(codes, preferred)]
