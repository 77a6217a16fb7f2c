"""Session records of the brede intake: one per meeting (issue 3, item 2).

Stored as ``session.<uuid>`` (a JSON object): the date, the duration in minutes, who was
present (an interpreter in person or by phone, with agency and reference; others), and the
legal notices given, among them that the newcomer may hold the conversation alone with only
professionals present (Besluit art. 5.2 lid 2).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.i18n import _
from inburg_desktop.storage.changes import FieldMeta

SESSION_PREFIX = "session."
INTERPRETER_KINDS = ("geen", "ter_plaatse", "telefonisch")
NOTICES = ("alleen_gesprek", "vastlegging", "medewerkingsplicht")


def interpreter_label(kind: str) -> str:
    return {
        "geen": _("Geen tolk"),
        "ter_plaatse": _("Tolk ter plaatse"),
        "telefonisch": _("Tolk via de telefoon"),
    }.get(kind, kind)


def notice_label(notice: str) -> str:
    return {
        "alleen_gesprek": _(
            "Gezegd dat het gesprek ook alleen kan, met alleen professionals erbij "
            "(Besluit art. 5.2 lid 2)"
        ),
        "vastlegging": _("Uitgelegd wat er wordt vastgelegd (Besluit art. 5.2 lid 3)"),
        "medewerkingsplicht": _("Gewezen op de plicht mee te werken (Wet art. 14)"),
    }.get(notice, notice)


@dataclass(frozen=True)
class SessionRecord:
    datum: date
    duur_minuten: int
    tolk: str = "geen"  # one of INTERPRETER_KINDS
    tolk_bureau: str = ""
    tolk_referentie: str = ""
    tolk_taal: str = ""
    anderen_aanwezig: str = ""
    mededelingen: tuple[str, ...] = ()  # NOTICES given
    id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def __post_init__(self) -> None:
        if self.tolk not in INTERPRETER_KINDS:
            raise ValueError(f"unknown interpreter kind {self.tolk!r}")
        if not 0 < self.duur_minuten <= 24 * 60:
            raise ValueError("duur_minuten must be 1-1440")
        unknown = set(self.mededelingen) - set(NOTICES)
        if unknown:
            raise ValueError(f"unknown notices {sorted(unknown)}")

    @property
    def key(self) -> str:
        return f"{SESSION_PREFIX}{self.id}"

    def as_json(self) -> dict[str, Any]:
        return {
            "datum": self.datum.isoformat(),
            "duur_minuten": self.duur_minuten,
            "tolk": self.tolk,
            "tolk_bureau": self.tolk_bureau,
            "tolk_referentie": self.tolk_referentie,
            "tolk_taal": self.tolk_taal,
            "anderen_aanwezig": self.anderen_aanwezig,
            "mededelingen": list(self.mededelingen),
        }

    @classmethod
    def from_json(cls, record_id: str, doc: Mapping[str, Any]) -> SessionRecord:
        return cls(
            datum=parse_iso_date(str(doc["datum"])),
            duur_minuten=int(doc["duur_minuten"]),
            tolk=str(doc.get("tolk", "geen")),
            tolk_bureau=str(doc.get("tolk_bureau", "")),
            tolk_referentie=str(doc.get("tolk_referentie", "")),
            tolk_taal=str(doc.get("tolk_taal", "")),
            anderen_aanwezig=str(doc.get("anderen_aanwezig", "")),
            mededelingen=tuple(str(n) for n in doc.get("mededelingen", ())),
            id=record_id,
        )


def session_patch(record: SessionRecord) -> tuple[dict[str, Any], dict[str, FieldMeta]]:
    return {record.key: record.as_json()}, {record.key: FieldMeta()}


def session_records(fields: Mapping[str, Any]) -> list[SessionRecord]:
    """The case's session records, oldest first; unreadable ones are skipped."""
    out = []
    for key, value in fields.items():
        if key.startswith(SESSION_PREFIX) and isinstance(value, dict):
            try:
                out.append(SessionRecord.from_json(key[len(SESSION_PREFIX) :], value))
            except (KeyError, TypeError, ValueError):
                continue
    return sorted(out, key=lambda r: (r.datum, r.id))
