"""Which letterhead a PIP carries: the gemeente's, else the office's, else this laptop's
own, else the default.

A case of a gemeente (``services.gemeenten``, issue 16 item 5) carries that gemeente's own
letterhead when the office published one (``setting.letterhead_<CODE>``, pulled as
``office.setting.letterhead_<CODE>``); whichever letterhead is used, the college named is
that gemeente's (the PIP is a decision of its college, Wet art. 15 lid 1).

The office publishes ``setting.letterhead`` (``inburg-office setting``), which every
laptop pulls as ``office.setting.letterhead``; a laptop without an office (or before the
office sets one) keeps its own in the vault setting ``letterhead``. A stored value that
cannot be used is skipped with its problem reported, never half-applied; a stored logo
that no longer decodes (a value from before logos were checked) is left out, said in the
problems and in small print on the PIP, and the rest of that letterhead is used.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from sqlalchemy.orm import Session

from inburg_desktop.domain.file_input import FileRefused, FileTooLarge, read_bounded
from inburg_desktop.domain.gemeente_setting import college_of, letterhead_key
from inburg_desktop.domain.letterhead import (
    OFFICE_SETTING,
    Letterhead,
    LetterheadError,
    LetterheadLogoError,
    letterhead_json,
    letterhead_setting,
    parse_letterhead,
)
from inburg_desktop.domain.logo import MAX_FILE_BYTES, LogoError, normalise_logo, size_text
from inburg_desktop.domain.office_settings import laptop_key
from inburg_desktop.domain.text import N_
from inburg_desktop.services.gemeenten import gemeente_keuze
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.cases import GEMEENTE_KEY, StoredCase
from inburg_desktop.storage.sync_state import get_setting, set_setting

LOCAL_KEY = "letterhead"
OFFICE_KEY = f"office.{OFFICE_SETTING}"  # how sync stores what the office published
Source = Literal["gemeente", "office", "local", "default"]


@dataclass(frozen=True)
class ChosenLetterhead:
    letterhead: Letterhead
    source: Source
    problems: tuple[str, ...] = ()  # stored values (or their logos) not used, in words


def load_letterhead(session: Session, gemeente: str | None = None) -> ChosenLetterhead:
    """The letterhead a document of a case of ``gemeente`` (a CBS code; ``None``: none
    recorded) carries, with what was set but not used, in words (see the module)."""
    problems: list[str] = []
    sources: tuple[tuple[str, Source, str], ...] = (
        (OFFICE_KEY, "office", "van het kantoor"),
        (LOCAL_KEY, "local", "van deze laptop"),
    )
    if gemeente:
        own = laptop_key(letterhead_key(gemeente))
        sources = ((own, "gemeente", f"van gemeente {gemeente}"), *sources)
    naam = gemeente_keuze(session).naam(gemeente) if gemeente else None
    for key, source, origin in sources:
        value = get_setting(session, key)
        if value is None:
            continue
        try:
            head = parse_letterhead(value, bad_logo="omit")
        except LetterheadError as exc:
            problems.append(f"Briefhoofd {origin} niet gebruikt: {exc}")
            continue
        if head.logo_problem:
            problems.append(f"Logo {origin} niet gebruikt: {head.logo_problem}")
        return ChosenLetterhead(_of_college(head, source, naam), source, tuple(problems))
    return ChosenLetterhead(_of_college(Letterhead(), "default", naam), "default", tuple(problems))


def _of_college(head: Letterhead, source: Source, naam: str | None) -> Letterhead:
    """``head`` naming the college of gemeente ``naam`` (a letterhead of the office or the
    laptop may be the service organisation's, or another gemeente's); a gemeente's own
    letterhead names its college as it was published."""
    if naam is None or source == "gemeente":
        return head
    return replace(head, college=college_of(naam))


def case_letterhead(session: Session, stored: StoredCase) -> Letterhead:
    """The letterhead the documents of ``stored`` carry: :func:`load_letterhead` for the
    case's gemeente (its case field ``gemeente``)."""
    value = stored.field(GEMEENTE_KEY)
    return load_letterhead(session, value if isinstance(value, str) else None).letterhead


def save_local_letterhead(session: Session, head: Letterhead) -> None:
    """Store this laptop's letterhead, checked and its logo re-encoded as the office's is
    (:func:`~inburg_desktop.domain.letterhead.letterhead_setting`); raises
    :class:`LetterheadError` naming the field, and then stores nothing."""
    set_setting(session, LOCAL_KEY, letterhead_setting(letterhead_json(head)))


def read_logo_file(path: Path) -> bytes:
    """A logo file as the letterhead stores it: read (a regular file of at most
    :data:`MAX_FILE_BYTES`, never more than that read:
    :func:`~inburg_desktop.domain.file_input.read_bounded`), decoded in full and
    re-encoded (:func:`~inburg_desktop.domain.logo.normalise_logo`).

    Raises :class:`LetterheadLogoError` in words for a file that is not a usable PNG or
    JPEG, and ``OSError`` when it cannot be read.
    """
    try:
        data = read_bounded(path, MAX_FILE_BYTES)  # the app's one bounded reader
    except FileTooLarge:
        raise LetterheadLogoError(
            N_("groter dan {limit}"), limit=size_text(MAX_FILE_BYTES)
        ) from None
    except FileRefused as exc:
        raise LetterheadLogoError(exc.reason.text, **exc.reason.params) from None
    try:
        return normalise_logo(data)
    except LogoError as exc:
        raise LetterheadLogoError.from_logo(exc) from exc


def chosen_letterhead(vault: Vault) -> ChosenLetterhead:
    """The letterhead every PIP carries now (the office's, this laptop's or the default),
    with what was set but not used, in words."""
    with vault.session() as session:
        return load_letterhead(session)


def set_local_letterhead(vault: Vault, head: Letterhead) -> None:
    """:func:`save_local_letterhead` in its own transaction (``LetterheadError`` naming the
    field, or a ``VaultError``: nothing stored)."""
    with vault.transaction() as session:
        save_local_letterhead(session, head)
