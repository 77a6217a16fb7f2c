"""``inburg-office purge``: the Besluit's retention rules (art. 9.9) applied at the office,
and deletion that removes the bytes (issue 16 item 2, "Purge test").

Each test gets a fresh office database (SQLite file; PostgreSQL when configured), since a
purge looks at every case the office holds.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select

from inburg_desktop.domain.case_document import Doel
from inburg_desktop.domain.retention import FEIT_KEYS
from inburg_desktop.protocol.field_rules import REQUIRED_KEYS
from inburg_desktop.server import admin, case_transfer, cli, purge
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.db import Database, is_sqlite, lock_counter
from inburg_desktop.server.migrate import upgrade
from inburg_desktop.server.tables import (
    AppliedOp,
    Assignment,
    Base,
    CaseRecord,
    Conflict,
    FieldValue,
    Removal,
    SetAside,
)

from ..conftest import PG_ENV, _postgres_database
from ..statements import selects
from .conftest import IDENTITY

ON = "2026-11-30"

# Strings that occur nowhere else, so finding one in a file can only be this person.
GONE = {
    "person.given_names": "Qormelda",
    "person.family_name": "Zyxwarthuis",
    "person.v_nummer": "8765432109",
    "person.bsn": "111222333",
    "intake.werk.notes": "Werkte als Vlorbakker in Qomrath",
}
HEALTH_NOTE = "Slaapt slecht sinds Xandrovluchtnacht"
KEPT_NAME = "Behoudenveld"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated office database of this test alone."""
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path / 'office' / 'office.db'}"])
    else:
        base = os.environ.get(PG_ENV)
        if not base:
            pytest.skip(f"{PG_ENV} is not set")
        urls = _postgres_database(base)
    url = next(urls)
    db = Database(url)
    upgrade(db.engine)
    try:
        yield db
    finally:
        db.dispose()
        for _ in urls:  # the PostgreSQL generator drops its database
            pass


def put_case(db: Database, patch: dict[str, Any], consultant: str | None = None) -> str:
    case_id = str(uuid.uuid4())
    with db.write() as session:
        counter = lock_counter(session)
        admin.office_patch(session, counter, case_id, {**IDENTITY, **patch}, create=True)
        if consultant is not None:
            session.add(
                Assignment(
                    case_id=case_id,
                    consultant=consultant,
                    assigned_seq=counter.next(),
                    assigned_at=utcnow(),
                )
            )
    return case_id


def with_conflict_and_set_aside(db: Database, case_id: str, text: str) -> None:
    """A conflict, a set-aside report and a push result that quote ``text``."""
    quoted = json.dumps(text)
    with db.write() as session:
        session.add(
            Conflict(
                case_id=case_id,
                field_key="intake.werk.notes",
                office_value=quoted,
                office_version=1,
                laptop_value=json.dumps(text + " (laptop)"),
                device_id="dev-1",
                op_id=1,
                created_at=utcnow(),
            )
        )
        session.add(
            SetAside(
                device_id="dev-1",
                consultant="c",
                local_id=1,
                case_id=case_id,
                case_label="",
                direction="push",
                error="x",
                reason="x",
                fields=json.dumps({"intake.werk.notes": text}),
                set_aside_at="2026-01-01T00:00:00Z",
                received_at=utcnow(),
            )
        )
        session.add(
            AppliedOp(
                device_id="dev-1",
                op_id=1,
                case_id=case_id,
                op_hash="0" * 64,
                result=json.dumps({"conflicts": [{"laptop_value": text}]}),
                applied_at=utcnow(),
            )
        )


