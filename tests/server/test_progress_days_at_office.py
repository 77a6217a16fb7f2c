"""The office holds pushed progress to the days the laptop's use cases hold it to
(``progress_fields.day_problem``; attack round 9, finding 7: a crafted push stored 300
NT2 hours dated before the BRP registration and hours in 2030, and the DUO export
reported them)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from inburg_desktop.domain.progress_fields import PVT_ONDERTEKEND, uren_key, uren_value
from inburg_desktop.domain.voortgang import UrenRegel, UrenSoort
from inburg_desktop.server import admin
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.db import Database, lock_counter

from .conftest import IDENTITY, LiveServer, enroll
from .test_purge import put_case
from .test_termijn_anchor import push_one, stored

D = date.fromisoformat


def hours(van: date, tot: date) -> dict[str, Any]:
    return uren_value(van, UrenRegel("Taalhuis", UrenSoort.NT2, tot, Decimal(24)))


def test_progress_dated_before_brp_or_after_today_is_refused_at_push(
    server: LiveServer, office: Database
) -> None:
    consultant = f"consulent-{uuid.uuid4().hex[:8]}"
    laptop = enroll(server, office, consultant)
    case_id = put_case(office, {}, consultant)  # BRP registration 2026-01-05 (IDENTITY)
    version = laptop.get_case(case_id).version
    later = utcnow().date() + timedelta(days=3)
    bad: dict[str, dict[str, Any]] = {
        "before BRP": {uren_key("a1a1a1a1a1a1"): hours(D("2025-06-01"), D("2025-06-30"))},
        "future": {uren_key("b2b2b2b2b2b2"): hours(later, later)},
        "future signing": {PVT_ONDERTEKEND: later.isoformat()},
    }
    for n, (what, patch) in enumerate(bad.items()):
        result = push_one(laptop, case_id, version, n + 1, patch)
        assert result.status == "rejected", what
        key = next(iter(patch))
        assert (result.message or "").startswith(key), what
        assert stored(office, case_id, key) is None, what
    good = {uren_key("c3c3c3c3c3c3"): hours(D("2026-02-02"), D("2026-02-02"))}
    assert push_one(laptop, case_id, version, len(bad) + 1, good).status == "applied"


def test_a_new_case_and_an_office_edit_are_held_to_the_same_days(
    server: LiveServer, office: Database
) -> None:
    consultant = f"consulent-{uuid.uuid4().hex[:8]}"
    laptop = enroll(server, office, consultant)
    early = {uren_key("d4d4d4d4d4d4"): hours(D("2025-06-01"), D("2025-06-30"))}
    case_id = str(uuid.uuid4())
    created = push_one(laptop, case_id, 0, 1, {**IDENTITY, **early})
    assert created.status == "rejected"
    existing = put_case(office, {}, consultant)
    with office.write() as session:
        try:
            admin.office_patch(session, lock_counter(session), existing, early)
        except admin.AdminError as exc:
            assert "BRP" in str(exc)
        else:
            raise AssertionError("the office edit was stored")
    assert stored(office, existing, next(iter(early))) is None
