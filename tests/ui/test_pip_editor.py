"""The PIP editor (issue 5, Must show): from a demo intake, prefill, fill what is missing,
set the PIP, draw both signatures with the mouse, sign, and see the signed PDF stored in
the vault (SHA-256, ``%PDF``, no file outside the vault) and the case status change.
Also: print-and-sign with a scan, the amendment flow refusing without a reason, and the
signature pad on its own.
With INBURG_SCREENSHOTS=1 it writes docs/pip-editor.png (1366×768)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX, SIGNED_INDEX
from inburg_desktop.services import consulent, pip_attachments
from inburg_desktop.services.case_list import load_case_rows
from inburg_desktop.services.case_status import case_status
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.tables import AttachmentRow
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import dialogs
from inburg_desktop.ui.case_table_model import ROW_ROLE
from inburg_desktop.ui.fonts import register_fonts
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.pip import PipEditorWindow
from inburg_desktop.ui.pip.rows import VveRow
from inburg_desktop.ui.pip.signature_pad import SignatureBox, SignaturePad
from inburg_desktop.ui.pip.window import TAB_SIGN

from .pip_confirm import CONSULENT, open_confirmation, set_through_confirmation

TODAY = date(2026, 11, 2)
COMPLETE_INTAKE = 2  # demo: complete intake, B1-route chosen, statushouder with a toddler
DOCS = Path(__file__).resolve().parents[2] / "docs"
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def cases(vault: OpenVault) -> list[str]:
    consulent.save_name(vault, CONSULENT)
    with vault.transaction() as session:
        return add_demo_cases(session, 12, TODAY)


@pytest.fixture
def open_editor(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> Callable[[int], PipEditorWindow]:
    def opener(index: int) -> PipEditorWindow:
        window = PipEditorWindow(vault, cases[index], today=TODAY)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.context is not None)
        return window

    return opener


def _files(base: Path, recursive: bool = True) -> set[Path]:
    """Files under ``base``; other pytest runs' trees are left out (other sessions run too)."""
    out: set[Path] = set()
    for root, dirs, names in os.walk(base):
        dirs[:] = [d for d in dirs if recursive and not d.startswith("pytest-of-")]
        out.update(Path(root) / name for name in names)
    return out


