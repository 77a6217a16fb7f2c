"""Locate the top-level ``resources/`` directory (fonts, icons, prompt catalogue, letterhead).

A source checkout or editable install finds it at the repository root; an installed copy
finds it under ``sys.prefix/share/inburg-desktop/resources``.
"""

from __future__ import annotations

import sys
from pathlib import Path

_APP_DIR = "inburg-desktop"


def resources_dir() -> Path:
    """Return the ``resources/`` directory; raise ``FileNotFoundError`` naming both places tried."""
    checkout = Path(__file__).resolve().parents[3] / "resources"
    if checkout.is_dir():
        return checkout
    installed = Path(sys.prefix) / "share" / _APP_DIR / "resources"
    if installed.is_dir():
        return installed
    raise FileNotFoundError(
        f"inburg-desktop resources not found: looked in {checkout} and {installed}"
    )
