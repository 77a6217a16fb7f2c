"""``inburg-office setting setting.letterhead``: the office checks a letterhead with the
laptop's own checks (logo decoded in full, caps) and publishes the logo re-encoded, so a
bad file is refused at the office instead of failing every PIP on every laptop."""

from __future__ import annotations

import base64
import io
import json
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import select

from inburg_desktop.domain.letterhead import parse_letterhead
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import Setting

KATWIJK: dict[str, Any] = {
    "name": "Gemeente Katwijk",
    "college": "het college van burgemeester en wethouders van Katwijk",
    "postal_address": "Postbus 589, 2220 AN Katwijk",
    "phone": "14 071",
}


def png(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.linear_gradient("L").resize(size).convert("RGB").save(out, format="PNG")
    return out.getvalue()


def stored(office: Database) -> Any:
    with office.read() as session:
        row = session.scalars(select(Setting).where(Setting.key == "setting.letterhead")).first()
        return None if row is None else json.loads(row.value)


def with_logo(logo: bytes) -> dict[str, Any]:
    return {**KATWIJK, "logo_base64": base64.b64encode(logo).decode("ascii")}


def test_a_truncated_logo_is_refused_and_nothing_published(office: Database) -> None:
    whole = png((400, 300))
    before = stored(office)  # the database is shared by the session's tests
    with pytest.raises(admin.AdminError, match="Briefhoofd geweigerd: logo: de afbeelding is"):
        admin.set_setting(office, "setting.letterhead", with_logo(whole[: len(whole) * 2 // 3]))
    assert stored(office) == before


def test_the_published_logo_is_the_re_encoded_one(office: Database) -> None:
    admin.set_setting(office, "setting.letterhead", with_logo(png((3000, 1000))))
    head = parse_letterhead(stored(office))  # what every laptop reads
    assert head.logo is not None
    with Image.open(io.BytesIO(head.logo)) as image:
        assert (image.format, image.size) == ("PNG", (1000, 333))
    assert head.name == "Gemeente Katwijk"
