"""``inburg-desktop``: start Qt, unlock the vault, show the case list, lock when idle."""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from inburg_desktop import i18n
from inburg_desktop.domain.idle_lock import effective_minutes
from inburg_desktop.i18n import _
from inburg_desktop.logging_setup import setup_logging
from inburg_desktop.terminal import DutchArgumentParser
from inburg_desktop.ui import disabled_fields
from inburg_desktop.ui.accessible import install as install_buddy_namer
from inburg_desktop.ui.app_settings import AppSettings
from inburg_desktop.ui.cut_text_tips import install as install_cut_text_tips
from inburg_desktop.ui.idle_lock import IdleWatcher
from inburg_desktop.ui.mnemonics import install as install_mnemonics
from inburg_desktop.ui.qt_language import apply_qt_language
from inburg_desktop.ui.retranslate import retranslate_open_windows
from inburg_desktop.ui.tasks import TaskGroup
from inburg_desktop.ui.unlock_window import UnlockWindow
from inburg_desktop.ui.wheel_guard import install as install_wheel_guard
from inburg_desktop.ui.window_size import install as install_window_fitter

if TYPE_CHECKING:
    from inburg_desktop.services.vault_session import KdfParams, Vault
    from inburg_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

AFTER_UNLOCK_MODULES = (
    "inburg_desktop.services.vault_session",
    "inburg_desktop.ui.vault_messages",
    "inburg_desktop.alembic_runner",
    "inburg_desktop.ui.main_window",
    "inburg_desktop.services.idle_lock",
    # Not imported by the main window (unlock -> list shown stays without the sync stack),
    # but wanted at the first Ctrl+Shift+S: imported while the passphrase is typed.
    "inburg_desktop.ui.sync_window",
)
"""What the app needs once a vault is unlocked, and the unlock window does not: imported
after the unlock window is shown (:func:`import_in_background`), so a cold start shows it
without them and the consultant's typing covers their import."""


def _import(modules: tuple[str, ...]) -> None:
    import importlib

    for name in modules:
        try:
            importlib.import_module(name)
        except Exception as exc:  # imported again (and raised) where it is used
            log.warning("background import failed: %s", type(exc).__name__)


def import_in_background(owner: QObject, modules: Sequence[str] = AFTER_UNLOCK_MODULES) -> None:
    """Import ``modules`` on Qt's thread pool (Python's import lock makes a use meanwhile
    wait for the import to finish, never see half a module), as a task of ``owner`` (the
    unlock window): importing allocates much, and garbage collection must not run on the
    worker (``ui.worker_gc``; after a lock the closed windows may wait in cycles)."""
    wanted = tuple(modules)
    TaskGroup(owner).run(
        lambda _token: _import(wanted),
        lambda _none: None,
        lambda exc: log.warning("background import failed: %s", type(exc).__name__),
        name="import-after-unlock",
    )


