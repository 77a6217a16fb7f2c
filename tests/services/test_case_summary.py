"""The case summaries (issue 14): the case list and ``inburg case list`` read one table,
and get exactly the rows, statuses and search texts that computing every case from its
fields gives (``case_list.load_case_rows``, the path the list took before), on any day;
a summary of another day, of older code or of a write made without the computation is
computed again before it is shown; a vault from before the summaries gets them at its
first unlock.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text, update

from inburg_desktop.demo.caseload import add_caseload
from inburg_desktop.services import case_summary, vault_session
from inburg_desktop.services.case_list import case_rows, changed_case_rows, load_case_rows
from inburg_desktop.services.case_status import status_cases
from inburg_desktop.services.case_summary import case_of, compute, day_status, summary_values
from inburg_desktop.storage import case_summary as table
from inburg_desktop.storage import keyfile, migrate
from inburg_desktop.storage.cases import iter_cases, update_fields
from inburg_desktop.storage.changes import create_case
from inburg_desktop.storage.engine import WRITES, make_engine
from inburg_desktop.storage.files import touch_owner_only
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.tables import CaseSummaryRow
from inburg_desktop.storage.vault import OpenVault

from ..conftest import PASSPHRASE
from .test_case_list_loading import counted_selects, intake_patches

TODAY = date(2026, 11, 28)
DAYS = (
    TODAY,
    TODAY - timedelta(days=40),
    TODAY + timedelta(days=1),
    TODAY + timedelta(days=13),
    TODAY + timedelta(days=200),
    TODAY + timedelta(days=800),
)


def translated(text: str) -> str:
    """A UI language that is not Dutch, so the notes are seen to be translated per read."""
    return f"[en] {text}"


def computed(vault: OpenVault, today: date, **kwargs: Any) -> list[Any]:
    """The list computed from the cases themselves (fields, rules), in one session."""
    with vault.session() as session:
        return load_case_rows(session, today, **kwargs)


def stored_summaries(vault: OpenVault) -> dict[str, dict[str, Any]]:
    with vault.session() as session:
        return {row.case_id: dict(row._mapping) for row in table.read(session, whole=True)}


def fresh_summaries(vault: OpenVault, today: date) -> dict[str, dict[str, Any]]:
    with vault.session() as session:
        return {s.case.id: summary_values(s, today) for s in status_cases(session)}


OBSERVED = ("plichtig", "pip_deadline", "pip_deadline_provisional", "deadline_state", "notes")


def as_seen(summary: dict[str, Any], today: date) -> dict[str, Any]:
    """A summary as a read on ``today`` takes it: the stored outcome when it holds on that
    day (``status_on <= today < status_until``), else the one the read computes from the
    summary's own dates."""
    out = {k: v for k, v in summary.items() if k not in table.STATUS_COLUMNS}
    until = summary["status_until"]
    if summary["status_on"] <= today and (until is None or today < until):
        out.update((k, summary[k]) for k in OBSERVED)
    else:
        status = day_status(case_of(SimpleNamespace(**summary)), today)._asdict()  # type: ignore[arg-type]
        out.update((k, status[k]) for k in OBSERVED)
    return out


def assert_current(vault: OpenVault, today: date | None = None) -> None:
    """Nothing marked, and every summary is what computing its case now gives, with an
    outcome that holds today."""
    today = today or date.today()
    with vault.session() as session:
        assert table.stale_ids(session) == []
    stored = {k: as_seen(v, today) for k, v in stored_summaries(vault).items()}
    assert stored == {k: as_seen(v, today) for k, v in fresh_summaries(vault, today).items()}


