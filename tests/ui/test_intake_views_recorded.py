"""The intake records a view of each topic shown (issue 16 item 1), and only when the
consultant moves to a topic: the same topic drawn again (a language switch, a COA item
confirmed) wrote another view row into the append-only, synced trail."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.audit import Action
from inburg_desktop.i18n import set_language
from inburg_desktop.services import audit_trail
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.close_guard import closing_for_lock
from inburg_desktop.ui.intake import IntakeWindow


def _topic_views(vault: OpenVault, case_id: str) -> list[str]:
    audit_trail.views(vault).flush()
    entries = audit_trail.trail(vault, case_id).entries
    return [e.part for e in entries if e.action is Action.VIEW and e.part.startswith("intake.")]


def test_a_topic_drawn_again_is_no_new_view(qtbot: QtBot, vault: OpenVault) -> None:
    set_language("nl")
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 3, date(2026, 11, 30))[0]
    window = IntakeWindow(vault, case_id)  # deletes itself on close
    window.show()
    qtbot.waitUntil(lambda: window.panel is not None)
    before = _topic_views(vault, case_id)
    assert before  # the topic shown at opening is a view

    window.retranslate()  # the topic drawn again, as a language switch does
    assert _topic_views(vault, case_id) == before

    other = window.catalogue.topics[1].id
    window.show_topic(other)  # moving to another topic is a view of it
    assert _topic_views(vault, case_id) == [*before, f"intake.{other}"]
    with closing_for_lock():
        window.close()
