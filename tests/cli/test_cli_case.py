"""``inburg case import|list|show`` and ``inburg demo`` as INTERFACES.md specifies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

PASSPHRASE = "een lange zin als wachtwoord"


HANDOVER: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "handover-amal.json").read_text("utf-8")
)


@pytest.fixture
def vault_file(inburg: Any, tmp_path: Path) -> Path:
    path = tmp_path / "kluis.db"
    assert inburg("vault", "init", "--vault", path).returncode == 0
    return path


def write_json(path: Path, doc: object) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_import_then_show_gives_the_computed_part(
    inburg: Any, vault_file: Path, tmp_path: Path
) -> None:
    result = inburg(
        "case", "import", "--vault", vault_file, write_json(tmp_path / "h.json", HANDOVER)
    )
    assert result.returncode == 0, result.stderr
    case_id = result.stdout.strip()
    shown = inburg("case", "show", "--vault", vault_file, case_id, "--json")
    assert shown.returncode == 0, shown.stderr
    doc = json.loads(shown.stdout)
    assert doc["id"] == case_id
    assert doc["doelgroep"] == "statushouder"
    assert doc["plichtig"] is True and doc["plicht_reason"]
    assert doc["intake"]["topics_total"] >= 13 and doc["intake"]["topics_covered"] == 0
    assert doc["pip"] == {"status": "none", "signed_on": None, "leerroute": None}
    # 10 weeks after the later of kennisgeving (20 Feb) and BRP (2 Mar): 11 May 2026.
    assert doc["deadlines"]["pip_deadline"] == "2026-05-11"
    assert doc["deadlines"]["termijn_start"] is None
    assert doc["deadlines"]["termijn_end"] is None
    assert doc["deadlines"]["route_switch_until"] is None
    assert doc["deadlines"]["ontzorgen_until"] == "2026-09-02"
    assert "nazorg_contact" in doc["deadlines"]


def test_list_json_has_the_contract_keys(inburg: Any, vault_file: Path, tmp_path: Path) -> None:
    inburg("case", "import", "--vault", vault_file, write_json(tmp_path / "h.json", HANDOVER))
    result = inburg("case", "list", "--vault", vault_file, "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 1
    assert {
        "id",
        "given_names",
        "family_name",
        "doelgroep",
        "brp_registration",
        "pip_deadline",
    } <= set(rows[0])
    assert rows[0]["given_names"] == "Amal"


def test_show_unknown_case_exit_6(inburg: Any, vault_file: Path) -> None:
    result = inburg("case", "show", "--vault", vault_file, "geen-dossier", "--json")
    assert result.returncode == 6
    assert "bestaat niet" in result.stderr


@pytest.mark.parametrize(
    ("mutate", "key"),
    [
        (lambda d: d["person"].pop("family_name"), "person.family_name"),
        (lambda d: d["person"].update(date_of_birth="17-05-1994"), "person.date_of_birth"),
        (lambda d: d["person"].update(nationality="Syrië"), "person.nationality"),
        (lambda d: d.update(doelgroep="toerist"), "doelgroep"),
        (lambda d: d["dates"].pop("brp_registration"), "dates.brp_registration"),
        (lambda d: d.update(format="coa/9"), "format"),
    ],
)
def test_invalid_handover_exit_5_names_the_key(
    inburg: Any, vault_file: Path, tmp_path: Path, mutate: Any, key: str
) -> None:
    doc = json.loads(json.dumps(HANDOVER))
    mutate(doc)
    result = inburg("case", "import", "--vault", vault_file, write_json(tmp_path / "b.json", doc))
    assert result.returncode == 5
    assert key in result.stderr
    assert "Traceback" not in result.stderr
    listed = json.loads(inburg("case", "list", "--vault", vault_file, "--json").stdout)
    assert listed == []


def test_unknown_keys_are_kept_as_notes(inburg: Any, vault_file: Path, tmp_path: Path) -> None:
    result = inburg(
        "case", "import", "--vault", vault_file, write_json(tmp_path / "h.json", HANDOVER)
    )
    assert result.returncode == 0
    from inburg_desktop.storage.cases import get_case
    from inburg_desktop.storage.vault import unlock_vault

    vault = unlock_vault(vault_file, PASSPHRASE)
    with vault.session() as session:
        stored = get_case(session, result.stdout.strip())
    vault.lock()
    assert stored.field("handover.notes.extra.azc") == "Ter Apel"
    assert stored.field("handover.notes.opleiding") == "Apotheekassistente"


def test_demo_adds_twelve_cases_by_default(inburg: Any, vault_file: Path) -> None:
    assert inburg("demo", "--vault", vault_file).returncode == 0
    rows = json.loads(inburg("case", "list", "--vault", vault_file, "--json").stdout)
    assert len(rows) == 12
    assert {r["doelgroep"] for r in rows} >= {"statushouder", "gezinsmigrant"}
