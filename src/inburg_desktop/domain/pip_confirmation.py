"""Before a PIP is set or amended: what is still open in the brede intake.

Setting a PIP is a decision with legal effect (a beschikking, Wet art. 15; AVG art. 22:
taken by a person who sees what it rests on). The confirmation the consultant sees has
three parts:

* what will be decided (the draft itself, shown by the caller);
* what the law requires and is not met: the refusals of ``pip_rules.check_setting``
  (that rule lives there, once); they block the decision;
* what is merely open in the intake (:func:`intake_open_items`): topics not finished,
  parked topics, no leerroute chosen with reasons, the newcomer's own preference not
  asked. The PIP rests on the brede intake (Wet art. 14 lid 3, art. 15 lid 1) and the
  newcomer's preference is one of the grounds for the route (DOMAIN.md, "Leerroutes"),
  but the law does not forbid a decision while a topic is open (the intake may be
  completed without the newcomer after three oproepen, Wet art. 14 lid 2), so these warn
  and need a deliberate confirmation instead of blocking.

Under what the law requires, a first PIP set after its legal deadline says so
(:func:`late_setting`): the deadline, its article and how many days late. It warns and
never blocks: a late PIP must still be set, and the consultant may want to note why.

Pure logic on plain values: the caller passes the topics' titles and states.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from inburg_desktop.domain.deadlines import PIP_DEADLINE_ARTICLE, Deadlines
from inburg_desktop.domain.intake import TopicState
from inburg_desktop.domain.text import N_, Reason, nl_date

TOPIC_OPEN = "intake_topic_open"
TOPIC_PARKED = "intake_topic_parked"
ROUTE_NOT_CHOSEN = "intake_route_not_chosen"
PREFERENCE_NOT_ASKED = "intake_preference_not_asked"
SET_LATE = "pip_set_late"


@dataclass(frozen=True)
class TopicStatus:
    """One intake topic as the confirmation needs it: its title and state."""

    title: str
    state: TopicState


def intake_open_items(
    topics: Iterable[TopicStatus],
    *,
    route_chosen: bool,
    preference_asked: bool,
    amendment: bool = False,
) -> tuple[Reason, ...]:
    """What is open in the intake, as warnings (never refusals), in this order: parked
    topics, unfinished topics (each list in the order given), route, preference.

    ``route_chosen``: the consultant recorded a leerroute with reasons in the intake;
    ``preference_asked``: the newcomer's own route preference is recorded;
    ``amendment``: an amendment of a PIP in force, where the route was chosen earlier
    and the intake's route choice is not asked again.
    """
    listed = tuple(topics)
    parked = [t.title for t in listed if t.state is TopicState.PARKED]
    unfinished = [
        t.title for t in listed if t.state in (TopicState.NOT_STARTED, TopicState.TOUCHED)
    ]
    out: list[Reason] = []
    if parked:
        out.append(
            Reason(
                TOPIC_PARKED,
                N_("Geparkeerd in de intake: {topics}."),
                {"topics": ", ".join(parked), "count": str(len(parked))},
            )
        )
    if unfinished:
        out.append(
            Reason(
                TOPIC_OPEN,
                N_("Nog niet afgerond in de intake ({count} van {total}): {topics}."),
                {
                    "topics": ", ".join(unfinished),
                    "count": str(len(unfinished)),
                    "total": str(len(listed)),
                },
            )
        )
    if not route_chosen and not amendment:
        out.append(
            Reason(
                ROUTE_NOT_CHOSEN,
                N_(
                    "In de intake is nog geen leerroute gekozen met de redenen erbij; het "
                    "PIP neemt de route uit dit concept."
                ),
            )
        )
    if not preference_asked:
        out.append(
            Reason(
                PREFERENCE_NOT_ASKED,
                N_("De eigen voorkeur van de inburgeraar voor een leerroute is niet gevraagd."),
            )
        )
    return tuple(out)


def late_setting(deadlines: Deadlines, on: date, *, amendment: bool) -> Reason | None:
    """The warning that a first PIP is set after its legal deadline, else ``None``.

    ``deadlines`` are the case's as they stand before the setting (``deadlines.
    compute_deadlines``: the deadline rule of Besluit art. 5.3 lives there, not here);
    ``on`` is the dagtekening the PIP will get. The warning names the last day, the
    article of the basis it counts from (``PIP_DEADLINE_ARTICLE``) and the whole days
    between that day and ``on`` ("1 dag", "25 dagen").

    ``None`` when nothing is late by law: an amendment (Besluit art. 5.3 lid 6 sets no
    term; the deadline concerns the first PIP), a person not plichtig, no deadline known
    or one waiting for a third party's information (lid 2), a provisional deadline (DUO's
    kennisgeving is not known, so no legal term runs yet), or ``on`` on or before the
    deadline.
    """
    due = deadlines.pip_deadline
    basis = deadlines.pip_deadline_basis
    if amendment or deadlines.niet_plichtig or due is None or basis is None:
        return None
    if deadlines.pip_deadline_provisional or on <= due:
        return None
    days = (on - due).days
    params = {"deadline": nl_date(due), "article": PIP_DEADLINE_ARTICLE[basis], "days": days}
    if days == 1:
        text = N_(
            "Het PIP had uiterlijk {deadline} vastgesteld moeten zijn ({article}); u stelt het "
            "1 dag te laat vast."
        )
    else:
        text = N_(
            "Het PIP had uiterlijk {deadline} vastgesteld moeten zijn ({article}); u stelt het "
            "{days} dagen te laat vast."
        )
    return Reason.of(SET_LATE, text, **params)
