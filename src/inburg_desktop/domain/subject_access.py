"""The subject-access overview's content (AVG art. 15: a person's copy of everything held
about them), as plain Dutch text in sections: the typed model ``services.subject_access``
builds from an ``inburg-case/1`` document and ``pdf.subject_access`` draws. No rules and
no I/O: what is said, in which order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from inburg_desktop.domain.case_document import Herkomst
from inburg_desktop.domain.letterhead import Letterhead
from inburg_desktop.domain.pip import PipStatus
from inburg_desktop.domain.pip_document import PipDocument

TITLE = "Overzicht van uw gegevens"
SUBTITLE = "Inzage in persoonsgegevens (AVG art. 15)"

PIP_STATUS_WORDS = {
    PipStatus.DRAFT: "concept (nog niet vastgesteld)",
    PipStatus.SET: "vastgesteld",
    PipStatus.SIGNED: "vastgesteld en ondertekend",
}
ACTION_WORDS = {
    "create": "aangemaakt",
    "view": "bekeken",
    "change": "gewijzigd",
    "export": "geëxporteerd",
    "print": "afgedrukt",
    "sync": "gesynchroniseerd",
    "import": "geïmporteerd",
}
HERKOMST_WORDS = {
    Herkomst.LAPTOP: "de laptop van de consulent",
    Herkomst.KANTOOR: "het kantoor van de gemeente",
}


@dataclass(frozen=True)
class Entry:
    """One line of a section: what (``label``) and its value in words (``text``)."""

    label: str
    text: str


@dataclass(frozen=True)
class Section:
    """A titled part of the overview; ``intro`` says what it holds and why (the purpose,
    AVG art. 15 lid 1 a), ``empty`` what the PDF says when there are no entries."""

    title: str
    intro: str = ""
    entries: tuple[Entry, ...] = ()
    empty: str = "Hierover is niets vastgelegd."


@dataclass(frozen=True)
class Annex:
    """The annex in the person's language: ``lang`` (a shipped prompt language code),
    ``title`` and ``entries`` (label and value; a heading has an empty value) all from the
    prompts catalogue's translations; ``concept`` when no translator has reviewed them."""

    lang: str
    title: str
    entries: tuple[Entry, ...]
    concept: bool


@dataclass(frozen=True)
class SyncHistory:
    """What the laptop knows of the case's synchronisation with the office: metadata
    only (when, which parts), never another person's data. ``office_version``: the case
    version the office last confirmed (0: never synchronised); ``waiting``: changes not
    yet sent, as (made at, names of the parts); ``attachments_sent`` / ``_waiting``:
    how many of the case's files the office has or still has to receive."""

    office_version: int
    waiting: tuple[tuple[datetime, tuple[str, ...]], ...] = ()  # field keys, named in words
    attachments_sent: int = 0
    attachments_waiting: int = 0


@dataclass(frozen=True)
class SubjectAccessReport:
    """The whole overview: who it is about, when and where it was made, the sections in
    reading order, the rights (AVG art. 15–22, 77) and the optional annex."""

    person_name: str
    case_id: str
    made_at: datetime
    herkomst: Herkomst
    letterhead: Letterhead
    sections: tuple[Section, ...]
    rights: tuple[str, ...]
    annex: Annex | None = None
    # the PIP in force, with its annex texts in the person's language: the PIP's own
    # summary annex (``pdf.pip_document.annex_lines``) is repeated in this one's annex
    pip_annex: PipDocument | None = None
