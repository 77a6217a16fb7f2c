"""PDF rendering: shipped fonts, shaped multilingual text and the deterministic A4 document.

Build a story of flowables with :func:`paragraph` (any language; Arabic script is shaped
and set right to left, Ethiopic is shaped) and render it with :func:`build_pdf`. The PIP
is rendered from a ``domain.pip_document.PipDocument`` that a service gathered.

May import: ``prompts`` (booklet texts), ``domain``, ReportLab and uharfbuzz; never
``services`` or ``storage`` (it is handed content, it reads nothing).
"""

from inburg_desktop.pdf.document import DocumentInfo, build_pdf
from inburg_desktop.pdf.fonts import (
    FontFamily,
    Script,
    family_for_language,
    is_rtl,
    register_fonts,
    resources_dir,
)
from inburg_desktop.pdf.text import ShapedParagraph, paragraph, paragraph_style

__all__ = [
    "DocumentInfo",
    "FontFamily",
    "Script",
    "ShapedParagraph",
    "build_pdf",
    "family_for_language",
    "is_rtl",
    "paragraph",
    "paragraph_style",
    "register_fonts",
    "resources_dir",
]
