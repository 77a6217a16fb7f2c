"""Recovery of a vault whose passphrase is forgotten, through the office (issue 16 item 4,
DESIGN.md "Key management", docs/recovery.md), end to end with a test recovery key: the
office makes its key (``inburg-office recovery-key new``), a laptop enrolls and wraps its
vault key to it, the consultant forgets the passphrase and sends a request (``inburg
vault recovery-request``), the office answers with the offline private key (``inburg-office
recover``), and the vault opens with the new passphrase only (``inburg vault recover``).
Hostile request files are refused at the office with nothing written; no byte of the
private key is anywhere but in its own (encrypted) file.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import MetaData, select

from inburg_desktop.protocol.recovery import (
    RecoveryRequest,
    load_private_key,
    new_key_pair,
    private_key_pem,
    wrap_to,
)
from inburg_desktop.server import admin
from inburg_desktop.server.cli import main
from inburg_desktop.server.db import Database
from inburg_desktop.server.recovery import current_public_key, new_recovery_key
from inburg_desktop.services import sync_round, vault_session
from inburg_desktop.storage.errors import WrongPassphrase
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import create_vault, unlock_vault

from ..cli.conftest import run_inburg
from ..conftest import LiveServer
from ..sync.test_laptops_office import new_consultant

FORGOTTEN = "het wachtwoord dat ik vergat"
NEW = "mijn nieuwe lange wachtwoord"
KEY_PASSPHRASE = "wachtwoord van de herstelsleutel"
TEMPORARY = re.compile(r"^  ([a-z2-9]{5}(?:-[a-z2-9]{5}){4})$", re.MULTILINE)


def office_cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def office_recover(
    capsys: pytest.CaptureFixture[str], request: Path, key: Path, secret: Path, out: Path
) -> tuple[int, str, str]:
    """``inburg-office recover`` of ``request`` with the private ``key`` file."""
    return office_cli(
        capsys,
        *("recover", "--request", request, "--private-key", key),
        *("--passphrase-file", secret, "--out", out),
    )


def passphrase_file(folder: Path, text: str = KEY_PASSPHRASE) -> Path:
    path = folder / "wachtwoord.txt"
    path.write_text(text + "\n")
    return path


def laptop_recover(
    vault_path: Path, response: Path, temporary: str
) -> subprocess.CompletedProcess[str]:
    """``inburg vault recover`` with the one-time passphrase and :data:`NEW`."""
    return run_inburg(
        "vault",
        "recover",
        "--vault",
        vault_path,
        "--response",
        response,
        passphrase=None,
        env={"INBURG_RECOVERY_PASSPHRASE": temporary, "INBURG_NEW_PASSPHRASE": NEW},
    )


def every_file_bytes(*roots: Path, but: Path) -> dict[Path, bytes]:
    return {
        p: p.read_bytes()
        for root in roots
        for p in root.rglob("*")
        if p.is_file() and p.resolve() != but.resolve()
    }


def database_dump(db: Database) -> bytes:
    """Every value of every table of the office database, as text."""
    meta = MetaData()
    meta.reflect(db.engine)
    lines: list[str] = []
    with db.engine.connect() as conn:
        for table in meta.sorted_tables:
            lines.extend(repr(tuple(row)) for row in conn.execute(select(table)))
    return "\n".join(lines).encode()


def forms_of(raw: bytes) -> dict[str, bytes]:
    """The ways a 32-byte private key could be written down."""
    der = serialization.Encoding.DER
    return {
        "raw": raw,
        "hex": raw.hex().encode(),
        "HEX": raw.hex().upper().encode(),
        "base64": base64.b64encode(raw),
        "base64url": base64.urlsafe_b64encode(raw).rstrip(b"="),
        "pkcs8 der": X25519PrivateKey.from_private_bytes(raw).private_bytes(
            der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
    }


def test_recovery_end_to_end_opens_with_the_new_passphrase_only_and_leaves_no_key_bytes(
    server: LiveServer,
    office: Database,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    private_file = usb / "herstelsleutel.pem"
    secret = passphrase_file(tmp_path)
    code, out, err = office_cli(
        capsys,
        "recovery-key",
        "new",
        "--out-private",
        private_file,
        "--passphrase-file",
        secret,
        "--db",
        db_url,
    )
    assert code == 0, err
    assert "Herstelsleutel aangemaakt" in out and str(private_file) in out
    assert private_file.stat().st_mode & 0o777 == 0o600
    assert b"ENCRYPTED PRIVATE KEY" in private_file.read_bytes()

    laptop = tmp_path / "laptop"
    vault_path = laptop / "kluis.db"
    vault = create_vault(vault_path, FORGOTTEN, TEST_KDF)
    assert not vault_session.recovery_state(vault).possible
    code_text, _ = admin.create_enrollment_code(office, new_consultant("herstel"))
    enrolled = sync_round.enroll(vault, server.url, code_text)
    assert enrolled.recovery.possible
    assert vault_session.recovery_state(vault) == enrolled.recovery
    vault.lock()

    # the passphrase is forgotten: the request needs none
    request = tmp_path / "verzoek.json"
    asked = run_inburg(
        "vault", "recovery-request", "--vault", vault_path, "--out", request, passphrase=None
    )
    assert asked.returncode == 0, asked.stderr
    assert "Herstelverzoek geschreven" in asked.stdout

    response = tmp_path / "antwoord.json"
    code, out, err = office_recover(capsys, request, private_file, secret, response)
    assert code == 0, err
    found = TEMPORARY.search(out)
    assert found is not None, out
    temporary = found.group(1)
    assert temporary.encode() not in response.read_bytes()

    key_file_before = (laptop / "kluis.db.key").read_bytes()
    wrong = laptop_recover(vault_path, response, "aaaaa-bbbbb-ccccc-ddddd-eeeee")
    assert wrong.returncode == 3 and "eenmalige wachtwoord past niet" in wrong.stderr
    assert (laptop / "kluis.db.key").read_bytes() == key_file_before

    # typed back in capitals with spaces for dashes, as read over the phone
    recovered = laptop_recover(vault_path, response, temporary.upper().replace("-", " "))
    assert recovered.returncode == 0, recovered.stderr
    assert "alleen met uw nieuwe wachtwoord" in recovered.stdout

    for refused in (FORGOTTEN, temporary):
        with pytest.raises(WrongPassphrase):
            unlock_vault(vault_path, refused)
    opened = unlock_vault(vault_path, NEW)
    try:
        # still recoverable, by the same office key
        assert vault_session.recovery_state(opened) == enrolled.recovery
        assert opened.check().ok
    finally:
        opened.lock()
    checked = run_inburg("vault", "check", "--vault", vault_path, passphrase=NEW)
    assert checked.returncode == 0 and "Herstel via de gemeente: mogelijk" in checked.stdout

    # No byte of the private key anywhere but in its own file: the office's database
    # (file, WAL and a dump of every table), the server's logs, the laptop, the request
    # and the response, and what the commands printed.
    private = load_private_key(private_file.read_bytes(), KEY_PASSPHRASE.encode())
    raw = private.private_bytes_raw()
    roots = [tmp_path, server.log_dir]
    if db_url.startswith("sqlite:///"):
        roots.append(Path(db_url.removeprefix("sqlite:///")).parent)
    haystacks = every_file_bytes(*roots, but=private_file)
    haystacks[Path("<database dump>")] = database_dump(office)
    haystacks[Path("<printed>")] = (out + err + asked.stdout + recovered.stdout).encode()
    assert len(haystacks) > 5
    for name, form in forms_of(raw).items():
        holding = [str(path) for path, data in haystacks.items() if form in data]
        assert holding == [], f"private key ({name}) found in {holding}"


def test_the_enrollment_answer_carries_the_newest_recovery_key_and_none_before(
    tmp_path: Path,
) -> None:
    """Backward compatible both ways: an office without a recovery key answers without
    one (the laptop has no recovery, and says so); the field is optional in the answer."""
    url = f"sqlite:///{tmp_path / 'kantoor.db'}"
    assert main(["devices", "--db", url]) == 0  # makes and migrates the database
    db = Database(url)
    try:
        from inburg_desktop.protocol.device_keys import DeviceKey, enroll_proof_message
        from inburg_desktop.protocol.messages import EnrollRequest, EnrollResponse

        def enrolled() -> EnrollResponse:
            code, _ = admin.create_enrollment_code(db, "Sanne de Vries")
            key = DeviceKey.generate()
            return admin.redeem(
                db,
                EnrollRequest(
                    code=code,
                    public_key=key.public_key_b64,
                    proof=key.sign(enroll_proof_message(code, key.public_key_b64)),
                ),
            )

        assert current_public_key(db) is None
        assert enrolled().recovery_public_key is None
        new_recovery_key(db, tmp_path / "eerste.pem", b"x" * 12)
        first = current_public_key(db)
        new_recovery_key(db, tmp_path / "tweede.pem", b"x" * 12)
        second = current_public_key(db)
        assert first is not None and second is not None and first != second
        assert enrolled().recovery_public_key == second
        # an answer from an office before this field still reads
        old = EnrollResponse.model_validate_json(
            json.dumps({"device_id": "d-1", "consultant": "Sanne de Vries", "server_time": 1})
        )
        assert old.recovery_public_key is None
    finally:
        db.dispose()


def _request_for(vault_id: str, public: bytes) -> bytes:
    return RecoveryRequest(vault_id, wrap_to(b"\x07" * 32, public, vault_id)).to_json()


def _damaged(data: bytes) -> bytes:
    doc = json.loads(data)
    wrapped = bytearray(base64.b64decode(doc["recovery"]["wrapped_key"]))
    wrapped[3] ^= 0x40
    doc["recovery"]["wrapped_key"] = base64.b64encode(bytes(wrapped)).decode()
    return json.dumps(doc).encode()


def _other_vault(data: bytes) -> bytes:
    doc = json.loads(data)
    doc["vault_id"] = "0f0e0d0c-0b0a-4908-8706-050403020100"  # another vault's id
    return json.dumps(doc).encode()


HOSTILE: dict[str, tuple[Callable[[bytes], bytes], int, str]] = {
    "truncated": (lambda data: data[: len(data) // 2], 5, "geen leesbaar herstelverzoek"),
    "not json": (lambda _data: b"\xff\xfe garbage", 5, "geen leesbaar herstelverzoek"),
    "a response, not a request": (
        lambda data: data.replace(b"inburg-recovery-request", b"inburg-recovery-response"),
        5,
        "geen leesbaar herstelverzoek",
    ),
    "a flipped bit in the wrap": (_damaged, 1, "gaat niet open met deze herstelsleutel"),
    "another vault's id": (_other_vault, 1, "gaat niet open met deze herstelsleutel"),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_request_is_refused_at_the_office_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    private, public = new_key_pair()
    key_file = tmp_path / "herstel.pem"
    key_file.write_bytes(private_key_pem(private, KEY_PASSPHRASE.encode()))
    change, code_expected, words = HOSTILE[kind]
    request = tmp_path / "verzoek.json"
    request.write_bytes(change(_request_for("01234567-89ab-4def-8123-456789abcdef", public)))
    response = tmp_path / "antwoord.json"
    code, out, err = office_recover(capsys, request, key_file, passphrase_file(tmp_path), response)
    assert code == code_expected, err
    assert words in err and "Er is niets geschreven" in err
    assert out == "" and not response.exists()


def test_a_request_to_another_recovery_key_or_a_wrong_key_passphrase_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private, _public = new_key_pair()
    _other, other_public = new_key_pair()
    key_file = tmp_path / "herstel.pem"
    key_file.write_bytes(private_key_pem(private, KEY_PASSPHRASE.encode()))
    request = tmp_path / "verzoek.json"
    request.write_bytes(_request_for("01234567-89ab-4def-8123-456789abcdef", other_public))
    response = tmp_path / "antwoord.json"
    code, _out, err = office_recover(capsys, request, key_file, passphrase_file(tmp_path), response)
    assert code == 1 and "andere herstelsleutel" in err and not response.exists()
    wrong = passphrase_file(tmp_path, "niet het wachtwoord van de sleutel")
    code, _out, err = office_recover(capsys, request, key_file, wrong, response)
    assert code == 1 and "wachtwoord is onjuist" in err and not response.exists()
    # the request as the private key file, and the other way round
    code, _out, err = office_recover(capsys, key_file, request, passphrase_file(tmp_path), response)
    assert code == 5 and not response.exists()


def test_recovery_key_new_never_overwrites_and_stores_nothing_then(
    office: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "herstel.pem"
    existing.write_bytes(b"een ander bestand")
    before = current_public_key(office)
    code, _out, err = office_cli(
        capsys,
        "recovery-key",
        "new",
        "--out-private",
        existing,
        "--passphrase-file",
        passphrase_file(tmp_path),
        "--db",
        db_url,
    )
    assert code == 2 and "bestaat al" in err
    assert existing.read_bytes() == b"een ander bestand"
    assert current_public_key(office) == before
    short = passphrase_file(tmp_path, "kort")
    fresh = tmp_path / "nieuw.pem"
    code, _out, err = office_cli(
        capsys,
        "recovery-key",
        "new",
        "--out-private",
        fresh,
        "--passphrase-file",
        short,
        "--db",
        db_url,
    )
    assert code == 2 and "minstens" in err and not fresh.exists()
    assert current_public_key(office) == before


def test_a_vault_never_enrolled_with_recovery_says_so_and_makes_no_request(
    tmp_path: Path,
) -> None:
    vault_path = tmp_path / "kluis.db"
    made = run_inburg("vault", "init", "--vault", vault_path, passphrase=FORGOTTEN)
    assert made.returncode == 0, made.stderr
    assert "Herstel via de gemeente: nog niet; pas na aanmelding bij het kantoor" in made.stdout
    request = tmp_path / "verzoek.json"
    asked = run_inburg(
        "vault", "recovery-request", "--vault", vault_path, "--out", request, passphrase=None
    )
    assert asked.returncode == 9 and "nooit aangemeld" in asked.stderr
    assert not request.exists()


def test_the_office_prints_the_key_id_the_laptop_shows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The consultant and the office compare the same id (grouped for reading)."""
    url = f"sqlite:///{tmp_path / 'kantoor.db'}"
    assert main(["devices", "--db", url]) == 0
    capsys.readouterr()
    code, out, _err = office_cli(
        capsys,
        "recovery-key",
        "new",
        "--out-private",
        tmp_path / "k.pem",
        "--passphrase-file",
        passphrase_file(tmp_path),
        "--db",
        url,
    )
    assert code == 0
    db = Database(url)
    try:
        public = current_public_key(db)
    finally:
        db.dispose()
    assert public is not None
    vault = create_vault(tmp_path / "kluis.db", FORGOTTEN, TEST_KDF)
    try:
        state = vault_session.add_recovery(vault, public)
    finally:
        vault.lock()
    assert state.key_id is not None and f"sleutel-id {state.key_id}." in out
