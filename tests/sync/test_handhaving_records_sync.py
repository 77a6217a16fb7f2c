"""An enforcement record as a whole on the laptop (attack round 6, findings 1, 2, 14, 15):
a decision taken on two laptops is resolved to one side for the record; a step another
laptop adds after the decision never reaches the office; a record an office serves that
cannot be read (a step template with a format width) or does not hold together (a decision
of € 10.000.000 on a € 50 proposal) hides no other record and is never printed as a
letter. SQLite and PostgreSQL offices alike (``db_url``)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from inburg_desktop.domain import handhaving as records
from inburg_desktop.domain.fines import Overtreding, Verwijtbaarheid
from inburg_desktop.domain.handhaving import (
    HandhavingInvalid,
    RecordInconsistent,
    Waarschuwingswijze,
)
from inburg_desktop.messages import error_text
from inburg_desktop.pdf.boete_document import render_boete
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.services import consulent, handhaving
from inburg_desktop.services.conflicts import list_conflicts, resolve
from inburg_desktop.services.handhaving import BesluitInput, OvertredingInput
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.sync_state import quarantine
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.quarantine import reason

from ..conftest import LiveServer
from .test_laptops_office import (
    HANDOVER,
    enroll_vault,
    new_consultant,
    office_conflicts,
    office_fields,
    sync,
    vault_fields,
)

D = date.fromisoformat
TODAY = D("2027-01-31")
MOMENT = datetime(2026, 9, 2, 9, 0, tzinfo=UTC)


def _two_laptops(
    server: LiveServer, office: Database, one: OpenVault, two: OpenVault
) -> tuple[str, str]:
    consultant = new_consultant()
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    for laptop, name in ((one, "Sanne de Vries"), (two, "Sanne de Vries")):
        enroll_vault(laptop, server.url, office, consultant)
        consulent.save_name(laptop, name)
        sync(laptop)
    given = OvertredingInput(
        Overtreding.PVT_INTENSITEIT, D("2026-09-01"), "Niet bij het PVT.", Verwijtbaarheid.OPZET
    )
    (record,) = handhaving.record_violation(one, case, given, TODAY).records
    sync(one)
    sync(two)
    return case, record.id


def test_a_decision_taken_on_two_laptops_is_resolved_for_the_whole_record(
    server: LiveServer, office: Database, vault: OpenVault, second_vault: OpenVault, tmp_path: Path
) -> None:
    one, two = vault, second_vault
    case, rid = _two_laptops(server, office, one, two)
    handhaving.decide(one, case, rid, BesluitInput(True, 50_00, "", D("2026-09-02")), MOMENT)
    lower = BesluitInput(True, 25_00, "Draagkracht.", D("2026-09-03"))
    handhaving.decide(two, case, rid, lower, MOMENT)
    sync(one)
    assert sync(two).conflicts == 2
    keys = {c.field_key: c for c in list_conflicts(two)}
    assert set(keys) == {records.key(rid, "voorstel"), records.key(rid, "besluit")}
    besluit = keys[records.key(rid, "besluit")]
    voorstel = keys[records.key(rid, "voorstel")]
    # a value that is neither side (a mix) is refused, nothing changes
    mixed = {**besluit.office_value, "reden": "samen"}
    with pytest.raises(HandhavingInvalid) as refused:
        resolve(two, case, besluit.field_key, mixed)
    assert refused.value.code == "handhaving_resolve_one_side"
    assert "één kant" in error_text(refused.value)
    assert len(list_conflicts(two)) == 2
    # choosing this laptop's decision takes this laptop's proposal with it: one change
    resolve(two, case, besluit.field_key, besluit.laptop_value)
    assert list_conflicts(two) == ()
    assert voorstel.laptop_value is not None
    assert sync(two).conflicts == 0
    assert office_conflicts(office, case) == []
    held = office_fields(office, case)
    assert held[records.key(rid, "besluit")]["bedrag_cents"] == 25_00
    assert held[records.key(rid, "voorstel")] == voorstel.laptop_value
    sync(one)
    for laptop in (one, two):
        (record,) = handhaving.load(laptop, case).records
        assert record.besluit is not None and record.besluit.bedrag_cents == 25_00
        handhaving.export_letter(laptop, case, rid, render_boete, tmp_path / "brief.pdf")


def test_a_warning_added_after_a_decision_on_another_laptop_stays_off_the_office(
    server: LiveServer, office: Database, vault: OpenVault, second_vault: OpenVault
) -> None:
    """Finding 14: B, not knowing A decided, records a warning (or recomputes the proposal):
    the office keeps the record as A left it, B's warning comes back as a conflict (attack
    round 7, finding 10); the laptop's own use cases refuse once the decision has been
    pulled."""
    one, two = vault, second_vault
    case, rid = _two_laptops(server, office, one, two)
    handhaving.decide(one, case, rid, BesluitInput(True, 50_00, "", D("2026-09-02")), MOMENT)
    sync(one)
    handhaving.record_warning(
        two, case, rid, Waarschuwingswijze.MONDELING, D("2026-09-10"), "Gebeld.", TODAY
    )
    summary = sync(two)
    assert (summary.quarantined, summary.conflicts) == (0, 1)
    assert records.key(rid, "waarschuwing") not in office_fields(office, case)
    sync(one)
    assert handhaving.load(one, case).record(rid).waarschuwing is None
    with pytest.raises(HandhavingInvalid) as refused:
        handhaving.record_proposal(one, case, rid, TODAY)
    assert refused.value.code == "handhaving_already_decided"


def test_a_bad_record_served_by_an_office_hides_no_other_and_prints_no_letter(
    server: LiveServer,
    office: Database,
    vault: OpenVault,
    second_vault: OpenVault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Findings 1 and 2 on the laptop: an office that skips its own checks (hostile, or an
    older version) serves a step with a format width of 2**40 and a decision of
    € 10.000.000 on a € 50 proposal."""
    one, two = vault, second_vault
    case, good = _two_laptops(server, office, one, two)
    handhaving.decide(one, case, good, BesluitInput(True, 50_00, "", D("2026-09-02")), MOMENT)
    sync(one)
    monkeypatch.setattr(admin, "check_patch", lambda patch, creating: None)
    monkeypatch.setattr(admin, "handhaving_refusal", lambda *args: None)
    held = office_fields(office, case)
    overtreding = held[records.key(good, "overtreding")]
    wide = {"code": "x", "text": "{a:>1099511627776}", "params": {"a": "b"}}
    unreadable, inflated = "0123456789ab", "ba9876543210"
    admin.edit_case(
        office,
        case,
        {
            records.key(unreadable, "overtreding"): overtreding,
            records.key(unreadable, "voorstel"): {
                **held[records.key(good, "voorstel")],
                "stappen": [wide],
            },
            records.key(inflated, "overtreding"): overtreding,
            records.key(inflated, "voorstel"): held[records.key(good, "voorstel")],
            records.key(inflated, "besluit"): {
                **held[records.key(good, "besluit")],
                "bedrag_cents": 1_000_000_000,
            },
        },
    )
    sync(two)
    # the pull holds each pulled step to the office's shape rule: the wide template is
    # not stored (set aside), its record keeps only its violation
    assert records.key(unreadable, "voorstel") not in vault_fields(two, case)
    # a step stored before that check (an older version), or one a newer version wrote:
    # the record is shown as unreadable, the others still work
    with two.transaction() as session:
        update_fields(
            session,
            case,
            {
                records.key(unreadable, "voorstel"): {
                    **held[records.key(good, "voorstel")],
                    "stappen": [wide],
                }
            },
        )
    # attack round 7, finding 1: the pull holds the record to its rules as a whole, so the
    # inflated decision and its violation and proposal are set aside together, in words
    stored = vault_fields(two, case)
    assert not any(k.startswith(f"handhaving.{inflated}.") for k in stored)
    with two.session() as session:
        words = [reason(e) for e in quarantine(session) if e.case_id == case]
    assert any("hoger dan het voorstel (Besluit art. 7.1)" in w for w in words), words
    # a record stored before the pull held it (an older version): marked, never printed
    with two.transaction() as session:
        update_fields(
            session,
            case,
            {
                records.key(inflated, "overtreding"): overtreding,
                records.key(inflated, "voorstel"): held[records.key(good, "voorstel")],
                records.key(inflated, "besluit"): {
                    **held[records.key(good, "besluit")],
                    "bedrag_cents": 1_000_000_000,
                },
            },
        )
    data = handhaving.load(two, case)
    assert data.unreadable == (unreadable,)
    assert {r.id for r in data.records} == {good, inflated}
    assert data.broken[inflated].code == "decision_above_proposal"
    handhaving.export_letter(two, case, good, render_boete, tmp_path / "goed.pdf")
    for rid, rule in ((unreadable, "unreadable"), (inflated, "decision_above_proposal")):
        with pytest.raises(RecordInconsistent) as refused:
            handhaving.export_letter(two, case, rid, render_boete, tmp_path / "fout.pdf")
        assert refused.value.rule.code == rule
        assert "klopt als geheel niet" in error_text(refused.value)
    assert not (tmp_path / "fout.pdf").exists()
