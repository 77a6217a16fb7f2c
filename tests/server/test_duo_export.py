"""The office's report to DUO end to end (DOMAIN.md "Data exchange": Wet art. 34-36,
Besluit art. 9.1-9.6): what the office holds becomes an ``inburg-duo/1`` file of what is
new, changed or withdrawn, marked as reported only when the operator confirms the send.

Each test puts its cases in a gemeente of its own (a CBS code no other test uses), so the exports of
one test never see another's cases in the session's shared office database.
"""

from __future__ import annotations

import itertools
import json
import logging
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.pip import (
    Beschikking,
    LeerrouteIntensiteit,
    MapIntensiteit,
    PipHistory,
    PvtIntensiteit,
)
from inburg_desktop.domain.progress_fields import (
    MAP_EINDGESPREK,
    PVT_ONDERTEKEND,
    pvt_key,
    pvt_value,
    thema_key,
    uren_key,
    uren_value,
)
from inburg_desktop.domain.voortgang import PvtActiviteit, UrenRegel, UrenSoort
from inburg_desktop.server import admin, cli, duo
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.db import Database, lock_counter
from inburg_desktop.server.tables import CaseRecord, DuoExportRow, DuoReported, FieldValue

from .conftest import IDENTITY

D = date.fromisoformat
ON = D("2026-10-15")
BSN = "123456782"
B1 = Beschikking(
    leerroute=Leerroute.B1,
    leerroute_intensiteit=LeerrouteIntensiteit(10, 600),
    pvt=PvtIntensiteit(12, ("workshop",)),
    map=MapIntensiteit(),
)
Z = Beschikking(
    leerroute=Leerroute.Z, leerroute_intensiteit=LeerrouteIntensiteit(8, 800), pvt=B1.pvt
)


def history(*steps: tuple[Beschikking, str]) -> dict[str, Any]:
    pip = PipHistory()
    for beschikking, day in steps:
        draft = pip.new_draft(beschikking, D(day), reden="wijziging")
        pip = pip.with_draft(draft).set_draft(D(day))
    return dict(pip.storage_items())


def uren(van: str, tot: str, hours: str) -> dict[str, Any]:
    """NT2 hours a provider reports for the days ``van`` to ``tot``."""
    regel = UrenRegel("Taalhuis", UrenSoort.NT2, D(tot), Decimal(hours))
    return {uren_key(uuid.uuid4().hex[:12]): uren_value(D(van), regel)}


def pvt(day: str, hours: str, aanwezig: bool = True) -> dict[str, Any]:
    activiteit = PvtActiviteit("workshop", D(day), Decimal(hours), aanwezig)
    return {pvt_key(uuid.uuid4().hex[:12]): pvt_value(activiteit)}


_GEMEENTEN = itertools.count(1001)


@pytest.fixture
def gemeente() -> str:
    """A CBS code no other test of the session uses (the databases are per session)."""
    return f"GM{next(_GEMEENTEN):04d}"


def put_case(office: Database, gemeente: str, patch: dict[str, Any], bsn: str | None = BSN) -> str:
    """A case at the office with ``patch`` (through the office's own field rules)."""
    case_id = str(uuid.uuid4())
    whole = {**IDENTITY, "gemeente": gemeente, **patch}
    if bsn is not None:
        whole["person.bsn"] = bsn
    with office.write() as session:
        admin.office_patch(session, lock_counter(session), case_id, whole, create=True)
    return case_id


def damage(office: Database, case_id: str, key: str, raw: str) -> None:
    """Store ``raw`` as is, past the field rules: a value an older version or a broken
    disk left behind."""
    with office.write() as session:
        row = session.get(FieldValue, (case_id, key))
        if row is None:
            row = FieldValue(case_id=case_id, key=key, version=1, seq=0)
            session.add(row)
        row.value = raw
        row.updated_at = utcnow()


