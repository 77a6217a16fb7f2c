"""How a printed translation says which language it is and that it is not reviewed yet.

The booklet and the PIP annex use the same words as the interpreter view: a translation
that no human translator has reviewed (``prompts/translations.py``, review status
``concept``) carries the "concept-vertaling" mark, and the Dutch text prevails.
"""

from __future__ import annotations

from inburg_desktop.locale_names import endonym, language_name

CONCEPT_NOTE = (
    "Concept-vertaling: deze vertaling is nog niet door een vertaler nagekeken. Bij twijfel "
    "geldt de Nederlandse tekst."
)


def language_label(code: str) -> str:
    """The language named in Dutch and in itself: ``"ar"`` -> ``"Arabisch — العربية"``;
    the Dutch name alone when both are the same. Never the bare code, which a reader of
    the decision cannot be expected to know."""
    dutch, own = language_name(code, "nl"), endonym(code)
    return dutch if own.casefold() == dutch.casefold() else f"{dutch} — {own}"
