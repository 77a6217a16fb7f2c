"""A V-nummer or BSN as people type or paste it, read as the number it is.

Letters and forms print these numbers for people, not for machines: "V 123 456 7890",
"V1234567890", "1234.56.789" (usability round 3: the V-nummer field refused a leading
"V" copied from an IND letter). What is typed by hand is read by dropping a leading "V"
(the IND's prefix of the vreemdelingennummer) and the spaces and dots that group the
digits; what remains is checked by the unchanged rule of the handover format (a V-nummer
is ten digits, a BSN nine: ``domain.handover``). Anything else (a letter inside, a dash, a
"V" that does not lead) is left as typed, so the rule refuses it in words instead of this
reading guessing.

A handover *file* is read as it is (machines write its numbers without decoration).
"""

from __future__ import annotations

import re

# The grouping people and letters use: spaces (also a no-break or narrow no-break space
# from a pasted PDF) and dots.
_GROUPING = re.compile(r"[ .\u00a0\u202f\t]+")


def typed_v_nummer(text: str) -> str:
    """``text`` without a leading ``V``/``v`` and without grouping spaces and dots:
    ``"V 123.456.7890"`` -> ``"1234567890"``; ``""`` stays ``""``."""
    stripped = text.strip()
    if stripped[:1] in ("V", "v"):
        stripped = stripped[1:]
    return _GROUPING.sub("", stripped)


def typed_bsn(text: str) -> str:
    """``text`` without grouping spaces and dots: ``"1234.56.782"`` -> ``"123456782"``."""
    return _GROUPING.sub("", text.strip())
