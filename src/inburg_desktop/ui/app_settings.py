"""Settings that live outside the vault because they are needed before unlock.

Only non-personal values: UI language, idle minutes, the last vault path, the folder a
document was last exported to.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs

from inburg_desktop.domain.json_input import read_json_file
from inburg_desktop.services.files import write_private_file

MAX_SETTINGS_BYTES = 100_000  # the file holds three short values


@dataclass
class AppSettings:
    ui_language: str = "nl"
    idle_minutes: float = 5.0
    last_vault: str | None = None
    last_export_dir: str | None = None

    @staticmethod
    def path() -> Path:
        override = os.environ.get("INBURG_CONFIG_DIR")
        base = (
            Path(override)
            if override
            else Path(platformdirs.user_config_dir("inburg-desktop", appauthor=False))
        )
        return base / "settings.json"

    @classmethod
    def load(cls) -> AppSettings:
        # Any program of the user can write this file: a FIFO, a huge file or one that is
        # not an object gives the defaults instead of hanging or stopping the app.
        try:
            doc = read_json_file(cls.path(), max_bytes=MAX_SETTINGS_BYTES)
        except (OSError, ValueError):  # JsonInputError is a ValueError
            return cls()
        if not isinstance(doc, dict):
            return cls()
        out = cls()
        if doc.get("ui_language") in ("nl", "en"):
            out.ui_language = doc["ui_language"]
        minutes = doc.get("idle_minutes")
        if isinstance(minutes, int | float) and 0.05 <= minutes <= 240:
            out.idle_minutes = float(minutes)
        if isinstance(doc.get("last_vault"), str):
            out.last_vault = doc["last_vault"]
        if isinstance(doc.get("last_export_dir"), str):
            out.last_export_dir = doc["last_export_dir"]
        return out

    def save(self) -> None:
        write_private_file(self.path(), json.dumps(asdict(self), indent=2).encode())
