"""A child process that keeps adding cases and prints each id after its commit returns."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from inburg_desktop.storage.cases import new_case_id
from inburg_desktop.storage.changes import create_case
from inburg_desktop.storage.vault import unlock_vault


def main() -> None:
    vault = unlock_vault(Path(sys.argv[1]), sys.argv[2])
    n = 0
    while True:
        n += 1
        case_id = new_case_id()
        with vault.transaction() as session:
            create_case(
                session,
                case_id,
                {
                    "doelgroep": "statushouder",
                    "person.given_names": f"Naam{n}",
                    "person.family_name": "Crash" * 20,
                    "person.date_of_birth": date(1990, 1, 1 + n % 28).isoformat(),
                    "person.nationality": "SYR",
                    "dates.brp_registration": "2026-03-02",
                    "intake.opleiding.notes": "x" * (n % 3000),
                },
            )
        print(case_id, flush=True)


if __name__ == "__main__":
    main()
