"""What a laptop sends the office of its set-aside list is short and in words (attack
round 3 #2, usability round 3 #11): each value cut to ``SET_ASIDE_VALUE_CHARS`` with a
``…``, the field names in the laptop's words beside the keys, every entry within the
office's per-entry cap; the whole values stay on the laptop (list and export). Real vault,
real office server (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from inburg_desktop.protocol.messages import SET_ASIDE_VALUE_CHARS, SetAsideReceipt, SetAsideReport
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.server.set_aside import list_set_aside
from inburg_desktop.services import quarantine_list
from inburg_desktop.storage.changes import now
from inburg_desktop.storage.sync_state import add_quarantine, mark_quarantine_refused
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.quarantine import (
    PERMANENT,
    REPORT_REFUSALS,
    RETRY,
    STOP,
    office_refused_code,
    report_refusal,
)
from inburg_desktop.sync.transport import ProtocolError

from ..conftest import LiveServer
from ..sync.test_laptops_office import HANDOVER, enroll_vault, new_consultant, sync

WORDS = {"intake.werk.notes": "Werk: Notities"}


def test_long_values_go_short_and_named_and_stay_whole_here(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    consultant = new_consultant("kort")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(vault, server.url, office, consultant)
    sync(vault)
    long = {f"intake.werk.notes{k}": f"{k} " + "lange notitie " * 15_000 for k in range(9)}
    long["intake.werk.notes"] = "kort"
    with vault.transaction() as session:  # 9 values of about 200 KB: the attack's entry
        add_quarantine(session, "push", case, long, "case_not_found", field_keys=list(long))
    entries = quarantine_list.load(vault).entries

    sent = quarantine_list.send_to_office(vault, entries, lambda key: WORDS.get(key, key))

    assert sent.held == 1
    (stored,) = [r for r in list_set_aside(office) if r["consultant"] == consultant]
    assert set(stored["fields"]) == set(long)
    assert stored["fields"]["intake.werk.notes"] == "kort"
    for k in range(9):
        value = stored["fields"][f"intake.werk.notes{k}"]
        assert value.startswith(f"{k} lange notitie") and value.endswith("…")
        assert len(value) == SET_ASIDE_VALUE_CHARS + 1
    assert stored["labels"] == WORDS  # a key without words of its own is not repeated
    # the laptop keeps every value whole
    (here,) = quarantine_list.load(vault).entries
    assert here.values == long


def test_words_the_office_would_refuse_go_as_it_takes_them(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    """A field's words with a NUL (a label the office refuses: it is left out, the key
    names the field) and a reason with an escape character (shown as its code point):
    the entry reaches the office instead of a 422 at every try."""
    consultant = new_consultant("woorden")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(vault, server.url, office, consultant)
    sync(vault)
    with vault.transaction() as session:
        add_quarantine(session, "push", case, {"intake.werk.notes": "kort"}, "weird\x1bcode")
    entries = quarantine_list.load(vault).entries

    sent = quarantine_list.send_to_office(vault, entries, lambda key: "Werk\x00Notities")

    assert (sent.held, sent.refused) == (1, 0)
    (stored,) = [r for r in list_set_aside(office) if r["consultant"] == consultant]
    assert "weird<U+001B>code" in stored["reason"]
    assert stored["labels"] == {}


# --- how each refusal of the office is treated (attack round 6 #11) -----------------------

SERVER = Path(__file__).parents[2] / "src" / "inburg_desktop" / "server"


def _codes_the_office_answers_set_aside_with() -> set[str]:
    """Every error code ``POST /v1/set-aside`` can answer with: those raised where the
    report is received (``server/set_aside.py``) and the generic ones of ``server/errors.py``
    (a request it cannot read, a body too large); auth and rate answers are the
    transport's own kinds (``DeviceRefused``...), never a ``ProtocolError``."""
    found = set()
    for name in ("set_aside.py", "errors.py"):
        text = (SERVER / name).read_text("utf-8")
        found |= set(re.findall(r'\b4\d\d,\s*\n?\s*"([a-z_]+)"', text))
        found |= set(re.findall(r'4\d\d: "([a-z_]+)"', text))
    found |= {"case_not_found"}  # server.errors.case_not_found(), raised by receive()
    return found - {"not_found", "method_not_allowed"}  # not answers of this route


