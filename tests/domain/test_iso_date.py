"""Dates and moments from outside (files, the office, stored fields, typed input) are
read only through ``domain.iso_date``: ``YYYY-MM-DD`` and the extended ISO 8601 moments
``datetime.isoformat`` writes, in ASCII digits. ``date.fromisoformat`` (Python 3.11+)
also reads week dates (``2026-W48-1``), the basic form (``20261130``) and, like
``strptime``, other scripts' digits (attack round 4)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.domain.iso_date import parse_iso_date, parse_iso_moment

SRC = Path(__file__).resolve().parents[2] / "src" / "inburg_desktop"

ALLOWED = {
    # The one reader: it calls neither, but documents why no one else may.
    "domain/iso_date.py": "the module that replaces them",
}
"""Modules that may name ``fromisoformat`` or ``strptime``, and why."""

LENIENT = re.compile(r"\b(fromisoformat|strptime)\b")


def test_no_module_parses_dates_but_domain_iso_date() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if LENIENT.search(line):
                found.append(f"{rel}:{number}: {line.strip()}")
    assert not found, "parse through domain.iso_date instead:\n" + "\n".join(found)


def test_the_allowlist_names_modules_that_exist() -> None:
    for rel in ALLOWED:
        assert (SRC / rel).is_file(), rel


MOMENTS = {
    "2026-11-30T11:40": datetime(2026, 11, 30, 11, 40),
    "2026-11-30T11:40:05": datetime(2026, 11, 30, 11, 40, 5),
    "2026-11-30 11:40:05.5": datetime(2026, 11, 30, 11, 40, 5, 500_000),
    "2026-11-30T11:40:05.123456Z": datetime(2026, 11, 30, 11, 40, 5, 123_456, tzinfo=UTC),
    "2026-11-30T11:40:05+01:00": datetime(
        2026, 11, 30, 11, 40, 5, tzinfo=timezone(timedelta(hours=1))
    ),
    "2026-11-30T11:40-05:30": datetime(
        2026, 11, 30, 11, 40, tzinfo=timezone(-timedelta(hours=5, minutes=30))
    ),
}
NOT_MOMENTS = [
    "2026-W48-1T10:00",  # ISO week date
    "2026-334T10:00",  # ordinal date
    "20261130T114000",  # basic form
    "٢٠٢٦-١١-٣٠T11:40",  # Arabic-Indic digits
    "2026-11-30T١١:40",
    "2026-11-30T11",  # no minutes
    "2026-11-30",  # no time
    "2026-11-30T25:00",
    "2026-02-30T10:00",
    "2026-11-30T11:40+24:00",
    "2026-11-30T11:40:05.1234567",
    "2026-11-30T11:40z",
    " 2026-11-30T11:40",
]


@pytest.mark.parametrize(("text", "moment"), MOMENTS.items())
def test_moments_the_app_writes_are_read(text: str, moment: datetime) -> None:
    assert parse_iso_moment(text) == moment
    assert parse_iso_moment(text).tzinfo == moment.tzinfo


@pytest.mark.parametrize("text", NOT_MOMENTS)
def test_other_spellings_are_refused_without_repeating_them(text: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_iso_moment(text)
    assert text not in str(refused.value)


def test_zone_required_or_forbidden() -> None:
    with pytest.raises(ValueError):
        parse_iso_moment("2026-11-30T11:40", zone="required")
    with pytest.raises(ValueError):
        parse_iso_moment("2026-11-30T11:40Z", zone="none")
    assert parse_iso_moment("2026-11-30T11:40Z", zone="required").tzinfo == UTC
    with pytest.raises(TypeError):
        parse_iso_moment(None)  # type: ignore[arg-type]


@given(st.datetimes(min_value=datetime(1, 1, 1), timezones=st.sampled_from([None, UTC])))
def test_every_isoformat_reads_back(moment: datetime) -> None:
    for spec in ("auto", "minutes", "seconds", "milliseconds", "microseconds"):
        text = moment.isoformat(timespec=spec)
        exact = datetime.fromisoformat(text)  # the spelling Python writes, read by Python
        assert parse_iso_moment(text) == exact


# --- every place a date or moment from outside is read refuses a week date ------------


def _agenda_minute(text: str) -> bool:
    from inburg_desktop.domain.agenda_fields import AgendaStateRefused, _minute

    try:
        _minute(text)
    except AgendaStateRefused:
        return True
    return False


def _set_aside_moment(text: str) -> bool:
    from inburg_desktop.server.errors import ApiError
    from inburg_desktop.server.set_aside import _moment

    try:
        _moment(text, datetime(2026, 11, 30, 12, 0))
    except ApiError as refused:
        return refused.status == 422
    return False


def _decision_moment(text: str) -> bool:
    from inburg_desktop.domain.pip import Besluitnemer

    try:
        Besluitnemer("Sanne de Vries", "consulent-1", text)
    except ValueError:
        return True
    return False


def _audit_time(text: str) -> bool:
    from inburg_desktop.domain.audit import AuditError, parse_time

    try:
        parse_time(text)
    except AuditError:
        return True
    return False


def _human_day(text: str) -> bool:
    from inburg_desktop.commands.human_text import day

    try:
        day(text)
    except ValueError:
        return True
    return False


REFUSING: dict[str, tuple[Callable[[str], bool], str, str]] = {
    # what: (reader returning whether it refused, a lenient spelling, the app's spelling)
    "agenda state minute": (_agenda_minute, "2026-W48-1T10:00", "2026-11-30T10:00"),
    "set-aside moment from a laptop": (
        _set_aside_moment,
        "2026-W48-1T10:00:00Z",
        "2026-11-30T10:00:00Z",
    ),
    "decision moment of a PIP": (
        _decision_moment,
        "2026-W48-1T10:00:00+00:00",
        "2026-11-30T10:00:00+00:00",
    ),
    "audit time (Arabic-Indic digits)": (
        _audit_time,
        "٢٠٢٦-11-30T10:00:00.000000Z",
        "2026-11-30T10:00:00.000000Z",
    ),
    "CLI day (week date)": (_human_day, "2026-W48-1", "2026-11-30"),
    "CLI day (basic form)": (_human_day, "20261130", "2026-11-30"),
}


@pytest.mark.parametrize(("refuses", "lenient", "plain"), REFUSING.values(), ids=list(REFUSING))
def test_a_lenient_spelling_is_refused_where_it_enters(
    refuses: Callable[[str], bool], lenient: str, plain: str
) -> None:
    assert refuses(lenient)
    assert not refuses(plain)


def test_stored_moments_in_other_spellings_are_not_read_as_moments() -> None:
    from inburg_desktop.formatting import format_utc_stamp
    from inburg_desktop.services.intake_progress import DISCUSSED, field_key
    from inburg_desktop.services.intake_summary import discussed_on

    assert format_utc_stamp("20261130T101500") == "20261130T101500"  # shown as stored
    fields = {field_key("werk", DISCUSSED): ["2026-W48-1T10:00", "2026-11-02T09:30"]}
    assert discussed_on(fields, "werk") == date(2026, 11, 2)


def test_parse_iso_date_is_the_date_reader() -> None:
    assert parse_iso_date("2026-11-30") == date(2026, 11, 30)
    for text in ("2026-W48-1", "20261130", "٢٠٢٦-١١-٣٠"):
        with pytest.raises(ValueError):
            parse_iso_date(text)
