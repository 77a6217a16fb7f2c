"""What the consultant confirms before a PIP is set or amended (a beschikking, Wet art. 15):
the draft as it will be decided, the deadlines it sets, what the law still requires
(blocks) and what is still open in the brede intake (warns).

The law's rules are not repeated here: the refusals are ``pip_rules.check_setting``'s
(through ``pip_service.setting_check``), the intake's open items
``pip_confirmation.intake_open_items``'s over the same topic states the intake screen
shows (``intake_summary.build_summary``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from inburg_desktop.domain.deadlines import Deadlines
from inburg_desktop.domain.intake import TopicState
from inburg_desktop.domain.letterhead import Letterhead
from inburg_desktop.domain.pip import PipHistory, PipVersion
from inburg_desktop.domain.pip_confirmation import TopicStatus, intake_open_items, late_setting
from inburg_desktop.domain.pip_sender import sender_gaps
from inburg_desktop.domain.text import Reason
from inburg_desktop.services import pip_service as service
from inburg_desktop.services.intake_progress import answered
from inburg_desktop.services.intake_summary import build_summary
from inburg_desktop.services.route_advice_input import CHOICE_TOPIC, route_choice
from inburg_desktop.storage.cases import StoredCase

PREFERENCE_KEY = f"intake.{CHOICE_TOPIC}.route_wens"


@dataclass(frozen=True)
class Confirmation:
    """The confirmation of setting ``draft`` on ``on``.

    ``base``: the version in force that an amendment replaces (``None`` for a first PIP);
    ``first_dagtekening``: the first PIP's dagtekening, from which the termijn counts (Wet
    art. 11; ``on`` itself for a first PIP);
    ``deadlines``: the case's deadlines once this version is set (the termijn counts from
    the first PIP's date and does not move, Wet art. 11); ``required``: what the law
    requires and the draft does not meet (the decision is blocked while any);
    ``open_items``: what is open in the intake (warnings, confirmed deliberately);
    ``consulent``: the name the decision will carry (``None``: not set yet);
    ``topics_covered``/``topics_total``: the intake's progress; ``sender``: what keeps the
    PIP from naming who it comes from (the placeholder letterhead, no consultant's name:
    ``pip_sender.sender_gaps``), warned about and offered to fill in before setting;
    ``late``: a first PIP set after its legal deadline (``pip_confirmation.late_setting``,
    Besluit art. 5.3), shown under what the law requires as a warning that never blocks.
    """

    draft: PipVersion
    on: date
    base: PipVersion | None
    deadlines: Deadlines
    required: tuple[Reason, ...]
    open_items: tuple[Reason, ...]
    consulent: str | None
    topics_covered: int
    topics_total: int
    sender: tuple[Reason, ...] = ()
    first_dagtekening: date | None = None
    late: Reason | None = None

    @property
    def amendment(self) -> bool:
        return self.base is not None

    @property
    def blocked(self) -> bool:
        return bool(self.required)


def build(
    stored: StoredCase,
    history: PipHistory,
    draft: PipVersion,
    on: date,
    course_hours: int,
    consulent: str | None,
    letterhead: Letterhead | None = None,
) -> Confirmation:
    """The confirmation for setting ``draft`` (as edited, not stored) ``on`` this day."""
    check = service.setting_check(stored, history, draft, on, course_hours)
    summary = build_summary(stored)
    topics = tuple(TopicStatus(t.title, t.state) for t in summary.topics)
    base = history.in_force
    open_items = intake_open_items(
        topics,
        route_chosen=route_choice(stored.fields) is not None,
        preference_asked=answered(stored.field(PREFERENCE_KEY)),
        amendment=base is not None,
    )
    after = history.with_draft(draft).set_draft(on)
    return Confirmation(
        draft=draft,
        on=on,
        base=base,
        deadlines=service.deadlines_for(stored, after, on),
        required=check.refusals,
        open_items=open_items,
        consulent=consulent,
        topics_covered=sum(1 for t in topics if t.state is TopicState.COVERED),
        topics_total=len(topics),
        sender=sender_gaps(letterhead or Letterhead(), consulent),
        first_dagtekening=after.pip_date,
        late=late_setting(
            service.deadlines_for(stored, history, on), on, amendment=base is not None
        ),
    )
