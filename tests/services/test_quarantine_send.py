"""What a laptop sends the office of its set-aside list is short and in words (attack
round 3 #2, usability round 3 #11): each value cut to ``SET_ASIDE_VALUE_CHARS`` with a
``…``, the field names in the laptop's words beside the keys, every entry within the
office's per-entry cap; the whole values stay on the laptop (list and export). Real vault,
real office server (SQLite and PostgreSQL)."""

from __future__ import annotations

from inburg_desktop.protocol.messages import SET_ASIDE_VALUE_CHARS
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.server.set_aside import list_set_aside
from inburg_desktop.services import quarantine_list
from inburg_desktop.storage.sync_state import add_quarantine
from inburg_desktop.storage.vault import OpenVault

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
