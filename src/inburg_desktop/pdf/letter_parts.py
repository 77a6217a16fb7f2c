"""Parts every letter of the municipality shares (the PIP and the fine decision): the
letterhead with its logo, and the objection clause of a beschikking (Awb art. 6:7).

The letters differ in what they decide; what says who sends them and how to object is one
code, so a change of the letterhead or of the clause reaches every letter.
"""

from __future__ import annotations

import io
from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Spacer

from inburg_desktop.domain.handhaving import BEZWAAR_WEEKS, bezwaar_last_day
from inburg_desktop.domain.letterhead import Letterhead
from inburg_desktop.domain.logo import LogoError, check_logo
from inburg_desktop.formatting import decision_date
from inburg_desktop.pdf.columns import Columns, Padding, Rule
from inburg_desktop.pdf.pip_sections import body, section, small
from inburg_desktop.pdf.text import paragraph

GREY = colors.HexColor("#5b6570")


def logo(head: Letterhead) -> tuple[Flowable | None, str]:
    """The logo to draw, or why none is drawn.

    A logo is checked when it is stored; one that still does not decode (a value synced
    from an older office, an old vault) is decoded here under the same caps and left out
    with a note, so the PIP renders all the same.
    """
    if head.logo is None:
        return None, head.logo_problem
    try:
        check_logo(head.logo)
    except LogoError as exc:
        return None, exc.reason
    logo = Image(io.BytesIO(head.logo), width=30 * mm, height=15 * mm, kind="proportional")
    logo.hAlign = "LEFT"
    return logo, ""


def letterhead_block(head: Letterhead) -> list[Flowable]:
    left: list[Flowable] = [paragraph(head.name, "nl", "title")]
    contact = [*head.address_lines, f"Telefoon {head.phone}", head.email, head.website]
    right: list[Flowable] = [small("\n".join(line for line in contact if line))]
    if head.is_default:
        right.append(small("(standaardgegevens: pas aan in de instellingen)"))
    image, problem = logo(head)
    if image is not None:
        left.insert(0, image)
    if problem:
        right.append(small(f"(logo niet getoond: {problem})"))
    return [
        Columns(
            [left, right],
            [None, 60 * mm],
            # Space after each cell: without it a title filling its column ran into the
            # address beside it (and pdftotext read the two as one word).
            Padding(right=4 * mm, top=3, bottom=6),
            Rule(0.8, GREY),
        ),
        Spacer(1, 6 * mm),
    ]


def objection_clause(
    dagtekening: date | None, college: str, postadres: str, website: str
) -> list[Flowable]:
    """ "Bent u het niet eens met dit besluit?": objection within six weeks of the decision's
    date (Awb art. 6:7), the last day when the date is known, and where to send it."""
    deadline = ""
    if dagtekening is not None:
        deadline = (
            f" Dit besluit heeft als datum {decision_date(dagtekening)}; u kunt bezwaar "
            f"maken t/m {decision_date(bezwaar_last_day(dagtekening))}."
        )
    online = f" U kunt ook bezwaar maken via {website} (met DigiD)." if website else ""
    return section(
        "Bent u het niet eens met dit besluit?",
        body(
            f"Dan kunt u bezwaar maken. Dat moet binnen {BEZWAAR_WEEKS} weken na de datum "
            f"van dit besluit (Algemene wet bestuursrecht, art. 6:7).{deadline}"
        ),
        body(f"Stuur een brief naar: {college}, {postadres}.{online}"),
        body(
            "Schrijf in uw bezwaar: uw naam en adres, de datum, het kenmerk van dit besluit, "
            "waarom u het er niet mee eens bent, en zet uw handtekening eronder. Hebt u hulp "
            "nodig? Bel uw consulent."
        ),
    )
