"""Migration 0010: the stored office account (``sync.consultant``) in NFC (attack round 7,
finding 13). A vault enrolled against an office that held the name decomposed stored it
so, and every decision it took named the decomposed form as decider."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from sqlalchemy import text

from inburg_desktop.services import consulent
from inburg_desktop.storage import keyfile, migrate
from inburg_desktop.storage.engine import WRITES, make_engine
from inburg_desktop.storage.files import touch_owner_only
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.sync_state import enrollment
from inburg_desktop.storage.vault import unlock_vault

PASSPHRASE = "een lange zin als wachtwoord"
NFD = unicodedata.normalize("NFD", "José Ruiz")


def _enrolled_vault_at(path: Path, revision: str, account: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    vault_id, key = keyfile.new_vault_key()
    keyfile.write_key_file(path, keyfile.wrap_key(key, PASSPHRASE, vault_id, TEST_KDF))
    touch_owner_only(path)
    engine = make_engine(path, key)
    migrate.upgrade(engine, revision)
    settings = {
        "sync.server_url": "https://kantoor.example",
        "sync.device_id": "dev-1",
        "sync.consultant": account,
        "sync.private_key": "AAAA",
    }
    with engine.execution_options(**{WRITES: True}).begin() as conn:
        for key_, value in settings.items():
            conn.execute(
                text("INSERT INTO settings (key, value) VALUES (:k, :v)"),
                {"k": key_, "v": json.dumps(value, ensure_ascii=False)},
            )
    engine.dispose()
    key.wipe()


def test_a_decomposed_account_reads_and_decides_in_nfc_after_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "v0009.db"
    _enrolled_vault_at(path, "0009", NFD)
    vault = unlock_vault(path, PASSPHRASE)
    try:
        assert vault.check().schema_revision == migrate.head_revision()
        with vault.session() as session:
            enrolled = enrollment(session)
            assert enrolled is not None
            assert enrolled.consultant == "José Ruiz" != NFD
        # a decision taken now names the account in NFC, as the office holds it
        with vault.transaction() as session:
            assert consulent.besluitnemer(session).consulent_id == "José Ruiz"
    finally:
        vault.lock()


def test_an_account_already_in_nfc_and_a_vault_not_enrolled_are_left_as_they_are(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v0009-nfc.db"
    _enrolled_vault_at(path, "0009", "Amal Haddad")
    vault = unlock_vault(path, PASSPHRASE)
    try:
        with vault.session() as session:
            enrolled = enrollment(session)
            assert enrolled is not None and enrolled.consultant == "Amal Haddad"
    finally:
        vault.lock()
