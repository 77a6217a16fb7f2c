"""Which letterhead a PIP carries: the office's, else this laptop's, else the default; a
stored value that cannot be used is skipped and said, never half-applied."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.letterhead import PNG_MAGIC, Letterhead, LetterheadError, letterhead_json
from inburg_desktop.services import pip_service
from inburg_desktop.services.letterhead import (
    LOCAL_KEY,
    OFFICE_KEY,
    load_letterhead,
    save_local_letterhead,
)
from inburg_desktop.storage.sync_state import get_setting, set_setting
from inburg_desktop.storage.vault import OpenVault

SIGNED = 6  # demo.pip_stages: case 6 has a signed PIP


def logo_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (240, 80), (20, 80, 160)).save(out, format="PNG")
    return out.getvalue()


LEIDEN = Letterhead(
    name="Gemeente Leiden",
    college="het college van burgemeester en wethouders van Leiden",
    address_lines=("Stadhuisplein 1",),
    postal_address="Postbus 9100, 2300 PC Leiden",
    phone="14 071",
    email="gemeente@leiden.nl",
    website="www.leiden.nl",
    is_default=False,
)
OFFICE = Letterhead(
    name="Gemeente Katwijk",
    college="het college van burgemeester en wethouders van Katwijk",
    postal_address="Postbus 589, 2220 AN Katwijk",
    phone="14 071",
    is_default=False,
)


def test_default_then_local_then_office(vault: OpenVault) -> None:
    with vault.session() as session:
        chosen = load_letterhead(session)
    assert chosen.source == "default" and chosen.letterhead.is_default
    with vault.transaction() as session:
        save_local_letterhead(session, LEIDEN)
    with vault.session() as session:
        chosen = load_letterhead(session)
    assert (chosen.source, chosen.letterhead) == ("local", LEIDEN)
    with vault.transaction() as session:  # what a sync stores when the office publishes one
        set_setting(session, OFFICE_KEY, letterhead_json(OFFICE))
    with vault.session() as session:
        chosen = load_letterhead(session)
    assert (chosen.source, chosen.letterhead) == ("office", OFFICE)


def test_an_unusable_office_value_is_skipped_and_said(vault: OpenVault) -> None:
    with vault.transaction() as session:
        save_local_letterhead(session, LEIDEN)
        set_setting(session, OFFICE_KEY, {**letterhead_json(OFFICE), "name": ""})
    with vault.session() as session:
        chosen = load_letterhead(session)
    assert (chosen.source, chosen.letterhead) == ("local", LEIDEN)
    assert chosen.problems == (
        "Briefhoofd van het kantoor niet gebruikt: naam van de gemeente: mag niet leeg zijn",
    )


def test_a_damaged_logo_is_refused_and_nothing_stored(vault: OpenVault) -> None:
    damaged = PNG_MAGIC + b"\x00\x00\x00\x0dIHDR" + b"\xff" * 40
    with pytest.raises(LetterheadError, match="beschadigd"), vault.transaction() as session:
        save_local_letterhead(session, Letterhead(**{**LEIDEN.__dict__, "logo": damaged}))
    with vault.session() as session:
        assert get_setting(session, LOCAL_KEY) is None


@pytest.mark.skipif(shutil.which("pdfimages") is None, reason="poppler-utils not installed")
def test_the_pip_carries_the_chosen_letterhead_and_logo(vault: OpenVault, tmp_path: Path) -> None:
    with vault.transaction() as session:
        cases = add_demo_cases(session, 8, date(2026, 11, 2))
        save_local_letterhead(session, Letterhead(**{**LEIDEN.__dict__, "logo": logo_png()}))
    with vault.session() as session:
        pdf = pip_service.render_current(session, cases[SIGNED])
    out = tmp_path / "pip.pdf"
    out.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    text = " ".join(text.split())  # lines wrap
    assert "Gemeente Leiden" in text
    # The objection clause sends the bezwaar to this municipality (Awb art. 6:7).
    assert "wethouders van Leiden, Postbus 9100, 2300 PC Leiden" in text
    assert "Wassenaar" not in text and "standaardgegevens" not in text
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True)
    assert len(images.stdout.strip().splitlines()) >= 3  # two header lines, then the logo
