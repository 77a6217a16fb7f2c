"""Everything one fine decision letter (boetebeschikking) shows: the person, the violation
with its steps, the decision and the letterhead. The PDF (``pdf/boete_document.py``) takes
nothing else: no clock, no settings, no database, so the same record renders to the same
bytes."""

from __future__ import annotations

from dataclasses import dataclass, field

from inburg_desktop.domain.case import Doelgroep, Inburgeraar
from inburg_desktop.domain.handhaving import Handhaving
from inburg_desktop.domain.letterhead import Letterhead


@dataclass(frozen=True)
class BoeteDocument:
    """``record`` carries the decision (``besluit``) and the proposal it rests on
    (``voorstel``, with the earlier fines it was computed from); ``kenmerk``: the
    letter's reference, stable per record."""

    person: Inburgeraar
    doelgroep: Doelgroep
    record: Handhaving
    kenmerk: str
    letterhead: Letterhead = field(default_factory=Letterhead)
