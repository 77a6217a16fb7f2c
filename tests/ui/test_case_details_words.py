"""Case details in English name countries and labels in English (usability round 3,
finding 13: "the country of nationality is Syrië", "the residence basis is gezin"). Every
law case is opened in the Dossiergegevens dialog with the UI in English, every residence
basis is chosen in turn, and each sentence the dialog shows (verdict, reasons, warnings,
deadlines) is searched for a Dutch word the domain puts into a reason: a country's Dutch
name that differs from its English one, a residence basis, a doelgroep or a leerroute in
its Dutch form."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import cache

import pytest
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.case import Doelgroep, Leerroute, ResidenceBasis
from inburg_desktop.domain.countries import country_name, known_codes
from inburg_desktop.domain.pip_rules import ROUTE_NAMES_NL
from inburg_desktop.domain.plicht import check_plicht
from inburg_desktop.domain.text import DutchTerm, Reason
from inburg_desktop.formatting import (
    DOELGROEP_LABELS,
    RESIDENCE_LABELS,
    ROUTE_LABELS,
    reason_text,
    term_text,
)
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.app import use_language
from inburg_desktop.ui.case_details import CaseDetailsDialog

from .law_cases import add_law_cases

TODAY = date(2026, 4, 15)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    assert use_language("en") == "en"
    yield
    use_language("nl")


@cache
def dutch_words() -> frozenset[str]:
    """The Dutch forms of what reasons name, each differing from its English form."""
    words = {
        country_name(code, "nl")
        for code in known_codes()
        if country_name(code, "nl") != country_name(code, "en")
    }
    words |= {basis.value for basis in ResidenceBasis} | {d.value for d in Doelgroep}
    words |= set(RESIDENCE_LABELS.values()) | set(DOELGROEP_LABELS.values())
    words |= set(ROUTE_LABELS.values()) | set(ROUTE_NAMES_NL.values())
    return frozenset(w for w in words if len(w) > 2)


def dutch_in(text: str) -> list[str]:
    return sorted(w for w in dutch_words() if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text))


def test_every_sentence_of_the_case_details_names_countries_and_labels_in_english(
    qtbot: QtBot, vault: OpenVault
) -> None:
    with vault.transaction() as session:
        ids = add_law_cases(session)
    seen_nationality = False
    for case_id in ids:
        with vault.session() as session:
            nationality = get_case(session, case_id).case.person.nationality
        dialog = CaseDetailsDialog(vault, case_id, today=TODAY)
        qtbot.addWidget(dialog)
        dialog.show()
        for index in range(dialog.basis.count()):
            dialog.basis.setCurrentIndex(index)
            text = dialog.status.text()
            assert dutch_in(text) == [], (case_id, dialog.basis.currentText(), text)
            english = country_name(nationality, "en")
            if english != nationality and "country of nationality" in text:
                assert english in text
                seen_nationality = True
        dialog.close()
    assert seen_nationality


@pytest.mark.parametrize(
    ("term", "english"),
    [
        (DutchTerm("Syrië", "country", "SYR"), "Syria"),
        (DutchTerm("Eritrea", "country", "ERI"), "Eritrea"),
        (DutchTerm("gezin", "residence_basis", "gezin"), "Family (family migration)"),
        (DutchTerm("statushouder", "doelgroep", "statushouder"), "status holder"),
        (DutchTerm("onderwijsroute", "leerroute", Leerroute.ONDERWIJS.value), "Education route"),
        (DutchTerm("iets", "residence_basis", "iets_nieuws"), "iets"),  # a newer version's
    ],
)
def test_each_kind_of_term_is_worded_in_the_ui_language(term: DutchTerm, english: str) -> None:
    assert term_text(term) == english
    reason = Reason.of(
        "t", "Volgens de vastgelegde gegevens is het land van nationaliteit {x}", x=term
    )
    assert english in reason_text(reason)
    assert str(term) in reason.render()  # the decision's Dutch (CLI, PDF) stays Dutch


@pytest.mark.parametrize("nationality", ["SYR", "ERI", "DEU", "TUR", "NLD", "XXX", "BEL"])
@pytest.mark.parametrize("basis", [None, *ResidenceBasis])
def test_the_law_reasons_name_every_nationality_and_basis_in_english(
    nationality: str, basis: ResidenceBasis | None
) -> None:
    check = check_plicht(
        date(1990, 3, 12), nationality, TODAY, residence_basis=basis, permit_since=None
    )
    for reason in (*check.reasons, *check.warnings):
        text = reason_text(reason)
        assert dutch_in(text) == [], text
