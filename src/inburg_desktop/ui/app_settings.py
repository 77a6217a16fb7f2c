"""Settings that live outside the vault because they are needed before unlock.

Only non-personal values: UI language, idle minutes, the last vault path.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs

from inburg_desktop.storage.files import write_atomic


@dataclass
class AppSettings:
    ui_language: str = "nl"
    idle_minutes: float = 5.0
    last_vault: str | None = None

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
        try:
            doc = json.loads(cls.path().read_text("utf-8"))
        except (OSError, ValueError):
            return cls()
        out = cls()
        if doc.get("ui_language") in ("nl", "en"):
            out.ui_language = doc["ui_language"]
        minutes = doc.get("idle_minutes")
        if isinstance(minutes, int | float) and 0.05 <= minutes <= 240:
            out.idle_minutes = float(minutes)
        if isinstance(doc.get("last_vault"), str):
            out.last_vault = doc["last_vault"]
        return out

    def save(self) -> None:
        write_atomic(self.path(), json.dumps(asdict(self), indent=2).encode())
