"""The laptop's Purge test (issue 16 item 2): after a case leaves this laptop, none of the
person's strings is in any file of the vault, searched in the decrypted bytes.

The vault is encrypted, so searching its files as they are proves nothing. Three searches
with the key: every page of the vault file and every frame of its WAL decrypted
(SQLCipher 4 defaults: AES-256-CBC, 4096-byte pages, 80 reserved bytes per page whose
first 16 are the IV; page 1 starts with the 16-byte salt): this reaches free pages and
the unused space inside pages, where a plain delete leaves the old bytes; every row of
every table; and a plaintext copy made by ``sqlcipher_export``. Each search is first shown
to find the strings while the case is there. Real office server, real encrypted vault.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.services.intake_edit import save
from inburg_desktop.storage.engine import connect_raw
from inburg_desktop.storage.secret import SecretKey
from inburg_desktop.storage.vault import OpenVault

from ..conftest import LiveServer
from .test_laptops_office import HANDOVER, case_ids, enroll_vault, new_consultant, sync

PAGE = 4096
RESERVE = 80  # IV (16) and HMAC-SHA512 (64) at the end of every page
WAL_HEADER, FRAME_HEADER = 32, 24

PERSON = {
    "person.family_name": "Vrenthoudijk",
    "person.given_names": "Oszkariel",
    "person.v_nummer": "5647382910",
}
NOTE = "Vertelde over Qwalderbrug en de nachten daarna"


def _decrypt(page: bytes, key: bytes, first: bool) -> bytes:
    iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
    body = page[16 if first else 0 : PAGE - RESERVE]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def decrypted_files(path: Path, key: bytes) -> bytes:
    """Every page of the vault file and every frame of its WAL, decrypted."""
    out: list[bytes] = []
    data = path.read_bytes()
    for offset in range(0, len(data) - PAGE + 1, PAGE):
        out.append(_decrypt(data[offset : offset + PAGE], key, offset == 0))
    wal = Path(f"{path}-wal")
    frames = wal.read_bytes() if wal.exists() else b""
    for offset in range(WAL_HEADER, len(frames) - FRAME_HEADER - PAGE + 1, FRAME_HEADER + PAGE):
        page_number = int.from_bytes(frames[offset : offset + 4], "big")
        start = offset + FRAME_HEADER
        out.append(_decrypt(frames[start : start + PAGE], key, page_number == 1))
    return b"".join(out)


def rows_and_export(path: Path, key: bytes, plain: Path) -> bytes:
    """Every row of every table, and the bytes of a plaintext ``sqlcipher_export`` copy."""
    plain.unlink(missing_ok=True)
    conn = connect_raw(path, SecretKey(bytearray(key)))
    try:
        tables = [
            name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        rows = [repr(conn.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables]
        conn.execute(f"ATTACH DATABASE '{plain}' AS plaintext KEY ''")
        conn.execute("SELECT sqlcipher_export('plaintext')")
        conn.execute("DETACH DATABASE plaintext")
    finally:
        conn.close()
    return "\n".join(rows).encode() + plain.read_bytes()


def test_after_a_case_leaves_the_laptop_none_of_its_strings_is_in_any_file(
    server: LiveServer, office: Database, vault: OpenVault, vault_path: Path, tmp_path: Path
) -> None:
    consultant = new_consultant("bytes")
    leaving = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    staying = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    admin.edit_case(office, leaving, PERSON)
    enroll_vault(vault, server.url, office, consultant)
    sync(vault)
    with vault.transaction() as session:
        save(session, leaving, {"intake.werk.notes": NOTE})
    sync(vault)  # the note reaches the office: nothing of the case is unsent
    key = bytes(vault._key.raw())
    strings = [s.encode() for s in (*PERSON.values(), NOTE)]

    def found() -> list[bytes]:
        everything = decrypted_files(vault_path, key) + rows_and_export(
            vault_path, key, tmp_path / "plain.db"
        )
        return [s for s in strings if s in everything]

    assert found() == strings  # the searches see the case while it is there

    admin.unassign(office, leaving)
    summary = sync(vault)

    assert summary.purged == 1
    assert case_ids(vault) == {staying}
    assert found() == []
    # and every file beside the vault, as it lies on the disk
    for file in vault_path.parent.iterdir():
        if file.is_file():
            assert not [s for s in strings if s in file.read_bytes()], file.name
