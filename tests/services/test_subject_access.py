"""The subject-access overview (AVG art. 15: the person's copy of everything held about
them, art. 12 lid 1: in clear and plain language). For every case of the demo vault, every
stored value appears in the PDF's text in words: an intake answer by its option label (not
its code), a date as the Dutch decision writes it ("11 mei 2026"), a structured value (the
household, a talk, an enforcement step) part by part; the PIP versions as a summary. The
annex in the person's language holds translated prompts only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from tests.cli.conftest import PASSPHRASE, run_inburg
from tests.ui.pdf_text import pdf_text

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.case_document import PIP_VERSION_PREFIX
from inburg_desktop.domain.fines import Overtreding, Verwijtbaarheid
from inburg_desktop.domain.household import Gezinslid, Relatie
from inburg_desktop.domain.pip import CURRENT_KEY
from inburg_desktop.domain.subject_access import HOUSEHOLD_FIELDS, own_household
from inburg_desktop.formatting import (
    ROUTE_LABELS,
    decision_date,
    decision_moment,
    decision_number,
)
from inburg_desktop.pdf.subject_access import render_subject_access
from inburg_desktop.prompts.catalogue import FieldType
from inburg_desktop.prompts.translations import prompt_text
from inburg_desktop.protocol.set_aside_describe import flatten, value_words
from inburg_desktop.services import household
from inburg_desktop.services.case_export import case_document, export_case_pdf
from inburg_desktop.services.handhaving import OvertredingInput, record_violation
from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.services.route_advice_input import ADVISED, CHOSEN
from inburg_desktop.services.subject_access import CODED_WORDS, build_report
from inburg_desktop.storage.tables import CaseRow, FieldRow
from inburg_desktop.storage.vault import unlock_vault

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
# a household member of the first case: their data, not the person's (AVG art. 15 lid 4)
MEMBER_NAME = "Noortje Zonnebloem"
MEMBER_BORN = date(2019, 4, 3)
MEMBER_NOTE = "Astma, gebruikt een pufje op school"


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    path = tmp_path_factory.mktemp("inzage") / "kluis.db"
    assert run_inburg("vault", "init", "--vault", path).returncode == 0
    assert run_inburg("demo", "--vault", path).returncode == 0
    vault = unlock_vault(Path(path), PASSPHRASE)
    try:
        # what the demo leaves out: an enforcement record and a household as recorded
        # the case registered in the BRP first: a violation is never dated before the BRP
        # registration (Wet art. 14 lid 1; the demo's case ids are random, so "the first
        # id" was sometimes a case registered after the violation's day)
        with vault.session() as session:
            first = session.scalars(
                select(CaseRow.id).order_by(CaseRow.brp_registration, CaseRow.id)
            ).first()
        assert first is not None
        found = OvertredingInput(
            Overtreding.PVT_INTENSITEIT,
            date(2026, 11, 2),
            "Drie PVT-bijeenkomsten niet gekomen.",
            Verwijtbaarheid.OPZET,
        )
        record_violation(vault, first, found, date(2026, 11, 30))
        members = [
            Gezinslid(
                Relatie.KIND,
                MEMBER_NAME,
                MEMBER_BORN,
                True,
                "1234509876",
                notitie=MEMBER_NOTE,
            )
        ]
        household.save(vault, first, members, date(2026, 11, 30))
        yield vault
    finally:
        vault.lock()


def _folded(text: str) -> str:
    """Without any whitespace: a value wrapped over two lines of a column still matches."""
    return "".join(text.split())


def _expected_words(key: str, value: Any) -> Iterator[str]:
    """What the PDF must say of one stored value, derived from the value itself: a free
    text as it is, a date in Dutch words, an intake code by its label in the catalogue."""
    catalogue = shipped_catalogue()
    parts = key.split(".")
    item = None
    if parts[0] == "intake" and len(parts) == 3:
        try:
            item = catalogue.field(parts[1], parts[2])
        except KeyError:
            item = None
    if key.startswith("attachment.") and isinstance(value, dict):  # a file, in the file list
        yield value["sha256"]
        yield value["media_type"]
        yield f"{decision_number(value['size'])} bytes"
        return
    if key in HOUSEHOLD_FIELDS:  # only the person's own part (AVG art. 15 lid 4)
        value = own_household(value)
    if key in (ADVISED, CHOSEN):  # the route choice: the route's name
        yield ROUTE_LABELS[Leerroute(value)]
        return
    if item is not None and item.type in (FieldType.CHOICE, FieldType.MULTICHOICE):
        labels = {o.value: o.label for o in item.options}
        for code in value if isinstance(value, list) else [value]:
            yield labels[code]
        return
    leaves = flatten(value) if isinstance(value, (dict, list)) else {(): value}
    for path, leaf in leaves.items():
        if leaf is None or isinstance(leaf, bool) or leaf == "":
            continue  # "(leeg)", "ja"/"nee": present in any PDF, proving nothing
        names = [str(n) for n in (*parts, *path)]
        if isinstance(leaf, str):
            coded = [CODED_WORDS[(n, leaf)] for n in reversed(names) if (n, leaf) in CODED_WORDS]
            if coded:  # a code by its Dutch words
                yield coded[0]
                continue
        if item is not None and item.type is FieldType.DATE:
            yield decision_date(datetime.fromisoformat(str(leaf)).date())
        else:
            yield value_words(
                leaf, path, day=decision_date, number=decision_number, moment=decision_moment
            )


def test_every_stored_value_of_every_demo_case_is_in_the_pdf_in_words(demo_vault: Any) -> None:
    with demo_vault.session() as session:
        rows = session.query(FieldRow).all()
        by_case: dict[str, dict[str, Any]] = {}
        for row in rows:
            by_case.setdefault(row.case_id, {})[row.key] = json.loads(row.value)
    assert len(by_case) >= 10
    kinds = {key.split(".")[0] for fields in by_case.values() for key in fields}
    # the demo covers the families the overview must show
    wanted = {"intake", "pip", "handover", "oproep", "session", "attachment", "voortgang"}
    assert wanted | {"handhaving", "household", "uren", "pvt", "map"} <= kinds, kinds
    checked = 0
    for case_id, fields in by_case.items():
        pdf = export_case_pdf(demo_vault, case_id, render_subject_access, NOW)
        shown = pdf_text(pdf)
        text = _folded(shown)
        doc = case_document(demo_vault, case_id, _inzage(), NOW)
        for identity in (doc.person.given_names, doc.person.family_name, doc.person.v_nummer):
            if identity:
                assert _folded(identity) in text
        assert _folded(decision_date(doc.person.date_of_birth)) in text
        for key, value in fields.items():
            if key.startswith(PIP_VERSION_PREFIX) or key == CURRENT_KEY:
                continue  # the PIP is summarised (below), not printed whole again
            for words in _expected_words(key, value):
                assert _folded(words) in text, (case_id, key, words)
                checked += 1
        for key in fields:
            if key.startswith(PIP_VERSION_PREFIX):
                assert _folded(f"PIP versie {key.removeprefix(PIP_VERSION_PREFIX)}") in text
        # codes never stand where a label belongs
        families = "intake|pip|voortgang|handhaving|uren|pvt|map|examen|zroute|ontzorgen|nazorg"
        assert re.search(rf"\b({families})\.[a-z_0-9]+", shown) is None
        # a progress entry by its name, not its key with spaces ("uren, de00…")
        assert re.search(r"\b(uren|examen), [0-9a-f]{12}", shown) is None
    assert checked > 300


def test_no_household_members_data_reaches_the_persons_copy(demo_vault: Any) -> None:
    """Attack round 8, finding 2: the overview printed a child's name, birth date and a
    health note to the parent. The person's PDF and JSON say that they have a child; the
    child's own data stays out of both, while a transfer still moves it."""
    from inburg_desktop.domain.case_document import Doel
    from inburg_desktop.services.case_export import export_case_json

    with demo_vault.session() as session:
        case_id = session.scalars(select(FieldRow.case_id).where(FieldRow.key == "household")).one()
    member = (MEMBER_NAME, *MEMBER_NAME.split(), MEMBER_NOTE, "1234509876")
    born = (decision_date(MEMBER_BORN), MEMBER_BORN.isoformat())
    with demo_vault.session() as session:
        stored = session.get(FieldRow, (case_id, "handover.household"))
    coa = json.loads(stored.value) if stored is not None else []
    coa_born = [m["date_of_birth"] for m in coa if "date_of_birth" in m]
    pdf = pdf_text(export_case_pdf(demo_vault, case_id, render_subject_access, NOW))
    copy = export_case_json(demo_vault, case_id, Doel.INZAGE, NOW).decode("utf-8")
    for shown in (_folded(pdf), _folded(copy)):
        for text in (*member, *born, *coa_born):
            assert _folded(text) not in shown, text
    assert "Kind" in pdf  # that they have a child is their own data
    held = {f.key: f.value for f in loads_doc(copy).fields}
    assert held["household"] == [{"relation": "kind"}]
    transfer = export_case_json(demo_vault, case_id, Doel.OVERDRACHT, NOW).decode("utf-8")
    assert MEMBER_NAME in transfer and MEMBER_NOTE in transfer


