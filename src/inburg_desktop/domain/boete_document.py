"""Everything one fine decision letter (boetebeschikking) shows: the person, the violation
with its steps, the decision and the letterhead. The PDF (``pdf/boete_document.py``) takes
nothing else: no clock, no settings, no database, so the same record renders to the same
bytes.

The annex in the newcomer's language (``annex_lang``) holds only texts already translated
for the PIP's annex that say the same of this decision: how to object, by which day, and
whom to ask (:data:`BOETE_ANNEX_KEYS`). The letter's own sentences (what happened, the
fine) have no translation in any language, and no language has texts a translator has
reviewed (``translations/review-status.toml``: every prompts language is a concept), so
none are made up here: they stay out of the annex, and the Dutch letter says that the
annex holds only that and that only the Dutch text is the decision (usability round 7,
finding 7).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from inburg_desktop.domain.case import Doelgroep, Inburgeraar
from inburg_desktop.domain.handhaving import Handhaving
from inburg_desktop.domain.letterhead import Letterhead

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
"""An annex language: an ISO 639 code as the prompts catalogue names its languages."""

BOETE_ANNEX_KEYS = ("bezwaar", "bezwaar_unknown", "contact")
"""The PIP annex's texts (``domain.pip_annex``) the fine letter's annex uses: they say of
any decision how to object and whom to ask."""


@dataclass(frozen=True)
class BoeteDocument:
    """``record`` carries the decision (``besluit``) and the proposal it rests on
    (``voorstel``, with the earlier fines it was computed from); ``kenmerk``: the
    letter's reference, stable per record.

    ``annex_lang``: the annex's language (``None``: no annex), ``annex_texts`` its texts
    by key of :data:`BOETE_ANNEX_KEYS`, ``annex_concept`` whether they are a draft no
    translator reviewed; ``preferred_language`` the newcomer's language as recorded (a
    BCP 47 tag), so a letter without an annex can say there is none in it."""

    person: Inburgeraar
    doelgroep: Doelgroep
    record: Handhaving
    kenmerk: str
    letterhead: Letterhead = field(default_factory=Letterhead)
    annex_lang: str | None = None
    annex_texts: Mapping[str, str] | None = None
    annex_concept: bool = True
    preferred_language: str | None = None

    def __post_init__(self) -> None:
        # a language code the app ships (``pip_service.annex_language_for``), never text
        if self.annex_lang is not None and not LANGUAGE_CODE.fullmatch(self.annex_lang):
            raise ValueError("annex_lang is not a language code")
