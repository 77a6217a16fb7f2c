"""What one PIP PDF shows: the content a use case gathers and the PDF renderer draws.

``services`` builds a :class:`PipDocument` from the vault (the case, the PIP version, its
deadlines, the letterhead, signatures, annex texts); ``pdf.pip_document.render_pip`` turns
it into bytes. Neither knows the other: the content model lives here, below both, so the
use cases never import the renderer (DESIGN.md "Layout"; import-linter checks it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from inburg_desktop.domain.case import Doelgroep, Inburgeraar
from inburg_desktop.domain.deadlines import Deadlines
from inburg_desktop.domain.letterhead import Letterhead
from inburg_desktop.domain.pip import PipVersion


@dataclass(frozen=True)
class PipDocument:
    """Everything one PIP PDF shows."""

    person: Inburgeraar
    doelgroep: Doelgroep
    version: PipVersion
    deadlines: Deadlines
    consulent: str
    kenmerk: str
    letterhead: Letterhead = field(default_factory=Letterhead)
    signature_inburgeraar: bytes | None = None  # PNG
    signature_consulent: bytes | None = None  # PNG
    annex_lang: str | None = None
    annex_texts: Mapping[str, str] | None = None
    # the annex's translation is an unreviewed draft (``prompts.translations.is_concept``);
    # marked unless known to be reviewed
    annex_concept: bool = True


PipRenderer = Callable[[PipDocument], bytes]
"""Turns a :class:`PipDocument` into PDF bytes (``pdf.pip_document.render_pip``): handed to
a use case that must render between reading and storing (signing on the laptop)."""
