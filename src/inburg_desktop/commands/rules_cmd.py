"""``inburg rules evaluate FILE.json``: the law's rules on one scenario, no vault.

For consultants' "what if" questions, auditors and acceptance checks (INTERFACES.md). The
input is one JSON object::

    {"handover": { …an inburg-handover/1 document… },
     "pip_date": "2026-05-11", "exam_passed_on": null, "on": "2026-11-29"}

``pip_date`` (the first PIP's dagtekening), ``exam_passed_on`` and ``on`` (the day to
evaluate on; default today) are optional. Beyond INTERFACES.md, for the PIP deadline's
lid 2 and 3 (Besluit art. 5.3): ``brp_after_move`` (registration here after a move) and
``wachten_op_derde`` (``{"reden": …, "sinds": …, "ontvangen": …|null}``).

The output is what ``inburg case show --json`` computes for the same case
(``services.case_status.computed_json``). An invalid input exits 5 with one line naming
the field; nothing is read or written besides FILE (``-`` reads stdin). FILE is read like
every external JSON (``domain.json_input``: a regular file of at most 1 MB, UTF-8 with or
without a byte order mark, no duplicate keys or unbounded numbers).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import replace
from datetime import date
from typing import Any

from inburg_desktop.commands.common import EXIT_INVALID_FILE, CommandError
from inburg_desktop.domain.case import WachtenOpDerde
from inburg_desktop.domain.evaluation import evaluate
from inburg_desktop.domain.handover import MAX_BYTES, MAX_DEPTH, HandoverError, parse_handover
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.json_input import (
    JsonInputError,
    describe_os_error,
    loads_json,
    read_bounded,
)
from inburg_desktop.services.case_status import computed_json

KNOWN_KEYS = {"handover", "pip_date", "exam_passed_on", "on", "brp_after_move", "wachten_op_derde"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rules = sub.add_parser("rules", help="de regels van de wet op één scenario, zonder kluis")
    verbs = rules.add_subparsers(dest="verb", required=True)
    ev = verbs.add_parser(
        "evaluate",
        help="plicht, waarschuwingen en termijnen voor een JSON-scenario (overdracht plus datums)",
    )
    ev.add_argument("file", help="het scenario als JSON-bestand, of - voor standaardinvoer")
    ev.set_defaults(handler=cmd_evaluate)


def _invalid(field: str, problem: str) -> CommandError:
    return CommandError(f"ongeldige invoer, veld {field}: {problem}", EXIT_INVALID_FILE)


def _read(name: str) -> bytes:
    if name == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise _invalid("(bestand)", f"groter dan {MAX_BYTES // 1000} kB")
        return data
    try:
        return read_bounded(name, MAX_BYTES)
    except JsonInputError as exc:
        raise _invalid("(bestand)", exc.problem) from None
    except OSError as exc:
        raise CommandError(
            f"kan {name} niet lezen: {describe_os_error(exc)}", EXIT_INVALID_FILE
        ) from None


def _date(doc: dict[str, Any], key: str, path: str | None = None) -> date | None:
    value = doc.get(key)
    where = path or key
    if value is None:
        return None
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise _invalid(where, "moet een datum zijn als JJJJ-MM-DD")
    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise _invalid(where, "bestaat niet als datum") from exc


def _wachten(value: object) -> WachtenOpDerde | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _invalid("wachten_op_derde", "moet een object zijn")
    reden = value.get("reden")
    if not isinstance(reden, str) or not reden.strip():
        raise _invalid("wachten_op_derde.reden", "moet niet-lege tekst zijn")
    sinds = _date(value, "sinds", "wachten_op_derde.sinds")
    if sinds is None:
        raise _invalid("wachten_op_derde.sinds", "ontbreekt")
    ontvangen = _date(value, "ontvangen", "wachten_op_derde.ontvangen")
    if ontvangen is not None and ontvangen < sinds:
        raise _invalid("wachten_op_derde.ontvangen", "ligt vóór sinds")
    return WachtenOpDerde(reden.strip(), sinds, ontvangen)


def evaluate_scenario(data: bytes, today: date) -> dict[str, Any]:
    """The computed status for a scenario's bytes; :class:`CommandError` (exit 5) naming
    the field on invalid input."""
    try:
        doc = loads_json(data, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH + 1)
    except JsonInputError as exc:
        raise _invalid(exc.path or "(bestand)", exc.problem) from None
    if not isinstance(doc, dict):
        raise _invalid("(bestand)", "moet een object zijn")
    unknown = sorted(set(doc) - KNOWN_KEYS)
    if unknown:
        raise _invalid(unknown[0], "onbekend veld")
    if "handover" not in doc:
        raise _invalid("handover", "ontbreekt")
    try:
        handover = parse_handover(doc["handover"])
    except HandoverError as exc:
        raise _invalid(f"handover.{exc.key}", exc.problem) from exc
    pip_date = _date(doc, "pip_date")
    exam = _date(doc, "exam_passed_on")
    on = _date(doc, "on") or today
    after_move = _date(doc, "brp_after_move")
    wait = _wachten(doc.get("wachten_op_derde"))
    dates = handover.dates
    if on < handover.person.date_of_birth:
        raise _invalid("on", "ligt vóór de geboortedatum")
    dates = replace(dates, pip_date=pip_date, brp_after_move=after_move, wachten_op_derde=wait)
    evaluation = evaluate(handover.person, handover.doelgroep, dates, on, exam_passed_on=exam)
    return {
        "on": on.isoformat(),
        "doelgroep": handover.doelgroep.value,
        **computed_json(evaluation),
    }


def cmd_evaluate(args: argparse.Namespace) -> int:
    result = evaluate_scenario(_read(args.file), date.today())
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0