def identities(export: duo.DuoExport, case_id: str) -> dict[str, dict[str, str] | None]:
    return {
        m.identity.removeprefix(f"{case_id}/"): None if m.record is None else dict(m.record.velden)
        for m in export.mutaties
        if m.identity.startswith(f"{case_id}/")
    }


# What the municipality reports, item by item of DOMAIN.md "Data exchange" (Wet art. 34-36,
# Besluit art. 9.1-9.6), from data as the office holds it:
# (the item and its source, the case's fields, the record, fields it must carry)
ITEMS = [
    ("the date the PIP was set (Wet art. 11, 34; Besluit art. 9.2)",
     history((B1, "2026-05-11")),
     "PIP/v1", {"dagtekening": "2026-05-11", "eerste": "ja"}),
    ("the leerroute (Wet art. 15 lid 2 sub a; Besluit art. 9.2)",
     history((B1, "2026-05-11")),
     "Leerroute/v1", {"leerroute": "b1", "ingangsdatum": "2026-05-11"}),
    ("a change of leerroute (Wet art. 19; Besluit art. 9.2)",
     history((B1, "2026-05-11"), (Z, "2026-08-03")),
     "Leerroute/v2", {"leerroute": "z", "vorige_leerroute": "b1"}),
    ("the intensity (Besluit art. 9.2, 3.14)",
     history((B1, "2026-05-11")),
     "Inburgeringstraject/v1", {"leerroute_uren_per_week": "10", "pvt_uren": "12"}),
    ("progress: hours per month (Besluit art. 9.3)",
     {**history((B1, "2026-05-11")), **uren("2026-06-01", "2026-06-30", "40")},
     "Voortgangsmeting/2026-06", {"uren_nt2": "40", "uren_knm": "0"}),
    ("attendance: a month without hours is reported as such (Besluit art. 9.3)",
     history((B1, "2026-05-11")),
     "Voortgangsmeting/2026-09", {"uren_nt2": "0"}),
    ("PVT: attendance and the signing (Besluit art. 3.1, 9.4)",
     {**history((B1, "2026-05-11")), **pvt("2026-07-01", "12"),
      **pvt("2026-07-08", "3", aanwezig=False), PVT_ONDERTEKEND: "2026-07-09"},
     "PVT/pvt", {"uren_bijgewoond": "12", "activiteiten_bijgewoond": "1",
                 "ondertekend_op": "2026-07-09", "afgerond": "ja"}),
    ("MAP: themes and the eindgesprek (Besluit art. 3.2, 9.4)",
     {**history((B1, "2026-05-11")), thema_key(1): "2026-06-01", thema_key(3): "2026-07-01",
      MAP_EINDGESPREK: "2026-09-01"},
     "MAP/map", {"themas_afgerond": "1,3", "eindgesprek_op": "2026-09-01"}),
]  # fmt: skip


@pytest.mark.parametrize(("item", "patch", "record", "fields"), ITEMS, ids=[i[0] for i in ITEMS])
def test_every_item_of_the_law_is_in_the_export(
    office: Database,
    gemeente: str,
    item: str,
    patch: dict[str, Any],
    record: str,
    fields: dict[str, str],
) -> None:
    case_id = put_case(office, gemeente, patch)
    export = duo.compute(office, ON, gemeente)
    reported = identities(export, case_id)
    assert record in reported, item
    assert fields.items() <= (reported[record] or {}).items(), item
    document = json.loads(export.data())
    line = next(m for m in document["mutaties"] if m["identity"] == f"{case_id}/{record}")
    assert (line["mutatie"], line["bsn"]) == ("nieuw", BSN)  # Wet art. 36: by the BSN


def office_cli(url: str, *args: str | Path) -> int:
    return cli.main(["duo", *map(str, args), "--db", url])


def exports_held(office: Database) -> int:
    with office.read() as session:
        return int(session.scalar(select(func.count()).select_from(DuoExportRow)) or 0)


