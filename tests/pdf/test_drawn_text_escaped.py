"""No PDF draws a control or text-direction character from any field (attack round 6,
finding 8: a PIP's "Vastgesteld door" with an OSC title sequence, a clear-screen sequence,
an RLO and a CSI was printed raw, so the name read reversed). ``pdf.text.drawable`` is the
one point every text passes before it is drawn; these tests put a hostile string in every
text field of the PIP and of the fine letter and read the PDF back with ``pdftotext``."""

from __future__ import annotations

import enum
import subprocess
from dataclasses import fields, is_dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.fines import Overtreding, Verwijtbaarheid
from inburg_desktop.domain.pip import Besluitnemer
from inburg_desktop.pdf.boete_document import render_boete
from inburg_desktop.pdf.document import DocumentInfo, build_pdf
from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.pdf.text import drawable, paragraph
from inburg_desktop.services import consulent, handhaving
from inburg_desktop.services.handhaving import BesluitInput, OvertredingInput
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.vault import OpenVault

from ..conftest import require_tool
from .samples import LISTS, SINGLE, Fields, pip_with

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\u202eseirV\u2066\x85\x9b\u202a\x00"
"""An OSC title and a clear-screen sequence, an RLO, an LRI, C1 NEL and CSI, LRE, NUL."""
FORBIDDEN = set("\x1b\x07\x85\x9b\x00\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
SEEN = "<U+202E>seirV<U+2066><U+0085><U+009B><U+202A><U+0000>"
"""How :data:`HOSTILE` reads on paper after its escape sequences are escaped too."""


def _text(pdf: bytes) -> str:
    """``pdftotext`` output, unfolded (``str.split`` would eat NEL and the C0 separators)."""
    tool = require_tool("pdftotext")
    return subprocess.run(
        [tool, "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")


def _hidden(text: str) -> set[str]:
    return {char for char in text if char in FORBIDDEN}


def test_drawable_escapes_exactly_what_free_text_may_not_hold() -> None:
    assert drawable(HOSTILE) == "<U+001B>]0;pwned<U+0007><U+001B>[2J" + SEEN
    # kept: line breaks and tabs, LRM/RLM in mixed text, ZWNJ in a Persian word
    kept = "a\tb\nميخواهم\u200cبروم \u200eX\u200f"
    assert drawable(kept) == kept
    assert drawable("a\r\nb\rc") == "a\nb\nc"


def test_every_text_field_of_the_pip_is_drawn_escaped() -> None:
    f = Fields(
        single={name: f"{name} {HOSTILE}" for name in SINGLE},
        lists={name: [f"{name} {HOSTILE}"] for name in LISTS},
        annex=None,
        address_lines=(f"adres {HOSTILE}",),
    )
    doc = pip_with(f)
    door = Besluitnemer(f"door {HOSTILE}", "c-1", "2026-05-11T09:30:00+00:00")
    doc = replace(doc, version=replace(doc.version, vastgesteld_door=door))
    text = _text(render_pip(doc))
    assert _hidden(text) == set()
    folded = "".join(text.split())
    for name in (*SINGLE, *LISTS, "adres", "door"):
        assert f"{name}<U+001B>]0;pwned".replace(" ", "") in folded, name


def test_the_document_metadata_is_escaped_too() -> None:
    """A PDF reader shows the title in its title bar: it holds the person's name."""
    pdf = build_pdf(
        [paragraph("x", "nl")],
        DocumentInfo(
            title=f"PIP – {HOSTILE}",
            author=HOSTILE,
            subject=HOSTILE,
            lang="nl",
            created=datetime(2026, 5, 11, tzinfo=UTC),
        ),
    )
    tool = require_tool("pdfinfo")
    info = subprocess.run([tool, "-"], input=pdf, capture_output=True, check=True)
    text = info.stdout.decode("utf-8")
    assert _hidden(text) == set()
    assert text.count(SEEN) == 3


def _poisoned(value: Any, counter: list[int]) -> Any:
    """``value`` (a dataclass tree) with the hostile string added to every text field the
    model accepts it in; ``counter`` counts the fields changed."""
    if isinstance(value, tuple):
        return tuple(_poisoned(item, counter) for item in value)
    if not is_dataclass(value) or isinstance(value, type):
        return value
    out = value
    for spec in fields(value):
        current = getattr(out, spec.name)
        if isinstance(current, str) and not isinstance(current, enum.Enum):
            new: Any = f"{current} {HOSTILE}".strip()
        else:
            new = _poisoned(current, counter)
            if new is current:
                continue
        try:
            out = replace(out, **{spec.name: new})
        except (ValueError, TypeError):
            continue  # the model refuses it there (an id, a moment): it cannot be drawn
        if isinstance(current, str):
            counter[0] += 1
    return out


@pytest.fixture
def decided(vault: OpenVault) -> tuple[str, str]:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        case = add_demo_cases(session, 2, date(2026, 5, 1))[0]
        update_fields(session, case, {"dates.pip_date": "2026-05-11"})
    given = OvertredingInput(
        Overtreding.MAP_INTENSITEIT,
        date(2026, 11, 1),
        "Twee MAP-bijeenkomsten gemist.",
        Verwijtbaarheid.GROVE_SCHULD,
    )
    data = handhaving.record_violation(vault, case, given, date(2027, 1, 31))
    (record,) = [r.id for r in data.records]
    decision = BesluitInput(True, 10_00, "Betaalt af.", date(2026, 11, 3))
    handhaving.decide(vault, case, record, decision, datetime(2026, 11, 3, 9, 30, tzinfo=UTC))
    return case, record


def test_every_text_field_of_the_fine_letter_is_drawn_escaped(
    vault: OpenVault, decided: tuple[str, str]
) -> None:
    case, record = decided
    with vault.session() as session:
        document = handhaving.letter(session, case, record)
    counter = [0]
    hostile = _poisoned(document, counter)
    assert counter[0] >= 10
    text = _text(render_boete(hostile))
    # pdftotext itself wraps a right-to-left run (the annex in Arabic) in RLE … PDF; the
    # letter as it is, unpoisoned, shows which: the hostile fields add nothing to them
    own = _hidden(_text(render_boete(document)))
    assert own <= {"\u202b", "\u202c"}
    assert _hidden(text) <= own
    # the person's names, the decider, the reason, the facts, the letterhead: each drawn
    assert "".join(text.split()).count("<U+001B>]0;pwned") >= 8
