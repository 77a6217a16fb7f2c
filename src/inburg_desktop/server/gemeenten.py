"""The office's gemeenten, who works for which, and a case's gemeente set at the office
(``inburg-office gemeente …``, ``consultant add-gemeente|remove-gemeente``, ``case
gemeente``; issue 16 item 5, docs/gemeenten.md).

Every change of a gemeente or a membership re-publishes the office setting
``setting.gemeenten`` in the same transaction (:func:`publish`), so the laptops, which
pull it as ``office.setting.gemeenten``, never see a gemeente without its consultants.
Its value: ``{"gemeenten": [{"code": "GM0629", "naam": "Wassenaar", "consulenten":
["account", ...]}, ...]}``, sorted by code, consultants sorted by name.

Refusals are :class:`~inburg_desktop.server.admin.AdminError` in the office's Dutch, and
change nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inburg_desktop.domain.gemeente import Gemeente, GemeenteError, Kantoor, gemeentecode
from inburg_desktop.protocol.canonical import canonical_json
from inburg_desktop.protocol.field_rules import shown
from inburg_desktop.server.admin import (
    AdminError,
    case_gemeenten,
    known_consultant,
    office_gemeente,
    put_setting,
    terminal_name,
)
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.db import Counter, Database, lock_counter
from inburg_desktop.server.gemeente_rules import (
    SETTING_KEY,
    consulent_of,
    decided_by,
    gemeente_words,
    members,
    office_kantoor,
    stored_gemeente,
    write_gemeente,
)
from inburg_desktop.server.tables import (
    Assignment,
    CaseRecord,
    GemeenteConsulent,
    OfficeGemeente,
)

NOTHING_CHANGED = "Er is niets gewijzigd."


def _refused(exc: GemeenteError) -> AdminError:
    return AdminError(f"{exc.reason.render()}. {NOTHING_CHANGED}")


def setting_value(session: Session) -> dict[str, Any]:
    """What ``setting.gemeenten`` holds now (the shape in the module's docstring)."""
    kantoor = office_kantoor(session)
    who = members(session)
    return {
        "gemeenten": [
            {"code": g.code, "naam": g.naam, "consulenten": who.get(g.code, [])}
            for g in (kantoor.gemeenten if kantoor is not None else ())
        ]
    }


def publish(session: Session, counter: Counter) -> None:
    """Write ``setting.gemeenten`` from the tables, with a new seq (laptops pull it)."""
    # read before a new setting row is added (an autoflush would insert it valueless)
    put_setting(session, counter, SETTING_KEY, canonical_json(setting_value(session)))


def _kantoor_with(session: Session, gemeente: Gemeente, replacing: str | None = None) -> None:
    """Raise :class:`AdminError` when the office with ``gemeente`` added (or put in place
    of the one coded ``replacing``) would hold a code or a name (any case) twice
    (``domain.gemeente.Kantoor``), naming the gemeente that has it."""
    current = office_kantoor(session)
    others = [g for g in (current.gemeenten if current else ()) if g.code != replacing]
    for other in others:
        if other.code == gemeente.code:
            raise AdminError(
                f"Het kantoor bedient gemeente {terminal_name(other.naam)} ({other.code}) al; "
                f"een andere naam geeft u met 'inburg-office gemeente rename'. {NOTHING_CHANGED}"
            )
        if other.naam.casefold() == gemeente.naam.casefold():
            raise AdminError(
                f"Gemeente {other.code} van het kantoor heet al {terminal_name(other.naam)}; "
                f"twee gemeenten met één naam zijn niet uit elkaar te houden. {NOTHING_CHANGED}"
            )
    try:
        Kantoor((*others, gemeente))
    except GemeenteError as exc:
        raise _refused(exc) from None


def add_gemeente(db: Database, code: str, naam: str) -> Gemeente:
    """Record that the office serves gemeente ``code`` (any form ``gemeentecode`` takes)
    named ``naam`` (blanks around it dropped), and re-publish ``setting.gemeenten``.
    Raises :class:`AdminError` for an invalid code or name, or a code or name (any case)
    the office has already."""
    try:
        gemeente = Gemeente(gemeentecode(code), naam.strip())
    except GemeenteError as exc:
        raise _refused(exc) from None
    with db.write() as session:
        counter = lock_counter(session)
        _kantoor_with(session, gemeente)
        session.add(OfficeGemeente(code=gemeente.code, naam=gemeente.naam, created_at=utcnow()))
        publish(session, counter)
    return gemeente


def rename_gemeente(db: Database, name_or_code: str, naam: str) -> tuple[Gemeente, str]:
    """Give the office's gemeente ``name_or_code`` the name ``naam`` (a municipality
    renamed without a merger keeps its CBS code) and re-publish. Returns the gemeente as
    it is now and its name before. Raises :class:`AdminError` for an unknown gemeente, an
    invalid name or one another gemeente of the office has."""
    with db.write() as session:
        counter = lock_counter(session)
        row = session.get(OfficeGemeente, office_gemeente(session, name_or_code))
        assert row is not None  # office_gemeente found it
        try:
            renamed = Gemeente(row.code, naam.strip())
        except GemeenteError as exc:
            raise _refused(exc) from None
        before = row.naam
        if before != renamed.naam:
            _kantoor_with(session, renamed, replacing=row.code)
            row.naam = renamed.naam
            publish(session, counter)
    return renamed, before


def list_gemeenten(db: Database) -> list[dict[str, Any]]:
    """Every gemeente of the office, by code: ``code``, ``naam``, ``consulenten`` (sorted
    names) and ``dossiers`` (how many cases hold that gemeente)."""
    with db.read() as session:
        value = setting_value(session)
        counts: dict[str, int] = {}
        for code in case_gemeenten(session).values():
            counts[code] = counts.get(code, 0) + 1
    return [{**g, "dossiers": counts.get(g["code"], 0)} for g in value["gemeenten"]]


def cases_without_gemeente(db: Database) -> int:
    """How many cases of the office record no gemeente (or one that is no CBS code)."""
    with db.read() as session:
        held = case_gemeenten(session)
        ids = session.scalars(select(CaseRecord.id))
        return sum(1 for case_id in ids if held.get(case_id) is None)


def add_membership(db: Database, consultant: str, name_or_code: str) -> tuple[str, str, bool]:
    """Let the known consultant ``consultant`` (``admin.known_consultant``) work for the
    office's gemeente ``name_or_code``, and re-publish. Returns the consultant's name, the
    gemeente in words and whether they already worked for it (nothing changed then).
    Raises :class:`AdminError` for an unknown consultant or gemeente."""
    name = known_consultant(db, consultant)
    with db.write() as session:
        counter = lock_counter(session)
        code = office_gemeente(session, name_or_code)
        words = gemeente_words(_kantoor(session), code)
        if session.get(GemeenteConsulent, (code, name)) is not None:
            return name, words, True
        session.add(GemeenteConsulent(code=code, consultant=name))
        publish(session, counter)
    return name, words, False


def _kantoor(session: Session) -> Kantoor:
    kantoor = office_kantoor(session)
    assert kantoor is not None  # office_gemeente found a gemeente
    return kantoor


def remove_membership(db: Database, consultant: str, name_or_code: str) -> tuple[str, str]:
    """Stop the consultant ``consultant`` working for the office's gemeente
    ``name_or_code``, and re-publish. Returns the consultant's name and the gemeente in
    words. Raises :class:`AdminError` for an unknown gemeente, a consultant who does not
    work for it, or one who still holds cases of it (move those first: a case stays
    with a consultant of its gemeente)."""
    name = consultant.strip()
    with db.write() as session:
        counter = lock_counter(session)
        code = office_gemeente(session, name_or_code)
        words = gemeente_words(_kantoor(session), code)
        row = session.get(GemeenteConsulent, (code, name))
        if row is None:
            raise AdminError(
                f"{terminal_name(name)} werkt niet voor gemeente {words}. {NOTHING_CHANGED}"
            )
        held = case_gemeenten(session)
        cases = [
            case_id
            for case_id in session.scalars(
                select(Assignment.case_id).where(Assignment.consultant == name)
            )
            if held.get(case_id) == code
        ]
        if cases:
            raise AdminError(
                f"{terminal_name(name)} heeft nog {len(cases)} "
                f"{'dossier' if len(cases) == 1 else 'dossiers'} van gemeente {words} op de "
                f"caseload (bijvoorbeeld {shown(cases[0])}); zet die eerst over "
                f"('inburg-office assign DOSSIER --consultant NAAM'). {NOTHING_CHANGED}"
            )
        session.delete(row)
        publish(session, counter)
    return name, words


def set_case_gemeente(db: Database, case_id: str, name_or_code: str) -> tuple[str, str | None]:
    """Set or correct the gemeente of the office's case ``case_id`` to the office's
    gemeente ``name_or_code``, as an office change every laptop holding the case pulls.
    Returns the new code and the one before (``None``: none). Raises :class:`AdminError`
    for no such case, a gemeente the office does not serve, or a case on the caseload of
    a consultant who does not work for that gemeente (move it first)."""
    with db.write() as session:
        counter = lock_counter(session)
        if session.get(CaseRecord, case_id) is None:
            raise AdminError(
                f"Dossier {shown(case_id)} bestaat niet op het kantoor; zie 'inburg-office "
                f"cases'. {NOTHING_CHANGED}"
            )
        code = office_gemeente(session, name_or_code)
        before = stored_gemeente(session, case_id)
        if before == code:
            return code, before
        if (college := decided_by(session, case_id)) is not None:
            raise AdminError(
                f"Het PIP van dossier {shown(case_id)} is vastgesteld door het college van "
                f"{gemeente_words(_kantoor(session), college)}; met een andere gemeente zou "
                "hetzelfde besluit op naam van een ander college staan. Verhuist de persoon, "
                "draag het dossier dan over ('inburg-office case export CASE_ID --doel "
                f"overdracht'); de nieuwe gemeente stelt een nieuw PIP vast. {NOTHING_CHANGED}"
            )
        holder = session.scalar(select(Assignment.consultant).where(Assignment.case_id == case_id))
        if holder is not None and code not in consulent_of(session, holder).gemeenten:
            raise AdminError(
                f"Dossier {shown(case_id)} staat op de caseload van {terminal_name(holder)}, "
                f"die niet voor gemeente {gemeente_words(_kantoor(session), code)} werkt; zet "
                "het eerst over naar een consulent van die gemeente ('inburg-office assign') "
                f"of laat {terminal_name(holder)} ook voor die gemeente werken. "
                f"{NOTHING_CHANGED}"
            )
        write_gemeente(session, counter, case_id, code)
    return code, before