def three_cases(db: Database) -> dict[str, str]:
    """Ended long ago (all goes), ended 2015 (intake and health go, identity stays),
    ended last year (nothing goes)."""
    whole = put_case(
        db,
        {
            **GONE,
            "person.date_of_birth": "1940-02-03",
            "dates.brp_registration": "1970-01-05",
            "uitkomst.plicht_einde": "1975-06-30",
            "uitkomst.plicht_einde_reden": "voldaan",
        },
        consultant="consulent-a",
    )
    with_conflict_and_set_aside(db, whole, GONE["intake.werk.notes"])
    partly = put_case(
        db,
        {
            "person.family_name": KEPT_NAME,
            "person.date_of_birth": "1980-02-03",
            "dates.brp_registration": "2010-01-05",
            "intake.mentale_gezondheid.notes": HEALTH_NOTE,
            "intake.werk.notes": "Werkte als bakker",
            "uitkomst.plicht_einde": "2015-05-11",
            "uitkomst.plicht_einde_reden": "ontheffing",
        },
    )
    kept = put_case(
        db,
        {
            "person.family_name": "Nogbezig",
            "dates.brp_registration": "2020-01-06",
            "uitkomst.plicht_einde": "2025-05-11",
            "uitkomst.plicht_einde_reden": "voldaan",
        },
    )
    return {"whole": whole, "partly": partly, "kept": kept}


