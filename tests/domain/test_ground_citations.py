"""The grounds for deviating from a PIP rule cite only what the law text this app
follows supports (issue 13, law check of usability round 4).

DOMAIN.md ("The law"): route changes after the 18 months — "after finishing or leaving a
non-exempting course after those 1.5 years (5.4 lid 2), and 'bijzondere gevallen' (5.4 lid
3)"; the Z-route below 800 hours — "Lids 6, 8 and 9 allow fewer hours in the cases they
name (hours already followed in another route, partial ontheffing)", without saying which
lid holds which case. So each Z-route ground cites the three lids together, in the editor
and in the decision; the PIP's route against the intake's choice cites Wet art. 14 lid 3
and art. 15 lid 1."""

from __future__ import annotations

import pytest

from inburg_desktop.domain.pip import GROUND_ARTICLES, UitzonderingGrond, ground_citation
from inburg_desktop.domain.pip_rules import ROUTE_SWITCH_GROUNDS, Z_HOURS_GROUNDS
from inburg_desktop.pdf.pip_sections import GROUND_NAMES

G = UitzonderingGrond

# (ground, its citation, the citation in the decision, where the docs say so)
TABLE = [
    (G.BESLUIT_5_4_LID_2, "Besluit art. 5.4 lid 2", "Besluit inburgering art. 5.4 lid 2",
     "DOMAIN.md: a non-exempting course finished or left (5.4 lid 2)"),
    (G.BESLUIT_5_4_LID_3, "Besluit art. 5.4 lid 3", "Besluit inburgering art. 5.4 lid 3",
     "DOMAIN.md: bijzondere gevallen (5.4 lid 3)"),
    (G.BESLUIT_3_14_LID_6, "Besluit art. 3.14 lid 6, 8 en 9",
     "Besluit inburgering art. 3.14 lid 6, 8 en 9",
     "DOMAIN.md: hours followed in another route, one of lids 6, 8 and 9"),
    (G.BESLUIT_3_14_LID_8, "Besluit art. 3.14 lid 6, 8 en 9",
     "Besluit inburgering art. 3.14 lid 6, 8 en 9",
     "DOMAIN.md: partial ontheffing, one of lids 6, 8 and 9"),
    (G.BESLUIT_3_14_LID_9, "Besluit art. 3.14 lid 6, 8 en 9",
     "Besluit inburgering art. 3.14 lid 6, 8 en 9",
     "DOMAIN.md: the cases lids 6, 8 and 9 name"),
    (G.WET_15_LID_1, "Wet art. 14 lid 3 en art. 15 lid 1",
     "Wet inburgering 2021 art. 14 lid 3 en art. 15 lid 1",
     "DOMAIN.md: the PIP sets the route on the basis of the brede intake"),
]  # fmt: skip


@pytest.mark.parametrize(("grond", "short", "full", "source"), TABLE, ids=[t[3] for t in TABLE])
def test_each_ground_cites_what_the_law_text_supports(
    grond: UitzonderingGrond, short: str, full: str, source: str
) -> None:
    assert ground_citation(grond) == short
    assert ground_citation(grond, full_title=True) == full
    assert GROUND_NAMES[grond].startswith(full + " (")  # the decision cites the same


def test_every_ground_has_its_article_in_one_place() -> None:
    assert set(GROUND_ARTICLES) == set(UitzonderingGrond)
    assert {g for g, *_ in TABLE} == set(UitzonderingGrond)


def test_no_z_route_ground_claims_a_lid_of_its_own() -> None:
    for grond in Z_HOURS_GROUNDS:
        for text in (ground_citation(grond), GROUND_NAMES[grond]):
            assert "lid 6, 8 en 9" in text, text
            for lid in ("lid 6)", "lid 8)", "lid 9)", "lid 6.", "lid 8.", "lid 9."):
                assert not text.endswith(lid[:-1]) and lid not in text, text
    assert {ground_citation(g) for g in ROUTE_SWITCH_GROUNDS} == {
        "Besluit art. 5.4 lid 2",
        "Besluit art. 5.4 lid 3",
    }