def test_nothing_is_marked_until_the_send_is_confirmed(
    office: Database,
    db_url: str,
    gemeente: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    case_id = put_case(office, gemeente, {**history((B1, "2026-05-11")), **pvt("2026-07-01", "2")})
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    assert (
        office_cli(db_url, "export", "--gemeente", gemeente, "--on", "2026-08-01", "--out", first)
        == 0
    )
    out = capsys.readouterr().out
    export_id = json.loads(first.read_bytes())["export_id"]
    assert f"inburg-office duo bevestig {export_id}" in out
    assert first.stat().st_mode & 0o777 == 0o600  # it holds BSNs
    # the send failed (no confirmation): the next export is the same file
    assert (
        office_cli(db_url, "export", "--gemeente", gemeente, "--on", "2026-08-01", "--out", second)
        == 0
    )
    assert first.read_bytes() == second.read_bytes()
    capsys.readouterr()

    assert office_cli(db_url, "bevestig", export_id, "--json") == 0
    confirmed = json.loads(capsys.readouterr().out)
    document = json.loads(first.read_bytes())
    assert confirmed["gemeld"] == len(document["mutaties"]) > 0
    assert office_cli(db_url, "bevestig", export_id) == 0  # twice: nothing changes
    assert "al bevestigd" in capsys.readouterr().out

    # after marking: only what changed. Hours for July change July's month (new: August
    # has not ended on the 15th), the PVT activity is withdrawn.
    activity = next(k for k in document["mutaties"] if k["object"] == "PVT")
    assert activity["identity"] == f"{case_id}/PVT/pvt"
    pvt_entry = next(k for k in history_keys(office, case_id) if k.startswith("pvt.activiteit."))
    admin.edit_case(office, case_id, {**uren("2026-07-20", "2026-07-20", "6"), pvt_entry: None})
    third = tmp_path / "3.json"
    assert (
        office_cli(db_url, "export", "--gemeente", gemeente, "--on", "2026-08-15", "--out", third)
        == 0
    )
    changes = {m["identity"]: m["mutatie"] for m in json.loads(third.read_bytes())["mutaties"]}
    assert changes == {
        f"{case_id}/Voortgangsmeting/2026-07": "gewijzigd",
        f"{case_id}/PVT/pvt": "vervallen",
    }


def history_keys(office: Database, case_id: str) -> list[str]:
    with office.read() as session:
        return list(session.scalars(select(FieldValue.key).where(FieldValue.case_id == case_id)))


def test_a_stale_export_cannot_be_confirmed(
    office: Database, db_url: str, gemeente: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id = put_case(office, gemeente, history((B1, "2026-05-11")))
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    assert office_cli(db_url, "export", "--case", case_id, "--on", "2026-07-01", "--out", old) == 0
    assert office_cli(db_url, "export", "--case", case_id, "--on", "2026-08-01", "--out", new) == 0
    old_id, new_id = (json.loads(p.read_bytes())["export_id"] for p in (old, new))
    assert old_id != new_id
    assert office_cli(db_url, "bevestig", new_id) == 0
    with office.read() as session:
        before = sorted(session.execute(select(DuoReported.identity, DuoReported.fingerprint)))
    capsys.readouterr()
    assert office_cli(db_url, "bevestig", old_id) == 1
    assert "verouderd" in capsys.readouterr().err
    with office.read() as session:
        after = sorted(session.execute(select(DuoReported.identity, DuoReported.fingerprint)))
    assert after == before


def test_a_dry_run_writes_and_keeps_nothing(
    office: Database, db_url: str, gemeente: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id = put_case(office, gemeente, history((B1, "2026-05-11")))
    held = exports_held(office)
    assert (
        office_cli(
            db_url, "export", "--gemeente", gemeente, "--on", "2026-07-01", "--dry-run", "--json"
        )
        == 0
    )
    summary = json.loads(capsys.readouterr().out)
    assert summary["export_id"] is None and summary["aantallen"]["nieuw"] == 5
    assert {m["identity"] for m in summary["mutaties"]} >= {f"{case_id}/PIP/v1"}
    assert BSN not in json.dumps(summary)  # the BSN goes in the file only
    assert exports_held(office) == held
    assert list(tmp_path.iterdir()) == []
    assert office_cli(db_url, "export", "--gemeente", gemeente, "--dry-run") == 0
    assert "niets geschreven en niets gemarkeerd" in capsys.readouterr().out


def test_a_damaged_case_is_refused_by_id_and_the_others_are_reported(
    office: Database,
    db_url: str,
    gemeente: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    good = put_case(office, gemeente, history((B1, "2026-05-11")))
    bad_pip = put_case(office, gemeente, history((B1, "2026-05-11")))
    damage(office, bad_pip, "pip.version.2", json.dumps({"nummer": "Fictief 123456782"}))
    bad_json = put_case(office, gemeente, history((B1, "2026-05-11")))
    damage(office, bad_json, "pip.version.1", '{"nummer": 1, "Fictief')
    deep = put_case(office, gemeente, history((B1, "2026-05-11")))
    damage(office, deep, "pip.version.1", "[" * 100_000 + "]" * 100_000)
    bad_hours = put_case(office, gemeente, history((B1, "2026-05-11")))
    damage(office, bad_hours, "uren.0123456789ab", json.dumps({"uren": "Fictief"}))
    no_bsn = put_case(office, gemeente, history((B1, "2026-05-11")), bsn=None)
    nothing_yet = put_case(office, gemeente, {}, bsn=None)  # no PIP: nothing to report

    out = tmp_path / "duo.json"
    with caplog.at_level(logging.DEBUG):
        assert (
            office_cli(db_url, "export", "--gemeente", gemeente, "--on", "2026-07-01", "--out", out)
            == 0
        )
    document = json.loads(out.read_bytes())
    refused = {g["case_id"]: g["reden"] for g in document["geweigerd"]}
    assert refused == {
        bad_pip: "duo_pip_onleesbaar",
        bad_json: "duo_opslag_onleesbaar",
        deep: "duo_opslag_onleesbaar",
        bad_hours: "duo_voortgang_onleesbaar",
        no_bsn: "duo_geen_bsn",
    }
    reported_cases = {m["case_id"] for m in document["mutaties"]}
    assert reported_cases == {good}
    assert nothing_yet not in refused
    assert document["aantallen"]["dossiers"] == 7
    terminal = capsys.readouterr().out
    for case_id in refused:
        assert f"Geweigerd: dossier {case_id}" in terminal
    logged = caplog.text
    assert bad_pip in logged  # the id, so the office can find it
    for value in ("Fictief", BSN, "Testpersoon"):
        assert value not in logged and value not in terminal


BAD_ARGUMENTS = [
    # (arguments, exit code, words on stderr)
    (["export", "--on", "2026-02-30", "--dry-run"], 2, "geen datum"),
    (["export", "--on", "morgen", "--dry-run"], 2, "geen datum"),
    (["export", "--on", "2999-01-01", "--dry-run"], 2, "na vandaag"),  # months not ended
    (["export", "--gemeente", "Atlantis", "--dry-run"], 2, "hoort niet bij dit kantoor"),
    (["export"], 2, "--out"),
    (["export", "--dry-run", "--out", "x.json"], 2, "niet toegestaan"),
    (["export", "--case", "no-such-case", "--dry-run"], 1, "bestaat niet"),
    (["export", "--case", "no-such-case", "--out", "/nonexistent-dir/x.json"], 1, "bestaat niet"),
    (["bevestig", "0" * 32], 1, "bestaat niet"),
    (["bevestig", "../../etc/passwd"], 1, "geen export-id"),
]


@pytest.mark.parametrize(("args", "code", "words"), BAD_ARGUMENTS)
def test_bad_input_is_refused_in_words(
    db_url: str, args: list[str], code: int, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    got: int | str | None
    try:
        got = office_cli(db_url, *args)
    except SystemExit as exited:  # argparse's refusal; a gemeente is looked up in the database
        got = exited.code
    assert got == code
    err = capsys.readouterr().err
    assert words in err
    assert "Traceback" not in err


def test_a_file_that_cannot_be_written_is_said_and_nothing_is_marked(
    office: Database, db_url: str, gemeente: str, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id = put_case(office, gemeente, history((B1, "2026-05-11")))
    code = office_cli(
        db_url, "export", "--case", case_id, "--on", "2026-07-01", "--out", "/nonexistent/x.json"
    )
    assert code == 1
    assert "bestaat niet; er is niets geschreven" in capsys.readouterr().err
    with office.read() as session:
        marked = session.scalars(select(DuoReported).where(DuoReported.case_id == case_id))
        assert list(marked) == []
    assert duo.compute(office, D("2026-07-01"), case_id=case_id).counts()["nieuw"] == 5


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=12,
)
STORED = st.one_of(JSON_VALUES.map(json.dumps), st.text(max_size=30), st.just("[" * 5000))
KEYS = st.sampled_from(
    ["pip.version.1", "pip.version.2", "uren.0123456789ab", "pvt.activiteit.0123456789ab",
     "pvt.ondertekend", "map.thema.1", "map.eindgesprek", "person.bsn", "gemeente"]
)  # fmt: skip


@given(st.dictionaries(KEYS, STORED, max_size=5))
@settings(max_examples=300)
def test_whatever_a_case_holds_it_is_reported_or_refused_never_a_crash(
    damaged: dict[str, str],
) -> None:
    """Any stored value under any key the report reads: the export goes on, and the good
    case beside it is reported whole."""
    good = {k: json.dumps(v) for k, v in {**history((B1, "2026-05-11")), "person.bsn": BSN}.items()}
    alone = duo.build_export(ON, None, None, 0, ["good"], {"good": good}, {})
    export = duo.build_export(
        ON, None, None, 0, ["bad", "good"], {"bad": damaged, "good": good}, {}
    )
    assert "good" not in {g.case_id for g in export.geweigerd}
    assert {m.identity.split("/")[0] for m in export.mutaties} <= {"bad", "good"}
    assert [m for m in export.mutaties if m.identity.startswith("good/")] == list(alone.mutaties)
    assert alone.mutaties
    json.loads(export.data())  # the file is whole


def test_a_damaged_gemeente_puts_the_case_in_no_gemeente(
    office: Database, gemeente: str, tmp_path: Path
) -> None:
    mine = put_case(office, gemeente, history((B1, "2026-05-11")))
    other = put_case(office, gemeente, history((B1, "2026-05-11")))
    damage(office, other, "gemeente", "[" * 100_000)
    export = duo.compute(office, ON, gemeente)
    assert {m.identity.split("/")[0] for m in export.mutaties} == {mine}
    assert export.geweigerd == ()


def test_what_was_reported_goes_with_its_case(office: Database, gemeente: str) -> None:
    """A case the office deletes (retention, Besluit art. 9.9) leaves no identity of it in
    ``duo_reported`` (migration 0009's cascade), and confirming an export made before the
    deletion keeps nothing of it."""
    gone = put_case(office, gemeente, history((B1, "2026-05-11")))
    stays = put_case(office, gemeente, history((B1, "2026-05-11")))
    first = duo.compute(office, ON, gemeente)
    duo.register(office, first)
    duo.confirm(office, first.export_id)
    late = put_case(office, gemeente, history((B1, "2026-05-11")))
    second = duo.compute(office, ON, gemeente)
    duo.register(office, second)
    with office.write() as session:
        for case_id in (gone, late):
            case = session.get(CaseRecord, case_id)
            assert case is not None
            session.delete(case)
    assert duo.confirm(office, second.export_id).gemeld == len(second.mutaties) > 0
    with office.read() as session:
        held = set(session.scalars(select(DuoReported.case_id)))
    assert stays in held
    assert gone not in held and late not in held
