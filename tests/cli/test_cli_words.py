"""The command line speaks Dutch (issue 13 item 10): every help text, argparse's own words
("gebruik", "opties", the errors about arguments) and the summaries for people; ``--json``
stays the same for scripts."""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from inburg_desktop.cli import build_parser
from inburg_desktop.commands.human_text import progress_line, sync_lines
from inburg_desktop.server.cli import _parser as office_parser
from inburg_desktop.services.sync_round import RoundReport

ENGLISH = re.compile(
    r"usage:|positional arguments|optional arguments|^options:|show this help|"
    r"the following arguments|unrecognized arguments|invalid choice|expected one",
    re.MULTILINE,
)


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                yield from _parsers(child)


@pytest.mark.parametrize("root", [build_parser, office_parser], ids=["inburg", "inburg-office"])
def test_every_help_page_is_dutch_and_every_argument_explained(root: Any) -> None:
    pages = 0
    for parser in _parsers(root()):
        page = parser.format_help()
        pages += 1
        assert not ENGLISH.search(page), page
        assert "gebruik:" in page and "toon deze hulp en stop" in page
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            assert action.help, (parser.prog, action.option_strings or action.dest)
    assert pages > 8


def test_a_usage_error_is_dutch(inburg: Any) -> None:
    wrong = inburg("case", "list", "--bogus")
    assert wrong.returncode == 2
    assert "fout: onbekende argumenten: --bogus" in wrong.stderr
    missing = inburg("case")
    assert missing.returncode == 2 and "deze argumenten ontbreken: OPDRACHT" in missing.stderr
    assert not ENGLISH.search(wrong.stderr + missing.stderr)


@pytest.fixture
def demo_vault(inburg: Any, tmp_path: Path) -> Path:
    path = tmp_path / "kluis.db"
    assert inburg("vault", "init", "--vault", path).returncode == 0
    assert inburg("demo", "--vault", path, "--cases", "3").returncode == 0
    return path


def test_case_show_for_people_and_json_for_scripts(inburg: Any, demo_vault: Path) -> None:
    rows = json.loads(inburg("case", "list", "--vault", demo_vault, "--json").stdout)
    assert set(rows[0]) == {
        "id", "given_names", "family_name", "doelgroep", "brp_registration",
        "pip_deadline", "plichtig", "intake", "pip_status", "gemeente",
    }  # fmt: skip
    case = rows[0]
    shown = inburg("case", "show", "--vault", demo_vault, case["id"])
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout
    for label in ("Naam:", "Geboren:", "Nationaliteit:", "Doelgroep:", "Intake:", "PIP:"):
        assert label in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # dates as the app shows them
    assert "given_names" not in text and "null" not in text
    as_json = json.loads(inburg("case", "show", "--vault", demo_vault, case["id"], "--json").stdout)
    assert as_json["id"] == case["id"] and "deadlines" in as_json
    listed = inburg("case", "list", "--vault", demo_vault).stdout
    assert "onderwerpen" in listed and not re.search(r"\d{4}-\d{2}-\d{2}", listed)


def test_sync_summary_in_sentences_with_plurals_and_dutch_digits() -> None:
    one = RoundReport(
        pushed=1,
        pulled=1,
        conflicts=1,
        bytes_sent=1200,
        bytes_received=438,
        fields_sent=1,
        cases_sent=1,
        cases_updated=1,
        conflicts_new=1,
    )
    assert sync_lines(one) == [
        "1 wijziging verstuurd. 1 dossier bijgewerkt door het kantoor.",
        "1 veld is op twee plaatsen verschillend gewijzigd (een conflict). Kies welke waarde "
        "blijft: Synchroniseren → Conflicten oplossen.",
        "1,6 kB verstuurd en ontvangen.",
    ]
    many = sync_lines(
        RoundReport(
            pushed=1200,
            pulled=2,
            purged=2,
            bytes_sent=2_000_000,
            fields_sent=1200,
            cases_sent=3,
            cases_updated=2,
        )
    )
    assert many[0] == (
        "1.200 wijzigingen verstuurd in 3 dossiers. 2 dossiers bijgewerkt door het kantoor."
    )
    assert many[1].startswith("2 dossiers staan niet meer op uw lijst")
    assert many[-1] == "1.953,1 kB verstuurd en ontvangen."
    assert progress_line("push", 3, 5, 1638) == "Versturen: 60% (1,6 kB)"
