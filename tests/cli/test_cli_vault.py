"""``inburg vault init|check|rekey`` and the exit codes of INTERFACES.md."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from inburg_desktop.storage import keyfile
from inburg_desktop.storage.errors import WrongPassphrase

from ..storage.media import fill, held_by_another_process, remount, tmpfs, unprivileged
from ..storage.test_migrations import make_first_revision_vault

PASSPHRASE = "een lange zin als wachtwoord"


@pytest.fixture
def vault_file(inburg: Any, tmp_path: Path) -> Path:
    path = tmp_path / "kluis.db"
    result = inburg("vault", "init", "--vault", path)
    assert result.returncode == 0, result.stderr
    return path


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_init_refuses_to_overwrite(inburg: Any, vault_file: Path) -> None:
    result = inburg("vault", "init", "--vault", vault_file)
    assert result.returncode == 1
    assert "al een kluis" in result.stderr


def test_check_passes_on_a_fresh_vault(inburg: Any, vault_file: Path) -> None:
    result = inburg("vault", "check", "--vault", vault_file)
    assert result.returncode == 0, result.stderr
    assert "in orde" in result.stdout


def test_wrong_passphrase_exit_3_and_vault_untouched(inburg: Any, vault_file: Path) -> None:
    inburg("demo", "--vault", vault_file, "--cases", "3")
    before = snapshot(vault_file.parent)
    result = inburg("case", "list", "--vault", vault_file, passphrase="fout fout fout")
    assert result.returncode == 3
    assert result.stderr.strip().count("\n") == 0  # one clear line
    assert "wachtwoord is onjuist" in result.stderr
    assert snapshot(vault_file.parent) == before


def test_damaged_vault_exit_4_without_traceback(inburg: Any, vault_file: Path) -> None:
    assert inburg("demo", "--vault", vault_file, "--cases", "12").returncode == 0
    data = bytearray(vault_file.read_bytes())
    middle = len(data) // 2
    data[middle] ^= 0x01
    vault_file.write_bytes(bytes(data))
    result = inburg("vault", "check", "--vault", vault_file)
    assert result.returncode == 4, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert "beschadigd" in result.stderr
    # Other commands read only the pages they need: they either work or say the same.
    listed = inburg("case", "list", "--vault", vault_file)
    assert listed.returncode in (0, 4)
    assert "Traceback" not in listed.stderr


def test_a_random_file_is_not_a_vault(inburg: Any, tmp_path: Path) -> None:
    path = tmp_path / "foto.db"
    path.write_bytes(b"\x89PNG\r\n" + b"x" * 5000)
    path.with_name("foto.db.key").write_text("{}")
    result = inburg("vault", "check", "--vault", path)
    assert result.returncode == 4
    assert "Traceback" not in result.stderr


def test_rekey_changes_the_passphrase(inburg: Any, vault_file: Path) -> None:
    new = "een heel ander lang wachtwoord"
    result = inburg("vault", "rekey", "--vault", vault_file, env={"INBURG_NEW_PASSPHRASE": new})
    assert result.returncode == 0, result.stderr
    assert inburg("vault", "check", "--vault", vault_file).returncode == 3
    assert inburg("vault", "check", "--vault", vault_file, passphrase=new).returncode == 0


def test_rekey_with_wrong_passphrase_exit_3(inburg: Any, vault_file: Path) -> None:
    result = inburg(
        "vault",
        "rekey",
        "--vault",
        vault_file,
        passphrase="fout fout",
        env={"INBURG_NEW_PASSPHRASE": "iets nieuws en lang"},
    )
    assert result.returncode == 3
    assert inburg("vault", "check", "--vault", vault_file, passphrase=PASSPHRASE).returncode == 0


def test_no_passphrase_and_no_terminal_is_a_clear_error(inburg: Any, vault_file: Path) -> None:
    result = inburg("vault", "check", "--vault", vault_file, passphrase=None)
    assert result.returncode == 2  # usage, not 3 "wrong passphrase" (usability round 9 #12)
    assert "INBURG_PASSPHRASE" in result.stderr


# --- errors that tell the truth (issue 10, item 4) -------------------------------------

HANDOVER = Path(__file__).parents[1] / "data" / "handover-amal.json"


def _one_line_without_traceback(result: Any) -> None:
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr


def test_a_full_disk_exit_12_in_words(inburg: Any, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "usb", 4096) as disk:
        path = disk / "kluis.db"
        assert inburg("vault", "init", "--vault", path).returncode == 0
        assert inburg("demo", "--vault", path, "--cases", "2").returncode == 0
        filler = fill(disk)
        result = inburg("demo", "--vault", path, "--cases", "40")
        assert result.returncode == 12, (result.returncode, result.stderr)
        assert "is vol" in result.stderr and "beschadigd" not in result.stderr
        _one_line_without_traceback(result)
        filler.unlink()
        assert inburg("vault", "check", "--vault", path).returncode == 0


def test_a_read_only_medium_reads_and_refuses_writes_exit_13_in_words(
    inburg: Any, tmp_path: Path
) -> None:
    """On a medium mounted read-only the commands that only read work (attack round 3:
    even ``case list`` exited 13); a command that writes exits 13 in words, and the
    vault's files are left exactly as they were."""
    with tmpfs(tmp_path / "cd", 4096) as disk:
        path = disk / "kluis.db"
        assert inburg("vault", "init", "--vault", path).returncode == 0
        case_id = inburg("case", "import", "--vault", path, HANDOVER).stdout.strip()
        before = {p.name: p.read_bytes() for p in disk.iterdir()}
        remount(disk, read_only=True)
        try:
            listed = inburg("case", "list", "--vault", path, "--json")
            assert listed.returncode == 0, listed.stderr
            assert [c["id"] for c in json.loads(listed.stdout)] == [case_id]
            assert "Amal" in inburg("case", "list", "--vault", path).stdout
            shown = inburg("case", "show", "--vault", path, case_id)
            assert shown.returncode == 0, shown.stderr
            # another day's outcomes cannot be stored here: computed, shown, not kept
            agenda = inburg("agenda", "--vault", path, "--json", "--on", "2026-05-11")
            assert agenda.returncode == 0, agenda.stderr
            kinds = {item["kind"] for item in json.loads(agenda.stdout)["items"]}
            assert kinds == {"oproep_send", "pip_deadline"}
            checked = inburg("vault", "check", "--vault", path)
            assert checked.returncode == 0 and "in orde" in checked.stdout, checked.stderr
            assert inburg("consulent", "--vault", path).returncode == 0
            # past the vault: the case has no PIP yet (10), not the medium (13)
            out = tmp_path / "pip.pdf"
            rendered = inburg("pip", "render", "--vault", path, "--case", case_id, "--out", out)
            assert rendered.returncode == 10, rendered.stderr
            writes: list[tuple[Any, ...]] = [
                ("case", "import", "--vault", path, HANDOVER),
                ("demo", "--vault", path, "--cases", "1"),
                ("sync", "--vault", path),
                ("consulent", "--vault", path, "--naam", "S. de Vries"),
            ]
            for args in writes:
                result = inburg(*args)
                assert result.returncode == 13, (args, result.returncode, result.stderr)
                assert "alleen gelezen" in result.stderr
                _one_line_without_traceback(result)
        finally:
            remount(disk, read_only=False)
        assert {p.name: p.read_bytes() for p in disk.iterdir()} == before


