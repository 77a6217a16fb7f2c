"""A passphrase variable that is not set is a usage error naming it, never "wrong
passphrase" (usability round 9 #12: ``inburg vault recover`` with ``INBURG_PASSPHRASE``
and ``INBURG_NEW_PASSPHRASE`` set, as the README named them, exited 3, the code a
script reads as a wrong one-time passphrase); every variable is in the README."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from inburg_desktop.commands.common import PASSPHRASE_VARIABLES

from .conftest import PASSPHRASE

ROOT = Path(__file__).parents[2]
Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def made(inburg: Run, tmp_path: Path) -> Path:
    vault = tmp_path / "kluis.db"
    assert inburg("vault", "init", "--vault", vault).returncode == 0
    return vault


def test_recover_without_the_one_time_passphrase_names_its_variable(
    inburg: Run, made: Path, tmp_path: Path
) -> None:
    """The finding's steps: the variables the README named, not the one recover reads."""
    response = tmp_path / "resp.json"
    response.write_text("{}", encoding="utf-8")
    done = inburg(
        "vault",
        "recover",
        "--vault",
        made,
        "--response",
        response,
        env={"INBURG_NEW_PASSPHRASE": "nieuw wachtwoord 456789"},
    )
    assert done.returncode == 2, done.stderr
    assert "INBURG_RECOVERY_PASSPHRASE" in done.stderr
    assert "eenmalige wachtwoord van het kantoor" in done.stderr
    assert inburg("vault", "check", "--vault", made).returncode == 0  # nothing changed


@pytest.mark.parametrize(
    ("words", "env", "named"),
    [
        (["case", "list"], {}, "INBURG_PASSPHRASE"),
        (["vault", "rekey"], {"INBURG_PASSPHRASE": PASSPHRASE}, "INBURG_NEW_PASSPHRASE"),
        (
            ["vault", "recover", "--response", "{response}"],
            {"INBURG_RECOVERY_PASSPHRASE": "eenmalig"},
            "INBURG_NEW_PASSPHRASE",
        ),
    ],
)
def test_every_missing_variable_is_a_usage_error_naming_it(
    inburg: Run, made: Path, tmp_path: Path, words: list[str], env: dict[str, str], named: str
) -> None:
    response = tmp_path / "resp.json"
    response.write_text("{}", encoding="utf-8")
    words = [w.replace("{response}", str(response)) for w in words]
    done = inburg(*words, "--vault", made, passphrase=None, env=env)
    assert done.returncode == 2, done.stderr
    assert f"{named} ({PASSPHRASE_VARIABLES[named]}) is niet gezet" in done.stderr
    assert "onjuist" not in done.stderr
    assert inburg("vault", "check", "--vault", made).returncode == 0


def test_an_empty_variable_is_no_passphrase(inburg: Run, made: Path) -> None:
    done = inburg("case", "list", "--vault", made, passphrase="")
    assert done.returncode == 2
    assert "INBURG_PASSPHRASE (het wachtwoord van de kluis) is leeg" in done.stderr


def test_a_wrong_passphrase_is_still_exit_3(inburg: Run, made: Path) -> None:
    done = inburg("case", "list", "--vault", made, passphrase="een ander wachtwoord")
    assert done.returncode == 3


def test_every_variable_read_is_known_and_in_the_readme() -> None:
    read = set()
    for source in (ROOT / "src" / "inburg_desktop" / "commands").glob("*.py"):
        read |= set(re.findall(r'read_passphrase\(\s*"([A-Z_]+)"', source.read_text("utf-8")))
    assert read | {"INBURG_PASSPHRASE"} == set(PASSPHRASE_VARIABLES)  # the default
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("Passphrases never go on the command line") :]
    for variable in PASSPHRASE_VARIABLES:
        assert f"`{variable}`" in section[:2000], variable