@pytest.fixture
def own_tmp_and_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A temp dir and a home of the test's own, inside this session's pytest tree, for
    everything the app could write outside the vault (Python's ``tempfile`` and Qt's
    ``QDir.tempPath()`` follow ``TMPDIR``; dotfiles and caches follow ``HOME``). The
    machine's shared /tmp and home are not watched: other processes write there at any
    moment, and a file of theirs would fail the test depending on timing."""
    tmp = tmp_path_factory.mktemp("tmpdir")
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    monkeypatch.setenv("HOME", str(home))
    assert Path(tempfile.gettempdir()) == tmp and Path.home() == home
    return tmp_path_factory.getbasetemp()


def _snapshot(basetemp: Path) -> set[Path]:
    """This session's pytest tree (with the test's temp dir and home, recursively) and
    the working dir."""
    return _files(basetemp) | _files(Path.cwd(), False)


def draw(qtbot: QtBot, pad: SignaturePad, seed: int) -> None:
    """A signature stroke with real mouse events: press, moves, release."""
    y0 = pad.height() // 2
    qtbot.mousePress(pad, LEFT, pos=QPoint(20, y0))
    for step in range(1, 30):
        qtbot.mouseMove(pad, QPoint(20 + step * 9, y0 + ((step * (7 + seed)) % 40) - 20))
    qtbot.mouseRelease(pad, LEFT, pos=QPoint(290, y0 + 5))


def sign_on_pad(qtbot: QtBot, box: SignatureBox, seed: int) -> None:
    draw(qtbot, box.pad, seed)
    assert box.done_button.isEnabled()
    qtbot.mouseClick(box.done_button, LEFT)
    assert box.done


def test_set_and_sign_a_pip_from_a_demo_intake(
    qtbot: QtBot,
    vault: OpenVault,
    vault_path: Path,
    own_tmp_and_home: Path,
    cases: list[str],
    open_editor: Callable[[int], PipEditorWindow],
) -> None:
    case_id = cases[COMPLETE_INTAKE]
    basetemp = own_tmp_and_home
    before = _snapshot(basetemp)
    window = open_editor(COMPLETE_INTAKE)
    # prefilled from the intake and the recorded route choice, with the advice beside it
    assert window.form.route.currentData() == "b1"
    assert "B1-route" in window.side.advice.text()
    assert window.status_name() == "none"
    missing = " ".join(window.side.missing_texts)
    assert "Participatiewet art. 56a" in missing and "VVE" in missing
    assert not window.set_button.isEnabled() or window.side.missing_texts
    # fill what is missing: the ontzorgen decision and the VVE agreement
    qtbot.keyClicks(window.form.besluit_datum.edit, TODAY.strftime("%d-%m-%Y"))
    qtbot.keyClicks(window.form.kenmerk, "PW-2026-0042")
    vve_row = window.form.vve.rows[0]
    assert isinstance(vve_row, VveRow)
    qtbot.keyClicks(vve_row.afspraak, "Twee ochtenden peuteropvang")
    qtbot.waitUntil(lambda: window.side.missing_texts == [])
    assert "Compleet" in window.side.missing.text()
    assert "termijn" in window.side.deadlines.text()
    qtbot.waitUntil(lambda: len(window.preview.page_labels) >= 2, timeout=15000)
    # set it: dagtekening today, the termijn starts tomorrow
    set_through_confirmation(qtbot, window)
    qtbot.waitUntil(lambda: window.status_name() == "set")
    assert "vastgesteld" in window.notice.text()
    with vault.session() as session:
        stored = get_case(session, case_id)
    assert stored.case.dates.pip_date == TODAY
    assert (
        case_status(stored, TODAY).deadlines["termijn_start"]
        == (TODAY + timedelta(days=1)).isoformat()
    )
    # both sign on the pad with the mouse, then sign
    window.tabs.setCurrentIndex(TAB_SIGN)
    assert not window.signing.sign_button.isEnabled()
    sign_on_pad(qtbot, window.signing.inburgeraar, 1)
    sign_on_pad(qtbot, window.signing.consulent, 4)
    assert window.signing.sign_button.isEnabled()
    with qtbot.waitSignal(window.saved, timeout=15000) as saved:
        qtbot.mouseClick(window.signing.sign_button, LEFT)
    assert saved.args == ["signed"]
    qtbot.waitUntil(lambda: window.status_name() == "signed")
    qtbot.waitUntil(lambda: window.signing.attachments.count() == 1)
    # stored in the vault with its SHA-256, in the same change as the status
    with vault.session() as session:
        stored = get_case(session, case_id)
        rows = session.query(AttachmentRow).filter_by(case_id=case_id).all()
        listed = load_case_rows(session, TODAY)
    assert len(rows) == 1
    row = rows[0]
    assert row.content.startswith(b"%PDF") and row.kind == "pip_signed"
    assert hashlib.sha256(row.content).hexdigest() == row.sha256
    assert stored.field(f"attachment.{row.sha256}")["sha256"] == row.sha256
    assert stored.field("pip.current")["status"] == "signed"
    shown = case_status(stored, TODAY).as_json()["pip"]  # what `case show --json` prints
    assert shown == {"status": "signed", "signed_on": TODAY.isoformat(), "leerroute": "b1"}
    assert next(r for r in listed if r.id == case_id).pip_status == "signed"
    # nothing written outside the vault: no PDF, no PNG, no preview pages
    new = {p for p in _snapshot(basetemp) - before if p.exists()}
    allowed = {vault_path.parent / f"{vault_path.name}-{suffix}" for suffix in ("wal", "shm")}
    assert new <= allowed, sorted(map(str, new - allowed))


def test_case_list_opens_the_editor_and_follows_it(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> None:
    main = MainWindow(vault)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.model.rowCount() == len(cases))
    row = next(
        i
        for i in range(main.proxy.rowCount())
        if main.proxy.data(main.proxy.index(i, 0), ROW_ROLE).id == cases[SIGNED_INDEX]
    )
    main.table.selectRow(row)
    main.pip_action.trigger()
    editors = [w for w in QApplication.topLevelWidgets() if isinstance(w, PipEditorWindow)]
    assert [e.case_id for e in editors] == [cases[SIGNED_INDEX]]
    editor = editors[0]
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.context is not None)
    assert editor.status_name() == "signed"
    assert not editor.set_button.isEnabled()  # a set PIP is read-only until amended
    # a set PIP has no to-dos left: no red "Nog nodig" bullet, only how to change it
    # (usability round 3, finding 4)
    assert editor.side.missing_texts == []
    assert editor.side.missing_title.text() == "Vastgesteld"
    shown = editor.side.missing.text()
    assert "Wijziging voorbereiden" in shown and "<li>" not in shown


def test_amendment_needs_a_reason_shown_in_words(
    qtbot: QtBot, vault: OpenVault, cases: list[str], open_editor: Callable[[int], PipEditorWindow]
) -> None:
    window = open_editor(SIGNED_INDEX)
    assert window.amend_button.isEnabled()
    qtbot.mouseClick(window.amend_button, LEFT)
    assert window.amend_row.isVisible() and window.set_button.isEnabled()
    qtbot.waitUntil(lambda: any("Awb art. 3:46" in t for t in window.side.missing_texts))
    dialog = open_confirmation(qtbot, window)
    assert not dialog.confirm_button.isEnabled()
    assert "Awb art. 3:46" in dialog.why_disabled.text()
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    qtbot.waitUntil(lambda: window.confirm_dialog is None)
    qtbot.keyClicks(window.reason, "Andere taalaanbieder")
    qtbot.waitUntil(lambda: window.side.missing_texts == [])
    with vault.session() as session:
        assert get_case(session, cases[SIGNED_INDEX]).field("pip.current")["version"] == 1


def test_print_and_sign_with_a_scan(
    qtbot: QtBot,
    vault: OpenVault,
    cases: list[str],
    open_editor: Callable[[int], PipEditorWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Export the set PIP to print (explicit save dialog), attach the signed scan later."""
    case_id = cases[DRAFT_INDEX]  # demo: a complete draft PIP
    window = open_editor(DRAFT_INDEX)
    qtbot.waitUntil(lambda: window.side.missing_texts == [])
    set_through_confirmation(qtbot, window)
    qtbot.waitUntil(lambda: window.status_name() == "set")
    printed = tmp_path / "chosen-by-consultant.pdf"
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *_a: printed)
    qtbot.mouseClick(window.signing.export_unsigned, LEFT)
    qtbot.waitUntil(printed.exists)
    assert printed.read_bytes().startswith(b"%PDF")
    assert printed.stat().st_mode & 0o777 == 0o600
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned signed copy")
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *_a: scan)
    with qtbot.waitSignal(window.saved, timeout=10000) as saved:
        qtbot.mouseClick(window.signing.attach_scan, LEFT)
    assert saved.args == ["scan"]
    qtbot.waitUntil(lambda: window.status_name() == "signed")
    with vault.session() as session:
        infos = pip_attachments.list_attachments(session, case_id)
    assert [i.kind for i in infos] == ["pip_scan"]


