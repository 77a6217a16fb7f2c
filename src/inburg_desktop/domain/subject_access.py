"""The subject-access overview's content (AVG art. 15: a person's copy of everything held
about them), as plain Dutch text in sections: the typed model ``services.subject_access``
builds from an ``inburg-case/1`` document and ``pdf.subject_access`` draws. No rules and
no I/O: what is said, in which order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from inburg_desktop.domain.case_document import CaseDocument, Herkomst
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


RIGHTS_CONTEXT = "inzage.rights."
RIGHTS_SOURCE: dict[str, str] = {
    "title": "Uw rechten",
    "inzage": (
        "Dit overzicht toont alle gegevens die de gemeente over u heeft opgeslagen (AVG art. 15)."
    ),
    "verbeteren": (
        "Kloppen uw gegevens niet? Dan mag u vragen ze te verbeteren (art. 16) of te wissen "
        "(art. 17)."
    ),
    "klacht": (
        "Hebt u een klacht over hoe wij met uw gegevens omgaan? Dan kunt u een klacht "
        "indienen bij de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl)."
    ),
    "verzoek": "Stuur uw verzoek naar {gemeente}. Wij antwoorden binnen een maand.",
}
"""The person's rights in the annex in their own language (AVG art. 12 lid 1: concise
and in clear language; art. 15–17, 77), translated in the prompts catalogue under the
context ``inzage.rights.<key>``; ``{gemeente}`` is the letterhead's name and postal
address. The Dutch overview says them in full (``services.subject_access.rights_text``)."""


def rights_contexts() -> dict[str, str]:
    """``{msgctxt: Dutch text}`` of :data:`RIGHTS_SOURCE` for the translation catalogue."""
    return {RIGHTS_CONTEXT + key: text for key, text in RIGHTS_SOURCE.items()}


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
    ``title`` and ``entries`` (label and value; a heading has an empty value; none when
    little is recorded), ``rights_title`` and ``rights`` (:data:`RIGHTS_SOURCE`, its
    placeholders filled) all from the prompts catalogue's translations; ``concept`` when
    no translator has reviewed them."""

    lang: str
    title: str
    entries: tuple[Entry, ...]
    concept: bool
    rights_title: str = ""
    rights: tuple[str, ...] = ()


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


# --- what of the household is the person's own -------------------------------------------

HOUSEHOLD_FIELDS = frozenset({"household", "handover.household"})
"""The case fields that list household members: the consultant's record
(``domain.household``) and the one a warme-overdracht file brought (``domain.handover``)."""
OWN_MEMBER_KEYS = ("relation", "sender_relation")
"""What of one household member is the person's own data: that they have this member and
how the member relates to them (partner, kind, referent; the sender's own word when it
maps to none). The rest of a member (name, date of birth, whether inburgeringsplichtig,
V-nummer, the member's own case, the consultant's note about them) is the member's data."""


def own_household(value: Any) -> list[dict[str, Any]]:
    """A stored household list (``household`` or ``handover.household``) as the person
    may receive it in their own copy: per member only :data:`OWN_MEMBER_KEYS`, in the
    same order (so "partner, kind, kind" still reads as their family); anything not a
    list of members gives ``[]``.

    Source of the choice: AVG art. 15 lid 4 (the right to a copy "shall not adversely
    affect the rights and freedoms of others") and overweging 63. A member's name, date
    of birth, V-nummer, own case and a note about them (a child's health, a partner's
    situation) are personal data of the member, who can ask for them themselves; the
    person's family composition is part of their own gezinssituatie (Besluit inburgering
    2021, art. 5.2 lid 1), on which their PIP rests, so it stays. The intake's answers
    (``intake.gezinssituatie.*``: ages, school, no names) are the person's own account of
    their circumstances and stay too.
    """
    if not isinstance(value, list):
        return []
    return [
        {k: member[k] for k in OWN_MEMBER_KEYS if isinstance(member.get(k), str)}
        for member in value
        if isinstance(member, Mapping)
    ]


def _own_value(key: str, value: Any) -> Any:
    return own_household(value) if key in HOUSEHOLD_FIELDS else value


def for_person(doc: CaseDocument) -> CaseDocument:
    """``doc`` as the person may receive it (AVG art. 15 lid 4: :func:`own_household`):
    every household list reduced to the person's own part, in the fields, in both values
    of a conflict and in a set-aside change. Everything else is theirs and stays. The same
    rule for the readable overview and the JSON copy (``services.subject_access``,
    ``services.case_export`` and the office's export for ``Doel.INZAGE``); applying it
    twice changes nothing."""
    return replace(
        doc,
        fields=tuple(replace(f, value=_own_value(f.key, f.value)) for f in doc.fields),
        conflicts=tuple(
            replace(
                c,
                office_value=_own_value(c.field_key, c.office_value),
                laptop_value=_own_value(c.field_key, c.laptop_value),
            )
            for c in doc.conflicts
        ),
        quarantine=tuple(
            replace(q, patch={k: _own_value(k, v) for k, v in q.patch.items()})
            for q in doc.quarantine
        ),
    )
