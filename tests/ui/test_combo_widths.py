"""Every combo of the PIP editor and the intake shows its longest item whole at 1366×768
(usability round 3, finding 4: the annex language read "Arabiscl"). A combo is as wide
as a combo that sizes to its contents would be; the Z-route ground combos are the one
exception by design (their grounds are sentences, shown in full beneath the combo)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.services import consulent
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.close_guard import closing_for_lock
from inburg_desktop.ui.intake.window import IntakeWindow
from inburg_desktop.ui.pip import PipEditorWindow

TODAY = date(2026, 11, 2)


def _needed(combo: QComboBox) -> int:
    """The width a combo sized to its longest item would take (same font and style)."""
    probe = QComboBox()
    probe.setFont(combo.font())
    probe.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    for index in range(combo.count()):
        probe.addItem(combo.itemIcon(index), combo.itemText(index))
    needed = probe.sizeHint().width()
    probe.deleteLater()
    return needed


def _clipped(root: QWidget, where: str) -> list[str]:
    found = []
    for combo in root.findChildren(QComboBox):
        if not combo.isVisible() or combo.objectName().startswith("ground_"):
            continue
        needed = _needed(combo)
        if combo.width() < needed:
            longest = max((combo.itemText(i) for i in range(combo.count())), key=len)
            found.append(f"{where}: {combo.objectName() or longest!r} {combo.width()}<{needed}")
    return found


def test_every_combo_shows_its_longest_item(qtbot: QtBot, vault: OpenVault) -> None:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        cases = add_demo_cases(session, 12, TODAY)
    clipped: list[str] = []
    pip = PipEditorWindow(vault, cases[DRAFT_INDEX], today=TODAY)  # deletes itself
    pip.resize(1366, 768)
    pip.show()
    qtbot.waitUntil(lambda: pip.context is not None, timeout=15_000)
    pip.form.ontzorgen_on.setChecked(True)
    pip.form.intensity_on.setChecked(True)
    for index in range(pip.tabs.count()):
        pip.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        clipped += _clipped(pip, f"PIP tab {index}")
    with closing_for_lock():
        pip.close()
    intake = IntakeWindow(vault, cases[0], today=TODAY)  # deletes itself
    intake.resize(1366, 768)
    intake.show()
    qtbot.waitUntil(lambda: intake.stored is not None, timeout=15_000)
    for topic in intake.catalogue.topics:
        intake.show_topic(topic.id, focus=False)
        QApplication.processEvents()
        clipped += _clipped(intake, f"intake {topic.id}")
    with closing_for_lock():
        intake.close()
    assert clipped == []