class AppController:
    """Owns the open vault and switches between the unlock and main windows."""

    def __init__(
        self,
        vault_path: Path,
        settings: AppSettings,
        banner: str | Callable[[], str] | None = None,
        kdf: KdfParams | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.vault_path = vault_path
        self.settings = settings
        # A banner given as a function is made in the UI language each time it is shown
        # (the demo's: it stayed Dutch after a switch to English, usability round 6 #19).
        self._banner = banner
        self.kdf = kdf
        self.vault: Vault | None = None
        self.unlock_window: UnlockWindow | None = None
        self.main_window: MainWindow | None = None
        self.office_idle_maximum: float | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_wheel_guard(app)  # every form of the app: the wheel scrolls, never edits
            install_window_fitter(app)  # every window fits the screen less taskbar and frame
            install_buddy_namer(app)  # a label names its field for screen readers
            install_cut_text_tips(app)  # a choice cut short shows its whole text on hover
            install_mnemonics(app)  # every button and field: its own Alt+letter per window
            disabled_fields.install(app)  # a disabled empty field shows no placeholder
        self.idle = IdleWatcher(settings.idle_minutes, clock=clock)
        self.idle.idle.connect(self.lock)

    def show_unlock(self) -> None:
        self.unlock_window = UnlockWindow(self.vault_path, self.banner, self.kdf)
        self.unlock_window.unlocked.connect(self.on_unlocked)
        self.unlock_window.show()
        import_in_background(self.unlock_window)

    def on_unlocked(self, vault: Vault) -> None:
        self.vault = vault
        if self.unlock_window is not None:
            self.unlock_window.close()
            self.unlock_window.deleteLater()
            self.unlock_window = None
        self.show_main()

    def show_main(self, *, on_agenda: bool = True) -> None:
        """The main window, on the agenda (the start screen after unlock) or, when
        ``on_agenda`` is false, on the case list."""
        from inburg_desktop.ui.main_window import MainWindow  # after unlock: see show_unlock

        assert self.vault is not None
        window = MainWindow(self.vault, self.banner, start_on_agenda=on_agenda)
        window.lock_requested.connect(self.lock)
        window.language_requested.connect(self.change_language)
        window.idle_minutes_requested.connect(self.change_idle_minutes)
        window.synced.connect(self.apply_idle_lock)
        window.case_opened.connect(self.open_intake)
        self.main_window = window
        self.apply_idle_lock()
        window.show()
        self.idle.start()

    def apply_idle_lock(self) -> None:
        """Lock after the stricter of the consultant's and the office's idle minutes; read
        again after every sync, so an office change applies at once."""
        if self.vault is not None and not self.vault.locked:
            from inburg_desktop.services import idle_lock as office_idle_lock

            self.office_idle_maximum = office_idle_lock.load_office_maximum(self.vault)
        self.idle.set_minutes(self.idle_minutes)
        if self.main_window is not None:
            self.main_window.show_idle_lock(self.settings.idle_minutes, self.office_idle_maximum)

    @property
    def idle_minutes(self) -> float:
        """The idle lock in force, in minutes."""
        return effective_minutes(self.settings.idle_minutes, self.office_idle_maximum)

    def open_intake(self, case_id: str) -> None:
        """Open (or raise) the intake window of a case."""
        from inburg_desktop.ui.intake import IntakeWindow

        if self.vault is None:
            return
        for window in QApplication.topLevelWidgets():
            if isinstance(window, IntakeWindow) and window.case_id == case_id:
                window.raise_()
                window.activateWindow()
                return
        intake = IntakeWindow(self.vault, case_id)
        intake.lock_requested.connect(self.lock)
        intake.destroyed.connect(self._intake_closed)
        intake.show()

    def _intake_closed(self) -> None:
        if self.main_window is not None and self.vault is not None and not self.vault.locked:
            self.main_window.refresh()

    def lock(self) -> None:
        """Close every window showing case data, wipe the key, ask for the passphrase."""
        # Imported here, not at the top: ui.close_guard pulls in ``formatting`` and with
        # it most of ``domain`` and Babel's data, which the unlock window does not need;
        # importing them before its first paint made a cold start 2.65x a bare Qt window
        # (docs/performance.md, goal 2.5x).
        from inburg_desktop.ui.close_guard import closing_for_lock

        self.idle.stop()
        with closing_for_lock():  # no "save changes?" on a locking screen (ui.close_guard)
            for window in QApplication.topLevelWidgets():
                if window is not self.unlock_window and isinstance(window, QWidget):
                    window.close()
        if self.main_window is not None:
            self.main_window.deleteLater()
            self.main_window = None
        if self.vault is not None:
            from inburg_desktop.services import vault_session

            vault_session.lock(self.vault)
            self.vault = None
        i18n.forget_rendered()  # the remembered texts hold names: not past the lock
        log.info("vault locked")
        self.show_unlock()

    @property
    def banner(self) -> str | None:
        """The banner above the windows, in the UI language when given as a function."""
        return self._banner() if callable(self._banner) else self._banner

    def change_language(self, language: str) -> None:
        self.settings.ui_language = language
        self.settings.save()
        use_language(language)
        # Every other open window follows in place: typed text and focus stay
        # (usability round 6 finding 19: an open intake stayed half Dutch).
        retranslate_open_windows(skip=self.main_window)
        if self.main_window is not None:
            old = self.main_window
            # The window is rebuilt in the new language; what the consultant was looking
            # for stays (usability round 3: the search text was dropped).
            searched = old.search.text()
            self.show_main(on_agenda=old.showing_agenda)
            if self.main_window is not None and searched:
                self.main_window.search.setText(searched)
            old.close()
            old.deleteLater()

    def change_idle_minutes(self, minutes: float) -> None:
        self.settings.idle_minutes = minutes
        self.settings.save()
        self.apply_idle_lock()


def use_language(language: str) -> str:
    """Switch the UI to ``language`` (an unknown one falls back to Dutch): our catalogue
    and Qt's own words (dialog buttons, file dialogs, context menus). Windows created
    afterwards speak it; returns the language now in force."""
    i18n.set_language(language)
    apply_qt_language(i18n.current_language())
    return i18n.current_language()


def demo_banner(passphrase: str) -> str:
    """The demo's banner in the UI language, naming its passphrase."""
    return _("Demo met verzonnen dossiers — wachtwoord: {passphrase}").format(passphrase=passphrase)


def make_demo_vault() -> tuple[Path, Vault]:
    """A fresh temporary vault with fictional cases; passphrase ``demo``."""
    directory = Path(tempfile.mkdtemp(prefix="inburg-demo-"))
    path = directory / "demo-vault.db"
    # The demo (and with it the PDF stack and the ORM) only for --demo, never at start.
    from inburg_desktop.demo.fill import DEMO_CONSULENT, DEMO_PASSPHRASE
    from inburg_desktop.demo.vault_fill import add_cases
    from inburg_desktop.services import vault_session

    vault = vault_session.create(path, DEMO_PASSPHRASE)
    add_cases(vault, 12, consultant=DEMO_CONSULENT)
    return path, vault


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = DutchArgumentParser(prog="inburg-desktop")
    parser.add_argument(
        "--demo", action="store_true", help="een nieuwe demokluis met verzonnen dossiers openen"
    )
    parser.add_argument("--vault", type=Path, help="het kluisbestand")
    parser.add_argument("--lang", choices=i18n.UI_LANGUAGES, help="taal van de app")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv if argv is not None else sys.argv[1:])
    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("inburg-desktop")
    settings = AppSettings.load()
    use_language(args.lang or settings.ui_language)
    from inburg_desktop.ui.fonts import register_fonts

    register_fonts()
    if args.demo:
        from inburg_desktop.demo.fill import DEMO_PASSPHRASE

        path, vault = make_demo_vault()
        controller = AppController(path, settings, partial(demo_banner, DEMO_PASSPHRASE))
        controller.on_unlocked(vault)
        code = app.exec()
        if controller.vault is not None:
            from inburg_desktop.services import vault_session

            vault_session.lock(controller.vault)  # the views still queued are written first
        shutil.rmtree(path.parent, ignore_errors=True)
        return int(code)
    chosen: Path | None = args.vault
    if chosen is None and settings.last_vault:
        chosen = Path(settings.last_vault)
    if chosen is None:
        from inburg_desktop.services.vault_session import default_vault_path

        chosen = default_vault_path()
    path = chosen
    controller = AppController(path, settings)
    controller.show_unlock()
    code = app.exec()
    if controller.vault is not None:
        from inburg_desktop.services import vault_session

        vault_session.lock(controller.vault)  # the views still queued are written first
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
