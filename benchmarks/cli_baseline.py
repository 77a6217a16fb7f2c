"""The baseline of ``inburg case list --json``: unlock the vault, one SELECT over the cases
table, ``json.dump`` to stdout. Run: python benchmarks/cli_baseline.py VAULT (the
passphrase in ``INBURG_PASSPHRASE``, as for ``inburg``)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from inburg_desktop.storage.vault import unlock_vault


def main() -> None:
    vault = unlock_vault(Path(sys.argv[1]), os.environ["INBURG_PASSPHRASE"])
    try:
        with vault.engine.connect() as conn:
            result = conn.exec_driver_sql(
                "SELECT id, given_names, family_name, doelgroep, nationality, languages, "
                "v_nummer, brp_registration, pip_date FROM cases"
            )
            keys = list(result.keys())
            rows = [dict(zip(keys, map(str, row), strict=True)) for row in result]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
    finally:
        vault.lock()


if __name__ == "__main__":
    main()
