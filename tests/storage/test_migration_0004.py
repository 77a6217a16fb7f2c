"""Migration 0004: the residence basis, the permit date and the registration after a move
become identity columns; a vault made before opens with them empty (unknown), and the
new keys land in them through a patch like every identity field."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from inburg_desktop.domain.case import ResidenceBasis
from inburg_desktop.storage import keyfile, migrate
from inburg_desktop.storage.cases import get_case, update_fields
from inburg_desktop.storage.changes import PatchError
from inburg_desktop.storage.engine import WRITES, make_engine
from inburg_desktop.storage.files import touch_owner_only
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import OpenVault, unlock_vault

PASSPHRASE = "een lange zin als wachtwoord"


def _vault_at(path: Path, revision: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    vault_id, key = keyfile.new_vault_key()
    keyfile.write_key_file(path, keyfile.wrap_key(key, PASSPHRASE, vault_id, TEST_KDF))
    touch_owner_only(path)
    engine = make_engine(path, key)
    migrate.upgrade(engine, revision)
    with engine.execution_options(**{WRITES: True}).begin() as conn:
        conn.execute(
            text(
                "INSERT INTO cases (id, doelgroep, given_names, family_name, date_of_birth,"
                " nationality, languages, brp_registration, source, version, server_version,"
                " created_at, updated_at) VALUES ('c1', 'gezinsmigrant', 'Oud', 'Dossier',"
                " '1990-01-01', 'MAR', '[]', '2026-01-05', 'coa', 1, 0,"
                " '2026-01-05 10:00:00', '2026-01-05 10:00:00')"
            )
        )
    engine.dispose()
    key.wipe()


def test_a_0003_vault_opens_with_the_new_columns_empty(tmp_path: Path) -> None:
    path = tmp_path / "v0003.db"
    _vault_at(path, "0003")
    vault = unlock_vault(path, PASSPHRASE)
    try:
        assert vault.check().schema_revision == migrate.head_revision()
        with vault.session() as session:
            case = get_case(session, "c1").case
        assert case.person.residence_basis is None
        assert case.person.permit_since is None
        assert case.dates.brp_after_move is None
        with vault.transaction() as session:
            update_fields(
                session,
                "c1",
                {
                    "person.residence_basis": "gezin",
                    "person.permit_since": "2025-12-01",
                    "dates.brp_after_move": "2026-02-01",
                },
            )
        with vault.session() as session:
            case = get_case(session, "c1").case
        assert case.person.residence_basis is ResidenceBasis.GEZIN
        assert str(case.person.permit_since) == "2025-12-01"
        assert str(case.dates.brp_after_move) == "2026-02-01"
    finally:
        vault.lock()


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("person.residence_basis", "vluchteling"),
        ("person.residence_basis", 3),
        ("person.permit_since", "1-12-2025"),
        ("dates.brp_after_move", "2026-02-30"),
    ],
)
def test_bad_identity_values_are_refused(vault: OpenVault, key: str, value: object) -> None:
    from inburg_desktop.domain.handover import parse_handover
    from inburg_desktop.storage.cases import import_handover

    doc = {
        "format": "inburg-handover/1",
        "person": {
            "given_names": "A",
            "family_name": "B",
            "date_of_birth": "1990-01-01",
            "nationality": "SYR",
        },
        "doelgroep": "statushouder",
        "dates": {"brp_registration": "2026-03-02"},
    }
    with vault.transaction() as session:
        case_id = import_handover(session, parse_handover(doc))
    with pytest.raises(PatchError, match=key), vault.transaction() as session:
        update_fields(session, case_id, {key: value})
