"""``inburg-office case sluit|heropen``: the office records that a case's plicht ended, or
takes back such a record made by mistake (usability round 9, finding 20; the rules are in
``domain.case_closure``, the terms that count from it in ``domain.retention``).

Both are office changes like ``inburg-office`` edits (``admin.office_patch``): the case's
version goes up and every laptop that holds the case pulls the two fields
(``uitkomst.plicht_einde``, ``uitkomst.plicht_einde_reden``) at its next sync. A laptop
then shows the case as closed and read-only, and removes it after its grace period
(``sync.retention``); the office's purge counts 5 years from the recorded day (Besluit
art. 9.9). No new column: the two fields are the record (docs/retention.md).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from inburg_desktop.domain.case_closure import (
    HEROPEN_PATCH,
    REDEN_WOORDEN,
    heropen_probleem,
    sluit_patch,
    sluit_probleem,
)
from inburg_desktop.domain.retention import MAX_GRACE_DAYS, PLICHT_EINDE_KEY, PlichtEinde
from inburg_desktop.domain.text import nl_date
from inburg_desktop.protocol.field_rules import shown
from inburg_desktop.server.admin import AdminError, office_patch
from inburg_desktop.server.db import Database, lock_counter
from inburg_desktop.server.tables import CaseRecord, FieldValue

PROBLEM_WORDS: Mapping[str, str] = {
    "retentie_toekomst": (
        "de datum ligt na vandaag: leg het einde van de plicht vast als het gebeurd is"
    ),
    "retentie_voor_geboorte": "de datum ligt vóór de geboortedatum",
    "retentie_voor_brp": (
        "de datum ligt vóór de inschrijving in de BRP waar het dossier over gaat"
    ),
    "retentie_geen_datum": "de datum is geen datum JJJJ-MM-DD",
    "retentie_einde_half": "het einde van de plicht en de reden horen samen",
    "heropen_niet_gesloten": "het dossier is niet gesloten",
    "heropen_te_laat": (
        f"het dossier is langer dan {MAX_GRACE_DAYS} dagen geleden gesloten; de laptops "
        "kunnen hun kopie al verwijderd hebben. Heropenen is voor een vergissing die kort na "
        "het sluiten wordt ontdekt"
    ),
}
"""Why a close or reopen is refused, by code, in the office's Dutch (the server has no
catalogue; the codes are ``domain.retention`` and ``domain.case_closure`` ones)."""


def _values(session: Session, case_id: str) -> dict[str, object]:
    rows = session.execute(
        select(FieldValue.key, FieldValue.value).where(FieldValue.case_id == case_id)
    )
    out: dict[str, object] = {}
    for key, raw in rows:
        try:
            out[key] = json.loads(raw)
        except ValueError:
            out[key] = raw
    return out


def _refused(case_id: str, code: str) -> AdminError:
    return AdminError(
        f"Dossier {shown(case_id)} is niet gewijzigd: {PROBLEM_WORDS.get(code, code)}."
    )


def sluit(db: Database, case_id: str, reden: PlichtEinde, op: date, today: date) -> str:
    """Record that the plicht of ``case_id`` ended on ``op`` for ``reden``; returns what
    happened in a Dutch sentence. Raises :class:`AdminError` (nothing written) for an
    unknown case or a day the rule refuses (``domain.case_closure.sluit_probleem``)."""
    with db.write() as session:
        if session.get(CaseRecord, case_id) is None:
            raise AdminError(f"Dossier {shown(case_id)} bestaat niet op het kantoor.")
        values = _values(session, case_id)
        if (problem := sluit_probleem(values, reden, op, today)) is not None:
            raise _refused(case_id, problem)
        office_patch(session, lock_counter(session), case_id, sluit_patch(reden, op))
    return (
        f"Dossier {shown(case_id)} is gesloten: de inburgeringsplicht eindigde op "
        f"{nl_date(op)} ({REDEN_WOORDEN[reden]}). De laptops zien dit bij hun volgende "
        "synchronisatie; heropenen kan met 'inburg-office case heropen'."
    )


def heropen(db: Database, case_id: str, today: date) -> str:
    """Take back the close of ``case_id`` (a mistake); returns what happened in a Dutch
    sentence. Raises :class:`AdminError` (nothing written) for an unknown case, a case
    that is not closed, or a close recorded too long ago
    (``domain.case_closure.heropen_probleem``)."""
    with db.write() as session:
        if session.get(CaseRecord, case_id) is None:
            raise AdminError(f"Dossier {shown(case_id)} bestaat niet op het kantoor.")
        values = _values(session, case_id)
        row = session.get(FieldValue, (case_id, PLICHT_EINDE_KEY))
        recorded = None if row is None else row.updated_at.date()
        if (problem := heropen_probleem(values, recorded, today)) is not None:
            raise _refused(case_id, problem)
        office_patch(session, lock_counter(session), case_id, dict(HEROPEN_PATCH))
    return (
        f"Dossier {shown(case_id)} is heropend: het einde van de plicht is niet meer "
        "vastgelegd. De laptops zien dit bij hun volgende synchronisatie."
    )
