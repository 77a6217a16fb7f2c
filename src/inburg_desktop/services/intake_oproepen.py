"""Oproepen for the brede intake (Wet art. 14 lid 1-2): recorded, each one.

Stored as ``oproep.<uuid>`` (a JSON object): ``datum`` (the date the person is called in
for), ``termijn`` (the term/deadline set, optional), ``uitkomst`` (``verschenen``,
``niet_verschenen``, ``niet_meegewerkt`` or absent while pending) and
``waarschuwing_verstuurd`` (a written warning was sent). The rule of what follows lives in
``domain.oproep``.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.oproep import Oproep, OproepStatus, OproepUitkomst, oproep_status
from inburg_desktop.i18n import _
from inburg_desktop.storage.changes import FieldMeta

OPROEP_PREFIX = "oproep."


def outcome_label(outcome: OproepUitkomst | None) -> str:
    if outcome is None:
        return _("Nog niet geweest")
    return {
        OproepUitkomst.VERSCHENEN: _("Verschenen"),
        OproepUitkomst.NIET_VERSCHENEN: _("Niet verschenen"),
        OproepUitkomst.NIET_MEEGEWERKT: _("Niet meegewerkt"),
    }[outcome]


@dataclass(frozen=True)
class StoredOproep:
    oproep: Oproep
    id: str = field(default_factory=lambda: str(uuid.uuid4()))

    @property
    def key(self) -> str:
        return f"{OPROEP_PREFIX}{self.id}"

    def as_json(self) -> dict[str, Any]:
        o = self.oproep
        return {
            "datum": o.datum.isoformat(),
            "termijn": o.termijn.isoformat() if o.termijn else None,
            "uitkomst": o.uitkomst.value if o.uitkomst else None,
            "waarschuwing_verstuurd": o.waarschuwing_verstuurd,
        }

    @classmethod
    def from_json(cls, oproep_id: str, doc: Mapping[str, Any]) -> StoredOproep:
        termijn = doc.get("termijn")
        uitkomst = doc.get("uitkomst")
        return cls(
            Oproep(
                datum=parse_iso_date(str(doc["datum"])),
                termijn=parse_iso_date(str(termijn)) if termijn else None,
                uitkomst=OproepUitkomst(uitkomst) if uitkomst else None,
                waarschuwing_verstuurd=bool(doc.get("waarschuwing_verstuurd")),
            ),
            oproep_id,
        )


def oproep_patch(stored: StoredOproep) -> tuple[dict[str, Any], dict[str, FieldMeta]]:
    return {stored.key: stored.as_json()}, {stored.key: FieldMeta()}


def stored_oproepen(fields: Mapping[str, Any]) -> list[StoredOproep]:
    """The case's oproepen in date order; unreadable ones are skipped."""
    out = []
    for key, value in fields.items():
        if key.startswith(OPROEP_PREFIX) and isinstance(value, dict):
            try:
                out.append(StoredOproep.from_json(key[len(OPROEP_PREFIX) :], value))
            except (KeyError, TypeError, ValueError):
                continue
    return sorted(out, key=lambda s: (s.oproep.datum, s.id))


def status_of(fields: Mapping[str, Any], *, plichtig: bool) -> OproepStatus:
    """The oproepen's status; ``plichtig`` as the data say (``domain.oproep``)."""
    return oproep_status((s.oproep for s in stored_oproepen(fields)), plichtig=plichtig)
