"""Several municipalities, one office (issue 16 item 5; docs/gemeenten.md): the office's
gemeenten and who works for which, published to the laptops as ``setting.gemeenten``;
a pushed case's ``gemeente`` held to them; assignments, imports and corrections refused
in words for a consultant of another gemeente; caseloads and the DUO export per gemeente.

The offices here have gemeenten, so they get their own databases (the session's shared
office has none: its tests keep the behaviour of an office without gemeenten, which
:func:`test_an_office_without_gemeenten_checks_nothing` pins on it).
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.case_document import loads
from inburg_desktop.protocol.messages import Op
from inburg_desktop.server import admin, cli, duo, gemeenten
from inburg_desktop.server.db import Database, lock_counter
from inburg_desktop.server.tables import Assignment, CaseRecord, FieldValue, Setting
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.sync_state import get_setting, quarantine
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.transport import SyncClient

from ..conftest import PG_ENV, LiveServer, _migrate, _postgres_database
from ..sync.test_laptops_office import (
    HANDOVER,
    enroll_vault,
    make_vault,
    office_fields,
    sync,
)
from .conftest import creating, enroll, new_case_id
from .test_duo_export import B1, history

WASSENAAR, VOORSCHOTEN, LV = "GM0629", "GM0626", "GM1916"
LEIDEN = "GM0546"  # a real municipality, not this office's

SECOND = "--tweede-dossier"  # the same person imported again: these tests are about gemeenten


def _database(request: pytest.FixtureRequest, tmp: Path) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp / 'office.db'}"
        _migrate(url)
        yield url
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set")
    for url in _postgres_database(base):
        _migrate(url)
        yield url


PARAMS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="module", params=PARAMS)
def url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An office of the seed's three municipalities (``inburg-office gemeente add``)."""
    for made in _database(request, tmp_path_factory.mktemp("gemeenten")):
        db = Database(made)
        try:
            gemeenten.add_gemeente(db, "GM1916", "Leidschendam-Voorburg")
            gemeenten.add_gemeente(db, "0626", "Voorschoten")
            gemeenten.add_gemeente(db, "gm0629", " Wassenaar ")
        finally:
            db.dispose()
        yield made


@pytest.fixture(scope="module")
def db(url: str) -> Iterator[Database]:
    opened = Database(url)
    yield opened
    opened.dispose()


