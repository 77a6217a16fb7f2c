"""The PIP of one case: load it, propose a draft from the intake, save, set, amend, and
gather what its PDF shows (``pdf`` renders it).

A case's PIP is stored as case fields (``pip.version.<n>`` per version and the
``pip.current`` pointer, see ``domain/pip.py``). Every write goes through
``storage.cases.update_fields`` inside the caller's transaction, so the office sync sees
it. Setting the first PIP also records ``dates.pip_date``: its dagtekening anchors the
inburgeringstermijn (Wet art. 11) and never moves when the PIP is amended.

Rules come from ``domain/pip_rules.py`` (:func:`check_setting`): a draft is set only when
nothing refuses it, and every exception the Besluit allows (a Z-route below 800 hours, a
route change after 18 months) carries the consultant's ground and motivering with the
version; a refusal is a :class:`PipRefused` carrying the reasons in words. Signing and
attachments live in ``services/pip_attachments.py``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from inburg_desktop.domain.case import Doelgroep, Leerroute
from inburg_desktop.domain.case_label import case_number
from inburg_desktop.domain.deadlines import Deadlines
from inburg_desktop.domain.evaluation import Evaluation, evaluate
from inburg_desktop.domain.household import kinderen
from inburg_desktop.domain.letterhead import Letterhead
from inburg_desktop.domain.pip import (
    CURRENT_KEY,
    Beschikking,
    Besluitnemer,
    Ontwikkelplan,
    PipHistory,
    PipVersion,
    Uitzondering,
)
from inburg_desktop.domain.pip_annex import ANNEX_CONTEXT, ANNEX_SOURCE, ROUTE_KEY, ROUTE_TERMS
from inburg_desktop.domain.pip_document import PipDocument
from inburg_desktop.domain.pip_prefill import Kind, PipDraft, PrefillInput, prefill
from inburg_desktop.domain.pip_rules import SettingCheck, check_setting, pip_deadlines
from inburg_desktop.domain.plicht import check_plicht
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.route_advice import RouteAdvice
from inburg_desktop.domain.text import Reason
from inburg_desktop.i18n import load as load_translations
from inburg_desktop.prompts.translations import (
    PROMPTS_DOMAIN,
    base_language,
    is_concept,
    prompt_language_codes,
)
from inburg_desktop.services import consulent as consulenten
from inburg_desktop.services.household import household_of
from inburg_desktop.services.intake_progress import field_key
from inburg_desktop.services.letterhead import case_letterhead
from inburg_desktop.services.route_advice_input import RouteChoice, advice_for, route_choice
from inburg_desktop.storage.cases import StoredCase, get_case, update_fields
from inburg_desktop.storage.changes import FieldMeta, FieldRefused, sync_problem
from inburg_desktop.storage.stale_writes import same

PIP_DATE_KEY = "dates.pip_date"
YES, NO = "ja", "nee"


class PipRefused(Problem, ValueError):
    """The PIP cannot be set or amended (yet); ``reasons`` say why, naming the rule.

    ``str()`` joins the reasons' codes (for the log); the edge shows the reasons' texts.
    """

    default_code = "pip_refused"

    def __init__(self, reasons: tuple[Reason, ...]) -> None:
        super().__init__()
        self.reasons = reasons

    def __str__(self) -> str:
        return f"{self.code}: {', '.join(r.code for r in self.reasons)}"


class PipTooLarge(Problem, ValueError):
    """The PIP would not fit what one value may hold at the office (``storage.changes``):
    code ``pip_too_large`` with ``size`` and ``limit`` in kB, or ``pip_value_refused``
    naming the ``field``. Nothing was written."""

    default_code = "pip_too_large"


class PipChanged(Problem, ValueError):
    """The stored PIP changed since the editor loaded it (a sync or a resolved conflict);
    nothing was written, so the editor's older view never overwrites it (``pip_changed``)."""

    default_code = "pip_changed"


class NoPip(Problem, LookupError):
    """The case has no PIP (``no_pip``), or no draft to set (``no_pip_draft``)."""

    default_code = "no_pip"


class AnnexUnavailable(Problem, LookupError):
    """No complete translation of the annex in the asked language (``lang``, ``key``)."""

    default_code = "annex_unavailable"


def load_history(stored: StoredCase) -> PipHistory:
    return PipHistory.from_storage(stored.fields)


# --- from the intake to a proposal -------------------------------------------------------


def _yes_no(value: Any) -> bool | None:
    return True if value == YES else False if value == NO else None


