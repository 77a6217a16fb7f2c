"""Which letterhead a PIP carries: the office's, else this laptop's, else the default; a
stored value that cannot be used is skipped and said, never half-applied; a logo is
decoded in full before it is stored, and one stored before that was checked is left out
of the PIP with a note instead of failing every render."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.letterhead import Letterhead, LetterheadError, letterhead_json
from inburg_desktop.domain.logo import MAX_FILE_BYTES, PNG_MAGIC
from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.services import pip_service
from inburg_desktop.services.letterhead import (
    LOCAL_KEY,
    OFFICE_KEY,
    load_letterhead,
    read_logo_file,
    save_local_letterhead,
)
from inburg_desktop.storage.sync_state import get_setting, set_setting
from inburg_desktop.storage.vault import OpenVault

SIGNED = 6  # demo.pip_stages: case 6 has a signed PIP


def logo_png(size: tuple[int, int] = (240, 80)) -> bytes:
    out = io.BytesIO()
    Image.linear_gradient("L").resize(size).convert("RGB").save(out, format="PNG")
    return out.getvalue()


def truncated_png() -> bytes:
    """A PNG cut off in its image data: the header (and so its size) reads fine."""
    whole = logo_png((400, 300))
    return whole[: len(whole) * 2 // 3]


def pdftotext(pdf: bytes, tmp_path: Path) -> str:
    out = tmp_path / "out.pdf"
    out.write_bytes(pdf)
    done = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True)
    return " ".join(done.stdout.split())


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


@pytest.mark.parametrize(
    "damaged",
    [PNG_MAGIC + b"\x00\x00\x00\x0dIHDR" + b"\xff" * 40, truncated_png()],
    ids=["bad-header", "truncated"],
)
def test_a_damaged_logo_is_refused_and_nothing_stored(vault: OpenVault, damaged: bytes) -> None:
    with pytest.raises(LetterheadError, match="beschadigd"), vault.transaction() as session:
        save_local_letterhead(session, Letterhead(**{**LEIDEN.__dict__, "logo": damaged}))
    with vault.session() as session:
        assert get_setting(session, LOCAL_KEY) is None


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_stored_logo_that_does_not_decode_is_left_out_with_a_note(
    vault: OpenVault, tmp_path: Path
) -> None:
    """An office value synced before logos were checked: the PIP still renders, with the
    office's own name and objection address, without the logo and saying so."""
    with vault.transaction() as session:
        cases = add_demo_cases(session, 8, date(2026, 11, 2))
        value = letterhead_json(replace(OFFICE, logo=truncated_png()))
        set_setting(session, OFFICE_KEY, value)  # as a pull stores it, unchecked
    with vault.session() as session:
        chosen = load_letterhead(session)
        pdf = render_pip(pip_service.current_document(session, cases[SIGNED]))
    assert chosen.source == "office" and chosen.letterhead.logo is None
    assert chosen.problems == (
        "Logo van het kantoor niet gebruikt: de afbeelding is beschadigd of onvolledig",
    )
    text = pdftotext(pdf, tmp_path)
    assert "Gemeente Katwijk" in text and "Postbus 589, 2220 AN Katwijk" in text
    assert "(logo niet getoond: de afbeelding is beschadigd of onvolledig)" in text


def test_the_stored_logo_is_the_re_encoded_one(vault: OpenVault) -> None:
    big = logo_png((2400, 800))
    with vault.transaction() as session:
        save_local_letterhead(session, replace(LEIDEN, logo=big))
    with vault.session() as session:
        logo = load_letterhead(session).letterhead.logo
    assert logo is not None and len(logo) < len(big)
    with Image.open(io.BytesIO(logo)) as image:
        assert image.size == (1000, 333)


def test_a_logo_file_is_read_within_bounds(tmp_path: Path) -> None:
    picked = tmp_path / "logo.png"
    picked.write_bytes(logo_png((300, 100)))
    with Image.open(io.BytesIO(read_logo_file(picked))) as image:
        assert (image.format, image.size) == ("PNG", (300, 100))
    huge = tmp_path / "groot.png"
    huge.write_bytes(PNG_MAGIC + b"\x00" * MAX_FILE_BYTES)
    with pytest.raises(LetterheadError, match="logo: groter dan 4 MB"):
        read_logo_file(huge)
    with pytest.raises(LetterheadError, match="logo: is een map, geen bestand"):
        read_logo_file(tmp_path)
    fifo = tmp_path / "pijp.png"
    os.mkfifo(fifo)  # no writer: reading it must not wait for one
    with pytest.raises(LetterheadError, match="logo: is geen gewoon bestand"):
        read_logo_file(fifo)
    link = tmp_path / "nul.png"
    link.symlink_to("/dev/zero")
    with pytest.raises(LetterheadError, match="logo: is geen gewoon bestand"):
        read_logo_file(link)


@pytest.mark.skipif(shutil.which("pdfimages") is None, reason="poppler-utils not installed")
def test_the_pip_carries_the_chosen_letterhead_and_logo(vault: OpenVault, tmp_path: Path) -> None:
    with vault.transaction() as session:
        cases = add_demo_cases(session, 8, date(2026, 11, 2))
        save_local_letterhead(session, Letterhead(**{**LEIDEN.__dict__, "logo": logo_png()}))
    with vault.session() as session:
        pdf = render_pip(pip_service.current_document(session, cases[SIGNED]))
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
