"""Registering the shipped Noto fonts with Qt, so Arabic and Tigrinya render anywhere."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase

from inburg_desktop.prompts.resources import resources_dir

_registered: dict[str, list[str]] = {}


def register_fonts(directory: Path | None = None) -> dict[str, list[str]]:
    """Add every TTF under ``resources/fonts`` to Qt's font database; returns file → families."""
    directory = directory or resources_dir() / "fonts"
    for path in sorted(directory.glob("*.ttf")):
        if str(path) in _registered:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        _registered[str(path)] = (
            QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        )
    return dict(_registered)