IDENTITY = st.fixed_dictionaries(
    {},
    optional={
        "person.date_of_birth": st.dates(date(1950, 1, 1), date(2015, 12, 31)).map(str),
        "person.nationality": st.sampled_from(["SYR", "TUR", "DEU", "NLD", "ERI", "XXX"]),
        "person.residence_basis": st.sampled_from(
            ["asiel", "gezin", "eu_familielid", "tijdelijk_doel", "overig"]
        ),
        "person.permit_since": st.none() | st.dates(date(2018, 1, 1), date(2027, 1, 1)).map(str),
        "person.v_nummer": st.none() | st.sampled_from(["1234567890", "0000000007"]),
        "person.languages": st.lists(
            st.sampled_from(["ar", "ti", "uk", "fa-AF", "so"]), max_size=2
        ),
        "doelgroep": st.sampled_from(["statushouder", "gezinsmigrant", "overige_migrant"]),
        "dates.duo_kennisgeving": st.none() | st.dates(date(2025, 6, 1), date(2027, 6, 1)).map(str),
        "dates.brp_after_move": st.none() | st.dates(date(2025, 6, 1), date(2027, 6, 1)).map(str),
        "dates.pip_date": st.none() | st.dates(date(2025, 6, 1), date(2027, 6, 1)).map(str),
    },
)


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    patches=st.lists(st.tuples(intake_patches(), IDENTITY), min_size=1, max_size=6),
    later=st.integers(0, 1200),
)
def test_the_list_read_from_summaries_is_the_list_computed_from_the_cases(
    vault: OpenVault, patches: list[tuple[dict[str, Any], dict[str, Any]]], later: int
) -> None:
    """Cases of every stage (the demo caseload), changed at random (intake, PIP, wait,
    identity and dates), read on days around the deadlines and birthdays, in Dutch and in
    another UI language: the same rows both ways."""
    vault.summaries.keep(compute)
    with vault.transaction() as session:
        if not list(iter_cases(session)):
            add_caseload(session, 16, TODAY)
        ids = [case.id for case in iter_cases(session)]
        for n, (intake, identity) in enumerate(patches):
            update_fields(session, ids[(n * 5) % len(ids)], {**intake, **identity})
    for today in (*DAYS, TODAY + timedelta(days=later)):
        assert case_rows(vault, today) == computed(vault, today), today
    today = TODAY + timedelta(days=later)
    english = case_rows(vault, today, translate=translated, ui_language="en")
    assert english == computed(vault, today, translate=translated, ui_language="en")


def test_without_the_computation_handed_in_the_first_read_computes_what_writes_marked(
    vault: OpenVault,
) -> None:
    """A vault opened by the storage layer alone (a tool, a test) only marks; the read
    computes the marked summaries first, and marks nothing more."""
    with vault.transaction() as session:
        add_caseload(session, 12, TODAY)
    with vault.session() as session:
        assert len(table.stale_ids(session)) == 12
    assert case_rows(vault, TODAY) == computed(vault, TODAY)
    assert_current(vault)


def test_a_case_written_by_plain_sql_is_marked_by_the_triggers(vault: OpenVault) -> None:
    """Plain SQL passes no ORM event: the triggers still mark the case, and the next read
    computes it."""
    vault.summaries.keep(compute)
    with vault.transaction() as session:
        add_caseload(session, 5, TODAY)
    first = computed(vault, TODAY)[0]
    with vault.transaction() as session:
        session.execute(
            text("UPDATE cases SET family_name = 'Zwart' WHERE id = :id"), {"id": first.id}
        )
    with vault.session() as session:
        assert table.stale_ids(session) == [first.id]
    rows = case_rows(vault, TODAY)
    assert rows == computed(vault, TODAY)
    assert rows[-1].family_name == "Zwart"
    assert_current(vault)


def test_a_deleted_case_takes_its_summary_along(vault: OpenVault) -> None:
    vault.summaries.keep(compute)
    with vault.transaction() as session:
        ids = add_caseload(session, 4, TODAY)
    with vault.transaction() as session:
        session.execute(text("DELETE FROM cases WHERE id = :id"), {"id": ids[1]})
    assert ids[1] not in stored_summaries(vault)
    assert case_rows(vault, TODAY) == computed(vault, TODAY)