def run(db: Database, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(["purge", "--db", db.url, "--on", ON, *args])
    return code, capsys.readouterr().out


def all_rows_text(db: Database) -> str:
    """Every row of every office table, as text: what SQL can still reach."""
    parts: list[str] = []
    with db.read() as session:
        for table in Base.metadata.sorted_tables:
            parts.extend(repr(tuple(row)) for row in session.execute(select(table)))
    return "\n".join(parts)


def field_count(db: Database) -> int:
    with db.read() as session:
        return len(session.execute(select(FieldValue.key)).all())


def test_dry_run_lists_cases_categories_and_articles_and_deletes_nothing(
    fresh: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = three_cases(fresh)
    before = all_rows_text(fresh)

    code, out = run(fresh, "--dry-run", "--json", capsys=capsys)

    assert code == 0
    report = json.loads(out)
    listed = {c["case_id"]: c for c in report["te_verwijderen"]}
    assert set(listed) == {ids["whole"], ids["partly"]}
    assert listed[ids["whole"]]["geheel"] is True
    assert listed[ids["partly"]]["geheel"] is False
    cats = {c["categorie"] for c in listed[ids["partly"]]["categorieen"]}
    assert cats == {"gezondheid", "overig"}  # identity stays until 2065
    texts = " ".join(r["tekst"] for c in listed[ids["partly"]]["categorieen"] for r in c["redenen"])
    assert "Besluit art. 9.9 lid 1" in texts
    assert all_rows_text(fresh) == before
    for word in (*GONE.values(), KEPT_NAME, HEALTH_NOTE):
        assert word not in out  # case ids only

    code, words = run(fresh, "--dry-run", capsys=capsys)
    assert code == 0
    assert f"Dossier {ids['whole']}: het hele dossier" in words
    assert "Proef: 2 dossiers zouden geheel of deels worden verwijderd" in words
    assert "Er is niets verwijderd." in words
    assert all_rows_text(fresh) == before


def test_purge_deletes_whole_cases_and_passed_categories_only(
    fresh: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = three_cases(fresh)

    code, out = run(fresh, capsys=capsys)

    assert code == 0
    assert "Verwijderd: 1 dossiers geheel, 1 deels" in out
    with fresh.read() as session:
        assert session.get(CaseRecord, ids["whole"]) is None
        assert session.get(Assignment, ids["whole"]) is None
        # the consultant's laptops are told to drop it, as on unassign
        assert (
            session.execute(select(Removal).where(Removal.case_id == ids["whole"]))
            .scalar_one()
            .consultant
            == "consulent-a"
        )
        for model in (FieldValue, Conflict, SetAside, AppliedOp):
            assert not session.execute(select(model).where(model.case_id == ids["whole"])).all()
        partly = {
            key: value
            for key, value in session.execute(
                select(FieldValue.key, FieldValue.value).where(FieldValue.case_id == ids["partly"])
            )
        }
        kept = (
            session.execute(select(FieldValue.key).where(FieldValue.case_id == ids["kept"]))
            .scalars()
            .all()
        )
    assert json.loads(partly["person.family_name"]) == KEPT_NAME
    assert "uitkomst.plicht_einde" in partly and "person.date_of_birth" in partly
    assert "intake.mentale_gezondheid.notes" not in partly
    assert "intake.werk.notes" not in partly  # intake data: lid 1
    # what a case cannot exist without stays (atk9 #5): a laptop can still pull it
    assert partly.keys() >= REQUIRED_KEYS
    assert len(kept) == len(IDENTITY) + 2  # its end and reason beside the identity

    # a second run finds nothing more to delete
    code, out = run(fresh, "--dry-run", "--json", capsys=capsys)
    assert json.loads(out)["te_verwijderen"] == []


def test_after_purge_none_of_the_persons_strings_is_in_any_file_or_row(
    fresh: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Purge test: bytes searched in every file of the SQLite database (WAL
    included); on PostgreSQL, every row SQL can reach after VACUUM FULL."""
    three_cases(fresh)
    strings = [*GONE.values(), HEALTH_NOTE]
    if is_sqlite(fresh.url):
        folder = Path(fresh.url.removeprefix("sqlite:///")).parent

        def found() -> list[str]:
            blobs = b"".join(p.read_bytes() for p in folder.iterdir() if p.is_file())
            return [s for s in strings if s.encode() in blobs]
    else:

        def found() -> list[str]:
            rows = all_rows_text(fresh)
            return [s for s in strings if s in rows]

    assert found() == strings  # the search sees them before
    code, _ = run(fresh, capsys=capsys)
    assert code == 0
    assert found() == []
    assert KEPT_NAME in all_rows_text(fresh)


def test_a_case_whose_facts_cannot_be_read_is_left_alone_and_said(
    fresh: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id = put_case(
        fresh,
        {
            "person.date_of_birth": "1940-02-03",
            "dates.brp_registration": "1970-01-05",
            "uitkomst.plicht_einde": "1975-06-30",
            "uitkomst.plicht_einde_reden": "voldaan",
        },
    )
    with fresh.write() as session:  # an older version left no date of birth
        session.execute(
            delete(FieldValue).where(
                FieldValue.case_id == case_id, FieldValue.key == "person.date_of_birth"
            )
        )
    before = all_rows_text(fresh)

    code, out = run(fresh, capsys=capsys)

    assert code == 0
    assert f"Overgeslagen: dossier {case_id}" in out
    assert "[purge_feiten_onleesbaar]" in out
    assert all_rows_text(fresh) == before


def test_a_bad_date_is_refused_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:  # argparse refuses this way, after its message
        cli.main(["purge", "--db", "sqlite:///:memory:", "--on", "31-02-2026"])
    assert exited.value.code == 2
    assert "geen datum" in capsys.readouterr().err
    # typed as on the laptop (usability round 9 #14): the same day as 2026-12-31
    for typed in ("31-12-2026", "2026-12-31"):
        assert cli.parse(["purge", "--on", typed]).on == date(2026, 12, 31)


def test_a_peildatum_after_today_is_refused_for_a_real_run_and_deletes_nothing(
    fresh: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """atk9 #1: a typo (2062 for 2026) must not delete current cases for good."""
    three_cases(fresh)
    before = all_rows_text(fresh)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()

    for day in (tomorrow, "2130-01-01"):
        code = cli.main(["purge", "--db", fresh.url, "--on", day])
        err = capsys.readouterr().err
        assert code == 2
        assert "ligt na vandaag" in err
        assert "--dry-run" in err
        assert all_rows_text(fresh) == before


def test_a_dry_run_may_look_ahead_and_says_so(
    fresh: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    three_cases(fresh)
    before = all_rows_text(fresh)

    code = cli.main(["purge", "--db", fresh.url, "--on", "2130-01-01", "--dry-run"])
    out = capsys.readouterr().out

    assert code == 0
    assert "vooruitblik" in out
    assert "Er is niets verwijderd." in out
    assert all_rows_text(fresh) == before


def test_a_duo_export_on_a_day_after_today_is_refused_dry_run_or_not(
    fresh: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same kind in the other office command taking a day: months that have not begun
    are never reported to DUO, and a dry run of them would show a report that cannot be
    made, so it is refused as well (atk9 #1, #8; ``duo_cli.peildatum_argument``)."""
    out = tmp_path / "duo.json"
    for tail in (["--out", str(out)], ["--dry-run"]):
        with pytest.raises(SystemExit) as exited:
            cli.main(["duo", "export", "--db", fresh.url, "--on", "2031-01-01", *tail])
        assert exited.value.code == 2
        assert "ligt na vandaag" in capsys.readouterr().err
    assert not out.exists()


def test_a_partly_purged_case_still_exports_for_the_person_and_for_transfer(
    fresh: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """atk9 #5: the identity kept up to 50 years (Besluit art. 9.9) stays a case: the
    office can still make the person's copy (AVG art. 15) and an inburg-case/1 transfer."""
    ids = three_cases(fresh)

    code, _ = run(fresh, capsys=capsys)

    assert code == 0
    for doel in (Doel.INZAGE, Doel.OVERDRACHT):
        document = json.loads(case_transfer.export_document(fresh, ids["partly"], doel))
        assert KEPT_NAME in json.dumps(document, ensure_ascii=False)
        assert HEALTH_NOTE not in json.dumps(document, ensure_ascii=False)


def test_a_value_nested_past_pythons_limit_refuses_its_case_not_the_plan(
    fresh: Database,
) -> None:
    """A stored value nested deeper than ``json`` can decode (a broken disk, an older
    version) made the whole plan fail with RecursionError, so nothing of any case was
    purged (found when the DUO tests' damaged case shared the office with these)."""
    ids = three_cases(fresh)
    expected = purge.plan(fresh, date.today())
    broken = str(uuid.uuid4())
    with fresh.write() as session:
        admin.office_patch(session, lock_counter(session), broken, dict(IDENTITY), create=True)
        row = session.get(FieldValue, (broken, "person.date_of_birth"))
        assert row is not None
        row.value = "[" * 100_000 + "]" * 100_000
    found = purge.plan(fresh, date.today())
    assert found.te_verwijderen == expected.te_verwijderen  # the others as before
    assert (broken, "purge_feiten_onleesbaar") in found.geweigerd
    assert set(ids.values()) >= {p.case_id for p in found.te_verwijderen}


PLAN_DAY = date(2026, 11, 30)


def _with_bad_birth(db: Database) -> str:
    """A case whose date of birth is no date: refused, nothing of it planned."""
    case_id = put_case(db, {})
    with db.write() as session:
        row = session.get(FieldValue, (case_id, "person.date_of_birth"))
        assert row is not None
        row.value = '"gisteren"'
    return case_id


@pytest.mark.parametrize("batch", [1, 2, 3])
def test_the_plan_is_the_same_in_any_batch_size_and_reads_once_per_batch(
    fresh: Database, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    """Review of ``purge.plan``: it loaded every field value of every case at once (the
    notes, PIPs and records of the whole office) to read five dates. Now the cases go in
    batches of ``PLAN_BATCH``, one read of their keys and retention facts each; the plan
    is the same whatever the batch, a damaged case refused alone."""
    three_cases(fresh)
    damaged = _with_bad_birth(fresh)
    whole = purge.plan(fresh, PLAN_DAY)
    assert whole.geweigerd == ((damaged, "purge_feiten_onleesbaar"),)
    assert len(whole.te_verwijderen) == 2 and whole.dossiers == 4
    monkeypatch.setattr(purge, "PLAN_BATCH", batch)
    with selects(fresh.engine) as seen:
        assert purge.plan(fresh, PLAN_DAY) == whole
    reads = [text for text, values in seen if set(FEIT_KEYS) <= set(values)]
    assert len(reads) == -(-4 // batch)  # one read of the fields per batch
