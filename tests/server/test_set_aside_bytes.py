"""What one device stores as set aside is bounded in bytes, and staff read it a page at a
time with its content in words (attack round 3 #2, usability round 3 #11), on SQLite and
PostgreSQL.

The entry cap alone let one device store 1.8 GB (1,000 entries of 9 values of 200 KB):
now an entry holds at most ``MAX_SET_ASIDE_ENTRY_BYTES`` (413
``set_aside_entry_too_large``) and a device at most ``MAX_BYTES_PER_DEVICE`` (429
``set_aside_full``); a refused report stores nothing. ``inburg-office apart-gezet`` read
every row at once and showed field codes only: it now pages (keyset, ``--na``), streams
JSON, and shows each field in the laptop's words with a short, escaped value.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select

from inburg_desktop.protocol.messages import (
    MAX_SET_ASIDE_ENTRY_BYTES,
    SetAsideEntry,
    SetAsideReport,
    short_value,
)
from inburg_desktop.server import admin, set_aside
from inburg_desktop.server.auth import AuthedDevice
from inburg_desktop.server.cli import main
from inburg_desktop.server.db import Database
from inburg_desktop.server.errors import ApiError
from inburg_desktop.server.tables import SetAside

HANDOVER = Path(__file__).parent.parent / "data" / "handover-amal.json"


def _entry(local_id: int, case_id: str, fields: dict[str, Any], **more: Any) -> SetAsideEntry:
    return SetAsideEntry(
        local_id=local_id,
        case_id=case_id,
        direction="push",
        error="case_not_found",
        reason="apart gezet",
        set_aside_at=datetime.now(UTC).isoformat(timespec="seconds"),
        fields=fields,
        **more,
    )


def _held(office: Database, device: AuthedDevice) -> tuple[int, int]:
    with office.read() as session:
        count, size = session.execute(
            select(func.count(), func.coalesce(func.sum(SetAside.size_bytes), 0)).where(
                SetAside.device_id == device.id
            )
        ).one()
    return int(count), int(size)


@pytest.fixture
def device(office: Database) -> Any:
    tag = uuid.uuid4().hex[:8]
    who = AuthedDevice(id=f"apparaat-{tag}", consultant=f"consulent-{tag}")
    case = admin.import_handover(office, HANDOVER.read_bytes(), who.consultant)
    yield who, case
    with office.write() as session:
        session.execute(delete(SetAside).where(SetAside.device_id == who.id))


def test_an_entry_larger_than_the_cap_is_refused_and_nothing_is_stored(
    office: Database, device: tuple[AuthedDevice, str]
) -> None:
    who, case = device
    big = {f"intake.werk.notes{k}": "x" * 200_000 for k in range(9)}  # the attack's entry
    small = _entry(1, case, {"intake.werk.notes": "kok"})
    with pytest.raises(ApiError) as refused, office.write() as session:
        set_aside.receive(session, who, SetAsideReport(entries=[small, _entry(2, case, big)]))
    assert (refused.value.status, refused.value.error) == (413, "set_aside_entry_too_large")
    assert _held(office, who) == (0, 0)  # not even the small entry of the same report
    with office.write() as session:  # an entry just within the cap is taken
        near = "y" * (MAX_SET_ASIDE_ENTRY_BYTES - 200)
        set_aside.receive(session, who, SetAsideReport(entries=[_entry(3, case, {"a.b": near})]))
    assert _held(office, who)[0] == 1


def test_a_device_cannot_store_more_bytes_than_its_budget(
    office: Database, device: tuple[AuthedDevice, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    who, case = device
    monkeypatch.setattr(set_aside, "MAX_BYTES_PER_DEVICE", 100_000)
    value = "z" * 20_000  # far below the entry cap and the count cap
    with office.write() as session:
        report = [_entry(n, case, {"intake.werk.notes": f"{value}{n}"}) for n in range(1, 5)]
        set_aside.receive(session, who, SetAsideReport(entries=report))
    count, size = _held(office, who)
    assert count == 4 and 80_000 < size <= 100_000
    with pytest.raises(ApiError) as refused, office.write() as session:
        report = [_entry(n, case, {"intake.werk.notes": f"{value}{n}"}) for n in range(5, 7)]
        set_aside.receive(session, who, SetAsideReport(entries=report))
    assert (refused.value.status, refused.value.error) == (429, "set_aside_full")
    assert _held(office, who) == (count, size)  # nothing of the refused report stored
    with office.write() as session:  # entries held already are still answered
        again = [_entry(n, case, {"intake.werk.notes": f"{value}{n}"}) for n in range(1, 5)]
        assert set_aside.receive(session, who, SetAsideReport(entries=again)).received == [
            1,
            2,
            3,
            4,
        ]


def test_short_values_keep_their_start_and_say_they_were_cut() -> None:
    assert short_value("kok in Aleppo") == "kok in Aleppo"
    cut = short_value("a" * 1000, 10)
    assert cut == "a" * 10 + "…"
    assert short_value({"lijst": list(range(500))}, 12) == '{"lijst":[0,' + "…"
    assert short_value(None) is None and short_value(12) == 12


def test_staff_page_through_entries_with_their_content_in_words(
    office: Database,
    db_url: str,
    device: tuple[AuthedDevice, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    who, case = device
    entries = [
        _entry(
            n,
            case,
            {
                "intake.competenties._discussed": "2026-11-30",
                "intake.werk.notes": f"kok in Aleppo \u202eKWAAD {n} " + "lang " * 40,
            },
            labels={
                "intake.competenties._discussed": "Competenties: besproken op",
                "intake.werk.notes": "Werk: Notities",
            },
        )
        for n in range(1, 8)
    ]
    with office.write() as session:
        set_aside.receive(session, who, SetAsideReport(entries=entries))
    with office.read() as session:
        mine = list(
            session.scalars(
                select(SetAside.id).where(SetAside.device_id == who.id).order_by(SetAside.id)
            )
        )
    start = mine[0] - 1

    assert main(["apart-gezet", "--na", str(start), "--aantal", "3", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert [int(line.split()[0][1:]) for line in out.splitlines() if line.startswith("#")] == (
        mine[:3]
    )
    assert f"apart-gezet --na {mine[2]}" in out  # how to see the next page
    # Field names in the laptop's words (never the key: usability round 6 #22), and the
    # value itself: short, its direction override escaped (it cannot reorder the line).
    assert "Competenties: besproken op: \u201c2026-11-30\u201d" in out
    assert "intake.competenties._discussed" not in out and "intake.werk.notes" not in out
    notes = [line for line in out.splitlines() if "Werk: Notities: " in line]
    assert len(notes) == 3
    assert "kok in Aleppo <U+202E>KWAAD 1" in notes[0] and "\u202e" not in out
    assert notes[0].endswith("…\u201d") and len(notes[0]) < 160

    assert main(["apart-gezet", "--na", str(mine[2]), "--aantal", "3", "--db", db_url]) == 0
    second = capsys.readouterr().out
    assert [int(line.split()[0][1:]) for line in second.splitlines() if line.startswith("#")] == (
        mine[3:6]
    )

    # JSON: every entry from --na on, read page by page, valid as a whole, values as sent.
    assert main(["apart-gezet", "--json", "--na", str(start), "--db", db_url]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [e["id"] for e in listed][: len(mine)] == mine
    first = listed[0]
    assert first["labels"]["intake.werk.notes"] == "Werk: Notities"
    assert first["fields"]["intake.werk.notes"].startswith("kok in Aleppo \u202eKWAAD 1")
    assert main(["apart-gezet", "--json", "--na", str(start), "--aantal", "2", "--db", db_url]) == 0
    assert [e["id"] for e in json.loads(capsys.readouterr().out)] == mine[:2]


def test_the_listing_reads_a_page_not_everything(
    office: Database, device: tuple[AuthedDevice, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page is one bounded query: the listing never asks for more rows than a page."""
    who, case = device
    with office.write() as session:
        report = [_entry(n, case, {"intake.werk.notes": f"versie {n}"}) for n in range(1, 30)]
        set_aside.receive(session, who, SetAsideReport(entries=report))
    asked: list[int] = []
    page = set_aside.set_aside_page

    def counting(db: Database, after: int = 0, limit: int = 100) -> list[dict[str, Any]]:
        rows = page(db, after, limit)
        asked.append(len(rows))
        return rows

    monkeypatch.setattr(set_aside, "set_aside_page", counting)
    everything = list(set_aside.iter_set_aside(office, 0, page=10))
    assert len(everything) >= 29
    assert max(asked) <= 10 and len(asked) >= 3
