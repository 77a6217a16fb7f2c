"""``inburg agenda --vault V [--json] [--on DATUM]`` (issue 15 item 6): the items of the
start screen in the terminal, Dutch text by default, the JSON shape of docs/agenda.md,
``--on`` read as a consultant types a date, and the exit codes of every command that
opens a vault. Runs the real command in a subprocess.

The handover (tests/data/handover-amal.json) registers in the BRP on 2026-03-02: the
oproep for the brede intake is due then (Wet art. 14 lid 1) and the PIP ten weeks later,
2026-05-11 (Besluit art. 5.3 lid 1), a Monday.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from inburg_desktop.commands.agenda_cmd import reason_line
from inburg_desktop.domain.agenda import AgendaItem, AgendaKind, Groep
from inburg_desktop.domain.text import Reason

HANDOVER = Path(__file__).parents[1] / "data" / "handover-amal.json"
ITEM_KEYS = {
    "case_id",
    "kind",
    "due",
    "group",
    "reason",
    "reason_code",
    "artikel",
    "target",
    "planned_at",
}


@pytest.fixture
def vault_file(inburg: Any, tmp_path: Path) -> Path:
    path = tmp_path / "kluis.db"
    assert inburg("vault", "init", "--vault", path).returncode == 0
    return path


@pytest.fixture
def case_id(inburg: Any, vault_file: Path) -> str:
    imported = inburg("case", "import", "--vault", vault_file, HANDOVER)
    assert imported.returncode == 0, imported.stderr
    return str(imported.stdout.strip())


def test_json_shape(inburg: Any, vault_file: Path, case_id: str) -> None:
    result = inburg("agenda", "--vault", vault_file, "--json", "--on", "2026-05-11")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) == {"on", "cases", "items"}
    assert doc["on"] == "2026-05-11" and doc["cases"] == 1
    for item in doc["items"]:
        assert set(item) == ITEM_KEYS
        assert item["case_id"] == case_id
        assert date.fromisoformat(item["due"])
        assert item["kind"] in {k.value for k in AgendaKind}
        assert item["group"] in {g.value for g in Groep}
    assert [
        (i["kind"], i["due"], i["group"], i["artikel"], i["planned_at"]) for i in doc["items"]
    ] == [
        ("oproep_send", "2026-03-02", "overdue", "Wet art. 14 lid 1", None),
        ("pip_deadline", "2026-05-11", "today", "Besluit art. 5.3 lid 1", None),
    ]
    assert doc["items"][1]["reason"] == (
        "Stel het PIP vast: uiterlijk 11 mei 2026 (Besluit art. 5.3 lid 1)."
    )


def test_text_in_dutch_with_groups_and_articles(
    inburg: Any, vault_file: Path, case_id: str
) -> None:
    # --on as a consultant types it (domain.typed_date): the same day as 2026-05-11
    result = inburg("agenda", "--vault", vault_file, "--on", "11 mei 2026")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Agenda op 11 mei 2026: 2 punten in 1 dossier.",
        "",
        "Te laat (1)",
        f"  2 maart 2026  Oproep voor de brede intake sturen  dossier {case_id}",
        "      Roep de inburgeraar op voor de brede intake; die begint direct na de "
        "inschrijving in de BRP op 2 maart 2026 (Wet art. 14 lid 1).",
        "",
        "Vandaag (1)",
        f"  11 mei 2026  PIP vaststellen  dossier {case_id}",
        "      Stel het PIP vast: uiterlijk 11 mei 2026 (Besluit art. 5.3 lid 1).",
    ]
    # two weeks before the PIP deadline only the oproep shows yet
    earlier = inburg("agenda", "--vault", vault_file, "--on", "26-04-2026")
    assert "PIP vaststellen" not in earlier.stdout and "Te laat (1)" in earlier.stdout


def test_nothing_to_do(inburg: Any, vault_file: Path) -> None:
    result = inburg("agenda", "--vault", vault_file, "--on", "2026-05-11")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Agenda op 11 mei 2026: 0 punten in 0 dossiers.",
        "Er is niets te doen.",
    ]
    as_json = inburg("agenda", "--vault", vault_file, "--json")
    assert json.loads(as_json.stdout)["items"] == []


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("31-02-2026", "Deze datum bestaat niet"),
        ("11-05", "Geen volledige datum"),
        ("11-5-26", "Typ het jaar met vier cijfers"),
        ("", "geef een datum"),
    ],
)
def test_a_day_that_cannot_be_read_is_a_usage_error(
    inburg: Any, vault_file: Path, typed: str, says: str
) -> None:
    # refused before the vault is opened: no passphrase is asked or needed
    result = inburg("agenda", "--vault", vault_file, "--on", typed, passphrase=None)
    assert result.returncode == 2
    assert result.stdout == ""
    assert says in result.stderr and "Traceback" not in result.stderr


def test_wrong_passphrase(inburg: Any, vault_file: Path) -> None:
    result = inburg("agenda", "--vault", vault_file, passphrase="niet het wachtwoord")
    assert result.returncode == 3
    assert result.stdout == ""


def test_the_article_is_added_where_the_sentence_lacks_it() -> None:
    item = AgendaItem(
        "c-1",
        AgendaKind.OPROEP_NEW,
        date(2026, 5, 4),
        Groep.OVERDUE,
        Reason(
            "new_oproep", "Leg de nieuwe oproep met datum vast.", {"artikel": "Wet art. 14 lid 2"}
        ),
        "intake.oproepen",
    )
    assert reason_line(item) == "Leg de nieuwe oproep met datum vast (Wet art. 14 lid 2)."
