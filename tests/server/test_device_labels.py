"""A laptop's label (``inburg-office enroll --label``) through the label rule
(``safe_text.typed_label_problem``), and "one label per consultant" compared on the
visible form (``safe_text.label_key``). Attack round 6, finding 5: ``laptop\\u200b 1``
beside ``laptop 1``, a tatweel in a Latin word and a lone Hangul filler were accepted
although the refusal message said invisible characters were refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from inburg_desktop.server import admin
from inburg_desktop.server import cli as office_cli
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import EnrollmentCode

REFUSED = {
    "zero width space": ("laptop\u200b 1", "U+200B"),
    "word joiner at the end": ("laptop 1\u2060", "U+2060"),
    "combining grapheme joiner": ("laptop 1\u034f", "U+034F"),
    "a lone Hangul filler": ("\u3164", "U+3164"),
    "halfwidth Hangul filler": ("laptop\uffa0", "U+FFA0"),
    "braille blank": ("laptop \u2800", "U+2800"),
    "one tatweel in a Latin word": ("lap\u0640top 1", "U+0640"),
    "two tatweel": ("lap\u0640\u0640top 1", "U+0640"),
    "right-to-left override": ("laptop \u202e1", "U+202E"),
    "C1 control": ("laptop\x9b1", "U+009B"),
    "no-break space": ("laptop\u00a01", None),  # collapsed to a plain space: accepted
    "Cyrillic а in a Latin word": ("l\u0430ptop 1", "U+0430"),
    "fullwidth digit": ("laptop \uff11", "U+FF11"),
    "mark on a space": ("laptop \u0301 1", "U+0301"),
}


@pytest.fixture
def db_file(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'kantoor.db'}"


def run_office(url: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = office_cli.main([*args, "--db", url])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("label", "named"), REFUSED.values(), ids=list(REFUSED))
def test_a_label_with_an_invisible_filler_or_look_alike_is_refused_naming_it(
    db_file: str, capsys: pytest.CaptureFixture[str], label: str, named: str | None
) -> None:
    code, out, err = run_office(
        db_file, capsys, "enroll", "--consultant", "C. Een", "--label", label
    )
    db = Database(db_file)
    try:
        with db.read() as session:
            made = len(session.scalars(select(EnrollmentCode)).all())
    finally:
        db.dispose()
    if named is None:
        assert code == 0, err
        assert made == 1
        return
    assert code != 0
    assert named in err and "Het label van een laptop" in err
    assert "Er is geen code gemaakt" in err
    assert made == 0 and out == ""


@pytest.mark.parametrize(
    "look_alike",
    ["Laptop 1", "LAPTOP  1", "laptop\u00a01", " laptop 1 "],
)
def test_one_label_per_consultant_compared_on_the_visible_form(
    office: Database, consultant: str, look_alike: str
) -> None:
    admin.create_enrollment_code(office, consultant, label="laptop 1")
    with pytest.raises(admin.AdminError, match="al een laptop"):
        admin.create_enrollment_code(office, consultant, label=look_alike)
    # another consultant's laptop may have it
    admin.create_enrollment_code(office, consultant + " Twee", label=look_alike)


def test_a_label_stored_before_the_rule_still_blocks_its_visible_twin(
    office: Database, consultant: str
) -> None:
    """A label with a ZWSP stored by an older version is the same label as ``laptop 1``."""
    admin.create_enrollment_code(office, consultant, label="laptop 1")
    with office.write() as session:
        row = session.scalars(
            select(EnrollmentCode).where(EnrollmentCode.consultant == consultant)
        ).one()
        row.label = "laptop\u200b 1"
    with pytest.raises(admin.AdminError, match="al een laptop"):
        admin.create_enrollment_code(office, consultant, label="laptop 1")
