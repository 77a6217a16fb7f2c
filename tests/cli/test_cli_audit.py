"""``inburg audit --vault V DOSSIER [--json] [--verify]`` (issue 16 item 1) and the
laptop's tamper test: editing, deleting or reordering an audit row with raw SQLCipher
access (the vault's key in hand, the triggers dropped) is detected by ``--verify``
(exit 11) and reported naming the row. Runs the real command in a subprocess."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, text

from inburg_desktop.storage import keyfile
from inburg_desktop.storage.engine import WRITES, make_engine

HANDOVER = Path(__file__).parents[1] / "data" / "handover-amal.json"
PASSPHRASE = "een lange zin als wachtwoord"
EXIT_CHAIN_BROKEN = 11


@contextmanager
def raw_vault(path: Path) -> Iterator[Connection]:
    """The vault's SQLCipher database with its key, as someone holding the key has it,
    with the audit table's guard triggers dropped: nothing stops the change but the chain."""
    key = keyfile.unwrap_key(keyfile.read_key_file(path), PASSPHRASE)
    engine = make_engine(path, key)
    try:
        with engine.execution_options(**{WRITES: True}).begin() as conn:
            conn.execute(text("DROP TRIGGER IF EXISTS audit_trail_no_update"))
            conn.execute(text("DROP TRIGGER IF EXISTS audit_trail_no_delete"))
            yield conn
    finally:
        engine.dispose()
        key.wipe()


@pytest.fixture
def vault_file(tmp_path: Path) -> Path:
    return tmp_path / "kluis.db"


@pytest.fixture
def case_id(inburg: Any, vault_file: Path) -> str:
    """A case made by an import, then its log read three times: each reading is a view
    of the log (entries 2, 3 and 4 after the case's creation, entry 1)."""
    made = [
        inburg("vault", "init", "--vault", vault_file),
        inburg("case", "import", "--vault", vault_file, HANDOVER),
    ]
    assert [step.returncode for step in made] == [0, 0], made[-1].stderr
    case = str(made[-1].stdout.strip())
    readings = [inburg("audit", "--vault", vault_file, case) for _ in range(3)]
    assert [step.returncode for step in readings] == [0, 0, 0]
    return case


def _verify(inburg: Any, vault_file: Path, case_id: str) -> Any:
    return inburg("audit", "--vault", vault_file, case_id, "--verify")


def test_the_trail_shows_who_did_what_to_which_part(
    inburg: Any, vault_file: Path, case_id: str
) -> None:
    shown = _verify(inburg, vault_file, case_id)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].startswith(f"Logboek van dossier {case_id}: 4 regels van 1 apparaat")
    assert "aangemaakt  het hele dossier" in lines[1]
    assert "bekeken  logboek" in lines[2]
    assert "in orde (4 regels; nog niet naar het kantoor gestuurd)" in shown.stdout
    assert "Amal" not in shown.stdout and "Haddad" not in shown.stdout


def test_json_gives_the_chains_with_their_entries(
    inburg: Any, vault_file: Path, case_id: str
) -> None:
    shown = inburg("audit", "--vault", vault_file, case_id, "--json")
    assert shown.returncode == 0, shown.stderr
    doc = json.loads(shown.stdout)
    assert doc["case_id"] == case_id and doc["ok"] is True
    (chain,) = doc["chains"]
    assert chain["break"] is None and chain["anchored_seq"] is None
    assert [e["seq"] for e in chain["entries"]] == [1, 2, 3, 4]
    assert [e["action"] for e in chain["entries"]] == ["create", "view", "view", "view"]
    assert set(chain["entries"][0]) == {
        "seq",
        "at",
        "actor",
        "device_id",
        "case_id",
        "action",
        "part",
        "prev_hash",
        "hash",
    }


def test_a_case_the_vault_does_not_hold_exits_6(inburg: Any, vault_file: Path) -> None:
    assert inburg("vault", "init", "--vault", vault_file).returncode == 0
    shown = inburg("audit", "--vault", vault_file, "bestaat-niet")
    assert shown.returncode == 6
    assert shown.stderr.startswith("inburg: ")


@pytest.mark.parametrize(
    ("tamper", "kind", "row", "words"),
    [
        (
            "UPDATE audit_trail SET part = 'pip' WHERE seq = 2",
            "edited",
            2,
            "regel 2 (nummer 2) is na het vastleggen aangepast",
        ),
        (
            "UPDATE audit_trail SET actor = 'iemand anders' WHERE seq = 3",
            "edited",
            3,
            "regel 3 (nummer 3) is na het vastleggen aangepast",
        ),
        (
            "UPDATE audit_trail SET part = 'Amal Haddad' WHERE seq = 2",  # a value, no part
            "edited",
            2,
            "regel 2 (nummer 2) is na het vastleggen aangepast",
        ),
        (
            "DELETE FROM audit_trail WHERE seq = 2",
            "deleted",
            2,
            "vóór regel 2 (nummer 3) ontbreken regels",
        ),
        (
            # rows 2 and 3 change places: the stored order is row_id
            "UPDATE audit_trail SET row_id = -row_id WHERE seq IN (2, 3);"
            "UPDATE audit_trail SET row_id = 5 + row_id WHERE row_id < 0",
            "reordered",
            2,
            "regel 2 (nummer 3) staat niet op zijn plaats",
        ),
    ],
    ids=["edit-part", "edit-actor", "edit-value-into-part", "delete", "reorder"],
)
def test_a_tampered_row_is_detected_and_named(
    inburg: Any, vault_file: Path, case_id: str, tamper: str, kind: str, row: int, words: str
) -> None:
    with raw_vault(vault_file) as conn:
        for statement in tamper.split(";"):
            conn.execute(text(statement))
    shown = _verify(inburg, vault_file, case_id)
    assert shown.returncode == EXIT_CHAIN_BROKEN, shown.stderr
    assert "NIET IN ORDE" in shown.stdout
    assert words in shown.stdout
    as_json = inburg("audit", "--vault", vault_file, case_id, "--json", "--verify")
    assert as_json.returncode == EXIT_CHAIN_BROKEN
    (chain,) = json.loads(as_json.stdout)["chains"]
    assert chain["break"]["kind"] == kind and chain["break"]["row"] == row


def test_without_verify_a_broken_chain_is_shown_but_exits_0(
    inburg: Any, vault_file: Path, case_id: str
) -> None:
    with raw_vault(vault_file) as conn:
        conn.execute(text("DELETE FROM audit_trail WHERE seq = 2"))
    shown = inburg("audit", "--vault", vault_file, case_id)
    assert shown.returncode == 0
    assert "NIET IN ORDE" in shown.stdout
