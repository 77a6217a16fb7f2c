"""What the windows show when something fails, in Dutch and in English (issue 12, item 2).

The failure paths are driven for real: a PIP edit the model refuses, a sync against an
office that is dead, times out, drops the line, fails its TLS check, refuses the device or
errs (httpx ``MockTransport``, so every httpx failure is the library's own exception),
and a vault error the windows did not expect. What reaches the widget is checked by
``tests/screen_text.py``: no exception class name (``(ConnectError)`` before), and no
sentence in the other language (``maanden: each month must lie in 1-36`` on the Dutch
PIP editor before; the Dutch-only transport constants on the English sync window).
"""

from __future__ import annotations

import functools
import json
import ssl
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.problem import Problem
from inburg_desktop.i18n import set_language
from inburg_desktop.messages import file_problem, problem_text
from inburg_desktop.protocol.device_keys import DeviceKey, b64encode
from inburg_desktop.services import sync_round as sync_round_module
from inburg_desktop.storage.errors import NoSuchCase
from inburg_desktop.storage.sync_state import Enrollment, save_enrollment
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.transport import SyncClient
from inburg_desktop.ui import dialogs
from inburg_desktop.ui.case_details import CaseDetailsDialog
from inburg_desktop.ui.letterhead_dialog import LetterheadDialog
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.pip import PipEditorWindow
from inburg_desktop.ui.sync_window import SyncWindow
from inburg_desktop.ui.vault_messages import unlock_message

from ..screen_text import assert_user_text, class_names_in

WAIT_MS = 30_000
COMPLETE_INTAKE = 2  # demo: a complete intake, so the PIP editor opens on a proposal


@pytest.fixture(params=["nl", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    set_language(request.param)
    try:
        yield str(request.param)
    finally:
        set_language("nl")


# --- the PIP editor -----------------------------------------------------------------------


def test_a_refused_pip_edit_is_said_in_the_ui_language(
    qtbot: QtBot, vault: OpenVault, language: str
) -> None:
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 3)[COMPLETE_INTAKE]
    window = PipEditorWindow(vault, case_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=WAIT_MS)
    typed_codes = {
        "3, 40": "pip_gesprek_month",  # beyond the termijn (Wet art. 11: 36 months)
        "6, 3": "pip_gesprek_order",
        "drie": "pip_gesprek_not_numbers",
    }
    for typed, code in typed_codes.items():
        window.form.gesprekken.setText(typed)
        expected = problem_text(Problem(code, field="maanden", max=36))
        assert window.side.missing_texts == [expected], typed
        assert_user_text(expected, language)
        window.save_draft()  # refused before anything is written
        assert window.notice.kind == "error"
        assert window.notice.text() == expected


# --- the sync window ----------------------------------------------------------------------


def _tls_failure(request: httpx.Request) -> httpx.Response:
    try:
        raise ssl.SSLCertVerificationError(1, "certificate verify failed")
    except ssl.SSLError as exc:
        raise httpx.ConnectError("certificate verify failed", request=request) from exc


def _raises(kind: type[httpx.TransportError]) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        raise kind("boom", request=request)

    return handler


OFFICES: dict[str, tuple[Callable[[httpx.Request], httpx.Response], str]] = {
    "dead": (_raises(httpx.ConnectError), "sync_unreachable"),
    "timeout": (_raises(httpx.ReadTimeout), "sync_timeout"),
    "line dropped": (_raises(httpx.RemoteProtocolError), "sync_connection_lost"),
    "tls": (_tls_failure, "sync_tls"),
    "proxy": (_raises(httpx.ProxyError), "sync_proxy"),
    "revoked": (
        lambda r: httpx.Response(403, json={"error": "device_revoked"}),
        "sync_revoked",
    ),
    "unknown device": (lambda r: httpx.Response(401, json={}), "sync_device_unknown"),
    "office error": (
        lambda r: httpx.Response(500, text="Internal Server Error"),
        "sync_server_error",
    ),
    "gateway": (lambda r: httpx.Response(503, text="Service Unavailable"), "sync_unreachable"),
    "refusal": (lambda r: httpx.Response(409, json={"error": "odd_thing"}), "sync_refused"),
}


@pytest.fixture
def enrolled(vault: OpenVault) -> OpenVault:
    key = DeviceKey.generate()
    with vault.transaction() as session:
        save_enrollment(
            session,
            Enrollment(
                "https://kantoor.invalid", "dev-1", "consulent", b64encode(key.private_bytes())
            ),
        )
        add_demo_cases(session, 1)
    return vault


@pytest.mark.parametrize("office", sorted(OFFICES))
def test_a_failed_sync_is_said_in_the_ui_language(
    qtbot: QtBot,
    enrolled: OpenVault,
    language: str,
    office: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handler, code = OFFICES[office]
    seen: list[str] = []

    def client(*args: object, **kwargs: object) -> SyncClient:
        made = functools.partial(SyncClient, transport=httpx.MockTransport(handler), retries=0)
        sync_client = made(*args, **kwargs)  # type: ignore[arg-type]
        seen.append(code)
        return sync_client

    monkeypatch.setattr(sync_round_module, "SyncClient", client)
    window = SyncWindow(enrolled)
    qtbot.addWidget(window)
    window.show()
    # The window reads the enrollment off the GUI thread; Sync is enabled once it knows.
    qtbot.waitUntil(
        lambda: window.state is not None and window.sync_button.isEnabled(), timeout=WAIT_MS
    )
    busy = window.outcome.text()
    qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync_button.isEnabled(), timeout=WAIT_MS)
    assert seen and window.outcome.text() != busy
    shown = window.outcome.text()
    assert shown == problem_text(Problem(code, reason="odd_thing"))
    assert_user_text(shown, language)


# --- a vault error no window expected -----------------------------------------------------


def test_an_unexpected_vault_error_names_no_class(language: str) -> None:
    for exc in (RuntimeError("vault is locked"), NoSuchCase(case_id="c-9"), KeyError("Haddad")):
        text = unlock_message(exc)
        assert class_names_in(text) == [], text
        assert "Haddad" not in text
        assert_user_text(text, language)


# --- the case details dialog --------------------------------------------------------------


def test_an_impossible_fact_is_refused_in_the_ui_language(
    qtbot: QtBot, vault: OpenVault, language: str
) -> None:
    """The service refuses by code; the label of the field is a msgid translated here
    (before: the service translated the sentence itself, in whatever language was set)."""
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 1)[0]
    dialog = CaseDetailsDialog(vault, case_id, today=date(2026, 4, 15))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.permit.edit.clear()
    qtbot.keyClicks(dialog.permit.edit, "16-04-2026")  # tomorrow
    expected = problem_text(Problem("details_future", what="De datum van de verblijfsvergunning"))
    qtbot.waitUntil(lambda: dialog.notice.text() == expected, timeout=WAIT_MS)
    assert_user_text(expected, language)
    assert ("future" if language == "en" else "toekomst") in expected


