"""The vault's connections carry the pragmas DESIGN.md names (WAL, synchronous=FULL,
temp_store=MEMORY, a raw key) and not SQLCipher's memory-security mode, which doubled the
CPU of every write (issue 14) without guarding the key management DESIGN.md relies on
(docs/threat-model.md)."""

from __future__ import annotations

from sqlalchemy import text

from inburg_desktop.storage.vault import OpenVault


def test_vault_connections_have_the_designed_pragmas(vault: OpenVault) -> None:
    with vault.session() as session:

        def pragma(name: str) -> str:
            return str(session.execute(text(f"PRAGMA {name}")).scalar())

        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == "2"  # FULL
        assert pragma("temp_store") == "2"  # MEMORY
        assert pragma("foreign_keys") == "1"
        assert pragma("cipher_memory_security") == "0"
