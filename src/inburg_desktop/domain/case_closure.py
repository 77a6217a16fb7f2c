"""How a case gets closed, and reopened after a mistake (usability round 9, finding 20).

**Closed** means: the end of the inburgeringsplicht is recorded, the fields
:data:`~.retention.PLICHT_EINDE_KEY` (the day, ISO) and
:data:`~.retention.PLICHT_EINDE_REDEN_KEY` (why, a :class:`~.retention.PlichtEinde`).
Nothing else marks it: the laptop's grace period (``sync.retention``) and the office's
purge (``server.purge``: 5 years after the end of the plicht, Besluit art. 9.9) both count
from these two fields. They are recorded at the office only (``inburg-office case
sluit``), from DUO's decision (DOMAIN.md: DUO decides and informs the municipality), and
reach the laptops as an office change.

**Why the plicht ends** (:data:`REDEN_WOORDEN`, DOMAIN.md "Who is plichtig", "The law"):
the exam or the Z-route's eindgesprek passed (Wet art. 7), an exemption or dispensation by
DUO, the AOW age (Wet art. 3), departure abroad or no lawful residence any more (Wet
art. 3), naturalisation (no longer a vreemdeling, Wet art. 3), death (Besluit art. 9.9
counts from it), or DUO's decision that there was no plicht (Wet art. 3-5).
**A move to another Dutch municipality ends nothing** (:data:`VERHUIZING`): the plicht
goes on and the new municipality sets the PIP within 10 weeks of the registration there
(Besluit art. 5.3 lid 3), so the case goes over (``inburg-office case export --doel
overdracht``) and off the caseload (``inburg-office unassign``), not closed.

**Reopening** (:func:`heropen_probleem`) is for a mistake: it clears both fields, and it
is refused once :data:`~.retention.MAX_GRACE_DAYS` days have passed since the office
recorded the close, since by then every laptop may have removed its copy (the longest
grace period a laptop can set).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.retention import (
    MAX_GRACE_DAYS,
    PLICHT_EINDE_KEY,
    PLICHT_EINDE_REDEN_KEY,
    PlichtEinde,
    recorded_problem,
)
from inburg_desktop.domain.text import N_, Reason, ReasonText, nl_date

VERHUIZING = "verhuizing"
"""The word for a move within the Netherlands: no end of the plicht (module docstring)."""

REDEN_WOORDEN: Mapping[PlichtEinde, str] = {
    PlichtEinde.VOLDAAN: N_("plicht voldaan: examen of eindgesprek gehaald (Wet art. 7)"),
    PlichtEinde.ONTHEFFING: N_("ontheffing of vrijstelling door DUO"),
    PlichtEinde.AOW_LEEFTIJD: N_("AOW-leeftijd bereikt (Wet art. 3)"),
    PlichtEinde.VERTREK: N_(
        "vertrokken uit Nederland of geen rechtmatig verblijf meer (Wet art. 3)"
    ),
    PlichtEinde.NATURALISATIE: N_("genaturaliseerd: geen vreemdeling meer (Wet art. 3)"),
    PlichtEinde.OVERLIJDEN: N_("overleden"),
    PlichtEinde.NIET_PLICHTIG: N_("DUO besliste dat er geen inburgeringsplicht was (Wet art. 3-5)"),
}
"""Why the plicht ended, in words, per reason (Dutch msgids; the laptop translates)."""

CLOSE_KEYS = (PLICHT_EINDE_KEY, PLICHT_EINDE_REDEN_KEY)
"""The fields whose presence makes a case closed."""

HEROPEN_PATCH: Mapping[str, None] = {key: None for key in CLOSE_KEYS}
"""What reopening writes: both fields cleared (``null``, as every cleared field)."""


@dataclass(frozen=True)
class Afsluiting:
    """A closed case: the day the plicht ended and why."""

    op: date
    reden: PlichtEinde

    @property
    def reason(self) -> Reason:
        """What a screen says of it (Dutch msgid, the day and the reason in words)."""
        return Reason(
            "dossier_afgesloten",
            N_(
                "Dit dossier is afgesloten: de inburgeringsplicht eindigde op {day} ({reden}). "
                "U kunt het alleen nog inzien; het kantoor kan het heropenen als dit een "
                "vergissing is."
            ),
            {
                "day": nl_date(self.op),
                "reden": ReasonText(
                    Reason(f"plicht_einde_{self.reden.value}", REDEN_WOORDEN[self.reden])
                ),
            },
        )


def stored_afsluiting(rows: Iterable[tuple[str, str]]) -> Afsluiting | None:
    """:func:`afsluiting` of a case's stored fields ``rows`` (key, canonical JSON text),
    as the laptop's vault and the office's database both hold them; a value that does
    not decode reads as absent."""
    values: dict[str, object] = {}
    for key, raw in rows:
        try:
            values[key] = json.loads(raw)
        except ValueError:
            continue
    return afsluiting(values)


def afsluiting(values: Mapping[str, object]) -> Afsluiting | None:
    """The close recorded in a case's fields ``values`` (key to decoded JSON value), or
    ``None``: not closed, or unreadable (then the case is not known to be closed and stays
    open, as the laptop's retention treats it)."""
    day, why = values.get(PLICHT_EINDE_KEY), values.get(PLICHT_EINDE_REDEN_KEY)
    if not isinstance(day, str) or not isinstance(why, str):
        return None
    try:
        return Afsluiting(parse_iso_date(day), PlichtEinde(why))
    except ValueError:
        return None


def reden_van(word: str) -> PlichtEinde:
    """The :class:`PlichtEinde` a typed word names (its value, case and ``-``/space
    insensitive). Raises ``ValueError`` with code ``sluit_verhuizing`` for a move within
    the Netherlands (module docstring) and ``sluit_reden_onbekend`` otherwise."""
    folded = word.strip().casefold().replace("-", "_").replace(" ", "_")
    if folded in (VERHUIZING, "verhuisd"):
        raise ValueError("sluit_verhuizing")
    try:
        return PlichtEinde(folded)
    except ValueError:
        raise ValueError("sluit_reden_onbekend") from None


def sluit_probleem(
    values: Mapping[str, object], reden: PlichtEinde, op: date, today: date
) -> str | None:
    """Why the case whose fields are ``values`` cannot be closed on ``op`` for ``reden``,
    as a code, or ``None``. The rule of every recorded retention fact
    (:func:`~.retention.recorded_problem`): ``retentie_toekomst`` (after ``today``: an
    end is recorded once it happened), ``retentie_voor_geboorte``, ``retentie_voor_brp``
    (before the BRP registration the case is about)."""
    return recorded_problem({**values, **sluit_patch(reden, op)}, today)


def sluit_patch(reden: PlichtEinde, op: date) -> dict[str, str]:
    """The fields closing writes."""
    return {PLICHT_EINDE_KEY: op.isoformat(), PLICHT_EINDE_REDEN_KEY: reden.value}


def heropen_probleem(
    values: Mapping[str, object], vastgelegd_op: date | None, today: date
) -> str | None:
    """Why the case cannot be reopened, as a code, or ``None``: ``heropen_niet_gesloten``
    (no close recorded), ``heropen_te_laat`` (the office recorded the close, on
    ``vastgelegd_op``, more than :data:`~.retention.MAX_GRACE_DAYS` days before
    ``today``: a laptop may have removed its copy; module docstring)."""
    if afsluiting(values) is None:
        return "heropen_niet_gesloten"
    if vastgelegd_op is not None and today > vastgelegd_op + timedelta(days=MAX_GRACE_DAYS):
        return "heropen_te_laat"
    return None
