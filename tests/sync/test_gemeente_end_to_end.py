"""END TO END, with the office side (issue 16 item 5): the office records its gemeenten and
who works for which (``inburg-office gemeente``/``consultant``), the laptop pulls the list
and offers the consultant's gemeenten; a new case of theirs goes to the office with its
gemeente, and a case of a gemeente they do not work for is refused by the office and said
on the laptop in words, with what to do. Needs the office server (``server`` fixture)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.services import case_by_hand
from inburg_desktop.services.gemeenten import consultant_gemeenten
from inburg_desktop.storage.sync_state import quarantine
from inburg_desktop.storage.vault import unlock_vault
from inburg_desktop.sync.quarantine import reason

from ..conftest import PASSPHRASE, LiveServer
from ..gemeente_office import forget_gemeenten
from ..services.test_gemeenten import FORM
from .test_laptops_office import make_vault, new_consultant
from .test_sync_cli import inburg, new_code, office_cmd


def test_the_laptop_offers_the_office_s_gemeenten_and_hears_its_refusal(
    server: LiveServer, db_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "laptop" / "kluis.db"
    make_vault(path).lock()
    consultant = new_consultant("gemeenten")
    code = new_code(db_url, consultant)
    enrolled = inburg("device", "enroll", "--vault", path, "--server", server.url, "--code", code)
    assert enrolled.returncode == 0, enrolled.stderr
    try:
        _offered_and_refused(server, db_url, path, consultant)
    finally:
        forget_gemeenten(db_url)  # the session's office serves none again after


def _offered_and_refused(server: LiveServer, db_url: str, path: Path, consultant: str) -> None:
    office_cmd(db_url, "gemeente", "add", "GM0626", "Voorschoten")
    office_cmd(db_url, "gemeente", "add", "GM0629", "Wassenaar")
    office_cmd(db_url, "consultant", "add-gemeente", consultant, "GM0629")
    assert inburg("sync", "--vault", path).returncode == 0

    vault = unlock_vault(path, PASSPHRASE)
    try:
        keuze = consultant_gemeenten(vault)
        assert [g.naam for g in keuze.eigen] == ["Wassenaar"] and not keuze.kiezen
        case_by_hand.add_case(vault, FORM)  # Wassenaar's, the consultant's one gemeente
        with vault.transaction() as session:
            # written past the laptop's own check, as a vault of before the list might hold
            (other,) = add_demo_cases(session, 1, date(2026, 11, 2), gemeenten=("GM0626",))
    finally:
        vault.lock()
    synced = inburg("sync", "--vault", path)
    assert synced.returncode == 0, synced.stderr

    vault = unlock_vault(path, PASSPHRASE)
    try:
        with vault.session() as session:
            held = quarantine(session)
    finally:
        vault.lock()
    assert {entry.case_id for entry in held} == {other}  # Wassenaar's case went through
    # the case's creation refused for its gemeente (the demo's later edits of it then
    # find no case at the office: ``missing_field``)
    first = min(held, key=lambda entry: entry.op_id or 0)
    assert first.error == "gemeente_niet_van_consulent"
    assert "Kies in Dossiergegevens een van uw gemeenten" in reason(first)
