"""Every option of ``inburg`` and ``inburg-office`` of three kinds follows one rule in
both programs (usability round 9): a file written where ``--out…`` says is never an
existing one replaced unasked (#8), an option given on a command counts when its verb
takes it too (#13: ``recovery-key --db URL new`` ignored the ``--db``), and a date option
reads what the app's date fields read (#14: ``duo export --on 30-11-2026`` was refused
while ``agenda --on 11-05-2026`` was accepted). Each test walks every command, so a new
option of the kind is held to the rule without a new test."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import pytest

from inburg_desktop import cli as laptop_cli
from inburg_desktop.protocol.output_files import existing_output_problem
from inburg_desktop.server import cli as office_cli

from .option_walk import Command, commands, leaves, required_words

MAIN = {"inburg": laptop_cli.main, "inburg-office": office_cli.main}


def out_options() -> list[tuple[Command, argparse.Action]]:
    return [
        (command, action)
        for command in leaves()
        for action in command.options()
        if any(option.startswith("--out") for option in action.option_strings)
    ]


OUT = out_options()
REPLACEABLE = {  # files made again at will; the others were handed on or are one of a kind
    "inburg case export",
    "inburg case pdf",
    "inburg pip render",
    "inburg catalog booklet",
    "inburg-office case export",
}


def test_the_walk_finds_every_file_the_programs_write() -> None:
    assert {f"{c.name} {a.option_strings[0]}" for c, a in OUT} == {
        "inburg vault recovery-request --out",
        "inburg case export --out",
        "inburg case pdf --out",
        "inburg pip render --out",
        "inburg catalog booklet --out",
        "inburg-office case export --out",
        "inburg-office duo export --out",
        "inburg-office report --out",
        "inburg-office recovery-key new --out-private",
        "inburg-office recover --out",
    }
    for _command, action in OUT:  # the shape protocol.output_files reads
        assert action.dest.startswith("out") and action.type is Path


@pytest.mark.parametrize(("command", "action"), OUT, ids=[f"{c.name}" for c, _ in OUT])
def test_an_existing_file_is_never_replaced_unasked(
    command: Command,
    action: argparse.Action,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("INBURG_PASSPHRASE", "een lange zin als wachtwoord")
    option = action.option_strings[0]
    existing = tmp_path / "already-sent.json"
    existing.write_bytes(b"the bytes that were sent")
    words = [*command.words, *required_words(command, prefer=option), option, str(existing)]
    if any("--db" in a.option_strings for a in command.options()):
        words += ["--db", f"sqlite:///{tmp_path / 'kantoor.db'}"]

    assert MAIN[command.program](words) == 2
    err = capsys.readouterr().err
    assert f"{existing} bestaat al" in err and "Er is niets geschreven" in err
    assert existing.read_bytes() == b"the bytes that were sent"
    assert not (tmp_path / "kantoor.db").exists()  # refused before anything was opened

    offered = any("--vervang" in a.option_strings for a in command.options())
    assert offered == (command.name in REPLACEABLE)
    if offered:
        parsed = MAIN_PARSERS[command.program].parse_args([*words, "--vervang"])
        assert existing_output_problem(parsed) is None
        assert "--vervang" in err
    else:
        assert "--vervang" not in err


MAIN_PARSERS = {"inburg": laptop_cli.build_parser(None), "inburg-office": office_cli._parser()}


def parse(program: str, words: list[str]) -> argparse.Namespace:
    if program == "inburg-office":
        return office_cli.parse(words)
    return laptop_cli.build_parser(words).parse_args(words)


def options_on_two_levels() -> list[tuple[Command, str, Command]]:
    """(command, option, verb): ``option`` is the command's own and its verb's too."""
    found = []
    for command in commands():
        for word, child in command.subcommands().items():
            verb = Command(command.program, (*command.words, word), child)
            theirs = {o for a in verb.options() for o in a.option_strings}
            for action in command.options():
                for option in action.option_strings:
                    if option in theirs:
                        found.append((command, option, verb))
    return found


TWO_LEVELS = options_on_two_levels()


def test_the_walk_finds_the_options_on_two_levels() -> None:
    assert {f"{verb.name} {option}" for _c, option, verb in TWO_LEVELS} >= {
        "inburg-office recovery-key new --db",
        "inburg-office case export --db",
        "inburg-office case import --db",
        "inburg-office duo export --db",
        "inburg-office duo bevestig --db",
    }


@pytest.mark.parametrize(
    ("command", "option", "verb"), TWO_LEVELS, ids=[f"{v.name} {o}" for _c, o, v in TWO_LEVELS]
)
def test_an_option_before_the_verb_counts(
    command: Command, option: str, verb: Command, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(office_cli.DB_ENV, raising=False)
    dest = next(a.dest for a in command.options() if option in a.option_strings)
    rest = required_words(verb)
    before = parse(verb.program, [*command.words, option, "buiten", verb.words[-1], *rest])
    assert getattr(before, dest) == "buiten"
    after = parse(verb.program, [*verb.words, *rest, option, "binnen"])
    assert getattr(after, dest) == "binnen"
    both = parse(
        verb.program, [*command.words, option, "buiten", verb.words[-1], *rest, option, "binnen"]
    )
    assert getattr(both, dest) == "binnen"  # the later, closer one


def test_the_office_database_comes_from_the_environment_when_no_option_names_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(office_cli.DB_ENV, "sqlite:///uit-de-omgeving.db")
    assert office_cli.parse(["recovery-key", "new", "--out-private", "k"]).db == (
        "sqlite:///uit-de-omgeving.db"
    )
    given = office_cli.parse(
        ["recovery-key", "--db", "sqlite:///gegeven.db", "new", "--out-private", "k"]
    )
    assert given.db == "sqlite:///gegeven.db"


def test_recovery_key_with_the_database_before_new_makes_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The finding's own steps (#13): ``--db`` before ``new`` was "no database"."""
    url = f"sqlite:///{tmp_path / 'kantoor.db'}"
    secret = tmp_path / "wachtwoord.txt"
    secret.write_text("een heel lang wachtwoord\n", encoding="utf-8")
    key = tmp_path / "rk.priv"
    words = ["recovery-key", "--db", url, "new", "--out-private", str(key)]
    assert office_cli.main([*words, "--passphrase-file", str(secret)]) == 0
    assert "Herstelsleutel aangemaakt" in capsys.readouterr().out
    assert key.exists() and (tmp_path / "kantoor.db").exists()


