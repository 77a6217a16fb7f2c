"""Walking every command of ``inburg`` and ``inburg-office``: each (sub)parser with the
words that reach it, and a command line that reaches it with its required arguments
filled in, so a test can ask one question of every command at once."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from dataclasses import dataclass

from inburg_desktop import cli as laptop_cli
from inburg_desktop.server import cli as office_cli


@dataclass(frozen=True)
class Command:
    """One parser of a program: ``words`` lead to it from the program's own parser."""

    program: str  # "inburg" or "inburg-office"
    words: tuple[str, ...]
    parser: argparse.ArgumentParser

    @property
    def name(self) -> str:
        return " ".join((self.program, *self.words))

    def subcommands(self) -> dict[str, argparse.ArgumentParser]:
        for action in self.parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                return dict(action.choices)
        return {}

    def options(self) -> list[argparse.Action]:
        """Its own options (never ``-h``), not those of its subcommands."""
        return [
            action
            for action in self.parser._actions
            if action.option_strings and not isinstance(action, argparse._HelpAction)
        ]


def programs() -> dict[str, argparse.ArgumentParser]:
    """Both programs' whole parsers (every noun of ``inburg`` loaded)."""
    return {"inburg": laptop_cli.build_parser(None), "inburg-office": office_cli._parser()}


def commands() -> Iterator[Command]:
    """Every parser of both programs, outer ones before their subcommands."""

    def walk(program: str, words: tuple[str, ...], parser: argparse.ArgumentParser):  # type: ignore[no-untyped-def]
        command = Command(program, words, parser)
        yield command
        for word, child in command.subcommands().items():
            yield from walk(program, (*words, word), child)

    for program, parser in programs().items():
        yield from walk(program, (), parser)


def leaves() -> list[Command]:
    """The commands that run (no subcommands of their own)."""
    return [c for c in commands() if not c.subcommands()]


def required_words(command: Command, *, prefer: str | None = None) -> list[str]:
    """The words that satisfy ``command``'s required arguments with placeholder values:
    ``x`` for a positional or a required option, the first option of a required group of
    mutually exclusive options (``prefer`` when it is one of them)."""
    words: list[str] = []
    grouped: set[argparse.Action] = set()
    for group in command.parser._mutually_exclusive_groups:
        grouped.update(group._group_actions)
        if group.required:
            actions = group._group_actions
            chosen = next((a for a in actions if prefer in a.option_strings), actions[0])
            if prefer not in chosen.option_strings:
                words += _filled(chosen)
    for action in command.parser._actions:
        if action in grouped or isinstance(action, argparse._HelpAction):
            continue
        if not action.option_strings:
            if isinstance(action, argparse._SubParsersAction):
                continue
            words.append("x")
        elif action.required and prefer not in action.option_strings:
            words += _filled(action)
    return words


PLACEHOLDERS = ("x", "01-03-2026", "voldaan", "1")
"""Values tried in turn for a required option: the first its type takes (a date, a reason
of ``case sluit``, a number), so the walk reaches the option it is about."""


def _filled(action: argparse.Action) -> list[str]:
    if action.nargs == 0:
        return [action.option_strings[0]]
    return [action.option_strings[0], _placeholder(action)]


def _placeholder(action: argparse.Action) -> str:
    convert = action.type
    if convert is None or not callable(convert):
        return "x"
    for value in PLACEHOLDERS:
        try:
            convert(value)
        except (argparse.ArgumentTypeError, ValueError, TypeError):
            continue
        return value
    return "x"