def loads_doc(text: str) -> Any:
    from inburg_desktop.domain.case_document import loads

    return loads(text.encode("utf-8"))


def _inzage() -> Any:
    from inburg_desktop.domain.case_document import Doel

    return Doel.INZAGE


def test_the_overview_says_the_rights_and_where_to_object(demo_vault: Any) -> None:
    with demo_vault.session() as session:
        case_id = session.query(FieldRow.case_id).first()[0]
    text = pdf_text(export_case_pdf(demo_vault, case_id, render_subject_access, NOW))
    for article in ("art. 15", "art. 16", "art. 17", "art. 18", "art. 20", "art. 21", "art. 22"):
        assert article in text
    assert "Autoriteit Persoonsgegevens" in text and "Postbus 12, 2240 AA Wassenaar" in text
    assert "6:7" in text  # bezwaar against a decision (Awb)


def test_the_annex_holds_translated_prompts_only(demo_vault: Any) -> None:
    """An Arabic-speaking person gets the intake's topics in Arabic from the catalogue's
    translations; a language without translated prompts gets no annex at all."""
    with demo_vault.session() as session:
        case_ids = [row[0] for row in session.query(FieldRow.case_id).distinct()]
    catalogue = shipped_catalogue()
    for case_id in case_ids:
        doc = case_document(demo_vault, case_id, _inzage(), NOW)
        if not any(f.key.startswith("intake.opleiding.") for f in doc.fields):
            continue
        report = build_report(doc, annex_lang="ar")
        assert report.annex is not None and report.annex.lang == "ar"
        titles = [e.label for e in report.annex.entries if e.text == ""]
        arabic = prompt_text("topic.opleiding.title", "ar")
        assert arabic != catalogue.topic("opleiding").title  # a translator's text, not Dutch
        assert arabic in titles
        dutch = {t.title for t in catalogue.topics}
        assert not dutch & set(titles)  # no topic stands in the annex in Dutch
        assert build_report(doc, annex_lang="he").annex is None  # no Hebrew prompts
        text = pdf_text(render_subject_access(report))
        assert "Bijlage" in text
        return
    pytest.fail("no demo case with the topic opleiding")


