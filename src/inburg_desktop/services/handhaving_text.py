"""Enforcement steps in words, in the UI language: the conflict view and the field labels
say what each side of a ``handhaving.<id>.<stap>`` field holds, never its JSON.

A value that does not parse (a newer version wrote it) is said to be one, so the
consultant keeps the other side or asks.
"""

from __future__ import annotations

from typing import Any

from inburg_desktop.domain import handhaving as records
from inburg_desktop.domain.case_label import record_number
from inburg_desktop.domain.text import N_
from inburg_desktop.formatting import (
    AFLOOP_LABELS,
    OVERTREDING_LABELS,
    VERWIJTBAARHEID_LABELS,
    WAARSCHUWING_LABELS,
    format_date,
    format_euro,
    reason_text,
)
from inburg_desktop.i18n import _

STAP_LABELS = {
    "overtreding": N_("overtreding"),
    "waarschuwing": N_("waarschuwing"),
    "voorstel": N_("voorgestelde boete"),
    "besluit": N_("besluit"),
    "afloop": N_("onherroepelijk of vervallen"),
}


def reference(record_id: str) -> str:
    """The record's part of its kenmerk (``"H-08AA42"``, ``domain.case_label``), for where
    the case is already named: a field of the case in the conflict view."""
    return record_number(record_id)


def field_label(key: str) -> str | None:
    """ "Handhaving H-A1B2C3: besluit" for a ``handhaving.`` key, already in the UI language;
    ``None`` for any other key."""
    match = records.KEY.fullmatch(key)
    if match is None:
        return None
    return _("Handhaving {ref}: {stap}").format(
        ref=reference(match.group(1)), stap=_(STAP_LABELS[match.group(2)])
    )


def step_text(value: Any) -> str:
    """What a stored step says, in a few lines (``(leeg)`` for a removed step). Each step
    has its own set of keys (``domain.handhaving``), so the value says which step it is."""
    if value is None:
        return _("(leeg)")
    stap = records.step_of(value)
    if stap is None:
        return _("geen geldige stap van handhaving")
    if stap == "overtreding":
        o = records.parse_overtreding(value)
        lines = [
            _(OVERTREDING_LABELS[o.soort]),
            _("Vastgesteld op {day}").format(day=format_date(o.vastgesteld_op, style="long")),
        ]
        if o.verwijtbaarheid is not None:
            lines.append(
                _("Verwijtbaarheid: {label}").format(
                    label=_(VERWIJTBAARHEID_LABELS[o.verwijtbaarheid])
                )
            )
        if o.bijstand_verlaagd:
            lines.append(_("Bijstand al verlaagd voor dezelfde gedraging (Wet art. 27)"))
        lines.append(o.toelichting)
        return "\n".join(lines)
    if stap == "waarschuwing":
        w = records.parse_waarschuwing(value)
        text = _("Gewaarschuwd op {day}: {how}").format(
            day=format_date(w.op, style="long"), how=_(WAARSCHUWING_LABELS[w.wijze]).lower()
        )
        return f"{text}\n{w.toelichting}" if w.toelichting else text
    if stap == "voorstel":
        v = records.parse_voorstel(value)
        head = _("Voorgesteld op {day}: {amount}").format(
            day=format_date(v.berekend_op, style="long"), amount=format_euro(v.bedrag_cents)
        )
        return "\n".join([head, *(reason_text(step) for step in v.stappen)])
    if stap == "besluit":
        b = records.parse_besluit(value)
        if b.opleggen:
            what = _("Boete opgelegd: {amount}").format(amount=format_euro(b.bedrag_cents))
        else:
            what = _("Geen boete opgelegd")
        lines = [
            what,
            _("Besluit van {day}, door {name}").format(
                day=format_date(b.dagtekening, style="long"), name=b.door.naam
            ),
        ]
        if b.reden:
            lines.append(_("Reden: {reason}").format(reason=b.reden))
        return "\n".join(lines)
    a = records.parse_afloop(value)
    return _("{status} op {day}").format(
        status=_(AFLOOP_LABELS[a.status]), day=format_date(a.op, style="long")
    )
