"""A whole brede intake by keyboard alone, in a non-linear order; shared by the pytest-qt
test (qtbot) and the crash driver (plain QTest in a child process).

Order: taalniveau via Ctrl+K, opleiding via Ctrl+2 (refused as covered, then parked),
gezinssituatie via Ctrl+K, leerbaarheid via Ctrl+1, opleiding resumed and finished,
werkervaring via Ctrl+PgDown. Only key events; no mouse, no direct widget calls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from inburg_desktop.domain.intake import TopicState
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.intake.topic_panel import TopicPanel

CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier

Press = Callable[[QWidget, Qt.Key, Qt.KeyboardModifier], None]
TypeText = Callable[[QWidget, str], None]
Wait = Callable[[Callable[[], bool]], None]
Report = Callable[[str], None]

# What the script types, as it must be stored (key -> JSON value).
EXPECTED: dict[str, Any] = {
    "intake.taalniveau.talen": "Tigrinya en Arabisch",
    "intake.taalniveau.erk_luisteren": "A2",
    "intake.taalniveau.erk_spreken": "A1",
    "intake.taalniveau.erk_lezen": "A1",
    "intake.taalniveau.erk_schrijven": "A0",
    "intake.opleiding.notes": "Zes jaar school in Asmara.",
    "intake.gezinssituatie.huishouden": "alleen",
    "intake.gezinssituatie.alleen_gesprek_aangeboden": True,
    "intake.leerbaarheid.toets_uitkomst": "niet_afgenomen",
    "intake.leerbaarheid.toets_reden_niet_afgenomen": "visuele_beperking",
    "intake.leerbaarheid.geletterdheid": "anders_gealfabetiseerd",
    "intake.opleiding.aantal_jaren": 6,
    "intake.opleiding.hoogste_diploma": "basisonderwijs",
    "intake.werkervaring.gewerkt_herkomst": "nee",
}
EXPECTED_STATES = {
    "taalniveau": TopicState.COVERED,
    "opleiding": TopicState.COVERED,
    "gezinssituatie": TopicState.COVERED,
    "leerbaarheid": TopicState.COVERED,
    "werkervaring": TopicState.TOUCHED,
    "motivatie": TopicState.NOT_STARTED,
}


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def drive(
    window: IntakeWindow, press: Press, type_text: TypeText, wait: Wait, report: Report
) -> None:
    """Run the intake on ``window`` (an ``IntakeWindow`` already loaded and active)."""

    def key(k: Qt.Key, mod: Qt.KeyboardModifier = NONE) -> None:
        press(focused(), k, mod)

    def write(text: str) -> None:
        type_text(focused(), text)

    def expect_focus(name: str) -> None:
        try:
            wait(lambda: QApplication.focusWidget() is not None and focused().objectName() == name)
        except Exception as exc:
            raise AssertionError(
                f"focus on {QApplication.focusWidget()!r}, topic {window.topic_id}, want {name}"
            ) from exc

    def tab_to(name: str) -> None:
        seen = []
        for _ in range(80):
            if focused().objectName() == name:
                return
            seen.append(focused().objectName() or type(focused()).__name__)
            key(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {name}; passed {seen}")

    def state(topic: str) -> TopicState:
        return window.map_model.states[topic]

    def panel() -> TopicPanel:
        assert window.panel is not None, "no topic open"
        return window.panel

    def switch(query: str, topic: str) -> None:
        key(Qt.Key.Key_K, CTRL)
        wait(lambda: focused().objectName() == "quickSwitcherQuery")
        write(query)
        key(Qt.Key.Key_Return)
        wait(lambda: window.topic_id == topic)

    window.activateWindow()
    wait(lambda: QApplication.focusWidget() is not None)  # the window is active

    # 1. taalniveau, found by typing.
    switch("taal", "taalniveau")
    expect_focus("taalniveau.talen")
    write(EXPECTED["intake.taalniveau.talen"])
    key(Qt.Key.Key_F8)  # "Spreekt u al een beetje Nederlands?"
    key(Qt.Key.Key_F8)  # speaking and listening
    expect_focus("taalniveau.erk_luisteren")
    write("A2")
    tab_to("taalniveau.erk_spreken")
    write("A1")
    key(Qt.Key.Key_F8)  # reading
    expect_focus("taalniveau.erk_lezen")
    write("A1")
    key(Qt.Key.Key_F8)  # writing
    expect_focus("taalniveau.erk_schrijven")
    write("A0")
    key(Qt.Key.Key_Return, CTRL)
    wait(lambda: state("taalniveau") is TopicState.COVERED)
    report("state taalniveau covered")

    # 2. opleiding by shortcut: notes only, covering is refused, then parked.
    key(Qt.Key.Key_2, CTRL)
    wait(lambda: window.topic_id == "opleiding")
    expect_focus("opleiding.aantal_jaren")  # a topic starts at its top, in its first field
    tab_to("opleiding.notes")
    write(EXPECTED["intake.opleiding.notes"])
    key(Qt.Key.Key_Return, CTRL)
    wait(lambda: panel().missing.has_message)
    assert "Aantal jaren onderwijs" in panel().missing.text()
    assert state("opleiding") is TopicState.TOUCHED
    key(Qt.Key.Key_P, CTRL)
    wait(lambda: state("opleiding") is TopicState.PARKED)
    report("state opleiding parked")

    # 3. gezinssituatie via the switcher.
    switch("gezin", "gezinssituatie")
    expect_focus("gezinssituatie.huishouden")
    write("Alleens")
    tab_to("gezinssituatie.alleen_gesprek_aangeboden")
    write("J")
    key(Qt.Key.Key_Return, CTRL)
    wait(lambda: state("gezinssituatie") is TopicState.COVERED)
    report("state gezinssituatie covered")

    # 4. leerbaarheid by Ctrl+1: test not taken, with the reason; literacy.
    key(Qt.Key.Key_1, CTRL)
    wait(lambda: window.topic_id == "leerbaarheid")
    key(Qt.Key.Key_F8)
    expect_focus("leerbaarheid.toets_uitkomst")
    write("N")
    tab_to("leerbaarheid.toets_reden_niet_afgenomen")
    write("V")
    key(Qt.Key.Key_F8)  # how did the test go
    key(Qt.Key.Key_F8)  # reading in own language
    expect_focus("leerbaarheid.geletterdheid")
    write("Anders")
    key(Qt.Key.Key_Return, CTRL)
    wait(lambda: state("leerbaarheid") is TopicState.COVERED)
    report("state leerbaarheid covered")

    # 5. back to the parked topic: resume and finish it.
    key(Qt.Key.Key_2, CTRL)
    wait(lambda: window.topic_id == "opleiding")
    key(Qt.Key.Key_P, CTRL)
    wait(lambda: state("opleiding") is TopicState.TOUCHED)
    report("state opleiding resumed")
    key(Qt.Key.Key_F8)
    expect_focus("opleiding.aantal_jaren")
    write("6")
    key(Qt.Key.Key_F8)
    expect_focus("opleiding.hoogste_diploma")
    write("Basis")
    key(Qt.Key.Key_Return, CTRL)
    wait(lambda: state("opleiding") is TopicState.COVERED)
    report("state opleiding covered")

    # 6. next topic by Ctrl+PgDown: werkervaring, answered but left open.
    key(Qt.Key.Key_PageDown, CTRL)
    wait(lambda: window.topic_id == "werkervaring")
    expect_focus("werkervaring.gewerkt_herkomst")
    write("Nee")
    wait(lambda: state("werkervaring") is TopicState.TOUCHED)
    report("state werkervaring touched")