def _children(stored: StoredCase) -> tuple[Kind, ...]:
    """The case's children with a known birth date (its household, ``services.household``:
    the consultant's record, else the handover's); VVE need from the intake."""
    need = _yes_no(stored.field(field_key("gezinssituatie", "vve_nodig")))
    return tuple(
        Kind(child.geboortedatum, need)
        for child in kinderen(household_of(stored).members)
        if child.geboortedatum is not None
    )


def _ladder(stored: StoredCase) -> int | None:
    value = stored.field(field_key("arbeidsparticipatie", "participatieladder"))
    try:
        rung = int(str(value))
    except ValueError:
        return None
    return rung if 1 <= rung <= 6 else None


def _bijstand_start(stored: StoredCase) -> date | None:
    if stored.field(field_key("financien", "bijstand")) == NO:
        return None
    return stored.case.dates.bijstand_start


def chosen_route(stored: StoredCase, advice: RouteAdvice) -> Leerroute | None:
    """The consultant's recorded choice; the advice only while nothing was chosen."""
    choice = route_choice(stored.fields)
    return choice.route if choice is not None else advice.route


def prefill_input(stored: StoredCase, today: date, advice: RouteAdvice) -> PrefillInput:
    return PrefillInput(
        leerroute=chosen_route(stored, advice),
        doelgroep=stored.case.doelgroep,
        on=today,
        kinderen=_children(stored),
        bijstand_start=_bijstand_start(stored),
        participatieladder=_ladder(stored),
        advice_codes=advice.codes,
    )


@dataclass(frozen=True)
class PipContext:
    """What the editor shows beside the PIP: the case, its history, advice and choice."""

    stored: StoredCase
    history: PipHistory
    advice: RouteAdvice
    choice: RouteChoice | None
    proposal: PipDraft
    letterhead: Letterhead = field(default_factory=Letterhead)

    @property
    def doelgroep(self) -> Doelgroep:
        return self.stored.case.doelgroep


def load_context(session: Session, case_id: str, today: date) -> PipContext:
    stored = get_case(session, case_id)
    advice = advice_for(stored, today)
    return PipContext(
        stored,
        load_history(stored),
        advice,
        route_choice(stored.fields),
        prefill(prefill_input(stored, today, advice)),
        case_letterhead(session, stored),
    )


# --- checks ----------------------------------------------------------------------------


def setting_check(
    stored: StoredCase, history: PipHistory, draft: PipVersion, on: date, course_hours: int
) -> SettingCheck:
    """Refusals and exception warnings for setting ``draft`` ``on`` this day, with the
    plicht as the data say it is on that day and the leerroute chosen in the intake."""
    choice = route_choice(stored.fields)
    return check_setting(
        history,
        draft,
        stored.case.doelgroep,
        on,
        course_hours,
        plichtig=plichtig_on(stored, on),
        chosen_route=None if choice is None else choice.route,
    )


def refusals(
    stored: StoredCase, history: PipHistory, draft: PipVersion, on: date, course_hours: int
) -> tuple[Reason, ...]:
    """Everything that stops ``draft`` being set ``on`` this day (empty: it can be set)."""
    return setting_check(stored, history, draft, on, course_hours).refusals


def plichtig_on(stored: StoredCase, on: date) -> bool:
    """What the data held say about the plicht on ``on`` (``domain.plicht``)."""
    person = stored.case.person
    return check_plicht(
        person.date_of_birth,
        person.nationality,
        on,
        residence_basis=person.residence_basis,
        permit_since=person.permit_since,
    ).plichtig


def deadlines_for(stored: StoredCase, history: PipHistory, on: date) -> Deadlines:
    """The PIP's deadlines with the plicht as the data say it is on ``on``: none of them
    for someone not plichtig (``deadlines.compute_deadlines``)."""
    plichtig = plichtig_on(stored, on)
    return pip_deadlines(history, stored.case.dates, stored.case.doelgroep, plichtig=plichtig)


def evaluation_for(stored: StoredCase, history: PipHistory, today: date) -> Evaluation:
    """Plicht, deadlines and warnings of the case with the termijn of this PIP history."""
    case = stored.case
    dates = replace(case.dates, pip_date=history.pip_date or case.dates.pip_date)
    return evaluate(case.person, case.doelgroep, dates, today)


# --- writes ----------------------------------------------------------------------------


