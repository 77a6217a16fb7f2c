"""Every setting the documentation tells an admin to publish has an effect on the laptop.

Before issue 13 (atk F4), ``setting.idle_lock_minutes`` was published, pulled and stored
by every laptop, and read by nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from inburg_desktop.domain.fine_settings import OFFICE_SETTING as FINE_AMOUNTS
from inburg_desktop.domain.gemeente_setting import LETTERHEAD_PREFIX, letterhead_key
from inburg_desktop.domain.gemeente_setting import OFFICE_SETTING as GEMEENTEN
from inburg_desktop.domain.idle_lock import OFFICE_SETTING as IDLE_LOCK
from inburg_desktop.domain.letterhead import OFFICE_SETTING as LETTERHEAD
from inburg_desktop.domain.letterhead import Letterhead, letterhead_json
from inburg_desktop.domain.office_settings import PUBLISHED, laptop_key, published_form
from inburg_desktop.services.gemeenten import gemeente_keuze
from inburg_desktop.services.handhaving import fine_settings
from inburg_desktop.services.idle_lock import office_maximum
from inburg_desktop.services.letterhead import load_letterhead
from inburg_desktop.storage.sync_state import set_setting
from inburg_desktop.storage.vault import OpenVault

from ..gemeente_office import published

ROOT = Path(__file__).resolve().parents[2]
SETTING = re.compile(r"\bsetting\.[a-z][A-Za-z0-9_<>]*")


def documented_settings() -> set[str]:
    found: set[str] = set()
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        found |= {published_form(key) for key in SETTING.findall(text)}
    return found


def test_every_documented_setting_is_one_the_laptop_knows() -> None:
    documented = documented_settings()
    assert documented, "no setting found in the documentation: the pattern is wrong"
    assert documented <= set(PUBLISHED), documented - set(PUBLISHED)


def test_every_known_setting_changes_what_the_laptop_does(vault: OpenVault) -> None:
    """Each key in PUBLISHED, stored as sync stores it, is read by the laptop's code."""
    effects: dict[str, tuple[object, Callable[[Session], bool]]] = {
        IDLE_LOCK: (5, lambda s: office_maximum(s) == 5.0),
        FINE_AMOUNTS: (
            {"basis_cents": 40_00},
            lambda s: fine_settings(s)[0].basis_cents == 40_00,
        ),
        LETTERHEAD: (
            letterhead_json(Letterhead(name="Gemeente Katwijk", is_default=False)),
            lambda s: load_letterhead(s).source == "office",
        ),
        GEMEENTEN: (
            published({"GM0629": ["fatima"]}),
            lambda s: gemeente_keuze(s).naam("GM0629") == "Wassenaar",
        ),
        f"{LETTERHEAD_PREFIX}<CODE>": (
            letterhead_json(Letterhead(name="Gemeente Wassenaar", is_default=False)),
            lambda s: load_letterhead(s, "GM0629").source == "gemeente",
        ),
    }
    assert set(effects) == set(PUBLISHED)
    for key, (value, read) in effects.items():
        with vault.transaction() as session:
            # one key per gemeente: stored as the office publishes Wassenaar's
            stored = letterhead_key("GM0629") if key == f"{LETTERHEAD_PREFIX}<CODE>" else key
            set_setting(session, laptop_key(stored), value)
        with vault.session() as session:
            assert read(session), key


def test_the_office_cannot_publish_an_idle_lock_laptops_would_ignore(tmp_path: Path) -> None:
    import pytest

    from inburg_desktop.server import admin
    from inburg_desktop.server.db import Database
    from inburg_desktop.server.migrate import upgrade

    db = Database(f"sqlite:///{tmp_path / 'office.db'}")
    upgrade(db.engine)
    try:
        for bad in (0, -5, "5", True, 10**6, None):
            with pytest.raises(admin.AdminError, match="aantal minuten"):
                admin.set_setting(db, IDLE_LOCK, bad)
        admin.set_setting(db, IDLE_LOCK, 5)
    finally:
        db.dispose()
