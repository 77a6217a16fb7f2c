"""Every pulled field is held to the office's own rule for its family, by the one registry
``protocol.field_rules.FAMILIES`` (attack round 6, finding 7, pull side): before, only
identity and household were, so an old or hostile office's talk notes with a bidi
override, a PIP whose decider is a terminal escape, an agenda state that is none or an
enforcement step of an unknown kind were stored as facts. Now each is set aside
(``field_unusable``) with a sentence that says what kind of value it was, the laptop
keeps the value it had, and the rest of the case applies. Against a real office on SQLite
and PostgreSQL, with the values planted straight in the office database as an office
that skips its checks would have stored them."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from inburg_desktop.i18n import set_language
from inburg_desktop.protocol.field_rules import FAMILIES, family_of
from inburg_desktop.server.db import Database
from inburg_desktop.storage.sync_state import quarantine
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.quarantine import reason

from ..conftest import LiveServer
from ..protocol.test_pip_agenda_rules import HOSTILE_NAME, signed_items
from .test_laptops_office import enroll_vault, new_consultant, sync, vault_fields
from .test_sync_quarantine import CANARY, IDENTITY, office_edit, plant_office_case

VIOLATION = {
    "soort": "intake_niet_verschenen",
    "vastgesteld_op": "2026-10-01",
    "toelichting": "Niet verschenen op de intake.",
    "verwijtbaarheid": "opzet",
    "bijstand_verlaagd": False,
}
PIP = signed_items()
GOOD: dict[str, Any] = {
    **IDENTITY,
    "household": [{"relation": "partner", "name": "Yonas"}],
    "handhaving.aaaaaaaaaaaa.overtreding": VIOLATION,
    "voortgang.1.notities": "Gaat goed.",
    "pip.version.1": PIP["pip.version.1"],
    "pip.current": PIP["pip.current"],
    "agenda.voortgangsgesprek:2026-12-01": {"state": "done", "on": "2026-11-30"},
    "examen.aaaaaaaaaaaa": {
        "onderdeel": "lezen",
        "niveau": "B1",
        "datum": "2026-10-01",
        "behaald": True,
    },
    "nazorg.contact": "2026-11-02",
    "uitkomst.plicht_einde": "2026-11-02",
    "uitkomst.plicht_einde_reden": "voldaan",
}


def _decider(naam: str) -> dict[str, Any]:
    version: dict[str, Any] = copy.deepcopy(PIP["pip.version.1"])
    version["vastgesteld_door"]["naam"] = naam
    return version


HOSTILE: dict[str, tuple[str, Any, str]] = {
    "identity": ("person.given_names", "\u202eSelam", "richting-omkerende tekens"),
    "household": ("household", [{"relation": "cousin"}], "gezinssamenstelling"),
    "handhaving": (
        "handhaving.aaaaaaaaaaaa.overtreding",
        {**VIOLATION, "soort": "onbekend"},
        "stap van handhaving",
    ),
    "voortgang": ("voortgang.1.notities", "Gaat \u202eslecht", "voortgangsgesprek"),
    "pip": ("pip.version.1", _decider(HOSTILE_NAME), "PIP-versie"),
    "agenda": (
        "agenda.voortgangsgesprek:2026-12-01",
        {"state": "snoozed", "reason": "\u202eabc", "until": "2026-12-01"},
        "agendapunt",
    ),
    "progress": (  # KNM with a level: the rule of ExamenUitslag
        "examen.aaaaaaaaaaaa",
        {"onderdeel": None, "niveau": "B1", "datum": "2026-10-01", "behaald": True},
        "voortgangsgegevens",
    ),
    "aftercare": ("nazorg.contact", "2026-02-30", "ontzorgen of nazorg"),
    # the facts the purge counts from (atk9 #2): a reason the law does not know
    "retention": ("uitkomst.plicht_einde_reden", "geslaagd", "bewaartermijn"),
}
"""Per family of the registry: a field, a value its rule refuses, and words the consultant
reads about it."""


def test_every_family_the_office_checks_is_checked_on_pull() -> None:
    """One registry: the pull calls ``field_rules.check_field`` for every field, which
    dispatches by ``FAMILIES``; this test has a hostile value for each family, so a family
    added to the office's rules without a pull test fails here."""
    assert set(HOSTILE) == {family.name for family in FAMILIES}
    for name, (key, _value, _words) in HOSTILE.items():
        family = family_of(key)
        assert family is not None and family.name == name


