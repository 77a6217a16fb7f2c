"""A refused edit in the talk window never blocks the others (usability round 9, finding
4): a window opened on talk 2 (talk 1 held) sent talk 2's parts as parts of talk 1, which
the service refused ("Dit is geen onderdeel van een voortgangsgesprek"); the refused
patch stayed pending and was sent again with every later save, so every edit after it,
of any talk, was refused too, and only "Niet opslaan" (losing the notes) got out.

The intake's rule (issue 13 item 2) holds here too: a refused value is reported at its
field, only that field stays unsaved, and the other fields' edits are written."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import SIGNED_INDEX
from inburg_desktop.i18n import set_language
from inburg_desktop.services import consulent, voortgang
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.voortgang import TalkWindow
from inburg_desktop.ui.voortgang.autosave import TalkAutosave

TODAY = date(2026, 11, 2)


def _case(vault: OpenVault) -> str:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        return add_demo_cases(session, 12, TODAY)[SIGNED_INDEX]


def _stored(vault: OpenVault, case_id: str, key: str) -> object:
    with vault.session() as session:
        return get_case(session, case_id).fields.get(key)


def test_a_window_opened_on_the_second_talk_saves_it_and_then_the_first(
    qtbot: QtBot, vault: OpenVault
) -> None:
    set_language("nl")
    case_id = _case(vault)
    voortgang.record_held(vault, case_id, 1, TODAY, TODAY)
    window = TalkWindow(vault, case_id, today=TODAY)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=10000):
        window.show()
    assert window.nummer == 2  # the next talk to hold
    window.notes.setFocus()
    qtbot.keyClicks(window.notes, "Aanmelden bij ROC.")
    window.autosave.flush()
    assert _stored(vault, case_id, "voortgang.2.notities") == "Aanmelden bij ROC."
    assert window.notice.kind != "error"
    assert not window.autosave.busy
    # then the held talk: its edit saves as well
    window.talk_box.setCurrentIndex(window.talk_box.findData(1))
    assert window.nummer == 1
    window.notes.moveCursor(window.notes.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.notes, " A-extra.")
    window.autosave.flush()
    assert str(_stored(vault, case_id, "voortgang.1.notities")).endswith(" A-extra.")
    assert _stored(vault, case_id, "voortgang.2.notities") == "Aanmelden bij ROC."
    assert window._unsaved_labels() == []


def test_a_refused_part_is_named_and_the_other_parts_are_written(
    qtbot: QtBot, vault: OpenVault
) -> None:
    set_language("nl")
    case_id = _case(vault)
    window = TalkWindow(vault, case_id, today=TODAY)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=10000):
        window.show()
    assert window.nummer == 1
    # A part the service refuses (an agreement the PIP does not have), as a stale row or
    # a pulled field would send it, queued beside the notes the consultant types.
    refused_key = "voortgang.1.afspraak.40.vervolg"
    window.autosave.schedule({refused_key: "Iets"}, started={refused_key: None})
    window.notes.setFocus()
    qtbot.keyClicks(window.notes, "Eerste gesprek.")
    window.autosave.flush()
    assert _stored(vault, case_id, "voortgang.1.notities") == "Eerste gesprek."
    assert _stored(vault, case_id, refused_key) is None
    # only the refused part is left unsaved, and the notice says which one
    labels = window._unsaved_labels()
    assert len(labels) == 1
    assert labels[0] in window.notice.text()
    # a later edit of another field saves at once, with no refusal in the way
    window.satisfaction[next(iter(window.satisfaction))].setCurrentIndex(1)
    window.autosave.flush()
    assert _stored(vault, case_id, "voortgang.1.notities") == "Eerste gesprek."
    assert any(
        str(key).startswith("voortgang.1.tevredenheid") and value is not None
        for key, value in _fields(vault, case_id).items()
    )
    assert window._unsaved_labels() == labels


def _fields(vault: OpenVault, case_id: str) -> dict[str, object]:
    with vault.session() as session:
        return dict(get_case(session, case_id).fields)


def test_the_talk_autosave_writes_each_part_to_the_talk_its_key_names(
    qtbot: QtBot, vault: OpenVault
) -> None:
    case_id = _case(vault)
    voortgang.record_held(vault, case_id, 1, TODAY, TODAY)
    autosave = TalkAutosave(vault, case_id)
    autosave.schedule(
        {"voortgang.1.notities": "Eén.", "voortgang.2.notities": "Twee."},
        started={"voortgang.1.notities": None, "voortgang.2.notities": None},
    )
    autosave.flush()
    assert not autosave.busy
    assert _stored(vault, case_id, "voortgang.1.notities") == "Eén."
    assert _stored(vault, case_id, "voortgang.2.notities") == "Twee."