def date_options() -> list[tuple[Command, argparse.Action]]:
    return [
        (command, action)
        for command in leaves()
        for action in command.options()
        if action.metavar == "DATUM" or action.dest == "on"
    ]


DATES = date_options()


def test_the_walk_finds_every_date_option() -> None:
    found = {f"{c.name} {a.option_strings[0]}" for c, a in DATES}
    assert found >= {
        "inburg agenda --on",
        "inburg voortgang --on",
        "inburg-office duo export --on",
        "inburg-office purge --on",
    }
    for command in leaves():  # an option about a day is recognisable as one
        for action in command.options():
            if "datum" in (action.help or "").lower().split(",")[0]:
                assert f"{command.name} {action.option_strings[0]}" in found


@pytest.mark.parametrize(("command", "action"), DATES, ids=[c.name for c, _ in DATES])
def test_every_date_option_reads_a_date_as_typed_in_the_app(
    command: Command, action: argparse.Action
) -> None:
    read = action.type
    assert callable(read)
    day = date(2026, 5, 11)
    for typed in ("11-05-2026", "2026-05-11", "11-5-2026", "11 mei 2026"):
        assert read(typed) == day, typed
    for bad in ("31-02-2026", "11-05-26", "morgen", ""):
        with pytest.raises(argparse.ArgumentTypeError):
            read(bad)


@pytest.mark.parametrize(
    "words",
    [
        ["inburg-office", "duo", "export", "--on", "31-02-2026", "--dry-run"],
        ["inburg-office", "purge", "--on", "31-02-2026", "--dry-run"],
        ["inburg", "agenda", "--on", "31-02-2026"],
    ],
)
def test_a_date_that_is_none_is_a_usage_error_in_dutch(
    words: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        MAIN[words[0]](words[1:])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "31-02-2026" in err or "bestaat niet" in err
    assert "Traceback" not in err