def test_the_pips_own_annex_summary_is_repeated_for_a_pip_in_force(demo_vault: Any) -> None:
    """The PIP's summary in the person's language (the PIP's annex texts, never half
    Dutch) goes into the overview's annex once a PIP is in force; a draft is no decision
    and gets none."""
    from inburg_desktop.pdf.pip_document import annex_lines
    from inburg_desktop.services.case_export import subject_access_report

    seen = set()
    with demo_vault.session() as session:
        case_ids = [row[0] for row in session.query(FieldRow.case_id).distinct()]
    for case_id in case_ids:
        doc = case_document(demo_vault, case_id, _inzage(), NOW)
        pointer = next((f.value for f in doc.fields if f.key == CURRENT_KEY), None)
        report = subject_access_report(demo_vault, case_id, NOW)
        if pointer is None or not any(f.key.startswith(PIP_VERSION_PREFIX) for f in doc.fields):
            assert report.pip_annex is None
            continue
        pip = report.pip_annex
        if pip is None:
            seen.add("draft or no annex")
            continue
        assert pip.version.is_set and pip.annex_lang and pip.annex_texts
        text = _folded(pdf_text(render_subject_access(report)))
        title = dict(annex_lines(pip, pip.annex_lang, pip.annex_texts))["title"]
        assert _folded(title) in text
        seen.add("in force")
    assert "in force" in seen
