"""The editor's grounds for a Z-route below 800 hours say the case in words and cite the
article the law text supports (issue 13, law check): "Besluit art. 3.14 lid 6, 8 en 9"
for each, as DOMAIN.md names the cases of those lids without saying which lid holds
which; the labels used to claim "lid 6", "lid 8" and "lid 9" one by one. In English the
same citation the English way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from inburg_desktop.domain.pip import UitzonderingGrond as G
from inburg_desktop.i18n import current_language, set_language
from inburg_desktop.ui.pip.exceptions_box import ground_labels


@pytest.fixture
def english() -> Iterator[None]:
    before = current_language()
    set_language("en")
    yield
    set_language(before)


Z_LIDS = "(Besluit art. 3.14 lid 6, 8 en 9)"
DUTCH = {
    G.BESLUIT_3_14_LID_6: f"Uren al gevolgd in een andere leerroute {Z_LIDS}",
    G.BESLUIT_3_14_LID_8: f"Gedeeltelijke ontheffing {Z_LIDS}",
    G.BESLUIT_3_14_LID_9: f"Een ander geval dat deze leden noemen {Z_LIDS}",
    G.BESLUIT_5_4_LID_2: (
        "Opleiding zonder vrijstelling afgerond of afgebroken (Besluit art. 5.4 lid 2)"
    ),
    G.BESLUIT_5_4_LID_3: "Een bijzonder geval (Besluit art. 5.4 lid 3)",
}


@pytest.mark.parametrize("grond", list(DUTCH))
def test_the_ground_labels_cite_the_supported_article(grond: G) -> None:
    assert ground_labels()[grond] == DUTCH[grond]


def test_the_english_labels_cite_the_same_lids(english: None) -> None:
    labels = ground_labels()
    assert labels[G.BESLUIT_3_14_LID_8] == ("Partial exemption (Decree art. 3.14(6), (8) and (9))")
    assert labels[G.BESLUIT_5_4_LID_3] == "A special case (Decree art. 5.4(3))"
