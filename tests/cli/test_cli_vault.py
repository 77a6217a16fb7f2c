"""``inburg vault init|check|rekey`` and the exit codes of INTERFACES.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

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
    assert result.returncode == 3
    assert "INBURG_PASSPHRASE" in result.stderr
