"""Dates, numbers and labels in the UI language (Babel/CLDR)."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date as babel_format_date

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
