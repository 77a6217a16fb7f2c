"""Reads never hold the vault's write lock, and never write (storage/engine.py).

Issue 14: every transaction began ``BEGIN IMMEDIATE``, so an autosave waited for a case
list loading 10,000 cases and, at the busy timeout, failed with "in use" (the edit not
saved). A read session now begins deferred with ``PRAGMA query_only``; only
``OpenVault.transaction()`` takes the write lock."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.vault import OpenVault

COUNT_CASES = text("SELECT count(*) FROM cases")


def test_a_write_completes_while_a_read_transaction_is_open(vault: OpenVault) -> None:
    with vault.transaction() as session:
        add_demo_cases(session, 1)
    written = threading.Event()
    failures: list[BaseException] = []

    def write() -> None:
        try:
            with vault.transaction() as session:
                add_demo_cases(session, 2, skip_present=True)  # the second person
            written.set()
        except BaseException as exc:  # reported to the test thread below
            failures.append(exc)

    with vault.session() as reader:
        # The SELECT opens the reader's transaction (and its WAL snapshot).
        assert reader.execute(COUNT_CASES).scalar_one() == 1
        writer = threading.Thread(target=write)
        writer.start()
        writer.join()  # the writer ends on its own: committed, or refused at busy timeout
        assert failures == []
        assert written.is_set()
        # The reader is still inside its transaction: it keeps its snapshot.
        assert reader.in_transaction()
        assert reader.execute(COUNT_CASES).scalar_one() == 1
    with vault.session() as later:
        assert later.execute(COUNT_CASES).scalar_one() == 2


def test_a_write_inside_a_read_session_is_refused_not_rolled_back_silently(
    vault: OpenVault,
) -> None:
    with vault.session() as session:
        with pytest.raises(OperationalError, match="readonly"):
            add_demo_cases(session, 1)
            session.flush()
        session.rollback()
    with vault.session() as session:
        assert session.execute(COUNT_CASES).scalar_one() == 0


def test_a_read_session_after_a_write_session_is_read_only_again(vault: OpenVault) -> None:
    # The pooled connection a transaction wrote through is handed out again for a read.
    for _ in range(2):
        with vault.transaction() as session:
            session.execute(select(func.count()).select_from(text("cases")))
        with vault.session() as session:
            assert session.execute(text("PRAGMA query_only")).scalar_one() == 1
