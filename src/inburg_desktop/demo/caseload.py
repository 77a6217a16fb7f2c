"""A large fictional caseload (thousands of cases) for measurements and tests at the size of
a large municipality: the demo's people and stages, repeated with varied names, dates and
V-nummers, written through the storage layer's one patch path in the caller's transaction.

The first cases are the demo's own (:func:`demo.fill.add_demo_cases`: intakes at several
stages, a draft and a signed PIP); every further case copies the fields (intake answers,
marks, sessions, oproepen, PIP versions) of one of those, so the caseload has the same mix
of stages as the demo. All fictional.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from inburg_desktop.demo.fill import add_demo_cases, handover_doc
from inburg_desktop.demo.people import PEOPLE, DemoPerson
from inburg_desktop.domain.handover import parse_handover
from inburg_desktop.storage.cases import handover_patch, new_case_id
from inburg_desktop.storage.changes import create_case, field_values

__all__ = ["add_caseload"]

CASELOAD_V_BASE = 9200000000
"""Caseload V-nummers start here: apart from the demo's own (``demo.fill.demo_v_nummer``)."""


def _varied(index: int) -> DemoPerson:
    """Demo person ``index``, with a given name and family name taken from two different
    demo people and dates shifted by the index, so names repeat rarely and deadlines spread
    over about a year."""
    base = PEOPLE[index % len(PEOPLE)]
    other = PEOPLE[(index // len(PEOPLE)) % len(PEOPLE)]
    shift = (index * 37) % 360
    return replace(
        base,
        family_name=other.family_name,
        brp_days_ago=base.brp_days_ago + shift,
        kennisgeving_days_ago=(
            None if base.kennisgeving_days_ago is None else base.kennisgeving_days_ago + shift
        ),
    )


def add_caseload(
    session: Session, count: int, today: date | None = None, *, outbox: bool = False
) -> list[str]:
    """Add ``count`` fictional cases in the caller's transaction; returns their ids.

    ``outbox``: queue every case for the office as a local edit would (a laptop that has
    not synced yet); without it the cases are written as arriving from the office (a
    laptop after its sync: nothing to push). Measured on the shared 2-core build machine
    under load: 10,000 cases in 186 s (``benchmarks/case_list.py``'s ``seed``).
    """
    today = today or date.today()
    first = add_demo_cases(session, min(count, len(PEOPLE)), today)
    templates = [field_values(session, case_id) for case_id in first]
    templates = [
        {key: value for key, value in fields.items() if not key.startswith("handover.")}
        for fields in templates
    ]
    ids = list(first)
    for index in range(len(first), count):
        person = _varied(index)
        doc = handover_doc(person, index, today)
        doc["person"]["v_nummer"] = f"{CASELOAD_V_BASE + index * 7919:010d}"
        patch, meta = handover_patch(parse_handover(doc))
        patch.update(templates[index % len(templates)])
        case_id = new_case_id()
        # A new case has no fields yet, so flushing before each field's lookup (autoflush)
        # finds nothing new: the whole caseload is flushed at the end instead.
        with session.no_autoflush:
            create_case(
                session,
                case_id,
                patch,
                source="coa",
                origin="local" if outbox else "remote",
                meta=meta,
            )
        ids.append(case_id)
        if index % 200 == 0:
            # Each flush looks at every object the session holds: written cases leave it
            # (they stay in the transaction), so the cost per case stays flat.
            session.flush()
            session.expunge_all()
    return ids
