"""Dates, numbers and labels in the UI language (Babel/CLDR)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime

from inburg_desktop.i18n import _, current_language


def format_date(value: date, style: str = "medium") -> str:
    return babel_format_date(value, format=style, locale=current_language())


def doelgroep_label(value: str) -> str:
    labels = {
        "statushouder": _("statushouder"),
        "gezinsmigrant": _("gezinsmigrant"),
        "overige_migrant": _("overige migrant"),
    }
    return labels.get(value, value)


def format_utc_stamp(stamp: str) -> str:
    """A stored naive-UTC ISO timestamp, in local time and the UI language."""
    try:
        moment = datetime.fromisoformat(stamp).replace(tzinfo=UTC).astimezone()
    except ValueError:
        return stamp
    return format_datetime(moment, format="medium", locale=current_language())
