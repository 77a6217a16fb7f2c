"""A whole intake by keyboard alone, in a non-linear order, with the topic map updating;
then (for real) the process is killed with SIGKILL right after the last edit was saved,
the vault is reopened, and every typed value is there with catalogue version and prompt."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.services.intake_edit import field_meta
from inburg_desktop.services.intake_progress import intake_progress, shipped_catalogue
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import OpenVault, create_vault, unlock_vault
from inburg_desktop.ui.intake import IntakeWindow

HERE = Path(__file__).parent
DRIVER = HERE / "intake_crash_driver.py"
PASSPHRASE = "een lange zin als wachtwoord"
NOT_STARTED_CASE = 3  # demo case without any intake


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("intake_keyboard", HERE / "intake_keyboard.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _demo_case(vault: OpenVault) -> str:
    with vault.transaction() as session:
        return add_demo_cases(session, 5)[NOT_STARTED_CASE]


def _check_stored(vault: OpenVault, case_id: str, expected: dict[str, object]) -> None:
    catalogue = shipped_catalogue()
    with vault.session() as session:
        stored = get_case(session, case_id)
        meta = field_meta(session, case_id, "intake.")
    for key, value in expected.items():
        assert stored.fields.get(key) == value, key
        topic_id, field_id = key.split(".")[1:3]
        assert meta[key].catalogue_version == catalogue.version, key
        assert meta[key].prompt_id == catalogue.field(topic_id, field_id).prompt_id, key
    progress = intake_progress(stored)
    assert progress.topics_covered == 4
    assert stored.fields["intake.taalniveau._discussed"]


def test_whole_intake_by_keyboard_non_linear(qtbot: QtBot, vault: OpenVault) -> None:
    script = _script()
    case_id = _demo_case(vault)
    window = IntakeWindow(vault, case_id)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.stored is not None)
    map_log: list[str] = []

    def press(widget: QWidget, key: Qt.Key, mod: Qt.KeyboardModifier) -> None:
        qtbot.keyClick(widget, key, mod)

    def wait(condition: Callable[[], bool]) -> None:
        qtbot.waitUntil(condition, timeout=5000)

    script.drive(window, press, qtbot.keyClicks, wait, map_log.append)
    assert map_log == [
        "state taalniveau covered",
        "state opleiding parked",
        "state gezinssituatie covered",
        "state leerbaarheid covered",
        "state opleiding resumed",
        "state opleiding covered",
        "state werkervaring touched",
    ]
    for topic, state in script.EXPECTED_STATES.items():
        assert window.map_model.states[topic] is state, topic
    assert window.progress.text().startswith("4 van 16")
    qtbot.waitUntil(lambda: not window.autosave.busy, timeout=5000)
    assert window.save_state.text().startswith("✓ Alles opgeslagen om")
    _check_stored(vault, case_id, script.EXPECTED)


@pytest.mark.timeout(120)
def test_killed_after_the_last_keystroke_loses_nothing(tmp_path: Path) -> None:
    script = _script()
    path = tmp_path / "kluis.db"
    vault = create_vault(path, PASSPHRASE, TEST_KDF)
    case_id = _demo_case(vault)
    vault.lock()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, str(DRIVER), str(path), PASSPHRASE, case_id],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    lines: list[str] = []
    try:
        for line in child.stdout:
            lines.append(line.strip())
            if line.strip() == "saved":
                break
        assert lines and lines[-1] == "saved", (lines, child.stderr.read() if child.stderr else "")
        os.kill(child.pid, signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert "state opleiding parked" in lines and "state opleiding resumed" in lines
    reopened = unlock_vault(path, PASSPHRASE)
    try:
        assert reopened.check().ok
        _check_stored(reopened, case_id, script.EXPECTED)
    finally:
        reopened.lock()