def test_signature_pad_clear_and_png(qtbot: QtBot) -> None:
    box = SignatureBox("Handtekening")
    qtbot.addWidget(box)
    box.resize(400, 180)
    box.show()
    assert not box.done_button.isEnabled() and box.png_bytes() is None
    draw(qtbot, box.pad, 2)
    png = box.pad.png_bytes()
    assert png.startswith(b"\x89PNG")
    qtbot.mouseClick(box.clear_button, LEFT)
    assert box.pad.is_empty() and not box.done_button.isEnabled()
    sign_on_pad(qtbot, box, 3)
    assert box.png_bytes() is not None


def test_editor_screenshot_at_1366x768(
    qtbot: QtBot, open_editor: Callable[[int], PipEditorWindow]
) -> None:
    register_fonts()
    window = open_editor(COMPLETE_INTAKE)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: len(window.preview.page_labels) >= 2, timeout=15000)

    def side_labels_readable() -> None:
        for label in window.side.findChildren(QLabel):
            if label.isVisible() and label.wordWrap() and label.text():
                assert label.width() > 150, label.objectName()

    # The layout settles through posted events: wait until it has (a label that stays
    # narrow fails with its name when the wait runs out).
    qtbot.waitUntil(side_labels_readable, timeout=10_000)
    if os.environ.get("INBURG_SCREENSHOTS") == "1":
        assert window.grab().save(str(DOCS / "pip-editor.png"))
