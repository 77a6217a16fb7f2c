"""A child process that keeps adding cases to a vault, several per transaction, and stops
at each point of each transaction until its parent says ``go``, so that the parent can
SIGKILL it exactly there (tests/storage/test_crash_safety.py).

Protocol, one line each way: the writer prints ``<point> <n> <case id> ...`` and reads
one line from stdin; ``go`` goes on, anything else (or end of input) ends it. Points of
transaction ``n``, with the ids of the cases it writes:

``begin``      nothing of it is written yet;
``flushed``    all its rows were written inside the open transaction; a small page cache
               makes SQLite spill them into the WAL file before the commit, so the
               uncommitted pages are on disk;
``committed``  the commit returned.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from sqlalchemy import text

from inburg_desktop.storage.cases import new_case_id
from inburg_desktop.storage.changes import create_case
from inburg_desktop.storage.vault import unlock_vault

CASES_PER_TRANSACTION = 8
CACHE_PAGES = 8  # far fewer pages than a transaction dirties: they spill to the WAL


def stop(point: str, n: int, ids: list[str]) -> None:
    print(point, n, *ids, flush=True)
    if sys.stdin.readline() != "go\n":
        sys.exit(0)


def main() -> None:
    vault = unlock_vault(Path(sys.argv[1]), sys.argv[2])
    n = 0
    while True:
        n += 1
        ids = [new_case_id() for _ in range(CASES_PER_TRANSACTION)]
        stop("begin", n, ids)
        with vault.transaction() as session:
            session.execute(text(f"PRAGMA cache_size = {CACHE_PAGES}"))
            for i, case_id in enumerate(ids):
                create_case(
                    session,
                    case_id,
                    {
                        "doelgroep": "statushouder",
                        "person.given_names": f"Naam{n}-{i}",
                        "person.family_name": "Crash" * 20,
                        "person.date_of_birth": date(1990, 1, 1 + n % 28).isoformat(),
                        "person.nationality": "SYR",
                        "dates.brp_registration": "2026-03-02",
                        "intake.opleiding.notes": "x" * (2000 + 100 * i),
                    },
                )
            session.flush()
            stop("flushed", n, ids)
        stop("committed", n, ids)


if __name__ == "__main__":
    main()
