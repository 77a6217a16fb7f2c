"""The case list's rows at the size of a large municipality (issue 14): read with a few
queries for the whole caseload, never a query per case, and the same rows, statuses and
search texts as computing each case on its own (``get_case`` + ``case_status``, the path
the list took before)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from inburg_desktop.demo.caseload import add_caseload
from inburg_desktop.domain.text import N_
from inburg_desktop.services.case_list import (
    CaseListRow,
    _row,
    changed_case_rows,
    load_case_rows,
    search_text,
)
from inburg_desktop.services.intake_progress import intake_progress, shipped_catalogue, state_of
from inburg_desktop.storage.cases import get_case, iter_cases, update_fields
from inburg_desktop.storage.vault import OpenVault

TODAY = date(2026, 11, 28)


@contextmanager
def counted_selects(vault: OpenVault) -> Iterator[list[str]]:
    """The SELECT statements the vault's engine runs meanwhile."""
    seen: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(vault.engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(vault.engine, "before_cursor_execute", before)


def one_by_one(vault: OpenVault, today: date = TODAY) -> list[CaseListRow]:
    """The rows as the list computed them before: each case read and judged on its own."""
    with vault.session() as session:
        return [_row(get_case(session, case.id), today, N_, "nl") for case in iter_cases(session)]


@pytest.mark.parametrize("cases", [3, 60])
def test_the_list_reads_the_whole_caseload_in_a_fixed_number_of_queries(
    vault: OpenVault, cases: int
) -> None:
    """Two queries per case before (the case, then its fields): 121 at 60 cases."""
    with vault.transaction() as session:
        add_caseload(session, cases, TODAY)
    with counted_selects(vault) as selects, vault.session() as session:
        rows = load_case_rows(session, TODAY)
    assert len(rows) == cases
    assert len(selects) <= 3, selects


def test_the_rows_are_those_of_each_case_judged_on_its_own(vault: OpenVault) -> None:
    with vault.transaction() as session:
        add_caseload(session, 45, TODAY)
    for today in (TODAY, TODAY + timedelta(days=200), TODAY - timedelta(days=40)):
        with vault.session() as session:
            rows = load_case_rows(session, today)
        assert rows == one_by_one(vault, today)


VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 40),
    st.text(max_size=6),
    st.sampled_from(["", "  ", "ja", "nee", "haalbaar", "b1", "A2", "anders_gealfabetiseerd"]),
    st.lists(st.sampled_from(["ja", "x", ""]), max_size=2),
)


@st.composite
def intake_patches(draw: st.DrawFn) -> dict[str, Any]:
    """Answers, notes and marks on random topics and fields (known and unknown ids),
    a PIP in any status, and a wait for a third party, valid or not."""
    catalogue = shipped_catalogue()
    patch: dict[str, Any] = {}
    for _ in range(draw(st.integers(0, 12))):
        topic = draw(st.sampled_from(catalogue.topics))
        ids = [f.id for f in topic.fields] + ["notes", "_parked", "_covered", "_discussed", "x"]
        patch[f"intake.{topic.id}.{draw(st.sampled_from(ids))}"] = draw(VALUES)
    if draw(st.booleans()):
        patch["pip.current"] = draw(
            st.one_of(
                st.just("kapot"),
                st.fixed_dictionaries(
                    {"status": st.sampled_from(["draft", "set", "signed", "withdrawn"])}
                ),
            )
        )
    if draw(st.booleans()):
        patch["pip.wachten_op_derde"] = draw(
            st.one_of(
                st.just({"reden": "UWV", "sinds": "2026-10-01", "ontvangen": None}),
                st.just({"reden": "UWV", "sinds": "2026-10-01", "ontvangen": "2026-11-01"}),
                st.just({"sinds": "kapot"}),
            )
        )
    return patch


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(patches=st.lists(intake_patches(), min_size=1, max_size=4))
def test_any_intake_gives_the_same_rows_both_ways(
    vault: OpenVault, patches: list[dict[str, Any]]
) -> None:
    with vault.transaction() as session:
        if not list(iter_cases(session)):
            add_caseload(session, 8, TODAY)
        ids = [case.id for case in iter_cases(session)]
        for n, patch in enumerate(patches):
            update_fields(session, ids[n % len(ids)], patch)
    with vault.session() as session:
        rows = load_case_rows(session, TODAY)
        for case in iter_cases(session):
            stored = get_case(session, case.id)
            # one pass over the fields gives each topic's state as asking the topic does
            progress = intake_progress(stored)
            for topic in shipped_catalogue().topics:
                assert progress.states[topic.id] == state_of(stored.fields, topic)
    assert rows == one_by_one(vault)


def test_only_the_rows_asked_for(vault: OpenVault) -> None:
    with vault.transaction() as session:
        add_caseload(session, 20, TODAY)
    every = one_by_one(vault)
    chosen = {every[3].id, every[11].id, "geen-dossier"}
    with vault.session() as session:
        rows = load_case_rows(session, TODAY, case_ids=chosen)
    assert sorted(rows, key=lambda r: r.id) == sorted(
        (r for r in every if r.id in chosen), key=lambda r: r.id
    )


def test_a_write_reloads_only_the_cases_it_changed(vault: OpenVault) -> None:
    with vault.transaction() as session:
        add_caseload(session, 20, TODAY)
    before = one_by_one(vault)
    shown = {row.id: row.version for row in before}
    with vault.transaction() as session:
        update_fields(session, before[5].id, {"intake.motivatie._covered": True})
    update = changed_case_rows(vault, shown, TODAY)
    assert [row.id for row in update.rows] == [before[5].id]
    assert update.rows[0] == next(r for r in one_by_one(vault) if r.id == before[5].id)
    assert update.gone == frozenset()
    gone_shown = {**shown, "weg": (1, 0)}
    assert changed_case_rows(vault, gone_shown, TODAY).gone == frozenset({"weg"})
    assert changed_case_rows(vault, {r.id: r.version for r in one_by_one(vault)}).rows == []


def test_the_search_text_of_a_row_is_folded_once_as_before() -> None:
    text = search_text(
        given_names="Łukasz",
        family_name="Øberg-Straße",
        doelgroep="gezinsmigrant",
        nationality="UKR",
        languages=("uk", "ru"),
        v_nummer="1234567890",
        ui_language="en",
    )
    assert text.startswith("oberg strasse lukasz lukasz oberg strasse 1234567890 gezinsmigrant")
    for word in ("oekraine", "oekraiense", "ukraine", "oekraiens", "russisch", "russian"):
        assert f" {word}" in f" {text}", word
