"""``inburg voortgang --vault V DOSSIER [--json] [--on DATUM]`` (issue 15 item 3): one case's
progress against the PIP in force, Dutch text by default, the fixed JSON keys for scripts,
and the exit codes of every command that opens a vault (6 for an unknown case, 2 for a bad
``--on``). Runs the real command in a subprocess on a vault filled through the use cases."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.pip import Examenonderdeel, PipHistory
from inburg_desktop.domain.voortgang import Taalniveau, UrenSoort
from inburg_desktop.services import pip_editing, progress
from inburg_desktop.services.progress import ExamenInput, PvtInput, UrenInput
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.vault import OpenVault

PIP_DAY = date(2026, 11, 2)
ON = date(2027, 5, 3)


@pytest.fixture
def case_id(vault: OpenVault) -> str:
    with vault.transaction() as session:
        case = add_demo_cases(session, 12, PIP_DAY)[2]
        update_fields(session, case, {"dates.bijstand_start": "2026-10-01"})
    proposal = pip_editing.open_editor(vault, case, PIP_DAY).context.proposal
    beschikking = replace(proposal.beschikking, leerroute=Leerroute.B1)
    empty = PipHistory()
    history = empty.with_draft(empty.new_draft(beschikking, PIP_DAY)).set_draft(PIP_DAY)
    with vault.transaction() as session:
        update_fields(
            session, case, {**history.storage_items(), "dates.pip_date": PIP_DAY.isoformat()}
        )
    progress.add_uren(
        vault,
        case,
        UrenInput("Taalhuis", UrenSoort.NT2, date(2026, 11, 3), ON, Decimal("120.5")),
        ON,
    )
    progress.add_pvt_activiteit(
        vault, case, PvtInput("Werkbezoek", date(2027, 2, 1), Decimal(12), True), ON
    )
    progress.add_examen(
        vault, case, ExamenInput(Examenonderdeel.LEZEN, Taalniveau.B1, date(2027, 4, 1), True), ON
    )
    vault.lock()
    return case


def test_text_in_dutch_with_the_articles(inburg: Any, vault_path: Path, case_id: str) -> None:
    result = inburg("voortgang", "--vault", vault_path, case_id, "--on", "3-5-2027")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"Voortgang van dossier {case_id} op 3 mei 2027." in out
    assert "PIP-versie 1: B1-route" in out
    # the person's hours against the PIP's hours per week × weeks; a provider's share
    assert "Alle aanbieders samen: Achter: 120,5 van de verwachte " in out
    assert "(PIP: 12 uur per week × 25 weken, ten hoogste 1.200 uur; Wet art. 15)." in out
    assert "Taalhuis: 120,5 van de 120,5 gevolgde uren." in out
    assert "PVT: de participatieverklaring is nog niet ondertekend (Besluit art. 3.1)." in out
    assert "MAP: 0 van de 8 thema's afgerond" in out
    assert "Het KNM-examen is nog niet behaald (Wet art. 7)." in out
    assert "Ontzorgen eindigde op" in out  # t/m 31 maart 2027
    assert "2027-" not in out  # days as people read them


def test_json_keys_are_fixed(inburg: Any, vault_path: Path, case_id: str) -> None:
    result = inburg("voortgang", "--vault", vault_path, case_id, "--json", "--on", "2027-05-03")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) == {
        "case_id", "on", "pip_version", "leerroute", "termijn_start", "hours", "participation",
        "pvt", "map", "knm", "z_route", "exam_passed_on", "afschalen", "ontzorgen", "nazorg",
        "unreadable",
    }  # fmt: skip
    assert (doc["case_id"], doc["on"], doc["pip_version"]) == (case_id, "2027-05-03", 1)
    assert doc["leerroute"] == "b1" and doc["termijn_start"] == "2026-11-03"
    total, provider = doc["hours"]
    assert total["provider"] is None and provider["provider"] == "Taalhuis"
    # one provider under a PIP without a split: its share, no stand of its own (ut9 #11)
    assert provider["followed"] == "120.5" and provider["stand"] is None
    assert total["stand"] == "achter"
    assert provider["reason"]["artikel"] == "Wet art. 15"
    assert doc["pvt"]["done"] is False
    assert [m["code"] for m in doc["pvt"]["missing"]] == ["voortgang_pvt_ondertekening"]
    assert doc["z_route"] is None and doc["exam_passed_on"] is None
    assert doc["ontzorgen"] == {
        "phase": "beeindigd",
        "end": "2027-03-31",
        "reasons": [
            {
                "code": "ontzorgen_beeindigd",
                "text": "Ontzorgen eindigde op 31 maart 2027 (Participatiewet art. 56a).",
                "artikel": "Participatiewet art. 56a",
            }
        ],
    }
    assert doc["nazorg"] == {"due": None, "done_on": None, "reason": None}


def test_unknown_case_and_bad_date(inburg: Any, vault_path: Path, case_id: str) -> None:
    missing = inburg("voortgang", "--vault", vault_path, "geen-dossier")
    assert missing.returncode == 6 and missing.stdout == ""
    assert "Traceback" not in missing.stderr
    bad = inburg("voortgang", "--vault", vault_path, case_id, "--on", "31-02-2027")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    wrong = inburg("voortgang", "--vault", vault_path, case_id, passphrase="fout wachtwoord!")
    assert wrong.returncode == 3
