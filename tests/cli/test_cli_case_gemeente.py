"""``inburg case import --gemeente NAAM|CODE``, and the gemeente in ``inburg case list``
and ``inburg case show`` (issue 16 item 5)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from inburg_desktop.storage.vault import OpenVault

from ..gemeente_office import publish
from .test_cli_case import HANDOVER, write_json


def test_a_new_case_gets_the_gemeente_named_and_list_and_show_say_it(
    inburg: Any, vault: OpenVault, vault_path: Path, tmp_path: Path
) -> None:
    publish(vault, "GM0626", "GM0629")
    handover = write_json(tmp_path / "h.json", HANDOVER)
    # several gemeenten: one must be named
    unnamed = inburg("case", "import", "--vault", vault_path, handover)
    assert unnamed.returncode == 2
    assert "Kies de gemeente van het dossier: Voorschoten (GM0626), Wassenaar" in unnamed.stderr
    other = inburg("case", "import", "--vault", vault_path, handover, "--gemeente", "GM1916")
    assert other.returncode == 2
    assert "U werkt niet voor gemeente 'Leidschendam-Voorburg'" in other.stderr
    listed = inburg("case", "list", "--vault", vault_path, "--json")
    assert json.loads(listed.stdout) == []  # nothing imported by a refusal
    made = inburg("case", "import", "--vault", vault_path, handover, "--gemeente", "wassenaar")
    assert made.returncode == 0, made.stderr
    case_id = made.stdout.strip()
    [row] = json.loads(inburg("case", "list", "--vault", vault_path, "--json").stdout)
    assert row["gemeente"] == "GM0629"
    assert inburg("case", "list", "--vault", vault_path).stdout.rstrip().endswith("Wassenaar")
    shown = json.loads(inburg("case", "show", "--vault", vault_path, case_id, "--json").stdout)
    assert shown["gemeente"] == "GM0629"
    assert "Gemeente:" in inburg("case", "show", "--vault", vault_path, case_id).stdout
