"""A PIP in force on a case, stored as the editor stores it, for tests that need one.

Tests of what comes after the PIP (progress, talks, agenda, sync) need a set PIP on a
case that has no complete intake to set one through the rules: the prefill's proposal,
adjusted, becomes version 1 on the given day, and ``dates.pip_date`` is that day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.pip import Afspraak, PipHistory
from inburg_desktop.services import pip_editing
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.vault import OpenVault


def seed_pip(
    vault: OpenVault,
    case_id: str,
    day: date,
    *,
    leerroute: Leerroute | None = None,
    afspraken: Sequence[Afspraak] | None = None,
    afschaling_a2: bool = False,
) -> None:
    """Set the prefill's proposal for ``case_id`` as PIP version 1 on ``day``.

    ``leerroute`` replaces the proposal's route, ``afspraken`` its development plan's
    agreements (``None`` keeps the proposal's); ``afschaling_a2`` as in
    :meth:`PipHistory.new_draft`.
    """
    proposal = pip_editing.open_editor(vault, case_id, day).context.proposal
    beschikking = proposal.beschikking
    if leerroute is not None:
        beschikking = replace(beschikking, leerroute=leerroute)
    plan = proposal.ontwikkelplan
    if afspraken is not None:
        plan = replace(plan, afspraken=tuple(afspraken))
    empty = PipHistory()
    draft = empty.new_draft(beschikking, day, ontwikkelplan=plan, afschaling_a2=afschaling_a2)
    history = empty.with_draft(draft).set_draft(day)
    with vault.transaction() as session:
        update_fields(
            session, case_id, {**history.storage_items(), "dates.pip_date": day.isoformat()}
        )