# --- the main window ----------------------------------------------------------------------


def test_a_handover_file_that_cannot_be_read_is_said_in_the_ui_language(
    qtbot: QtBot, vault: OpenVault, language: str, tmp_path: Path
) -> None:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    window.import_file(tmp_path / "weg.json")  # gone between choosing and reading
    qtbot.waitUntil(lambda: window.notice.kind == "error", timeout=WAIT_MS)
    shown = window.notice.text()
    assert file_problem(FileNotFoundError(2, "No such file")) in shown
    assert_user_text(shown, language)


@pytest.mark.parametrize(
    ("doc", "key"),
    [
        ({"person": {}}, "format"),  # missing
        ({"format": "inburg-handover/1", "person": [], "dates": {}}, "person"),  # not an object
    ],
)
def test_a_handover_file_refused_names_the_field_in_the_ui_language(
    qtbot: QtBot,
    vault: OpenVault,
    language: str,
    tmp_path: Path,
    doc: dict[str, object],
    key: str,
) -> None:
    """The domain's reason (before: a Dutch phrase such as "ontbreekt" on the English
    screen) is a msgid with parameters, translated here."""
    path = tmp_path / "overdracht.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    window.import_file(path)
    qtbot.waitUntil(lambda: window.notice.kind == "error", timeout=WAIT_MS)
    shown = window.notice.text()
    assert key in shown
    assert_user_text(shown, language)


# --- the letterhead dialog ----------------------------------------------------------------


def test_a_refused_letterhead_is_said_in_the_ui_language(
    qtbot: QtBot,
    vault: OpenVault,
    language: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A logo that is no image and an empty name: the domain's field label and reason are
    msgids (before: Dutch sentences, 'logo: geen PNG- of JPEG-afbeelding' in English)."""
    dialog = LetterheadDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    # The letterhead is read off the GUI thread; a fresh vault has the default one.
    qtbot.waitUntil(lambda: dialog.notice.kind == "warning", timeout=WAIT_MS)
    not_an_image = tmp_path / "logo.png"
    not_an_image.write_bytes(b"GIF89a, toch niet")
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *a: not_an_image)
    qtbot.mouseClick(dialog.logo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.logo_button.isEnabled(), timeout=WAIT_MS)
    assert dialog.notice.kind == "error"
    assert_user_text(dialog.notice.text(), language)
    dialog.name.clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=WAIT_MS)
    assert dialog.notice.kind == "error"
    assert_user_text(dialog.notice.text(), language)
    expected = {"nl": "naam van de gemeente: mag niet leeg zijn", "en": "name of the municipality"}
    assert expected[language] in dialog.notice.text()