@pytest.mark.parametrize("target", ["vault", "key file", "folder"])
def test_no_permission_exit_14_in_words(
    inburg: Any, vault_file: Path, tmp_path: Path, target: str
) -> None:
    blocked = {
        "vault": vault_file,
        "key file": vault_file.with_name(vault_file.name + ".key"),
        "folder": vault_file.parent,
    }[target]
    mode = blocked.stat().st_mode
    blocked.chmod(0o000)
    try:
        result = subprocess.run(
            [
                *unprivileged(),
                sys.executable,
                "-m",
                "inburg_desktop.cli",
                "case",
                "list",
                "--vault",
                str(vault_file),
            ],
            capture_output=True,
            text=True,
            env=dict(os.environ, INBURG_PASSPHRASE=PASSPHRASE, INBURG_TEST_FAST_KDF="1"),
            timeout=120,
        )
    finally:
        blocked.chmod(mode)
    assert result.returncode == 14, (result.returncode, result.stderr)
    assert "Geen toestemming" in result.stderr and "beschadigd" not in result.stderr
    _one_line_without_traceback(result)


def test_a_vault_held_by_another_process_exit_15_in_words(inburg: Any, vault_file: Path) -> None:
    """Waits the app's own busy timeout (10 s) first: a short lock is not an error."""
    with held_by_another_process(vault_file, PASSPHRASE, "exclusive"):
        result = inburg("case", "list", "--vault", vault_file)
    assert result.returncode == 15, (result.returncode, result.stderr)
    assert "in gebruik door een ander programma" in result.stderr
    _one_line_without_traceback(result)
    assert inburg("case", "list", "--vault", vault_file).returncode == 0


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["kdf"].update(salt="AAAA"),
        lambda d: d.update(nonce="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        lambda d: d["kdf"].update(memory_kib="veel"),
        lambda d: d["kdf"].update(iterations=10**9),
    ],
    ids=["salt too short", "nonce too long", "memory not a number", "iterations huge"],
)
def test_a_damaged_key_file_exit_4_in_words(inburg: Any, vault_file: Path, damage: Any) -> None:
    key = vault_file.with_name(vault_file.name + ".key")
    doc = json.loads(key.read_text())
    damage(doc)
    key.write_text(json.dumps(doc))
    result = inburg("case", "list", "--vault", vault_file)
    assert result.returncode == 4, (result.returncode, result.stderr)
    assert "sleutelbestand" in result.stderr and "beschadigd" in result.stderr
    _one_line_without_traceback(result)


