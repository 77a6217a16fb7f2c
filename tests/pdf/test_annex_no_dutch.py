"""An annex in the newcomer's language carries no Dutch word the newcomer cannot read,
in every shipped prompt language (usability round 4, finding 13: "Zelfredzaamheidsroute
(Z-route)" stood in Dutch inside the Arabic and Tigrinya annex).

What an annex fills into its translated sentences, by kind: the leerroute's name (from
the prompts catalogue, as the intake named it: ``pip_annex.ROUTE_TERMS``), the language
level (B1/A1/A2, kept: ``pip_annex.ANNEX_KEPT_DUTCH``), dates (the month in the annex's
language), counts, and data kept as they are (the municipality's name and postal
address, the consultant's name, the phone number). Grounds, KNM/MAP/PVT and doelgroep
names do not appear in an annex. The annex's caption above it ("Bijlage: samenvatting in
uw taal, Arabisch — العربية") and the concept note are the Dutch decision's own words for
its official reader, outside the annex's text (``pdf.pip_document._annex``).

A word counts as Dutch-only when it is a word of the Dutch sources (the annex's Dutch
sentences, the decision's route names, the Dutch months) and neither the language's own
translations use it nor it is data or a kept term."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from tests.pdf.samples import sample_doc

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.pip_annex import ANNEX_KEPT_DUTCH, ANNEX_SOURCE, ROUTE_TERMS
from inburg_desktop.domain.text import NL_MONTHS
from inburg_desktop.pdf.pip_document import annex_lines
from inburg_desktop.pdf.pip_sections import DOELGROEP_NAMES, ROUTE_NAMES
from inburg_desktop.services.pip_service import annex_languages, annex_texts

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in WORD.findall(PLACEHOLDER.sub(" ", text))}


DUTCH = set().union(
    *(_words(t) for t in ANNEX_SOURCE.values()),
    *(_words(t) for t in ROUTE_NAMES.values()),
    *(_words(dutch) for _context, dutch in ROUTE_TERMS.values()),
    *(_words(t) for t in DOELGROEP_NAMES.values()),
    _words(" ".join(NL_MONTHS)),
)


def test_every_shipped_prompt_language_has_an_annex() -> None:
    assert set(annex_languages()) >= {"ar", "ti", "fa", "prs", "tr", "so", "ku", "fr", "en"}


@pytest.mark.parametrize("signed", [True, False], ids=["signed", "draft"])
@pytest.mark.parametrize("route", list(Leerroute), ids=[r.value for r in Leerroute])
@pytest.mark.parametrize("lang", annex_languages())
def test_an_annex_carries_no_dutch_only_word(lang: str, route: Leerroute, signed: bool) -> None:
    texts = annex_texts(lang)
    doc = sample_doc(lang, signed=signed)
    beschikking = replace(doc.version.beschikking, leerroute=route)
    doc = replace(doc, annex_texts=texts, version=replace(doc.version, beschikking=beschikking))
    own = set().union(*(_words(t) for t in texts.values()))
    data = _words(" ".join((doc.letterhead.name, doc.letterhead.postal_address, doc.consulent)))
    kept = set().union(*(_words(w) for w in ANNEX_KEPT_DUTCH))
    found = set()
    for _key, text in annex_lines(doc, lang, texts):
        found |= {w for w in _words(text) if w in DUTCH} - own - data - kept
    assert found == set(), f"{lang}, {route.value}: Dutch in the annex: {sorted(found)}"
