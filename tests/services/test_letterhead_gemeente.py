"""A case's documents carry its gemeente's letterhead (``setting.letterhead_<CODE>``),
else the office-wide one, else the laptop's own; the college named is always the case's
gemeente's: the PIP is a decision of that college (Wet art. 15 lid 1; issue 16 item 5)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.gemeente_setting import letterhead_key
from inburg_desktop.domain.letterhead import Letterhead, letterhead_json
from inburg_desktop.domain.office_settings import laptop_key
from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.services import pip_service
from inburg_desktop.services.letterhead import (
    OFFICE_KEY,
    load_letterhead,
    save_local_letterhead,
)
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.sync_state import set_setting
from inburg_desktop.storage.vault import OpenVault

from ..gemeente_office import publish
from .test_letterhead import LEIDEN, OFFICE, SIGNED, pdftotext

VOORSCHOTEN = Letterhead(
    name="Gemeente Voorschoten",
    college="het college van burgemeester en wethouders van Voorschoten",
    address_lines=("Leidseweg 25",),
    postal_address="Postbus 393, 2250 AJ Voorschoten",
    phone="14 071",
    email="info@voorschoten.nl",
    website="www.voorschoten.nl",
    is_default=False,
)

# (gemeente of the case, letterheads published: own / office-wide / laptop's,
#  source chosen, name on it, college named)
CASES = [
    ("GM0626", (True, True, True), "gemeente", "Gemeente Voorschoten", "Voorschoten"),
    ("GM0629", (True, True, True), "office", "Gemeente Katwijk", "Wassenaar"),
    ("GM0629", (True, False, True), "local", "Gemeente Leiden", "Wassenaar"),
    ("GM1916", (False, False, False), "default", "Gemeente Wassenaar", "Leidschendam-Voorburg"),
    (None, (True, True, True), "office", "Gemeente Katwijk", "Katwijk"),  # no gemeente: as before
]


@pytest.mark.parametrize(("code", "published", "source", "name", "college"), CASES)
def test_the_gemeente_s_letterhead_then_the_office_s_then_the_laptop_s(
    vault: OpenVault,
    code: str | None,
    published: tuple[bool, bool, bool],
    source: str,
    name: str,
    college: str,
) -> None:
    publish(vault, "GM0626", "GM0629")
    own, office, local = published
    with vault.transaction() as session:
        if own:
            set_setting(session, laptop_key(letterhead_key("GM0626")), letterhead_json(VOORSCHOTEN))
        if office:
            set_setting(session, OFFICE_KEY, letterhead_json(OFFICE))
        if local:
            save_local_letterhead(session, LEIDEN)
    with vault.session() as session:
        chosen = load_letterhead(session, code)
    assert (chosen.source, chosen.letterhead.name) == (source, name)
    assert chosen.letterhead.college == f"het college van burgemeester en wethouders van {college}"


def test_the_pip_of_a_case_of_voorschoten_carries_voorschoten(
    vault: OpenVault, tmp_path: Path
) -> None:
    publish(vault, "GM0626", "GM0629")
    with vault.transaction() as session:
        cases = add_demo_cases(session, 8, date(2026, 11, 2))
        update_fields(session, cases[SIGNED], {"gemeente": "GM0626"})
        set_setting(session, laptop_key(letterhead_key("GM0626")), letterhead_json(VOORSCHOTEN))
        set_setting(session, OFFICE_KEY, letterhead_json(replace(OFFICE)))
    with vault.session() as session:
        pdf = render_pip(pip_service.current_document(session, cases[SIGNED]))
    (tmp_path / "pip-voorschoten.pdf").write_bytes(pdf)
    text = pdftotext(pdf, tmp_path)
    assert "Gemeente Voorschoten" in text and "Katwijk" not in text
    # the objection goes to the college of the case's gemeente (Awb art. 6:7)
    assert "wethouders van Voorschoten, Postbus 393, 2250 AJ Voorschoten" in text


def test_a_gemeente_s_own_letterhead_is_no_placeholder_for_its_pip(vault: OpenVault) -> None:
    """Usability round 10: ``inburg pip render`` warned that the letterhead was still the
    placeholder while the PDF carried the gemeente's published one (no office-wide one):
    the warning read the office-wide letterhead, the PIP its gemeente's."""
    from inburg_desktop.domain.pip_sender import LETTERHEAD_PLACEHOLDER
    from inburg_desktop.services.pip_editing import sender_gaps

    publish(vault, "GM0626", "GM0629")
    with vault.transaction() as session:
        (case,) = add_demo_cases(session, 1, date(2026, 11, 2))
        update_fields(session, case, {"gemeente": "GM0626"})
        set_setting(session, laptop_key(letterhead_key("GM0626")), letterhead_json(VOORSCHOTEN))
    codes = {gap.code for gap in sender_gaps(vault, case)}
    assert LETTERHEAD_PLACEHOLDER not in codes
    assert LETTERHEAD_PLACEHOLDER in {gap.code for gap in sender_gaps(vault)}  # no case: as before
