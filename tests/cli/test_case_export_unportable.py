"""``inburg case export`` of a case holding a value stored before the office held every
field to the ``inburg-case/1`` reader's rule (attack round 8, finding 2): the export said
nothing but "internal error" (exit 70). Now it names the value's place in the document,
exits 9 (refused) and writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import PASSPHRASE, run_inburg

from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.vault import unlock_vault


def test_a_stored_value_the_document_cannot_carry_is_named_not_an_internal_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kluis.db"
    assert run_inburg("vault", "init", "--vault", path).returncode == 0
    assert run_inburg("demo", "--vault", path).returncode == 0
    case = json.loads(run_inburg("case", "list", "--vault", path, "--json").stdout)[0]["id"]
    vault = unlock_vault(path, PASSPHRASE)
    try:
        with vault.transaction() as session:  # as an older office let it through
            update_fields(session, case, {"intake.werk.notes": "kok\x1bin Aleppo"})
    finally:
        vault.lock()
    out = tmp_path / "afschrift.json"
    done = run_inburg("case", "export", "--vault", path, case, "--out", out)
    assert done.returncode == 9, done.stderr
    assert "niet kan dragen" in done.stderr and ".value" in done.stderr
    assert "stuurteken" in done.stderr and "er is niets geschreven" in done.stderr
    assert not out.exists()
