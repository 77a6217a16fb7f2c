"""A voortgangsgesprek travels as case fields (issue 15 item 2): what one laptop records at
a talk (the day held, notes, progress per agreement with what was agreed next, the
satisfaction answers) reaches the office and the consultant's other laptop, whose talks
and agenda then show it; a part changed on both laptops is a conflict of that part alone,
said in words (the choice's label, not its code), and the chosen side syncs back. SQLite
and PostgreSQL offices alike (``db_url``)."""

from __future__ import annotations

from datetime import date

from inburg_desktop.domain.pip import Actor, Afspraak
from inburg_desktop.domain.satisfaction import Onderwerp, Tevredenheid
from inburg_desktop.domain.voortgang import Stand
from inburg_desktop.domain.voortgang_fields import afspraak_key, talk_key, tevredenheid_key
from inburg_desktop.i18n import _, set_language
from inburg_desktop.server.db import Database
from inburg_desktop.services import voortgang
from inburg_desktop.services.agenda import snapshots
from inburg_desktop.services.conflicts import list_conflicts, resolve
from inburg_desktop.services.field_labels import field_label
from inburg_desktop.storage.vault import OpenVault

from ..conftest import LiveServer
from ..pip_seed import seed_pip
from .test_laptops_office import (
    office_conflicts,
    office_fields,
    one_case_on_two_laptops,
    sync,
)

PIP_DAY = date(2026, 3, 2)  # the termijn starts 2026-03-03
LESSONS = Afspraak(Actor.INBURGERAAR, "Taallessen volgen", date(2026, 6, 1))  # rated at the talk
HELD = date(2026, 5, 11)
STAND = afspraak_key(1, 0, "stand")
VERVOLG = afspraak_key(1, 0, "vervolg")
NOTES = talk_key(1, "notities")
MAP = tevredenheid_key(1, Onderwerp.MAP)


def test_a_talk_round_trips_and_conflicts_per_part(
    server: LiveServer, office: Database, vault: OpenVault, second_vault: OpenVault
) -> None:
    set_language("nl")
    one, two = vault, second_vault
    _consultant, case = one_case_on_two_laptops(server, office, one, two)

    # laptop one: a PIP in force (seeded as stored fields: this handover case has no
    # intake to set one through the rules), the talk held and what the window saves
    seed_pip(one, case, PIP_DAY, afspraken=[LESSONS])
    voortgang.plan_talks(one, case, HELD)
    parts = {
        NOTES: "Volgt de lessen; zoekt vrijwilligerswerk.",
        STAND: Stand.ACHTER.value,
        VERVOLG: "Taalmaatje via het Taalhuis.",
        MAP: Tevredenheid.TEVREDEN.value,
    }
    # behind needs what was agreed next before the talk is held: saved first, then held
    voortgang.save_talk(one, case, 1, parts)
    voortgang.record_held(one, case, 1, HELD, HELD)
    assert sync(one).conflicts == 0
    at_office = office_fields(office, case)
    assert {k: at_office[k] for k in parts} == parts
    assert at_office[talk_key(1, "gehouden")] == "2026-05-11"
    assert at_office[talk_key(2, "gepland")] == "2026-05-03"  # month 2 of the plan

    sync(two)
    talk = voortgang.list_talks(two, case, HELD).talks[0]
    assert talk.gehouden == HELD and talk.notities == parts[NOTES]
    assert talk.stand(0) is Stand.ACHTER and talk.vervolg_van(0) == parts[VERVOLG]
    assert talk.antwoord(Onderwerp.MAP) is Tevredenheid.TEVREDEN
    (snap,) = snapshots(two, HELD, [case])
    assert snap.gesprekken_gehouden == (HELD,)  # the agenda on laptop two counts it

    # both laptops change the progress of agreement 1 before syncing: one conflict, of
    # that part only; the notes changed on one laptop alone just arrive
    voortgang.save_talk(one, case, 1, {STAND: Stand.OP_SCHEMA.value, NOTES: "Bijgewerkt."})
    voortgang.save_talk(two, case, 1, {STAND: Stand.VOOR.value})
    sync(one)
    assert sync(two).conflicts == 1
    (conflict,) = list_conflicts(two)
    assert conflict.field_key == STAND and conflict.kind.kind == "choice"
    assert field_label(STAND) == "Voortgangsgesprek 1: afspraak 1, stand"
    words = {_(label) for value, label in conflict.kind.options}
    assert {"Op schema", "Achter", "Voor"} <= words
    assert conflict.kind.label_of(conflict.office_value) == "Op schema"
    assert conflict.kind.label_of(conflict.laptop_value) == "Voor"
    assert voortgang.list_talks(two, case, HELD).talks[0].notities == "Bijgewerkt."

    resolve(two, case, STAND, conflict.laptop_value)
    assert sync(two).conflicts == 0
    assert office_conflicts(office, case) == []
    assert office_fields(office, case)[STAND] == "voor"
    sync(one)
    assert voortgang.list_talks(one, case, HELD).talks[0].stand(0) is Stand.VOOR