def test_a_new_office_version_alone_is_copied_without_computing(vault: OpenVault) -> None:
    vault.summaries.keep(compute)
    with vault.transaction() as session:
        ids = add_caseload(session, 3, TODAY)
    with vault.transaction() as session:
        session.execute(text("UPDATE cases SET server_version = 41 WHERE id = :id"), {"id": ids[0]})
        assert table.stale_ids(session) == []
    assert stored_summaries(vault)[ids[0]]["server_version"] == 41
    assert_current(vault)


def test_the_steady_read_is_one_select_of_the_summaries(vault: OpenVault) -> None:
    """Before: three queries over cases and their fields (and every case judged by the
    rules). Now: whether anything is marked, then the summaries; no field is read."""
    vault.summaries.keep(compute)
    with vault.transaction() as session:
        add_caseload(session, 30, TODAY)
    today = date.today()
    case_rows(vault, today)  # outcomes of today stored once (the caseload's were TODAY's)
    with counted_selects(vault) as selects:
        rows = case_rows(vault, today)
    assert len(rows) == 30
    assert len(selects) == 2, selects
    assert "case_summaries" in selects[1]
    assert not any("case_fields" in s or "FROM cases" in s for s in selects)


def test_an_outcome_of_another_day_is_computed_again_and_stored(vault: OpenVault) -> None:
    vault.summaries.keep(compute)
    with vault.transaction() as session:
        ids = add_caseload(session, 6, TODAY)
        # born 2010-06-15: 16 (plichtig, Wet art. 3) from 2026-06-15
        update_fields(session, ids[0], {"person.date_of_birth": "2010-06-15"})
    before, after = date(2026, 6, 14), date(2026, 6, 15)
    rows = {row.id: row for row in case_rows(vault, before)}
    assert not rows[ids[0]].plichtig
    assert stored_summaries(vault)[ids[0]]["status_until"] == after
    rows = {row.id: row for row in case_rows(vault, after)}
    assert rows[ids[0]].plichtig
    assert list(rows.values()) == computed(vault, after)
    stored = stored_summaries(vault)[ids[0]]
    assert (stored["status_on"], stored["plichtig"]) == (after, True)


