"""The log canary (issue 10, item 3): run the failure paths with distinctive strings in
names, V-number, date of birth, note texts and passphrases, then search every file the
app could have written (the user's config, data, state, cache and log dirs, the temp dir,
the office's log dir) for any of them, as bytes, case-insensitively.

The encrypted vault lies in the searched tree on purpose: it must not hold a canary in
plaintext either. The inputs (handover files) are kept outside it.

Everything is driven through the public ``inburg`` and ``inburg-office`` commands (and,
for an edit the CLI cannot make, the storage service the GUI uses), so the test keeps
working while the sync client and the server change. Exit codes are asserted only where
this test depends on them; which refusal a failure path ends in is other tests' business.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from .conftest import LiveServer

GIVEN = "Zwaluwstaart"
FAMILY = "Kanarievogelaar"
V_NUMMER = "7349182650"
BIRTH = "1913-07-29"
NOTE = "Medisch-Geheim-Qz8"
NOTE_SPACE_KEY = "Vertrouwelijk-Wp4"
EDIT = "Bijzonderheid-Hk2"
PASSPHRASE = "Kanarie wachtwoord Xq91"
WRONG = "Verkeerd kanarie Lm55"
CANARIES = (GIVEN, FAMILY, V_NUMMER, BIRTH, NOTE, NOTE_SPACE_KEY, EDIT, PASSPHRASE, WRONG)


def handover(notes: dict[str, str] | None = None, **person: Any) -> dict[str, Any]:
    return {
        "format": "inburg-handover/1",
        "source": "COA",
        "person": {
            "v_nummer": V_NUMMER,
            "given_names": GIVEN,
            "family_name": FAMILY,
            "date_of_birth": BIRTH,
            "nationality": "SYR",
            "languages": ["ar"],
            "preferred_language": "ar",
            **person,
        },
        "doelgroep": "statushouder",
        "dates": {"brp_registration": "2026-03-02", "duo_kennisgeving": "2026-02-20"},
        "notes": notes if notes is not None else {"opleiding": NOTE},
    }


@dataclass
class Laptop:
    """A user account of its own: HOME, XDG dirs and TMPDIR under ``home``."""

    home: Path
    inputs: Path
    env: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("INBURG_", "XDG_"))}
        env.update(
            HOME=str(self.home),
            XDG_CONFIG_HOME=str(self.home / ".config"),
            XDG_DATA_HOME=str(self.home / ".local" / "share"),
            XDG_STATE_HOME=str(self.home / ".local" / "state"),
            XDG_CACHE_HOME=str(self.home / ".cache"),
            TMPDIR=str(self.home / "tmp"),
            INBURG_TEST_FAST_KDF="1",
            QT_QPA_PLATFORM="offscreen",
        )
        (self.home / "tmp").mkdir(parents=True)
        self.env = env

    def run(
        self, *args: str | Path, passphrase: str = PASSPHRASE, **extra: str
    ) -> subprocess.CompletedProcess[str]:
        return self.python("-m", "inburg_desktop.cli", *args, passphrase=passphrase, **extra)

    def python(
        self, *args: str | Path, passphrase: str = PASSPHRASE, **extra: str
    ) -> subprocess.CompletedProcess[str]:
        env = dict(self.env, INBURG_PASSPHRASE=passphrase, **extra)
        done = subprocess.run(
            [sys.executable, *map(str, args)],
            capture_output=True,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=180,
        )
        assert "Traceback" not in done.stderr, done.stderr
        return done

    def write_input(self, name: str, doc: object) -> Path:
        path = self.inputs / name
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        return path


def office(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "inburg_desktop.server.cli", *args, "--db", db_url],
        capture_output=True,
        text=True,
        timeout=120,
    )


def leaks(*roots: Path) -> list[str]:
    """``file: canary`` for every canary found in any file under ``roots``."""
    found = []
    needles = [c.lower().encode() for c in CANARIES]
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
            data = path.read_bytes().lower()
            found += [f"{path}: {n.decode()}" for n in needles if n in data]
    return found


@pytest.fixture
def laptop(tmp_path: Path) -> Laptop:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    return Laptop(home=tmp_path / "home", inputs=inputs)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    url = f"sqlite:///{tmp_path / 'office' / 'office.db'}"
    (tmp_path / "office").mkdir()
    assert office(url, "devices").returncode == 0  # creates and migrates the database
    live = LiveServer(db_url=url, log_dir=tmp_path / "office-logs")
    live.start()
    yield live
    live.stop()


@pytest.mark.slow
def test_no_canary_in_any_file_after_the_failure_paths(laptop: Laptop, server: LiveServer) -> None:
    # A vault at the default place (the user's data dir), a case full of canaries.
    assert laptop.run("vault", "init").returncode == 0
    imported = laptop.run("case", "import", laptop.write_input("goed.json", handover()))
    assert imported.returncode == 0, imported.stderr
    case_id = imported.stdout.strip()

    # A note key the app did not choose (a space in it): whether it is kept under a safe
    # key or refused is the import's business; either way no value may reach a file.
    spaced = handover(notes={"medische bijzonderheden": NOTE_SPACE_KEY})
    laptop.run("case", "import", laptop.write_input("spatie.json", spaced))
    # Bad handover files: a bad date, a wrong type, broken JSON, each with canaries.
    for name, doc in (
        ("datum.json", handover(date_of_birth=f"{BIRTH}-{GIVEN}")),
        ("type.json", handover(languages=f"{NOTE} {V_NUMMER}")),
    ):
        assert laptop.run("case", "import", laptop.write_input(name, doc)).returncode != 0
    broken = laptop.inputs / "kapot.json"
    broken.write_text(json.dumps(handover())[:-40], encoding="utf-8")
    assert laptop.run("case", "import", broken).returncode != 0

    # Wrong passphrase; no passphrase at all for a rekey; a too short new one.
    assert laptop.run("case", "list", passphrase=WRONG).returncode == 3
    assert laptop.run("vault", "rekey", INBURG_NEW_PASSPHRASE="kort").returncode != 0

    # Failed PIP renders: a case without a PIP, an unknown case, an unwritable target.
    out = laptop.home / "tmp" / "pip.pdf"
    assert laptop.run("pip", "render", "--case", case_id, "--out", out).returncode != 0
    assert laptop.run("pip", "render", "--case", V_NUMMER, "--out", out).returncode != 0
    assert laptop.run("case", "show", V_NUMMER, "--json").returncode == 6

    # The office: a refused enrollment code, then a real one.
    url = server.url
    assert laptop.run("device", "enroll", "--server", url, "--code", "AAAA-BBBB").returncode != 0
    code = office(server.db_url, "enroll", "--consultant", "A. Consulent").stdout.split()[-1]
    enrolled = laptop.run("device", "enroll", "--server", url, "--code", code)
    assert enrolled.returncode == 0, enrolled.stderr
    laptop.run("sync")  # may refuse or quarantine the note key with a space

    # An op the office refuses: the case moved to another caseload, then edited here.
    office(server.db_url, "assign", case_id, "--consultant", "B. Collega")
    edit = textwrap.dedent(
        """
        import os, sys
        from pathlib import Path
        from inburg_desktop.storage.cases import update_fields
        from inburg_desktop.storage.vault import default_vault_path, unlock_vault
        vault = unlock_vault(default_vault_path(), os.environ["INBURG_PASSPHRASE"])
        with vault.transaction() as session:
            update_fields(session, sys.argv[1], {"intake.werkervaring.toelichting": sys.argv[2]})
        vault.lock()
        """
    )
    assert laptop.python("-c", edit, case_id, EDIT).returncode == 0
    laptop.run("sync")

    # Pulls: the office imports a case of canaries for a second laptop of the same
    # consultant (a vault with an empty outbox, so its sync reaches the office), which
    # pulls it, and then fails to pull with the office gone.
    second = laptop.home / ".local" / "share" / "inburg-desktop" / "tweede.db"
    office_import = laptop.write_input("kantoor.json", handover())
    assert office(server.db_url, "import", str(office_import), "--consultant", "A. Consulent")
    assert laptop.run("vault", "init", "--vault", second).returncode == 0
    code = office(server.db_url, "enroll", "--consultant", "A. Consulent").stdout.split()[-1]
    assert (
        laptop.run(
            "device", "enroll", "--vault", second, "--server", url, "--code", code
        ).returncode
        == 0
    )
    laptop.run("sync", "--vault", second)
    server.stop()
    assert laptop.run("sync", "--vault", second).returncode == 8

    # An unexpected error whose message carries the person's data (a bug's f-string).
    crash = textwrap.dedent(
        """
        import sys
        import inburg_desktop.services.case_list as case_list
        def leaky(summaries, *args):
            raise ValueError(f"no rows for {summaries.rows}")  # names, V-nummers
        case_list._summary_rows = leaky  # what `case list` makes its rows with
        from inburg_desktop.cli import main
        sys.exit(main(["case", "list", "--vault", sys.argv[1]]))
        """
    )
    # On the second laptop, which holds the case it pulled (the first one's left it).
    assert laptop.python("-c", crash, second).returncode == 70

    # A damaged vault, last: a flipped byte in the middle.
    vault = laptop.home / ".local" / "share" / "inburg-desktop" / "vault.db"
    data = bytearray(vault.read_bytes())
    data[len(data) // 2] ^= 0x01
    vault.write_bytes(bytes(data))
    assert laptop.run("vault", "check").returncode != 0

    log_dir = laptop.home / ".local" / "state" / "inburg-desktop" / "log"
    assert (log_dir / "inburg.log").stat().st_size > 0  # the default place was used
    assert "ValueError" in (log_dir / "inburg.log").read_text("utf-8")
    assert leaks(laptop.home, server.log_dir) == []


@pytest.mark.qt_no_exception_capture  # the app's own hook must see the uncaught error
def test_no_canary_in_the_log_after_gui_failures(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """The GUI's failure paths in-process, through the app's own log handler; an
    uncaught exception in a slot too (a desktop session keeps stderr in a file)."""
    from inburg_desktop.logging_setup import setup_logging
    from inburg_desktop.storage.keyfile import TEST_KDF
    from inburg_desktop.storage.vault import create_vault
    from inburg_desktop.ui.main_window import MainWindow
    from inburg_desktop.ui.unlock_window import UnlockWindow

    from .test_logging_setup import app_logging_of_its_own

    monkeypatch.setenv("INBURG_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    with app_logging_of_its_own():
        assert setup_logging() is not None
        path = tmp_path / "data" / "kluis.db"
        create_vault(path, PASSPHRASE, TEST_KDF).lock()
        unlock = UnlockWindow(path)
        qtbot.addWidget(unlock)
        unlock.passphrase.setText(WRONG)
        unlock.submit()
        qtbot.waitUntil(lambda: unlock.failures == 1, timeout=10_000)
        unlock.passphrase.setText(PASSPHRASE)
        with qtbot.waitSignal(unlock.unlocked, timeout=10_000) as opened:
            unlock.submit()
        vault = opened.args[0]
        window = MainWindow(vault)
        qtbot.addWidget(window)
        bad = tmp_path / "slecht.json"
        bad.write_text(json.dumps(handover(date_of_birth=f"{GIVEN} {V_NUMMER}")), "utf-8")
        window.import_file(bad)
        qtbot.waitUntil(lambda: window.tasks.pending == 0)  # imported off the GUI thread
        assert window.notice.kind == "error" and "niet geïmporteerd" in window.notice.text()

        def buggy_slot() -> None:
            raise KeyError(f"{GIVEN} {FAMILY} {V_NUMMER}")

        QTimer.singleShot(0, buggy_slot)
        qtbot.waitUntil(
            lambda: "uncaught KeyError" in (tmp_path / "logs" / "inburg.log").read_text("utf-8")
        )
        vault.lock()
    assert leaks(tmp_path / "logs") == []
    err = capfd.readouterr().err.lower()
    assert not [c for c in CANARIES if c.lower() in err], err
