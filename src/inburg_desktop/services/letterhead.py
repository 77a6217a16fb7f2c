"""Which letterhead a PIP carries: the office's, else this laptop's own, else the default.

The office publishes ``setting.letterhead`` (``inburg-office setting``), which every
laptop pulls as ``office.setting.letterhead``; a laptop without an office (or before the
office sets one) keeps its own in the vault setting ``letterhead``. A stored value that
cannot be used is skipped with its problem reported, never half-applied.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Literal

from reportlab.lib.utils import ImageReader
from sqlalchemy.orm import Session

from inburg_desktop.domain.letterhead import (
    OFFICE_SETTING,
    Letterhead,
    LetterheadError,
    letterhead_json,
    parse_letterhead,
)
from inburg_desktop.storage.sync_state import get_setting, set_setting

LOCAL_KEY = "letterhead"
OFFICE_KEY = f"office.{OFFICE_SETTING}"  # how sync stores what the office published
Source = Literal["office", "local", "default"]


@dataclass(frozen=True)
class ChosenLetterhead:
    letterhead: Letterhead
    source: Source
    problems: tuple[str, ...] = ()  # stored values that were skipped, in words


def check_logo_readable(logo: bytes) -> None:
    """Refuse a logo ReportLab cannot draw (a damaged file with a valid header)."""
    try:
        ImageReader(io.BytesIO(logo)).getSize()
    except Exception as exc:  # ReportLab/PIL raise many kinds for a bad image
        raise LetterheadError("logo: de afbeelding is beschadigd of onleesbaar") from exc


def _parsed(value: object) -> Letterhead:
    head = parse_letterhead(value)
    if head.logo is not None:
        check_logo_readable(head.logo)
    return head


def load_letterhead(session: Session) -> ChosenLetterhead:
    problems: list[str] = []
    sources: tuple[tuple[str, Source, str], ...] = (
        (OFFICE_KEY, "office", "van het kantoor"),
        (LOCAL_KEY, "local", "van deze laptop"),
    )
    for key, source, origin in sources:
        value = get_setting(session, key)
        if value is None:
            continue
        try:
            return ChosenLetterhead(_parsed(value), source, tuple(problems))
        except LetterheadError as exc:
            problems.append(f"Briefhoofd {origin} niet gebruikt: {exc}")
    return ChosenLetterhead(Letterhead(), "default", tuple(problems))


def save_local_letterhead(session: Session, head: Letterhead) -> None:
    """Store this laptop's letterhead (validated as the office's would be)."""
    data = letterhead_json(head)
    _parsed(data)
    set_setting(session, LOCAL_KEY, data)
