"""Logging to a rotating file in the user's log dir; never personal data in messages."""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs


def log_dir() -> Path:
    override = os.environ.get("INBURG_LOG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_log_dir("inburg-desktop", appauthor=False))


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Attach one rotating file handler to the root logger (idempotent)."""
    root = logging.getLogger()
    if any(getattr(h, "_inburg", False) for h in root.handlers):
        return None
    directory = log_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = RotatingFileHandler(
            directory / "inburg.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._inburg = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return directory / "inburg.log"
