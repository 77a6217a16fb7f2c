"""Who a PIP says it comes from: the municipality's letterhead and the consultant's name.

A PIP is a beschikking of the college (Wet inburgering art. 15, Awb art. 3:40): it names
the municipality, its address for an objection (Awb art. 6:5 asks where to send it) and
the consultant who took the decision (AVG art. 22: a person, by name). While the
letterhead is still the shipped placeholder (``Letterhead.is_default``, the PDF says so in
small print) or no consultant's name is set, the PIP would go out with someone else's
address or without a name. This is the one rule for that, used by the confirmation
before setting and by ``inburg pip render``.
"""

from __future__ import annotations

from inburg_desktop.domain.letterhead import Letterhead
from inburg_desktop.domain.text import N_, Reason

LETTERHEAD_PLACEHOLDER = "letterhead_placeholder"
CONSULENT_MISSING = "consulent_missing"


def sender_gaps(letterhead: Letterhead, consulent: str | None) -> tuple[Reason, ...]:
    """What is missing for the PIP to name its sender, in the order to fix it: the
    placeholder letterhead (code ``letterhead_placeholder``), then the consultant's name
    (``consulent_missing``). Empty: the PIP names the municipality and the consultant."""
    gaps: list[Reason] = []
    if letterhead.is_default:
        gaps.append(
            Reason.of(
                LETTERHEAD_PLACEHOLDER,
                N_(
                    "Het briefhoofd is nog de standaardtekst ({name}, met de regel "
                    "“standaardgegevens: pas aan in de instellingen”). Het PIP gaat dan uit "
                    "met een adres en telefoonnummer die "
                    "niet van uw gemeente hoeven te zijn. Vul het briefhoofd van uw "
                    "gemeente in (Instellingen → Briefhoofd van de gemeente)."
                ),
                name=letterhead.name,
            )
        )
    if consulent is None or not consulent.strip():
        gaps.append(
            Reason.of(
                CONSULENT_MISSING,
                N_(
                    "De naam van de consulent is nog niet ingesteld: het PIP noemt niemand "
                    "als degene die besloot (Instellingen → Mijn naam als consulent)."
                ),
            )
        )
    return tuple(gaps)
