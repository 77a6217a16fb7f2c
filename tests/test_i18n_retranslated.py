"""``i18n.retranslated``: a shown text said again in the language switched to (usability
round 6 finding 19), with its format values, its Alt-letter moved by the mnemonic keeper,
and nothing of it kept past a lock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from inburg_desktop import i18n
from inburg_desktop.i18n import _, forget_rendered, ngettext, retranslated


@pytest.fixture(autouse=True)
def _dutch() -> Iterator[None]:
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


def test_a_formatted_text_is_said_again_with_its_values_said_again_too() -> None:
    shown = _("{field}: niet opgeslagen. {problem}").format(
        field=_("Termijnen"), problem=_("Vul een datum in (dd-mm-jjjj).")
    )
    i18n.set_language("en")
    assert retranslated(shown) == _("{field}: niet opgeslagen. {problem}").format(
        field=_("Termijnen"), problem=_("Vul een datum in (dd-mm-jjjj).")
    )
    assert "niet opgeslagen" not in retranslated(shown)


def test_a_count_is_said_again_in_its_plural() -> None:
    shown = ngettext("{n} dossier", "{n} dossiers", 3).format(n=3)
    i18n.set_language("en")
    assert retranslated(shown) == "3 cases"


def test_a_text_whose_alt_letter_the_keeper_moved_is_found() -> None:
    _("Ongedaan &maken")
    i18n.set_language("en")
    assert retranslated("&Ongedaan maken") == "&Undo"
    assert retranslated("Ongedaan maken") == "&Undo"


def test_other_text_is_left_alone_and_nothing_is_kept_past_a_lock() -> None:
    named = _("Brede intake — {name}").format(name="Haddad, Amal")
    assert retranslated("Haddad, Amal") == "Haddad, Amal"
    forget_rendered()
    i18n.set_language("en")
    assert retranslated(named) == named  # the name is no longer remembered
