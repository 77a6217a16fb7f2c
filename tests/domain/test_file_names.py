"""Suggested file names: valid on every OS, never turned around on screen, holding the
name the consultant knows and the date, nothing else personal (issue 13 item 6)."""

from __future__ import annotations

from datetime import date

import pytest

from inburg_desktop.domain.file_names import (
    MAX_NAME,
    boete_file_name,
    pip_file_name,
    safe_file_name,
    subject_access_file_name,
)

DAY = date(2026, 11, 30)


def test_a_pip_is_named_for_the_case_and_its_date() -> None:
    assert pip_file_name("Amal Haddad", DAY) == "Amal Haddad PIP 2026-11-30.pdf"
    assert pip_file_name("Amal Haddad", DAY, concept=True) == (
        "Amal Haddad PIP concept 2026-11-30.pdf"
    )
    assert pip_file_name("Amal Haddad", DAY, signed=True) == (
        "Amal Haddad PIP 2026-11-30 ondertekend.pdf"
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Łukasz Nowak", "Łukasz Nowak"),  # letters of every script stay
        ("أمل حداد", "أمل حداد"),
        ('a/b\\c:d*e?f"g<h>i|j', "a b c d e f g h i j"),
        ("Amal\u202eexe.fdp", "Amalexe.fdp"),  # a right-to-left override is dropped
        ("Amal\u200bHaddad", "AmalHaddad"),  # invisible characters are dropped
        ("Amal\nHaddad\t", "Amal Haddad"),
        ("  ..Amal..  ", "Amal"),  # Windows drops trailing dots and spaces
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("", "document"),
        ("\u202e", "document"),
    ],
)
def test_safe_file_name(name: str, expected: str) -> None:
    assert safe_file_name(name) == expected


def test_a_long_name_gives_way_and_the_date_stays() -> None:
    name = pip_file_name("A" * 400, DAY, signed=True)
    assert name.endswith(" PIP 2026-11-30 ondertekend.pdf")
    assert len(name) <= MAX_NAME + len(".pdf")


def test_a_subject_access_copy_is_named_in_the_pips_style() -> None:
    day = date(2026, 11, 30)
    assert subject_access_file_name("Amal Haddad", day, ".pdf") == (
        "Amal Haddad inzage AVG 2026-11-30.pdf"
    )
    assert subject_access_file_name("Amal/Haddad", day, ".json").endswith(
        " inzage AVG 2026-11-30.json"
    )
    long = subject_access_file_name("Ab" * 200, day, ".pdf")
    assert long.endswith("inzage AVG 2026-11-30.pdf") and len(long) <= MAX_NAME + len(".pdf")


def test_a_fine_letter_is_named_as_the_pip_is() -> None:
    """Usability round 7, finding 7: "beschikking-boete-INB-….pdf" beside "Hodan Warsame
    PIP 2026-11-30.pdf"."""
    assert boete_file_name("Hodan Warsame", DAY) == (
        "Hodan Warsame beschikking boete 2026-11-30.pdf"
    )
    long = boete_file_name("A" * 400, DAY)
    assert long.endswith(" beschikking boete 2026-11-30.pdf")
    assert len(long) <= MAX_NAME + len(".pdf")
    assert boete_file_name("a/b\u202e", DAY) == "a b beschikking boete 2026-11-30.pdf"
