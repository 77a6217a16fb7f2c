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

Pure logic on plain values: the caller passes the topics' titles and states.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from inburg_desktop.domain.intake import TopicState
from inburg_desktop.domain.text import N_, Reason

TOPIC_OPEN = "intake_topic_open"
TOPIC_PARKED = "intake_topic_parked"
ROUTE_NOT_CHOSEN = "intake_route_not_chosen"
PREFERENCE_NOT_ASKED = "intake_preference_not_asked"


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