def _too_large(problem: FieldRefused) -> PipTooLarge:
    if problem.problem != "too_large":
        return PipTooLarge("pip_value_refused", field=problem.key)
    return PipTooLarge(size=problem.size // 1024, limit=problem.limit // 1024)


def size_problem(history: PipHistory) -> PipTooLarge | None:
    """Why ``history`` cannot be stored and synced (a version too large), as a problem;
    else ``None``. Each version is one field value, limited by the office protocol."""
    for key, value in history.storage_items().items():
        problem = sync_problem(key, value)
        if problem is not None:
            return _too_large(problem)
    return None


def write_history(
    session: Session,
    case_id: str,
    before: PipHistory,
    after: PipHistory,
    extra: Mapping[str, Any],
    seen_version: int | None = None,
    loaded: PipHistory | None = None,
) -> None:
    """Store the versions that changed, the pointer, and ``extra`` (one patch, one outbox op).

    ``seen_version``: the office version the editor showed (``storage.changes.apply_patch``).
    ``loaded``: the history as the editor loaded it; when a field to be written holds
    something else in the vault now (``before``), :class:`PipChanged` is raised and nothing
    is written (a PIP's versions and pointer go together, so no part is kept aside).
    """
    old = before.storage_items()
    patch: dict[str, Any] = {k: v for k, v in after.storage_items().items() if old.get(k) != v}
    if loaded is not None:
        shown = loaded.storage_items()
        if any(not same(shown.get(k), old.get(k)) for k in patch):
            raise PipChanged()
    patch.update(extra)
    if patch:
        try:
            update_fields(
                session, case_id, patch, {k: FieldMeta() for k in patch}, seen_version=seen_version
            )
        except FieldRefused as exc:
            if exc.problem != "too_large":
                raise
            raise _too_large(exc) from None


def save_draft(
    session: Session,
    case_id: str,
    beschikking: Beschikking,
    ontwikkelplan: Ontwikkelplan,
    on: date,
    *,
    reden: str = "",
    afschaling_a2: bool = False,
    cursusuren_nt2: int = 0,
    uitzonderingen: tuple[Uitzondering, ...] = (),
    seen_version: int | None = None,
    loaded: PipHistory | None = None,
) -> PipHistory:
    """Store the draft (the first PIP, or an amendment of the one in force), with the
    grounds and motiveringen of any exception it uses."""
    before = load_history(get_case(session, case_id))
    draft = before.new_draft(
        beschikking,
        on,
        reden=reden.strip(),
        afschaling_a2=afschaling_a2,
        cursusuren_nt2=cursusuren_nt2,
        ontwikkelplan=ontwikkelplan,
        uitzonderingen=tuple(replace(u, motivering=u.motivering.strip()) for u in uitzonderingen),
    )
    existing = before.draft
    if existing is not None:
        draft = replace(draft, created_on=existing.created_on)
    after = before.with_draft(draft)
    write_history(session, case_id, before, after, {}, seen_version, loaded)
    return after


def set_pip(
    session: Session,
    case_id: str,
    on: date,
    course_hours: int = 0,
    *,
    door: Besluitnemer,
    seen_version: int | None = None,
    loaded: PipHistory | None = None,
) -> PipHistory:
    """Set the stored draft with dagtekening ``on``, recording ``door``: who decided and
    when (AVG art. 22; ``consulent.besluitnemer``). Refused (nothing written) per the
    rules (:class:`PipRefused`)."""
    stored = get_case(session, case_id)
    before = load_history(stored)
    draft = before.draft
    if draft is None:
        raise NoPip("no_pip_draft")
    found = refusals(stored, before, draft, on, course_hours)
    if found:
        raise PipRefused(found)
    after = before.set_draft(on, door)
    extra: dict[str, Any] = {}
    if before.pip_date is None:
        extra[PIP_DATE_KEY] = on.isoformat()  # Wet art. 11: the termijn's anchor, set once
    write_history(session, case_id, before, after, extra, seen_version, loaded)
    return after


def update_ontwikkelplan(
    session: Session,
    case_id: str,
    plan: Ontwikkelplan,
    *,
    seen_version: int | None = None,
    loaded: PipHistory | None = None,
) -> PipHistory:
    """The living part changes at every voortgangsgesprek without a new decision."""
    before = load_history(get_case(session, case_id))
    after = before.with_ontwikkelplan(plan)
    write_history(session, case_id, before, after, {}, seen_version, loaded)
    return after


def discard_draft(session: Session, case_id: str) -> PipHistory:
    """Drop a pending draft (an amendment not pursued, or a first draft started over)."""
    before = load_history(get_case(session, case_id))
    draft = before.draft
    if draft is None:
        return before
    after = PipHistory(before.versions[:-1])
    patch: dict[str, Any] = {f"pip.version.{draft.nummer}": None}
    patch[CURRENT_KEY] = after.pointer() if after.versions else None
    update_fields(session, case_id, patch)
    return after


# --- rendering -------------------------------------------------------------------------


def kenmerk(case_id: str) -> str:
    """The decision's reference: stable per case, so re-rendering gives the same bytes
    (the case number, ``domain.case_label``)."""
    return case_number(case_id)


def consulent_name(session: Session) -> str | None:
    """The consultant's name as set in this vault (``None`` while none is set)."""
    return consulenten.current(session).naam


def shown_consulent(version: PipVersion, consulent: str | None) -> str:
    """The consultant a PIP version names: who set it (recorded with the version, so a set
    version renders the same after the setting changes), else ``consulent``.

    Raises :class:`~inburg_desktop.services.consulent.ConsulentOnbekend` when neither is
    known: a PIP never says "uw consulent" where a name belongs.
    """
    if version.vastgesteld_door is not None:
        return version.vastgesteld_door.naam
    if consulent is None or not consulent.strip():
        raise consulenten.ConsulentOnbekend()
    return consulent


def annex_texts(lang: str) -> dict[str, str]:
    """The annex texts in ``lang`` from the prompts catalogue (msgctxt ``pip.annex.<key>``),
    and the leerroutes' names under ``route.<value>`` (``pip_annex.ROUTE_TERMS``).

    Raises :class:`AnnexUnavailable` when any text has no translation yet: a half-Dutch
    annex would mislead the newcomer.
    """
    translations = load_translations(PROMPTS_DOMAIN, lang)
    out: dict[str, str] = {}
    for key, dutch in ANNEX_SOURCE.items():
        text = translations.pgettext(ANNEX_CONTEXT + key, dutch)
        if text == dutch:
            raise AnnexUnavailable(lang=lang, key=key)
        out[key] = text
    # the route names as the intake's catalogue words them (pip_annex.ROUTE_TERMS)
    for route, (context, dutch) in ROUTE_TERMS.items():
        text = translations.pgettext(context, dutch)
        if text == dutch:
            raise AnnexUnavailable(lang=lang, key=ROUTE_KEY + route)
        out[ROUTE_KEY + route] = text
    return out


@functools.cache
def annex_languages() -> tuple[str, ...]:
    """The shipped languages with a complete annex translation, in the catalogue's order."""
    out = []
    for code in prompt_language_codes():
        try:
            annex_texts(code)
        except AnnexUnavailable:
            continue
        out.append(code)
    return tuple(out)


def annex_language_for(tag: str | None) -> str | None:
    """The annex language for a newcomer's preferred language (a BCP 47 tag from the
    handover): the shipped language it names (``fa-AF`` is Dari, ``prs``), ``None`` for
    Dutch, for no preference and for a language without a complete annex."""
    if not tag:
        return None
    lowered = tag.replace("_", "-").lower()
    code = "prs" if lowered in ("fa-af", "prs") else base_language(lowered)
    return code if code in annex_languages() else None


def pip_document(
    stored: StoredCase,
    history: PipHistory,
    version: PipVersion,
    consulent: str | None,
    *,
    lang: str | None = None,
    signatures: tuple[bytes | None, bytes | None] = (None, None),
    letterhead: Letterhead | None = None,
) -> PipDocument:
    """What the PDF of ``version`` shows. ``consulent``: the name set in this vault
    (:func:`shown_consulent` decides which name the PIP carries; ``ConsulentOnbekend``
    when none), ``lang``: the annex language (``AnnexUnavailable`` when incomplete)."""
    return PipDocument(
        person=stored.case.person,
        doelgroep=stored.case.doelgroep,
        version=version,
        # the plicht on the decision's own date, so a version always renders the same
        deadlines=deadlines_for(stored, history, version.dagtekening or version.created_on),
        consulent=shown_consulent(version, consulent),
        kenmerk=kenmerk(stored.case.id),
        letterhead=letterhead or Letterhead(),
        signature_inburgeraar=signatures[0],
        signature_consulent=signatures[1],
        annex_lang=lang,
        annex_texts=annex_texts(lang) if lang else None,
        annex_concept=is_concept(lang) if lang else True,
    )


def current_version(history: PipHistory) -> PipVersion:
    """The version a render shows: the one in force, else the draft."""
    version = history.in_force or history.latest
    if version is None:
        raise NoPip()
    return version


def current_document(session: Session, case_id: str, lang: str | None = None) -> PipDocument:
    """What the current PIP's PDF shows (``inburg pip render``, the unsigned export): the
    version in force, else the draft; with the annex in ``lang`` when given.

    Render it with ``pdf.pip_document.render_pip``. Raises :class:`NoPip` when the case has
    no PIP, :class:`AnnexUnavailable` when ``lang``'s annex texts are not all translated,
    ``ConsulentOnbekend`` when no consultant's name is known.
    """
    stored = get_case(session, case_id)
    history = load_history(stored)
    version = current_version(history)
    return pip_document(
        stored,
        history,
        version,
        consulent_name(session),
        lang=lang,
        letterhead=case_letterhead(session, stored),
    )
