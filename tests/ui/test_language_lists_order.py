"""Every list of prompt languages has one order (usability round 6 #4, #7): the case's
preferred language first, marked "(voorkeurstaal)", then alphabetically by the name in
the UI language as that language sorts. The interpreter view's "Taal" (opened from the
intake and from the progress talk), the PIP editor's "Samenvatting in" and the
"Vragenboekje voor de tolk" menu, in Dutch and in English. Before, the view listed the
catalogue's order (Arabisch, Koerdisch, Engels, …) and the PIP editor the preferred
language then the catalogue's order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QCollator, QLocale, Qt
from PySide6.QtWidgets import QComboBox, QMenu
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX, SIGNED_INDEX
from inburg_desktop.i18n import _
from inburg_desktop.locale_names import language_name
from inburg_desktop.services import consulent
from inburg_desktop.services.intake_edit import open_intake
from inburg_desktop.services.pip_service import annex_language_for
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.app import use_language
from inburg_desktop.ui.close_guard import closing_for_lock
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.pip import PipEditorWindow
from inburg_desktop.ui.voortgang import TalkWindow

TODAY = date(2026, 11, 2)


@pytest.fixture(params=["nl", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    use_language(request.param)
    yield request.param
    use_language("nl")


def _codes(combo: QComboBox) -> list[str | None]:
    return [combo.itemData(i) for i in range(combo.count())]


def _in_one_order(codes: list[str], ui: str, preferred: str | None) -> list[str]:
    """What each list must hold: ``preferred`` first (when there), the rest sorted by
    their name in ``ui`` with Qt's collator for ``ui``."""
    collator = QCollator(QLocale(ui))
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    rest = sorted(
        (c for c in codes if c != preferred), key=lambda c: collator.sortKey(language_name(c, ui))
    )
    return ([preferred] if preferred in codes else []) + rest


def _preferred(vault: OpenVault, case_id: str) -> str | None:
    """The case's preferred language as a prompt (and annex) language code."""
    return annex_language_for(open_intake(vault, case_id).stored.case.person.preferred_language)


def test_the_interpreter_view_and_the_pip_editor_list_languages_in_one_order(
    qtbot: QtBot, vault: OpenVault, language: str
) -> None:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        cases = add_demo_cases(session, 12, TODAY)
    case_id = cases[DRAFT_INDEX]
    preferred = _preferred(vault, case_id)
    assert preferred is not None  # the demo person has one with prompts and an annex
    mark = _("(voorkeurstaal)")

    intake = IntakeWindow(vault, case_id, today=TODAY)  # deletes itself on close
    intake.show()
    qtbot.waitUntil(lambda: intake.stored is not None, timeout=15_000)
    intake.open_interpreter()
    view = intake.interpreter
    assert view is not None
    taal = [c for c in _codes(view.language) if c is not None]
    assert taal == _in_one_order(taal, language, preferred)
    assert view.language.itemText(0).endswith(mark)
    assert not any(view.language.itemText(i).endswith(mark) for i in range(1, len(taal)))
    assert view.language_code == preferred  # it starts at the preferred language

    pip = PipEditorWindow(vault, case_id, today=TODAY)
    pip.show()
    qtbot.waitUntil(lambda: pip.annex.count() > 0, timeout=15_000)
    annex = _codes(pip.annex)
    assert annex[-1] is None  # "Geen samenvatting (alleen Nederlands)" last
    languages = [c for c in annex if c is not None]
    assert languages == _in_one_order(languages, language, preferred)
    assert pip.annex.itemText(0).endswith(mark)
    # the same languages stand in the same order in both windows
    assert languages == [c for c in taal if c in languages]
    with closing_for_lock():
        pip.close()
        intake.close()


def test_the_progress_talks_interpreter_view_and_the_booklet_menu_too(
    qtbot: QtBot, vault: OpenVault, language: str
) -> None:
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 12, TODAY)[SIGNED_INDEX]
    preferred = _preferred(vault, case_id)
    talk = TalkWindow(vault, case_id, today=TODAY)
    with qtbot.waitSignal(talk.loaded, timeout=10_000):
        talk.show()
    talk.open_interpreter()
    view = talk.interpreter
    assert view is not None
    taal = [c for c in _codes(view.language) if c is not None]
    assert taal == _in_one_order(taal, language, preferred)
    assert (preferred is None) or view.language.itemText(0).endswith(_("(voorkeurstaal)"))

    main = MainWindow(vault)
    qtbot.addWidget(main)
    wanted = _("Vragen&boekje voor de tolk (PDF)")
    menus = main.menuBar().findChildren(QMenu)
    (booklet,) = [menu for menu in menus if menu.title() == wanted]
    names = [a.text().replace("&", "").split(" — ")[0] for a in booklet.actions()]
    collator = QCollator(QLocale(language))
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    assert names == sorted(names, key=collator.sortKey)
    with closing_for_lock():
        talk.close()