@pytest.mark.parametrize("family", sorted(HOSTILE))
def test_a_pulled_value_its_family_refuses_is_set_aside_in_words(
    server: LiveServer,
    office: Database,
    vault: OpenVault,
    caplog: pytest.LogCaptureFixture,
    family: str,
) -> None:
    set_language("nl")
    key, value, words = HOSTILE[family]
    consultant = new_consultant(f"fam-{family}")
    case_id = plant_office_case(office, consultant, GOOD)
    enroll_vault(vault, server.url, office, consultant)
    assert sync(vault).quarantined == 0
    before = vault_fields(vault, case_id)
    assert before[key] == GOOD[key]

    office_edit(office, case_id, {key: value, "intake.werk.notes": f"{CANARY} nieuw"})
    summary = sync(vault)

    after = vault_fields(vault, case_id)
    assert after[key] == before[key]  # never stored as a fact
    assert after["intake.werk.notes"] == f"{CANARY} nieuw"  # the rest applied
    assert summary.quarantined == 1
    with vault.session() as session:
        (entry,) = quarantine(session)
    assert (entry.case_id, entry.error, entry.field_keys) == (case_id, "field_unusable", (key,))
    assert entry.values == {key: value}  # kept to show and export, not lost
    said = reason(entry)
    assert words in said, said
    assert "ongeldige waarde" not in said
    assert CANARY not in caplog.text and "pwned" not in caplog.text


def test_a_new_case_with_a_hostile_talk_note_comes_in_without_it(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    consultant = new_consultant("fam-new")
    key, value, _words = HOSTILE["voortgang"]
    case_id = plant_office_case(office, consultant, {**GOOD, key: value})
    enroll_vault(vault, server.url, office, consultant)
    assert sync(vault).quarantined == 1
    fields = vault_fields(vault, case_id)
    assert key not in fields
    assert fields["pip.version.1"] == GOOD["pip.version.1"]
    with vault.session() as session:
        assert [(e.case_id, e.field_keys) for e in quarantine(session)] == [(case_id, (key,))]


@pytest.mark.parametrize(
    ("patch", "set_aside"),
    [
        (  # finding 7's talk 99: after a gap, held in 1900, under PIP version 999
            {
                "voortgang.99.gepland": "2100-12-31",
                "voortgang.99.gehouden": "1900-01-01",
                "voortgang.99.pip_versie": 999,
            },
            {"voortgang.99.gepland", "voortgang.99.gehouden", "voortgang.99.pip_versie"},
        ),
        (  # talk 2 under a version the case does not hold; talk 1's new note still applies
            {"voortgang.2.pip_versie": 7, "voortgang.1.notities": "Nieuw."},
            {"voortgang.2.pip_versie"},
        ),
        ({"voortgang.2.gehouden": "2099-01-01"}, {"voortgang.2.gehouden"}),
    ],
    ids=["talk-99", "version-7", "held-2099"],
)
def test_a_pulled_talk_that_contradicts_its_case_is_set_aside_whole(
    server: LiveServer,
    office: Database,
    vault: OpenVault,
    patch: dict[str, Any],
    set_aside: set[str],
) -> None:
    """The office's record rule for talks (``field_rules.check_talks``) is applied on pull
    too: an office that skips it cannot make the laptop show such a talk as a fact."""
    set_language("nl")
    consultant = new_consultant("talk-rule")
    case_id = plant_office_case(office, consultant, GOOD)
    enroll_vault(vault, server.url, office, consultant)
    assert sync(vault).quarantined == 0

    office_edit(office, case_id, patch)
    sync(vault)

    after = vault_fields(vault, case_id)
    assert not set_aside & after.keys()
    assert {k: after[k] for k in patch.keys() - set_aside} == {
        k: v for k, v in patch.items() if k not in set_aside
    }
    with vault.session() as session:
        entries = quarantine(session)
    assert {key for e in entries for key in e.field_keys} == set_aside
    assert all("voortgangsgesprek dat niet klopt" in reason(e) for e in entries)
