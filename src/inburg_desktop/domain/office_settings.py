"""Every setting the office can publish to laptops (``inburg-office setting``), by key.

A setting the office publishes must have an effect on the laptop:
``tests/domain/test_office_settings.py`` checks that each key the documentation publishes
is listed here and read on the laptop.
"""

from __future__ import annotations

from inburg_desktop.domain.fine_settings import OFFICE_SETTING as FINE_AMOUNTS
from inburg_desktop.domain.gemeente_setting import LETTERHEAD_PREFIX
from inburg_desktop.domain.gemeente_setting import OFFICE_SETTING as GEMEENTEN
from inburg_desktop.domain.idle_lock import OFFICE_SETTING as IDLE_LOCK
from inburg_desktop.domain.letterhead import OFFICE_SETTING as LETTERHEAD

PUBLISHED: dict[str, str] = {
    IDLE_LOCK: "maximum idle minutes before the app locks (ui/app.py, services/idle_lock.py)",
    LETTERHEAD: "the municipality's letterhead on every PIP (services/letterhead.py)",
    FINE_AMOUNTS: "the municipality's fine amounts (services/handhaving.py fine_settings)",
    GEMEENTEN: "the office's gemeenten and who works for which (services/gemeenten.py)",
    f"{LETTERHEAD_PREFIX}<CODE>": "a gemeente's own letterhead on its cases' PIPs and letters "
    "(services/letterhead.py; one key per gemeente, e.g. setting.letterhead_GM0629)",
}
"""Key -> what it does on the laptop and where it is read."""


def published_form(key: str) -> str:
    """The entry of :data:`PUBLISHED` that ``key`` is: itself, or for a gemeente's own
    letterhead (``setting.letterhead_GM0629``) the form ``setting.letterhead_<CODE>``."""
    if key.startswith(LETTERHEAD_PREFIX) and key != LETTERHEAD_PREFIX:
        return f"{LETTERHEAD_PREFIX}<CODE>"
    return key


def laptop_key(key: str) -> str:
    """Where sync stores a published setting in the vault (``sync.engine``)."""
    return f"office.{key}"