def test_every_code_of_the_set_aside_route_is_in_the_one_table() -> None:
    codes = _codes_the_office_answers_set_aside_with()
    assert {"invalid_set_aside_at", "set_aside_entry_too_large", "set_aside_full"} <= codes
    assert codes <= set(REPORT_REFUSALS), codes - set(REPORT_REFUSALS)


class _Refusing:
    """A stand-in for the office's client that refuses every report with one answer."""

    answer: tuple[int, str | None] = (422, None)
    sent: list[int] = []

    def __init__(self, *_args: Any, **_kwargs: Any) -> None:
        pass

    def __enter__(self) -> _Refusing:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def send_set_aside(self, report: SetAsideReport) -> SetAsideReceipt:
        status, code = self.answer
        type(self).sent.extend(entry.local_id for entry in report.entries)
        raise ProtocolError("sync_refused", status=status, error=code)


ANSWERS = [
    *[(413 if code.endswith("too_large") else 422, code) for code in REPORT_REFUSALS],
    (413, None),  # a proxy's HTML page: no code of the office
    (422, None),
    (422, "a_code_of_a_newer_office"),
    (409, "op_gap"),
]


@pytest.mark.parametrize(("status", "code"), ANSWERS)
def test_each_refusal_is_permanent_only_for_what_the_entry_holds(
    server: LiveServer,
    office: Database,
    vault: OpenVault,
    monkeypatch: pytest.MonkeyPatch,
    status: int,
    code: str | None,
) -> None:
    consultant = new_consultant("tabel")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(vault, server.url, office, consultant)
    with vault.transaction() as session:
        add_quarantine(session, "push", case, {"intake.werk.notes": "a"}, "case_not_found")
    monkeypatch.setattr(quarantine_list, "SyncClient", _Refusing)
    monkeypatch.setattr(_Refusing, "answer", (status, code))
    monkeypatch.setattr(_Refusing, "sent", [])
    handling = report_refusal(status, code)

    def send() -> quarantine_list.SentToOffice:
        return quarantine_list.send_to_office(vault, quarantine_list.load(vault).entries, str)

    if handling == STOP:
        with pytest.raises(ProtocolError):
            send()
        return
    first, second = send(), send()
    if handling == PERMANENT:
        assert (first.refused, second.refused_before, len(_Refusing.sent)) == (1, 1, 1)
        (entry,) = quarantine_list.load(vault).entries
        assert office_refused_code(entry) == code
    else:  # retried: sent again next time, never noted as refused
        assert (first.refused, second.refused_before, len(_Refusing.sent)) == (0, 0, 2)
        assert (first.later, first.unknown_case) == ((1, 0) if handling == RETRY else (0, 1))
        (entry,) = quarantine_list.load(vault).entries
        assert office_refused_code(entry) is None
    assert handling == (REPORT_REFUSALS.get(code or "") or RETRY)


def test_an_entry_set_aside_while_the_clock_ran_ahead_reaches_the_office(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    """The repro of attack round 6 #11: an entry stamped three days ahead (the laptop's
    clock ran ahead then), and one noted as refused for its moment by an earlier version:
    both reach the office now, stamped no later than the laptop's clock."""
    consultant = new_consultant("klok")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(vault, server.url, office, consultant)
    sync(vault)
    with vault.transaction() as session:
        add_quarantine(session, "push", case, {"intake.werk.notes": "a"}, "case_not_found")
        add_quarantine(session, "push", case, {"intake.werk.notes": "b"}, "case_not_found")
        session.execute(
            text("update sync_quarantine set created_at = datetime(created_at, '+3 days')")
        )
    (early, _later) = quarantine_list.load(vault).entries
    with vault.transaction() as session:
        mark_quarantine_refused(session, early.id, "invalid_set_aside_at", now())

    sent = quarantine_list.send_to_office(vault, quarantine_list.load(vault).entries, str)

    assert (sent.held, sent.refused, sent.refused_before) == (2, 0, 0)
    assert sent.later == 0
    stored = [r for r in list_set_aside(office) if r["consultant"] == consultant]
    assert len(stored) == 2