# --- passphrase change and rotation (issue 10, item 5) --------------------------------


def test_rekey_rotate_re_encrypts_and_old_key_files_stop_working(
    inburg: Any, vault_file: Path
) -> None:
    assert inburg("demo", "--vault", vault_file, "--cases", "3").returncode == 0
    old_key_copy = vault_file.with_name("kluis.db.key").read_bytes()
    new = "een heel ander lang wachtwoord"
    result = inburg(
        "vault", "rekey", "--rotate", "--vault", vault_file, env={"INBURG_NEW_PASSPHRASE": new}
    )
    assert result.returncode == 0, result.stderr
    assert "nieuwe sleutel" in result.stdout
    assert inburg("vault", "check", "--vault", vault_file, passphrase=new).returncode == 0
    # Someone with the old key file and the old passphrase: no longer a way in.
    vault_file.with_name("kluis.db.key").write_bytes(old_key_copy)
    result = inburg("case", "list", "--vault", vault_file)
    assert result.returncode == 4, (result.returncode, result.stderr)


def test_check_removes_migration_backups_once_the_vault_is_in_order(
    inburg: Any, tmp_path: Path
) -> None:
    path = tmp_path / "oud.db"
    make_first_revision_vault(path)
    assert inburg("case", "list", "--vault", path).returncode == 0  # migrates, copies aside
    backups = sorted(p.name for p in tmp_path.iterdir() if ".bak" in p.name)
    if not backups:
        pytest.skip("no migration after the first revision yet")
    assert any(name.endswith(".bak.key") for name in backups)
    result = inburg("vault", "check", "--vault", path)
    assert result.returncode == 0, result.stderr
    assert "reservekopie" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["oud.db", "oud.db.key"]


def test_rekey_also_rewraps_migration_backup_key_files(inburg: Any, tmp_path: Path) -> None:
    path = tmp_path / "oud.db"
    make_first_revision_vault(path)
    assert inburg("case", "list", "--vault", path).returncode == 0
    backup_keys = sorted(tmp_path.glob("oud.db.before-*.bak.key"))
    if not backup_keys:
        pytest.skip("no migration after the first revision yet")
    new = "een heel ander lang wachtwoord"
    result = inburg("vault", "rekey", "--vault", path, env={"INBURG_NEW_PASSPHRASE": new})
    assert result.returncode == 0, result.stderr
    for backup_key in backup_keys:
        wrapped = keyfile.read_key_file_at(backup_key)
        with pytest.raises(WrongPassphrase):
            keyfile.unwrap_key(wrapped, PASSPHRASE)
        keyfile.unwrap_key(wrapped, new)