def test_summaries_computed_by_other_code_are_computed_again(
    vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault.summaries.keep(compute)
    with vault.transaction() as session:
        ids = add_caseload(session, 4, TODAY)
        session.execute(
            update(table.SUMMARIES)
            .where(table.SUMMARIES.c.case_id == ids[2])
            .values(computed_with="ouder", topics_covered=99, search_own="verouderd")
        )
    assert case_rows(vault, TODAY) == computed(vault, TODAY)
    assert stored_summaries(vault)[ids[2]]["computed_with"] == case_summary.computed_with()
    monkeypatch.setattr(case_summary, "computed_with", lambda: "nieuwer")  # an app update
    assert case_rows(vault, TODAY) == computed(vault, TODAY)  # every summary computed again
    assert {s["computed_with"] for s in stored_summaries(vault).values()} == {"nieuwer"}


def test_a_fault_of_the_computation_never_costs_a_write(
    vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault.summaries.keep(compute)
    with vault.transaction() as session:
        ids = add_caseload(session, 3, TODAY)

    def broken(*_args: object) -> dict[str, Any]:
        raise ValueError("kapot")

    monkeypatch.setattr(case_summary, "summary_values", broken)
    with vault.transaction() as session:
        update_fields(session, ids[0], {"intake.motivatie.notes": "blijft bewaard"})
    with vault.session() as session:
        assert table.stale_ids(session) == [ids[0]]  # still to compute
    monkeypatch.undo()
    assert case_rows(vault, TODAY) == computed(vault, TODAY)
    assert_current(vault)


def test_a_write_reloads_only_the_rows_it_changed(vault: OpenVault) -> None:
    vault.summaries.keep(compute)
    with vault.transaction() as session:
        ids = add_caseload(session, 10, TODAY)
    shown = {row.id: row.version for row in case_rows(vault, TODAY)}
    with vault.transaction() as session:
        update_fields(session, ids[4], {"intake.motivatie._covered": True})
        session.execute(text("DELETE FROM cases WHERE id = :id"), {"id": ids[7]})
    update = changed_case_rows(vault, shown, TODAY)
    assert [row.id for row in update.rows] == [ids[4]]
    assert update.rows == [r for r in computed(vault, TODAY) if r.id == ids[4]]
    assert update.gone == frozenset({ids[7]})


def _vault_before_summaries(path: Path, cases: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A vault as the release before the summaries left it: schema 0006, cases held.
    That release had no audit trail (storage migration 0011): today's change path would
    record one, so it is switched off while the old cases are written."""
    from inburg_desktop.storage import audit_log

    monkeypatch.setattr(audit_log, "record", lambda *_a, **_k: None)
    monkeypatch.setattr(audit_log, "record_parts", lambda *_a, **_k: None)
    vault_id, key = keyfile.new_vault_key()
    keyfile.write_key_file(path, keyfile.wrap_key(key, PASSPHRASE, vault_id, TEST_KDF))
    touch_owner_only(path)
    engine = make_engine(path, key)
    migrate.upgrade(engine, "0006")
    from sqlalchemy.orm import Session

    with Session(engine.execution_options(**{WRITES: True})) as session, session.begin():
        for n in range(cases):
            create_case(
                session,
                f"oud-{n}",
                {
                    "doelgroep": "statushouder",
                    "person.given_names": f"Oud {n}",
                    "person.family_name": "Dossier",
                    "person.date_of_birth": "1990-01-01",
                    "person.nationality": "SYR",
                    "person.languages": ["ar"],
                    "dates.brp_registration": "2026-09-01",
                    "intake.motivatie.notes": "wil snel aan het werk",
                },
            )
    engine.dispose()
    key.wipe()


def test_a_vault_from_before_the_summaries_gets_them_at_its_first_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The migration marks every case; the first read computes them all (in chunks), and a
    write meanwhile computes only its own case, never the backlog."""
    path = tmp_path / "v0006.db"
    with monkeypatch.context() as old_release:
        _vault_before_summaries(path, 7, old_release)
    vault = vault_session.unlock(path, PASSPHRASE)
    try:
        assert vault.check().ok
        with vault.session() as session:
            assert len(table.stale_ids(session)) == 7
        with vault.transaction() as session:
            add_caseload(session, 1, TODAY)
        with vault.session() as session:
            assert len(table.stale_ids(session)) == 7
        assert len(stored_summaries(vault)) == 1
        assert case_rows(vault, TODAY) == computed(vault, TODAY)
        assert len(stored_summaries(vault)) == 8
        assert_current(vault)
    finally:
        vault.lock()


def test_the_check_reports_a_missing_trigger(vault: OpenVault) -> None:
    """A later migration that copies ``cases`` to alter it drops its triggers: the
    summaries would silently fall behind, so ``vault check`` says so."""
    assert vault.check().ok
    with vault.transaction() as session:
        session.execute(text("DROP TRIGGER case_summary_on_update"))
    assert "schema: trigger case_summary_on_update missing" in vault.check().problems


@pytest.fixture
def keeper_vault(tmp_path: Path) -> Iterator[OpenVault]:
    vault = vault_session.create(tmp_path / "kluis.db", PASSPHRASE, TEST_KDF)
    yield vault
    vault.lock()


def test_a_vault_the_app_opens_computes_in_the_writing_transaction(keeper_vault: OpenVault) -> None:
    with keeper_vault.transaction() as session:
        ids = add_caseload(session, 5, TODAY)
        session.flush()
        assert session.scalar(select(CaseSummaryRow.case_id).limit(1)) is None  # not yet
    assert_current(keeper_vault)
    assert set(stored_summaries(keeper_vault)) == set(ids)
