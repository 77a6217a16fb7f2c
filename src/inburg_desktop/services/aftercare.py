"""Ontzorgen and nazorg of one case: budget training started and finished, the decision to
go on with ontzorgen after its six months (Participatiewet art. 57), and the nazorg
contact after the exam (issue 15 item 5).

Each use case receives the open vault, opens and commits its own transaction and returns
the case's :class:`~inburg_desktop.services.progress.ProgressOverview` after the write (the
progress window shows ontzorgen and nazorg beside the progress data); ``seen`` is what the
window's form was based on, so a value changed underneath it becomes a conflict
(``services.progress``, :class:`~inburg_desktop.services.progress.Seen`). The values are case
fields (``domain.progress_fields``: ``ontzorgen.budgettraining``, ``ontzorgen.art57``,
``nazorg.contact``), so they sync and conflict per field; the agenda reads them
(``services.agenda``).

Refusals are :class:`~inburg_desktop.services.progress.ProgressRefused`; nothing is written
then:

* ``ontzorgen_not_applicable``: ontzorgen is for an asielstatushouder with a bijstand start
  (Participatiewet art. 56a; ``deadlines.ontzorgen_until``);
* ``ontzorgen_art57_before_end``: an art. 57 decision covers the time *after* the six
  months, so it starts after their last day (art. 56a allows no extension);
* ``voortgangsdata_date_future``: a day after today (a decision dated, a training started
  or finished, a contact held, once it happened); ``voortgangsdata_before_brp``: before
  the BRP registration;
* ``training_finished_not_started``, ``voortgangsdata_range_order`` (an end before its
  start), ``art57_kenmerk_missing``: the domain's own rules (``domain.aftercare``);
* ``nazorg_no_exam``: no passed exam is recorded, so there is no nazorg contact to record
  (its day counts from the exam); ``nazorg_before_exam``: a contact before the exam was
  about something else (``aftercare.nazorg_stand``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from inburg_desktop.domain.aftercare import AftercareInvalid, Art57Besluit, Budgettraining
from inburg_desktop.domain.cited import nl_day
from inburg_desktop.domain.deadlines import ontzorgen_until
from inburg_desktop.domain.progress_fields import (
    ART57,
    BUDGETTRAINING,
    NAZORG_CONTACT,
    art57_value,
    budgettraining_value,
    day_value,
    records_of,
)
from inburg_desktop.services.progress import (
    ProgressOverview,
    ProgressRefused,
    Seen,
    checked_day,
    overview_of,
    write_case,
)
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.cases import StoredCase

__all__ = [
    "Art57Input",
    "record_art57",
    "record_nazorg_contact",
    "set_budgettraining",
]


def refused(exc: AftercareInvalid) -> ProgressRefused:
    """The domain's refusal in this module's terms (an end before its start is said as a
    range out of order, without the internal field name)."""
    code = "voortgangsdata_range_order" if exc.code == "end_before_start" else exc.code
    return ProgressRefused(code, field=exc.params.get("field", ""))


def _ontzorgen_end(stored: StoredCase) -> date:
    end = ontzorgen_until(stored.case.doelgroep, stored.case.dates.bijstand_start)
    if end is None:
        raise ProgressRefused("ontzorgen_not_applicable", field="ontzorgen")
    return end


def set_budgettraining(
    vault: Vault,
    case_id: str,
    gestart_op: date | None,
    afgerond_op: date | None,
    aanbieder: str,
    today: date,
    seen: Seen | None = None,
) -> ProgressOverview:
    """Record the budget training (DOMAIN.md route step 9: ontzorgen goes with budget
    training toward financial self-reliance): the day it started, the day it finished
    (``None``: not yet) and who gives it (may be empty). Replaces what was recorded."""

    def build(stored: StoredCase) -> dict[str, Any]:
        _ontzorgen_end(stored)
        for day, field in ((gestart_op, "gestart_op"), (afgerond_op, "afgerond_op")):
            if day is not None:
                checked_day(stored, day, today, field)
        try:
            training = Budgettraining(gestart_op, afgerond_op, aanbieder.strip())
        except AftercareInvalid as exc:
            raise refused(exc) from None
        return {BUDGETTRAINING: budgettraining_value(training)}

    return write_case(vault, case_id, today, build, seen)


@dataclass(frozen=True)
class Art57Input:
    """The decision to go on with ontzorgen after the six months: dated ``datum`` with its
    ``kenmerk``, from ``van`` up to and including ``tot`` (``None``: until further
    notice)."""

    datum: date
    kenmerk: str
    van: date
    tot: date | None = None


def record_art57(
    vault: Vault, case_id: str, given: Art57Input, today: date, seen: Seen | None = None
) -> ProgressOverview:
    """Record the Participatiewet art. 57 decision (module docstring for the refusals). It
    never moves the end of the six months of art. 56a."""

    def build(stored: StoredCase) -> dict[str, Any]:
        end = _ontzorgen_end(stored)
        checked_day(stored, given.datum, today, "datum")
        if given.van <= end:
            raise ProgressRefused("ontzorgen_art57_before_end", field="van", eind=nl_day(end))
        try:
            besluit = Art57Besluit(given.datum, given.kenmerk.strip(), given.van, given.tot)
        except AftercareInvalid as exc:
            raise refused(exc) from None
        return {ART57: art57_value(besluit)}

    return write_case(vault, case_id, today, build, seen)


def record_nazorg_contact(
    vault: Vault, case_id: str, day: date | None, today: date, seen: Seen | None = None
) -> ProgressOverview:
    """Record the day of the nazorg contact (``None``: clear it). Refused before a passed
    exam is recorded, and for a day before the exam or after ``today``."""

    def build(stored: StoredCase) -> dict[str, Any]:
        if day is None:
            return {NAZORG_CONTACT: None}
        passed = overview_of(stored, today).examen_behaald_op
        if passed is None:
            raise ProgressRefused("nazorg_no_exam", field="nazorg")
        checked_day(stored, day, today, "datum")
        if day < passed:
            raise ProgressRefused("nazorg_before_exam", field="datum")
        return {NAZORG_CONTACT: day_value(day)}

    return write_case(vault, case_id, today, build, seen)


def held_art57(stored: StoredCase) -> Art57Besluit | None:
    """The art. 57 decision recorded for ``stored`` (``None``: none)."""
    return records_of(stored.fields).art57
