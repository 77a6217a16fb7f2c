"""File pickers behind one small factory, so tests can swap them out (as Vorta does)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def choose_open_file(parent: QWidget, title: str, name_filter: str) -> Path | None:
    name, _selected = QFileDialog.getOpenFileName(parent, title, "", name_filter)
    return Path(name) if name else None


def choose_save_file(parent: QWidget, title: str, suggested: str, name_filter: str) -> Path | None:
    name, _selected = QFileDialog.getSaveFileName(parent, title, suggested, name_filter)
    return Path(name) if name else None
