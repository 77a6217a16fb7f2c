"""The one home for dates, numbers and enum labels as people read them (Babel/CLDR).

Two languages of dates exist and must not be mixed up:

* the UI language (:func:`format_date`, :func:`format_datetime`, :func:`format_number`,
  :func:`format_utc_stamp`): what the windows show, "2 mrt 2026" or "2 Mar 2026";
  ``language=None`` is the language the UI runs in now. Dates and times follow the Dutch
  convention in every language that has a Netherlands variant in CLDR (English as written
  in the Netherlands, ``en_NL``): day before month, 24-hour clock, and the short style is
  the date fields' own dd-mm-jjjj, so a date typed in and a date shown read alike. The
  app serves Dutch municipalities; "Mar 22, 1987" beside a field that takes 22-03-1987
  invites mistakes;
* the decision's language (:func:`decision_date`): the PIP is a beschikking in Dutch, so
  every date in it (and in the law's reasons, ``domain.text.nl_date``) reads
  "2 maart 2026" whatever the UI language (Awb art. 2:6: Dutch is the language of the
  administration). The annex in the newcomer's language uses :func:`format_date` with
  that language and :data:`DECISION_STYLE`.

Enum labels that windows and lists share are here as Dutch msgids (``N_``), translated
with ``_()`` when shown. Qt-free: the CLI and the PDF import it too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError, localedata
from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.dates import format_time as babel_format_time
from babel.lists import format_list as babel_format_list
from babel.numbers import format_currency as babel_format_currency
from babel.numbers import format_decimal as babel_format_decimal

from inburg_desktop.domain.audit import ACTION_LABELS, INTAKE_TOPIC_LABEL, PART_LABELS
from inburg_desktop.domain.case import Doelgroep, Leerroute, ResidenceBasis
from inburg_desktop.domain.countries import country_name
from inburg_desktop.domain.fines import Overtreding, Verwijtbaarheid
from inburg_desktop.domain.handhaving import Afloop, Waarschuwingswijze
from inburg_desktop.domain.household import Relatie
from inburg_desktop.domain.iso_date import parse_iso_moment
from inburg_desktop.domain.pip import Examenonderdeel
from inburg_desktop.domain.satisfaction import Onderwerp, Tevredenheid
from inburg_desktop.domain.text import N_, DutchTerm, Reason, fill_template, nl_date
from inburg_desktop.domain.voortgang import Stand, UrenSoort
from inburg_desktop.i18n import _, current_language
from inburg_desktop.prompts.translations import babel_locale_id, base_language

DECISION_STYLE = "d MMMM y"  # CLDR's long Dutch date: "2 maart 2026"
# The date fields' format (ui/date_input.py DISPLAY_FORMAT), as a CLDR pattern: "short"
# means this in every language, so "22/03/1987" never sits beside a field that wants
# 22-03-1987.
SHORT_DATE_PATTERN = "dd-MM-y"
# Where the app is used; dates and clock times follow this region's convention.
CONVENTION_TERRITORY = "NL"

DOELGROEP_LABELS: dict[Doelgroep, str] = {
    Doelgroep.STATUSHOUDER: N_("statushouder"),
    Doelgroep.GEZINSMIGRANT: N_("gezinsmigrant"),
    Doelgroep.OVERIGE_MIGRANT: N_("overige migrant"),
}
RESIDENCE_LABELS: dict[ResidenceBasis, str] = {
    ResidenceBasis.ASIEL: N_("Asiel (statushouder, nareiziger)"),
    ResidenceBasis.GEZIN: N_("Gezin (gezinsmigratie)"),
    ResidenceBasis.EU_FAMILIELID: N_("Familielid van een EU-burger (EU-verblijfsrecht)"),
    ResidenceBasis.TIJDELIJK_DOEL: N_("Tijdelijk doel (werk, studie, …; Besluit art. 2.2)"),
    ResidenceBasis.OVERIG: N_("Overig niet-tijdelijk verblijf"),
}
AGENDA_KIND_LABELS: dict[str, str] = {
    # By ``domain.agenda.AgendaKind`` value, so the windows do not import the agenda's
    # rules to name an item (tests/test_formatting.py checks every kind has one).
    "pip_deadline": N_("PIP vaststellen"),
    "oproep_send": N_("Oproep voor de brede intake sturen"),
    "oproep_outcome": N_("Uitkomst van de oproep vastleggen"),
    "oproep_warning": N_("Schriftelijke waarschuwing sturen"),
    "oproep_new": N_("Nieuwe oproep vastleggen"),
    "intake_without_person": N_("Brede intake zonder de inburgeraar afronden"),
    "voortgangsgesprek": N_("Voortgangsgesprek"),
    "ontzorgen_end": N_("Einde ontzorgen"),
    "route_switch_window": N_("Laatste dag om de leerroute te wijzigen"),
    "termijn_end": N_("Einde inburgeringstermijn"),
    "nazorg": N_("Nazorgcontact"),
    "sync_conflicts": N_("Conflicten uit de synchronisatie"),
    "sync_set_aside": N_("Apart gezet bij de synchronisatie"),
}
AGENDA_GROUP_LABELS: dict[str, str] = {
    "overdue": N_("Te laat"),
    "today": N_("Vandaag"),
    "this_week": N_("Deze week"),
    "later": N_("Later"),
}
ROUTE_LABELS: dict[Leerroute, str] = {
    Leerroute.B1: N_("B1-route"),
    Leerroute.ONDERWIJS: N_("Onderwijsroute"),
    Leerroute.Z: N_("Z-route (zelfredzaamheidsroute)"),
}
RELATIE_LABELS: dict[Relatie, str] = {
    Relatie.PARTNER: N_("Partner"),
    Relatie.KIND: N_("Kind"),
    Relatie.REFERENT: N_("Referent"),
    Relatie.OUDER: N_("Ouder"),
    Relatie.OVERIG: N_("Overig"),
}
STAND_LABELS: dict[Stand, str] = {
    # progress per PIP agreement at a voortgangsgesprek (domain.voortgang.Stand)
    Stand.OP_SCHEMA: N_("Op schema"),
    Stand.ACHTER: N_("Achter"),
    Stand.VOOR: N_("Voor"),
}
ONDERWERP_LABELS: dict[Onderwerp, str] = {
    Onderwerp.MAP: N_("MAP (module arbeidsmarkt en participatie)"),
    Onderwerp.PVT: N_("PVT (participatieverklaringstraject)"),
    Onderwerp.BEGELEIDING: N_("Maatschappelijke begeleiding"),
}
UREN_SOORT_LABELS: dict[UrenSoort, str] = {
    # kinds of hours a provider reports (domain.voortgang.UrenSoort)
    UrenSoort.NT2: N_("NT2-les"),
    UrenSoort.KNM: N_("KNM-les"),
    UrenSoort.PARTICIPATIE: N_("Participatie"),
    UrenSoort.PVT: N_("PVT"),
    UrenSoort.MAP: N_("MAP"),
}
EXAMENONDERDEEL_LABELS: dict[Examenonderdeel | None, str] = {
    # a part of the exam as DUO reports it; None is the KNM exam
    Examenonderdeel.LEZEN: N_("Lezen"),
    Examenonderdeel.LUISTEREN: N_("Luisteren"),
    Examenonderdeel.SPREKEN: N_("Spreken"),
    Examenonderdeel.SCHRIJVEN: N_("Schrijven"),
    None: N_("KNM"),
}
TEVREDENHEID_LABELS: dict[Tevredenheid, str] = {
    Tevredenheid.ZEER_ONTEVREDEN: N_("Zeer ontevreden"),
    Tevredenheid.ONTEVREDEN: N_("Ontevreden"),
    Tevredenheid.NEUTRAAL: N_("Neutraal"),
    Tevredenheid.TEVREDEN: N_("Tevreden"),
    Tevredenheid.ZEER_TEVREDEN: N_("Zeer tevreden"),
    Tevredenheid.NIET_VAN_TOEPASSING: N_("Niet van toepassing"),
    Tevredenheid.GEEN_ANTWOORD: N_("Geen antwoord"),
}


# Enforcement (handhaving): the violation by the article that makes it finable, the
# culpability of Besluit art. 7.1 lid 4, how a warning was given, how a decision ended.
# The Dutch msgids are also the decision letter's words.
OVERTREDING_LABELS: dict[Overtreding, str] = {
    Overtreding.INTAKE_NIET_VERSCHENEN: N_("Niet verschenen bij de brede intake"),
    Overtreding.INTAKE_NIET_MEEGEWERKT: N_(
        "Niet meegewerkt aan de brede intake (of de leerbaarheidstoets)"
    ),
    Overtreding.BEGELEIDING_NIET_MEEGEWERKT: N_("Niet meegewerkt aan ondersteuning en begeleiding"),
    Overtreding.PVT_INTENSITEIT: N_("Niet voldaan aan de intensiteit van het PVT"),
    Overtreding.MAP_INTENSITEIT: N_("Niet voldaan aan de intensiteit van de MAP"),
    Overtreding.LEERROUTE_INTENSITEIT: N_("Niet voldaan aan de intensiteit van de leerroute"),
}
VERWIJTBAARHEID_LABELS: dict[Verwijtbaarheid, str] = {
    Verwijtbaarheid.OPZET: N_("Opzet (100%)"),
    Verwijtbaarheid.GROVE_SCHULD: N_("Grove schuld (75%)"),
    Verwijtbaarheid.GEEN_OPZET_OF_GROVE_SCHULD: N_("Geen opzet of grove schuld (50%)"),
    Verwijtbaarheid.VERMINDERD: N_("Verminderde verwijtbaarheid (25%)"),
}
WAARSCHUWING_LABELS: dict[Waarschuwingswijze, str] = {
    Waarschuwingswijze.SCHRIFTELIJK: N_("Schriftelijk"),
    Waarschuwingswijze.MONDELING: N_("Mondeling"),
}
AFLOOP_LABELS: dict[Afloop, str] = {
    Afloop.ONHERROEPELIJK: N_("Onherroepelijk"),
    Afloop.VERVALLEN: N_("Vervallen (ingetrokken of vernietigd)"),
}


@cache
def locale_for(language: str) -> Locale:
    """The CLDR locale of a gettext language code (``prs`` -> ``fa_AF``; unknown: its base)."""
    try:
        return Locale.parse(babel_locale_id(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(base_language(language))


@cache
def date_locale_for(language: str) -> Locale:
    """The CLDR locale whose date and time patterns ``language`` uses here: the language
    as written in the Netherlands when CLDR has that variant (``en`` -> ``en_NL``: "2 Mar
    2026", "14:02"), else :func:`locale_for` (an annex language such as ``ar`` keeps its
    own convention). Numbers do not go through this: "1,234.5" stays English."""
    locale = locale_for(language)
    if locale.territory is None:
        regional = f"{locale.language}_{CONVENTION_TERRITORY}"
        if localedata.exists(regional):
            return Locale.parse(regional)
    return locale


def format_date(value: date, language: str | None = None, style: str = "medium") -> str:
    """A date in ``language`` (default: the UI's), in the Dutch convention where the
    language has one (:func:`date_locale_for`): ``(date(2026, 3, 2), "nl")`` ->
    ``"2 mrt 2026"``, ``"en"`` -> ``"2 Mar 2026"``; ``style`` is a CLDR width
    (medium/long/full), ``"short"`` (the date fields' ``"02-03-2026"`` in every language)
    or a pattern."""
    pattern = SHORT_DATE_PATTERN if style == "short" else style
    return babel_format_date(
        value, format=pattern, locale=date_locale_for(language or current_language())
    )


def format_datetime(value: datetime, language: str | None = None, style: str = "medium") -> str:
    """A moment in ``language`` (default: the UI's), in the time zone ``value`` carries,
    with a 24-hour clock: ``"en"`` -> ``"2 Mar 2026, 09:36:19"``; ``"short"`` is the
    short date and hours:minutes, ``"02-03-2026 09:36"``; ``"day"`` is the date as
    :func:`format_date` writes it and hours:minutes, ``"2 mrt 2026 09:36"`` (beside other
    dates in that form, one line never mixes two ways of writing a day)."""
    locale = date_locale_for(language or current_language())
    if style == "day":
        day = babel_format_date(value, format="medium", locale=locale)
        return f"{day} {babel_format_time(value, format='short', locale=locale)}"
    if style == "short":
        day = babel_format_date(value, format=SHORT_DATE_PATTERN, locale=locale)
        return f"{day} {babel_format_time(value, format='short', locale=locale)}"
    return babel_format_datetime(value, format=style, locale=locale)


def format_time(value: datetime | time, language: str | None = None) -> str:
    """A clock time in ``language`` (default: the UI's), hours and minutes on a 24-hour
    clock where the language has the Dutch convention: ``(time(14, 2), "en")`` ->
    ``"14:02"``."""
    return babel_format_time(
        value, format="short", locale=date_locale_for(language or current_language())
    )


def format_number(value: int | float | Decimal, language: str | None = None) -> str:
    """A number with the language's separators: ``(1234.5, "nl")`` -> ``"1.234,5"``."""
    return babel_format_decimal(value, locale=locale_for(language or current_language()))


def format_list(items: Sequence[str], language: str | None = None) -> str:
    """Items joined as the language lists them: ``(["A", "B", "C"], "nl")`` ->
    ``"A, B en C"``; ``"A, B, and C"`` in English."""
    return babel_format_list(list(items), locale=locale_for(language or current_language()))


def format_utc_stamp(stamp: str) -> str:
    """A stored naive-UTC ISO timestamp, in local time and the UI language (as stored when
    it cannot be read)."""
    try:
        moment = parse_iso_moment(stamp, zone="none").replace(tzinfo=UTC).astimezone()
    except ValueError:
        return stamp
    return format_datetime(moment)


def format_euro(cents: int, language: str | None = None) -> str:
    """An amount in whole euro cents in the UI language: ``(3750, "nl")`` -> "€ 37,50",
    ``(3750, "en")`` -> "€37.50". The decision letter writes amounts with
    ``domain.cited.nl_euro`` instead (Dutch whatever the UI)."""
    return babel_format_currency(
        Decimal(cents) / 100, "EUR", locale=locale_for(language or current_language())
    )


def decision_number(value: int | float | Decimal) -> str:
    """A number as the PIP (a Dutch decision) writes it: ``1200`` -> ``"1.200"``."""
    return format_number(value, "nl")


def decision_date(day: date) -> str:
    """A date as the PIP (a Dutch decision) writes it: "11 mei 2026"."""
    return nl_date(day)


def decision_list(items: Sequence[str]) -> str:
    """Items as a Dutch sentence lists them (CLDR): ``["a", "b", "c"]`` -> ``"a, b en c"``;
    ``""`` for none."""
    return babel_format_list(list(items), locale="nl") if items else ""


DUTCH_TIME_ZONE = ZoneInfo("Europe/Amsterdam")


def decision_moment(at: datetime) -> str:
    """A moment as a Dutch document for the person writes it: the day as
    :func:`decision_date`, the clock time in the Netherlands (Europe/Amsterdam, summer
    time included) and the zone named, ``"30 november 2026 om 13:00 (Nederlandse
    tijd)"``. ``at`` must be aware (the vault's UTC moments are made aware first);
    raises ``ValueError`` for a naive moment rather than guess its zone."""
    if at.tzinfo is None:
        raise ValueError("decision_moment needs an aware datetime")
    local = at.astimezone(DUTCH_TIME_ZONE)
    return f"{nl_date(local.date())} om {local:%H:%M} (Nederlandse tijd)"


def doelgroep_label(value: str | Doelgroep) -> str:
    """The doelgroep in the UI language; an unknown value as it is."""
    try:
        return _(DOELGROEP_LABELS[Doelgroep(value)])
    except ValueError:
        return str(value)


def route_label(route: Leerroute) -> str:
    """The leerroute's name in the UI language."""
    return _(ROUTE_LABELS[route])


def relatie_label(relatie: Relatie) -> str:
    """A household member's relation in the UI language ("Kind", "Referent")."""
    return _(RELATIE_LABELS[relatie])


def route_labels() -> dict[Leerroute, str]:
    """Every leerroute with its name in the UI language, in the law's order."""
    return {route: _(label) for route, label in ROUTE_LABELS.items()}


def residence_labels() -> dict[ResidenceBasis, str]:
    """Every residence basis (Wet art. 3, Besluit art. 2.2) with its label in the UI
    language, in the order the forms offer them."""
    return {basis: _(label) for basis, label in RESIDENCE_LABELS.items()}


def term_text(term: DutchTerm, language: str | None = None) -> str:
    """A coded value a domain reason names (``domain.text.DutchTerm``) in ``language``
    (``None``: the UI's): a country's name from CLDR ("Syria"), a residence basis, doelgroep
    or leerroute by its label; a kind not known here as its Dutch word."""
    if term.kind == "country":
        return country_name(term.code, language or current_language())
    try:
        if term.kind == "residence_basis":
            return _(RESIDENCE_LABELS[ResidenceBasis(term.code)])
        if term.kind == "doelgroep":
            return doelgroep_label(term.code)
        if term.kind == "leerroute":
            return route_label(Leerroute(term.code))
    except ValueError:  # a value a newer version wrote: its Dutch word as recorded
        return str(term)
    return str(term)


def uren_soort_label(soort: UrenSoort) -> str:
    """A kind of hours in the UI language ("NT2-les")."""
    return _(UREN_SOORT_LABELS[soort])


def examen_label(onderdeel: Examenonderdeel | None) -> str:
    """An exam part in the UI language; ``None`` is the KNM exam."""
    return _(EXAMENONDERDEEL_LABELS[onderdeel])


def agenda_kind_label(kind: str) -> str:
    """An agenda item's kind (``domain.agenda.AgendaKind`` value) in the UI language; an
    unknown kind as it is."""
    label = AGENDA_KIND_LABELS.get(str(kind))
    return str(kind) if label is None else _(label)


def agenda_group_label(group: str) -> str:
    """An agenda group (``domain.agenda.Groep`` value) in the UI language."""
    label = AGENDA_GROUP_LABELS.get(str(group))
    return str(group) if label is None else _(label)


def audit_action_label(action: str) -> str:
    """An audit act (``domain.audit.Action`` value) in the UI language; unknown as is."""
    label = ACTION_LABELS.get(str(action))  # type: ignore[call-overload]
    return str(action) if label is None else _(label)


def audit_part_label(part: str, topic_titles: Mapping[str, str] | None = None) -> str:
    """A part of a case in an audit entry, in the UI language: a fixed part by its name
    (``domain.audit.PART_LABELS``), an intake topic as "intake: <title>" (the title from
    ``topic_titles``, topic id -> title; else the topic's id), anything else as its
    token (it is a key, never a value)."""
    label = PART_LABELS.get(part)
    if label is not None:
        return _(label)
    head, _dot, topic = part.partition(".")
    if head == "intake" and topic:
        shown = (topic_titles or {}).get(topic) or topic.replace("_", " ")
        return fill_template(_(INTAKE_TOPIC_LABEL), {"topic": shown})
    return part


def reason_text(reason: Reason) -> str:
    """A domain reason as the screen shows it: translated, its dates in the UI language
    ("12 November 2027" on an English screen; the decision's Dutch "12 november 2027"
    stays in the PDFs, which render reasons without this), the countries and labels it
    names too ("Syria", not "Syrië"; :func:`term_text`), and its legal references cited
    the language's way (:func:`cite_law`)."""
    rendered = reason.render(
        _, day_text=lambda day: format_date(day, style="long"), term_text=term_text
    )
    # a parameter may carry the domain's Dutch citation ("{artikel}": "Wet art. 14 lid 2")
    return cite_law(rendered)


# Legal references. Dutch writes "Wet art. 14 lid 6", "Besluit art. 5.2 lid 1 onder a";
# the English texts (the prompt catalogue's tips first) cite "Act art. 14(6)", "Decree
# art. 5.2(1)(a)". One way per language: a screen never shows both side by side.
_LAW_NAMES_EN = {"Wet": "Act", "Besluit": "Decree", "Regeling": "Regulation"}
_LAW_EN = re.compile(r"\b(Wet|Besluit|Regeling)(?= art\.)")
_PART = r"(?:lid |para\. )?(\d+)"
_ARTICLE_PARTS = re.compile(
    r"(art\. \d+(?:[.:]\d+)?[a-z]?) (?:lid|para\.) (\d+)"
    r"((?:(?:, | (?:en|and) )(?:lid |para\. )?\d+)*)"
    r"(?:,? (?:onder |sub )?([a-z])\b(?!\w))?"
)
_MORE_PARTS = re.compile(rf"(, | (?:en|and) ){_PART}")


def _english_parts(match: re.Match[str]) -> str:
    article, first, more, letter = match.groups()
    text = f"{article}({first})"
    if letter:
        text += f"({letter})"
    for joint, number in _MORE_PARTS.findall(more or ""):
        text += f"{', ' if joint == ', ' else ' and '}({number})"
    return text


def cite_law(text: str, language: str | None = None) -> str:
    """``text`` with its Dutch legal references in the way ``language`` (default: the UI's)
    cites: unchanged in Dutch; in English ``"Wet art. 14 lid 3 en lid 6; Besluit art. 5.2
    lid 1"`` -> ``"Act art. 14(3) and (6); Decree art. 5.2(1)"``. The decision (a Dutch
    beschikking, Awb art. 2:6) keeps the Dutch form and does not pass through here."""
    if base_language(language or current_language()) != "en":
        return text
    text = _LAW_EN.sub(lambda m: _LAW_NAMES_EN[m.group(1)], text)
    return _ARTICLE_PARTS.sub(_english_parts, text)
