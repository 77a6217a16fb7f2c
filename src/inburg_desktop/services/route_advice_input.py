"""From intake answers to the leerroute advice's input, and the consultant's recorded choice.

The advice is only shown (AVG art. 22); the consultant chooses and gives a reason, stored
as ``intake.wensen_route._gekozen_route`` (``b1``/``onderwijs``/``z``),
``intake.wensen_route._keuze_reden`` (text, required), ``intake.wensen_route._keuze_datum``
(ISO datetime) and ``intake.wensen_route._advies`` (the route advised when choosing, or
absent), so it can be seen later whether the choice followed the advice.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.route_advice import (
    SKILLS,
    Diploma,
    ErkNiveau,
    Geletterdheid,
    RouteAdvice,
    RouteAdviceInput,
    RouteWens,
    ToetsUitkomst,
    advise_route,
)
from inburg_desktop.services.intake_progress import field_key
from inburg_desktop.storage.cases import StoredCase
from inburg_desktop.storage.changes import FieldMeta

CHOICE_TOPIC = "wensen_route"
CHOSEN = field_key(CHOICE_TOPIC, "_gekozen_route")
REASON = field_key(CHOICE_TOPIC, "_keuze_reden")
CHOSEN_AT = field_key(CHOICE_TOPIC, "_keuze_datum")
ADVISED = field_key(CHOICE_TOPIC, "_advies")

E = TypeVar("E", bound=enum.Enum)


def _enum(kind: type[E], value: Any) -> E | None:
    try:
        return kind(value) if value is not None else None
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


def _date(value: Any) -> date | None:
    try:
        return parse_iso_date(str(value)) if value else None
    except ValueError:
        return None


def route_advice_input(stored: StoredCase, today: date) -> RouteAdviceInput:
    """What the intake knows, mapped onto ``RouteAdviceInput`` (unknown stays ``None``)."""
    f: Mapping[str, Any] = stored.fields

    def answer(topic: str, field_id: str) -> Any:
        return f.get(field_key(topic, field_id))

    score = _int(answer("leerbaarheid", "toets_score"))
    years = _int(answer("opleiding", "aantal_jaren"))
    erk: dict[str, ErkNiveau] = {}
    for skill in SKILLS:
        level = _enum(ErkNiveau, answer("taalniveau", f"erk_{skill}"))
        if level is not None:
            erk[skill] = level
    return RouteAdviceInput(
        advice_date=today,
        date_of_birth=stored.case.person.date_of_birth,
        toets_uitkomst=_enum(ToetsUitkomst, answer("leerbaarheid", "toets_uitkomst")),
        toets_score=score if score is not None and 0 <= score <= 40 else None,
        toets_datum=_date(answer("leerbaarheid", "toets_datum")),
        opleiding_jaren=years if years is not None and years >= 0 else None,
        hoogste_diploma=_enum(Diploma, answer("opleiding", "hoogste_diploma")),
        geletterdheid=_enum(Geletterdheid, answer("leerbaarheid", "geletterdheid")),
        erk=erk,
        wens=_enum(RouteWens, answer("wensen_route", "route_wens")),
    )


def advice_for(stored: StoredCase, today: date) -> RouteAdvice:
    return advise_route(route_advice_input(stored, today))


@dataclass(frozen=True)
class RouteChoice:
    route: Leerroute
    reason: str
    chosen_at: str
    advised: Leerroute | None


class ChoiceRefused(Problem, ValueError):
    """A route choice without a reason: AVG art. 22 asks the consultant to record why."""

    default_code = "route_reason_required"


def route_choice_patch(
    route: Leerroute, reason: str, advised: Leerroute | None, when: datetime
) -> tuple[dict[str, Any], dict[str, FieldMeta]]:
    if not reason.strip():
        raise ChoiceRefused()
    patch: dict[str, Any] = {
        CHOSEN: route.value,
        REASON: reason.strip(),
        CHOSEN_AT: when.replace(microsecond=0).isoformat(),
        ADVISED: advised.value if advised else None,
    }
    return patch, {key: FieldMeta() for key in patch}


def route_choice(fields: Mapping[str, Any]) -> RouteChoice | None:
    route = _enum(Leerroute, fields.get(CHOSEN))
    if route is None:
        return None
    return RouteChoice(
        route,
        str(fields.get(REASON) or ""),
        str(fields.get(CHOSEN_AT) or ""),
        _enum(Leerroute, fields.get(ADVISED)),
    )