@pytest.fixture(scope="module")
def live(url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(db_url=url, log_dir=tmp_path_factory.mktemp("gemeenten-logs"))
    server.start()
    yield server
    server.stop()


def office(url: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``inburg-office ARGS --db url``: exit code, stdout, stderr."""
    code = cli.main([*args, "--db", url])
    out, err = capsys.readouterr()
    return code, out, err


def consultant_of(db: Database, *codes: str) -> str:
    """A new consultant the office knows (an enrollment code), working for ``codes``."""
    name = f"consulent-{uuid.uuid4().hex[:8]}"
    admin.create_enrollment_code(db, name)
    for code in codes:
        gemeenten.add_membership(db, name, code)
    return name


def published(db: Database) -> Any:
    with db.read() as session:
        row = session.get(Setting, "setting.gemeenten")
        return None if row is None else json.loads(row.value)


def push_one(client: SyncClient, case_id: str, patch: dict[str, Any], base: int = 0) -> Any:
    op_id = _next_op.get(client.device_id, 1)
    _next_op[client.device_id] = op_id + 1
    op = Op(op_id=op_id, case_id=case_id, base_version=base, patch=patch)
    (result,) = client.push([op]).results
    return result


_next_op: dict[str | None, int] = {}


# --- the office's gemeenten and who works for which ------------------------------------------


def test_gemeenten_are_recorded_listed_renamed_and_published(
    url: str, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = office(url, capsys, "gemeente", "list", "--json")
    rows = {row["code"]: row for row in json.loads(out)}
    assert code == 0 and sorted(rows) == [VOORSCHOTEN, WASSENAAR, LV]
    assert rows[WASSENAAR]["naam"] == "Wassenaar"  # blanks around the name dropped
    # the same code in another form, or a name in another case: refused in words
    code, _, err = office(url, capsys, "gemeente", "add", "0629", "Elders")
    assert code == 1 and "bedient gemeente Wassenaar (GM0629) al" in err
    code, _, err = office(url, capsys, "gemeente", "add", LEIDEN, "VOORSCHOTEN")
    assert code == 1 and "heet al Voorschoten" in err
    code, _, err = office(url, capsys, "gemeente", "add", "629", "Leiden")
    assert code == 1 and "geen CBS-gemeentecode" in err
    assert sorted(g["code"] for g in published(db)["gemeenten"]) == [VOORSCHOTEN, WASSENAAR, LV]

    code, out, _ = office(url, capsys, "gemeente", "rename", "leidschendam-voorburg", "LV")
    assert code == 0 and "heet nu LV (was Leidschendam-Voorburg)" in out
    assert {g["code"]: g["naam"] for g in published(db)["gemeenten"]}[LV] == "LV"
    office(url, capsys, "gemeente", "rename", LV, "Leidschendam-Voorburg")
    code, _, err = office(url, capsys, "gemeente", "rename", "Leiden", "X")
    assert code == 2 and "hoort niet bij dit kantoor" in err


def test_memberships_are_published_and_a_consultant_with_cases_stays(
    url: str, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    name = consultant_of(db)
    code, out, _ = office(url, capsys, "consultant", "add-gemeente", name, "Wassenaar")
    assert code == 0 and f"{name} werkt nu voor gemeente Wassenaar (GM0629)" in out
    code, out, _ = office(url, capsys, "consultant", "add-gemeente", name, "0626")
    value = published(db)["gemeenten"]
    assert [g["code"] for g in value] == sorted(g["code"] for g in value)  # sorted by code
    assert {g["code"] for g in value if name in g["consulenten"]} == {VOORSCHOTEN, WASSENAAR}
    code, out, _ = office(url, capsys, "consultant", "list", "--json")
    assert {"consultant": name, "gemeenten": [VOORSCHOTEN, WASSENAAR]} in json.loads(out)

    case_id = admin.import_handover(db, HANDOVER.read_bytes(), name, "Voorschoten")
    code, _, err = office(url, capsys, "consultant", "remove-gemeente", name, VOORSCHOTEN)
    assert code == 1 and "nog 1 dossier van gemeente Voorschoten (GM0626)" in err
    assert name in {c for g in published(db)["gemeenten"] for c in g["consulenten"]}
    code, _, _ = office(url, capsys, "consultant", "remove-gemeente", name, WASSENAAR)
    assert code == 0
    assert [g["code"] for g in published(db)["gemeenten"] if name in g["consulenten"]] == [
        VOORSCHOTEN
    ]
    code, _, err = office(url, capsys, "consultant", "remove-gemeente", name, WASSENAAR)
    assert code == 1 and "werkt niet voor gemeente Wassenaar" in err
    code, _, err = office(url, capsys, "consultant", "add-gemeente", "niemand-bekend", LV)
    assert code == 1 and "onbekend op het kantoor" in err
    code, _, err = office(url, capsys, "setting", "setting.gemeenten", "{}")
    assert code == 1 and "houdt het kantoor zelf bij" in err
    assert admin.list_cases(db, VOORSCHOTEN)[-1]["id"] == case_id


def test_a_gemeente_has_its_own_letterhead(
    url: str, db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    head = tmp_path / "wassenaar.json"
    head.write_text(
        json.dumps(
            {
                "name": "Gemeente Wassenaar",
                "college": "het college van burgemeester en wethouders van Wassenaar",
                "postal_address": "Postbus 1, 2240 AA Wassenaar",
                "phone": "14 070",
            }
        )
    )
    code, out, _ = office(url, capsys, "setting", "setting.letterhead_GM0629", f"@{head}")
    assert code == 0 and "setting.letterhead_GM0629 gepubliceerd" in out
    for key, words in (
        ("setting.letterhead_GM0546", "hoort niet bij dit kantoor"),
        ("setting.letterhead_gm0629", "zoals setting.letterhead_GM0629"),
    ):
        code, _, err = office(url, capsys, "setting", key, f"@{head}")
        assert code == 1 and words in err
    code, _, err = office(url, capsys, "setting", "setting.letterhead_GM0629", '{"name": ""}')
    assert code == 1 and "Briefhoofd geweigerd" in err
    with db.read() as session:
        keys = set(session.scalars(select(Setting.key)))
    assert "setting.letterhead_GM0546" not in keys and "setting.letterhead_gm0629" not in keys


# --- a push ----------------------------------------------------------------------------------


def test_a_push_is_held_to_the_consultants_gemeenten(live: LiveServer, db: Database) -> None:
    wassenaar = consultant_of(db, WASSENAAR)
    with enroll(live, db, wassenaar) as laptop:
        refused = {
            VOORSCHOTEN: "gemeente_niet_van_consulent",
            LEIDEN: "gemeente_onbekend",
            "0629": "gemeente_onbekend",  # not canonical: the contract's form only
            None: "gemeente_onbekend",
        }
        for value, error in refused.items():
            case_id = new_case_id()
            result = push_one(laptop, case_id, creating({"gemeente": value}))
            assert (result.status, result.error) == ("rejected", error), value
            with db.read() as session:
                assert session.get(CaseRecord, case_id) is None
        own = new_case_id()
        result = push_one(laptop, own, creating({"gemeente": WASSENAAR}))
        assert result.status == "applied"
        moved = push_one(laptop, own, {"gemeente": VOORSCHOTEN}, base=result.version)
        assert (moved.status, moved.error) == ("rejected", "gemeente_niet_van_consulent")
        assert office_fields(db, own)["gemeente"] == WASSENAAR
        # another caseload's case id gets the same answer as an unknown one
        other = admin.import_handover(db, HANDOVER.read_bytes(), consultant_of(db, VOORSCHOTEN))
        taken = push_one(laptop, other, creating({"gemeente": VOORSCHOTEN}))
        assert (taken.status, taken.error) == ("rejected", "gemeente_niet_van_consulent")
        # a case without a gemeente at an office of several: taken, for the office to set
        loose = new_case_id()
        assert push_one(laptop, loose, creating({})).status == "applied"
        assert "gemeente" not in office_fields(db, loose)


def test_two_laptops_of_two_gemeenten(
    live: LiveServer, db: Database, vault: OpenVault, tmp_path: Path
) -> None:
    """A consultant of Wassenaar cannot bring a Voorschoten case to the office; one of
    Voorschoten can; both laptops hold the office's gemeenten as it published them."""
    of_wassenaar, of_voorschoten = consultant_of(db, WASSENAAR), consultant_of(db, VOORSCHOTEN)
    other = make_vault(tmp_path / "laptop-2" / "kluis.db")
    try:
        enroll_vault(vault, live.url, db, of_wassenaar)
        enroll_vault(other, live.url, db, of_voorschoten)
        sync(vault)
        sync(other)
        for laptop in (vault, other):
            with laptop.session() as session:
                assert get_setting(session, "office.setting.gemeenten") == published(db)
        for laptop in (vault, other):
            with laptop.transaction() as session:
                (case_id,) = add_demo_cases(session, 1)
                update_fields(session, case_id, {"gemeente": VOORSCHOTEN})
            summary = sync(laptop)
            if laptop is vault:
                assert summary.quarantined >= 1
                with laptop.session() as session:
                    refusals = {e.error for e in quarantine(session) if e.case_id == case_id}
                assert "gemeente_niet_van_consulent" in refusals
                assert office_fields(db, case_id).get("gemeente") != VOORSCHOTEN
            else:
                assert summary.quarantined == 0
                assert office_fields(db, case_id)["gemeente"] == VOORSCHOTEN
    finally:
        other.lock()


# --- assigning, importing and correcting --------------------------------------------------


def test_a_case_goes_only_to_a_consultant_of_its_gemeente(
    url: str, db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    of_lv, of_wassenaar = consultant_of(db, LV), consultant_of(db, WASSENAAR)
    case_id = admin.import_handover(db, HANDOVER.read_bytes(), of_lv, LV)
    code, _, err = office(url, capsys, "assign", case_id, "--consultant", of_wassenaar)
    assert code == 1 and f"{of_wassenaar} werkt niet voor gemeente Leidschendam-Voorburg" in err
    assert admin.list_cases(db, LV)[-1]["consultant"] == of_lv

    # a handover file names no gemeente: an office of several asks for none, but the
    # consultant must work for the one given
    handover = tmp_path / "overdracht.json"
    handover.write_bytes(HANDOVER.read_bytes())
    code, _, err = office(
        url, capsys, "import", str(handover), "--consultant", of_wassenaar, "--gemeente", LV, SECOND
    )
    assert code == 1 and "werkt niet voor gemeente Leidschendam-Voorburg" in err

    # a transfer document keeps its gemeente when it is the office's ...
    exported = tmp_path / "dossier.json"
    made = office(
        url, capsys, "case", "export", case_id, "--doel", "overdracht", "--out", str(exported)
    )
    assert made[0] == 0
    assert loads(exported.read_bytes()).case.gemeente == LV
    with db.write() as session:  # the case leaves this office (moved away), comes back
        session.delete(session.get(CaseRecord, case_id))
    code, _, err = office(
        url, capsys, "case", "import", str(exported), "--consultant", of_wassenaar, SECOND
    )
    assert code == 1 and "werkt niet voor gemeente Leidschendam-Voorburg" in err
    code, out, _ = office(
        url, capsys, "case", "import", str(exported), "--consultant", of_lv, SECOND
    )
    assert (code, out.strip()) == (0, case_id)
    assert office_fields(db, case_id)["gemeente"] == LV

    # ... and asks for --gemeente when it is another municipality's
    raw = json.loads(exported.read_text())
    raw["case"]["id"] = new_case_id()
    raw["case"]["gemeente"] = LEIDEN
    foreign = tmp_path / "leiden.json"
    foreign.write_text(json.dumps(raw))
    code, _, err = office(
        url, capsys, "case", "import", str(foreign), "--consultant", of_lv, SECOND
    )
    assert code == 1 and "hoort bij gemeente GM0546, die dit kantoor niet bedient" in err
    assert "--gemeente" in err
    code, out, _ = office(
        url,
        capsys,
        "case",
        "import",
        str(foreign),
        "--consultant",
        of_wassenaar,
        "--gemeente",
        "wassenaar",
        SECOND,
    )
    assert code == 0 and office_fields(db, raw["case"]["id"])["gemeente"] == WASSENAAR


def test_the_office_sets_a_cases_gemeente_and_the_laptop_pulls_it(
    url: str, live: LiveServer, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = consultant_of(db, VOORSCHOTEN)
    case_id = admin.import_handover(db, HANDOVER.read_bytes(), holder)  # none recorded
    code, _, err = office(url, capsys, "case", "gemeente", case_id, WASSENAAR)
    assert code == 1 and f"caseload van {holder}, die niet voor gemeente Wassenaar" in err
    code, out, _ = office(url, capsys, "case", "gemeente", case_id, "Voorschoten")
    assert code == 0 and "hoort nu bij gemeente GM0626" in out
    with enroll(live, db, holder) as laptop:
        page = laptop.pull(0)
        (state,) = [c for c in page.cases if c.case_id == case_id]
        assert state.fields["gemeente"].value == VOORSCHOTEN
    code, out, _ = office(url, capsys, "cases", "--gemeente", "voorschoten", "--json")
    assert case_id in {c["id"] for c in json.loads(out)}
    code, out, _ = office(url, capsys, "cases", "--gemeente", WASSENAAR, "--json")
    assert case_id not in {c["id"] for c in json.loads(out)}
    code, _, err = office(url, capsys, "cases", "--gemeente", "Leiden")
    assert code == 2 and "hoort niet bij dit kantoor" in err
    # the same person twice, once in Voorschoten: a clash that concerns Voorschoten
    admin.import_handover(db, HANDOVER.read_bytes(), holder)
    code, out, _ = office(url, capsys, "dubbele-v-nummers", "--gemeente", VOORSCHOTEN, "--json")
    assert case_id in {c["id"] for group in json.loads(out) for c in group["cases"]}


def test_a_set_pips_gemeente_stays_its_colleges(
    url: str, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """Usability round 10: ``case gemeente`` moved a case whose PIP Voorschoten's college
    had set to Wassenaar, and the same version 1 then rendered as Wassenaar's decision.
    The office refuses another gemeente for such a case, at the command and on push; a
    move is a transfer (Besluit art. 5.3 lid 3)."""
    holder = consultant_of(db, VOORSCHOTEN)
    case_id = admin.import_handover(db, HANDOVER.read_bytes(), holder, VOORSCHOTEN)
    with db.write() as session:  # version 1 set on 1 October, as the laptop pushed it
        admin.office_patch(session, lock_counter(session), case_id, history((B1, "2026-10-01")))
    code, _, err = office(url, capsys, "case", "gemeente", case_id, WASSENAAR)
    assert code == 1 and "vastgesteld door het college van Voorschoten" in err
    assert office_fields(db, case_id)["gemeente"] == VOORSCHOTEN


# --- reports per gemeente -------------------------------------------------------------------


def test_duo_export_per_gemeente_finds_its_cases_and_counts_those_without(
    url: str, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = consultant_of(db, WASSENAAR)
    admin.import_handover(db, HANDOVER.read_bytes(), holder, WASSENAAR)
    admin.import_handover(db, HANDOVER.read_bytes(), holder)  # no gemeente
    wassenaar = len(admin.list_cases(db, WASSENAAR))
    without = sum(1 for c in admin.list_cases(db) if c["gemeente"] is None)
    code, out, _ = office(
        url, capsys, "duo", "export", "--gemeente", "Wassenaar", "--dry-run", "--json"
    )
    summary = json.loads(out)
    assert code == 0 and summary["gemeente"] == WASSENAAR
    assert summary["aantallen"]["dossiers"] == wassenaar > 0
    assert summary["zonder_gemeente"] == without > 0
    code, out, _ = office(url, capsys, "duo", "export", "--gemeente", "0629", "--dry-run")
    assert f"{without} dossiers hebben geen gemeente vastgelegd" in out
    # the office's own names, not the seed's: a gemeente the seed does not know
    assert duo.parse_gemeente("wassenaar", _kantoor(db)) == WASSENAAR
    code, _, err = office(url, capsys, "duo", "export", "--gemeente", "Leiden", "--dry-run")
    assert code == 2 and "het kantoor bedient" in err
    assert duo.compute(db, date.today(), WASSENAAR).dossiers == wassenaar


def _kantoor(db: Database) -> Any:
    from inburg_desktop.server.gemeente_rules import office_kantoor

    with db.read() as session:
        return office_kantoor(session)


# --- an office of one gemeente, and one of none -----------------------------------------------


@pytest.fixture(scope="module", params=PARAMS)
def single(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LiveServer, Database]]:
    """An office of Katwijk alone (not one of the seed's)."""
    for made in _database(request, tmp_path_factory.mktemp("katwijk")):
        db = Database(made)
        gemeenten.add_gemeente(db, "GM0537", "Katwijk")
        server = LiveServer(db_url=made, log_dir=tmp_path_factory.mktemp("katwijk-logs"))
        server.start()
        try:
            yield server, db
        finally:
            server.stop()
            db.dispose()


def test_an_office_of_one_gemeente_fills_a_missing_one(
    single: tuple[LiveServer, Database],
) -> None:
    server, db = single
    name = consultant_of(db, "GM0537")
    with enroll(server, db, name) as laptop:
        case_id = new_case_id()
        result = push_one(laptop, case_id, creating({}))
        assert result.status == "applied"
        assert office_fields(db, case_id)["gemeente"] == "GM0537"
        page = laptop.pull(0)  # the pushing laptop gets it: an office change
        (state,) = [c for c in page.cases if c.case_id == case_id]
        assert state.fields["gemeente"].value == "GM0537"
    assert duo.parse_gemeente("Katwijk", _kantoor(db)) == "GM0537"
    imported = admin.import_handover(db, HANDOVER.read_bytes(), name)
    assert office_fields(db, imported)["gemeente"] == "GM0537"


def test_an_office_without_gemeenten_checks_nothing(
    server: LiveServer, office: Database, laptop: SyncClient, consultant: str
) -> None:
    """The session's office records no gemeente: any value is taken as before, nothing
    is filled, nothing is published."""
    case_id = new_case_id()
    result = push_one(laptop, case_id, creating({"gemeente": LEIDEN}))
    assert result.status == "applied"
    plain = new_case_id()
    assert push_one(laptop, plain, creating({})).status == "applied"
    assert "gemeente" not in office_fields(office, plain)
    with office.read() as session:
        assert session.get(Setting, "setting.gemeenten") is None
        held = session.scalar(select(Assignment.consultant).where(Assignment.case_id == case_id))
    assert held == consultant
    other = f"ander-{uuid.uuid4().hex[:8]}"
    admin.create_enrollment_code(office, other)
    assert admin.assign(office, case_id, other) == consultant


def test_a_stored_gemeente_that_is_no_code_names_no_gemeente(
    url: str, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whatever a laptop once stored as ``gemeente`` (before the office had gemeenten) is
    read as none, never decoded at depth, and the office can set the right one."""
    holder = consultant_of(db, LV)
    case_id = admin.import_handover(db, HANDOVER.read_bytes(), holder)
    for damaged in ("[" * 100_000, '"Leidschendam"', "629", '{"code": "GM1916"}'):
        with db.write() as session:
            session.merge(
                FieldValue(
                    case_id=case_id,
                    key="gemeente",
                    value=damaged,
                    version=1,
                    seq=1,
                    device_id=None,
                    updated_at=datetime(2026, 1, 1),
                )
            )
        (row,) = [c for c in admin.list_cases(db) if c["id"] == case_id]
        assert row["gemeente"] is None, damaged
        code, out, _ = office(url, capsys, "gemeente", "list")
        assert code == 0 and "geen gemeente" in out
    code, out, _ = office(url, capsys, "case", "gemeente", case_id, LV)
    assert code == 0 and "hoort nu bij gemeente GM1916;" in out
    assert office_fields(db, case_id)["gemeente"] == LV
