"""Every path of a pull judges a pulled value by the same rules (review of sync/apply.py:
``pull_refusals``, which decides which office values of a push's conflicts the laptop
shows, lacked the leerroute rule that ``apply_case`` applies, so an office's Z-route
eindgesprek on a B1 case was shown after a push and set aside by the pull). Whatever the
office serves, the values the bulk insert, the case-by-case apply and ``pull_refusals``
refuse are the same; and the PIP history of a case already here is read once per case,
however many rules read it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.storage.sync_state import quarantine
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.apply import apply_case, apply_new_cases, held, pull_refusals

from ..statements import selects
from .test_apply_page import state
from .test_progress_routes import _pip
from .test_pulled_records import BAD, GOOD, decided, fields

B1_EXAM = {"onderdeel": "lezen", "niveau": "B1", "datum": "2026-09-01", "behaald": True}

OFFERED: dict[str, dict[str, Any]] = {
    "z_route_eindgesprek": {"zroute.eindgesprek": "2026-09-01"},  # the route rule
    "b1_exam": {"examen.0123456789ab": B1_EXAM},  # fine under the B1 PIP only
    "talk_after_missing_ones": {"voortgang.3.gehouden": "2026-05-01"},  # the talk rule
    "lone_pip_version": {"pip.version.7": _pip(Leerroute.B1)["pip.version.1"]},  # history
    "fine_of_800": fields(BAD, decided(800_00)),  # the record rules
    "good_record": fields(GOOD, decided(50_00)),
    "bidi_note": {"intake.opleiding.notes": "a\u202eb"},  # the field rules
    "plain_note": {"intake.opleiding.notes": "nieuw"},
}
"""Office values, each refused or taken by one rule, depending on the case."""

CASE = state(1).case_id


class _Undone(Exception):
    """Raised to roll an example's transaction back: each example starts from the same
    vault."""


@contextmanager
def undone(vault: OpenVault) -> Iterator[Session]:
    try:
        with vault.transaction() as session:
            yield session
            raise _Undone
    except _Undone:
        pass


def _set_aside(session: Session) -> set[str]:
    return {key for entry in quarantine(session) for key in entry.field_keys}


@pytest.fixture
def b1_case(vault: OpenVault) -> OpenVault:
    """The vault holding case 1 with a PIP that sets the B1 route."""
    with vault.transaction() as session:
        assert apply_case(session, state(1, fields=_pip(Leerroute.B1))) == 0
    return vault


def _judge_and_apply(vault: OpenVault, patch: dict[str, Any], bulk: bool) -> None:
    pulled = state(1, fields=patch)
    offered = {key: f.value for key, f in pulled.fields.items()}
    with undone(vault) as session:
        judged = set(pull_refusals(session, CASE, offered))
        here = held(session, [CASE])
        rest = apply_new_cases(session, [pulled], here) if bulk else [pulled]
        for each in rest:
            apply_case(session, each, here)
        assert _set_aside(session) == judged
        if bulk:  # the bulk insert takes the case exactly when nothing is refused
            assert (rest == []) == (judged == set())


choices = st.sets(st.sampled_from(sorted(OFFERED)), min_size=1)


def _patch(names: set[str]) -> dict[str, Any]:
    return {key: value for name in sorted(names) for key, value in OFFERED[name].items()}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(names=choices)
def test_a_case_here_is_judged_alike_on_every_path(b1_case: OpenVault, names: set[str]) -> None:
    _judge_and_apply(b1_case, _patch(names), bulk=False)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(names=choices, bulk=st.booleans())
def test_a_new_case_is_judged_alike_on_every_path(
    vault: OpenVault, names: set[str], bulk: bool
) -> None:
    _judge_and_apply(vault, _patch(names), bulk)


def test_the_office_z_route_eindgesprek_of_a_b1_case_is_refused_when_shown_too(
    b1_case: OpenVault,
) -> None:
    """The case the review found: the pull set it aside, ``pull_refusals`` let it show."""
    with b1_case.session() as session:
        assert pull_refusals(session, CASE, {"zroute.eindgesprek": "2026-09-01"}) == {
            "zroute.eindgesprek": "progress_route"
        }


def test_the_pip_history_of_a_case_here_is_read_once(b1_case: OpenVault) -> None:
    """A pulled PIP version, talk, enforcement record and exam of a case already here: the
    four rules that read the case's PIP versions read them in one statement."""
    patch = _patch({"lone_pip_version", "talk_after_missing_ones", "good_record", "b1_exam"})
    with undone(b1_case) as session, selects(session.get_bind().engine) as seen:
        pull_refusals(session, CASE, patch)
    reads_pip = [text for text, values in seen if _names_pip(values)]
    assert len(reads_pip) == 1, reads_pip


def _names_pip(values: tuple[Any, ...]) -> bool:
    return any(isinstance(v, str) and v.startswith("pip.") for v in values)
