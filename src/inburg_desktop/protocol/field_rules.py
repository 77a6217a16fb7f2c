"""What the office accepts as a case field, so every case it holds can be applied by a laptop.

A laptop stores the identity fields of a case (``person.*``, ``dates.*``, ``doelgroep``) in
typed columns and refuses a pulled case whose identity it cannot store: a missing required
field, a date that is not a date, an unknown ``person.``/``dates.`` key (see
``storage/changes.py``). One such case on the office would stop every pull of every laptop
of its caseload, so the office refuses it where it would come in: per op at push (a
rejection naming the field; the rest of the batch goes on) and in office edits and
imports (an admin error naming the field).

The rules follow the handover format (INTERFACES.md; ``domain/handover.py``): names of
1-200 characters without control characters, ISO 3166-1 alpha-3 nationality, BCP 47
language tags, a ten-digit V-nummer and a nine-digit BSN, dates as ``YYYY-MM-DD`` between
1900 and 2100. On top of that, identity text may carry no bidirectional override or
isolate characters (U+202A-U+202E, U+2066-U+2069), which would make a name display as
something else on every screen it reaches, and a name follows the handover's name rule
(``domain.safe_text.name_problem``): no invisible or default-ignorable characters, no
unassigned, private-use or noncharacter code points, ZWNJ/ZWJ only between letters of a
joining script, no symbols, and something visible.

The other field families are held to the laptop's own rule for them, one registry
(:data:`FAMILIES`) that the office applies to a push and the laptop to a pull
(``sync.apply``): enforcement steps (``domain.handhaving``), talk parts
(``domain.voortgang_fields``), PIP versions and their pointer (``domain.pip_fields``: the
strict loader, the decider by the name rule) and agenda states (``domain.agenda_fields``).

Every key and value also stays within the protocol's bounds (``protocol/messages.py``), so a
laptop can always send an edit of a field that the office created back to the office.

The laptop applies the same rules before it pushes (``sync/outbox.py``): a field they
refuse waits in the laptop's quarantine instead of making the office refuse its whole op.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import TypeAdapter, ValidationError

from inburg_desktop.domain import countries, handhaving
from inburg_desktop.domain import household as household_rule
from inburg_desktop.domain.agenda_fields import AGENDA_PREFIX
from inburg_desktop.domain.agenda_fields import field_problem as agenda_problem
from inburg_desktop.domain.bsn import is_bsn
from inburg_desktop.domain.case import Doelgroep, ResidenceBasis
from inburg_desktop.domain.handover import identity_order_problem
from inburg_desktop.domain.household import stored_problem
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.pip import CURRENT_KEY as CURRENT_PIP_KEY
from inburg_desktop.domain.pip import PipVersion
from inburg_desktop.domain.pip_fields import VERSION_PREFIX as PIP_VERSION_PREFIX
from inburg_desktop.domain.pip_fields import history_problem as pip_history_problem
from inburg_desktop.domain.pip_fields import is_pip_field
from inburg_desktop.domain.pip_fields import load_version as load_pip_version
from inburg_desktop.domain.pip_fields import value_problem as pip_problem
from inburg_desktop.domain.portable_value import value_problem as portable_problem
from inburg_desktop.domain.progress_fields import (
    is_aftercare_field,
    is_progress_field,
    route_item_of,
    route_refusal,
)
from inburg_desktop.domain.progress_fields import value_problem as progress_problem
from inburg_desktop.domain.retention import RECORDED_KEYS as RETENTION_KEYS
from inburg_desktop.domain.retention import recorded_problem as retention_problem
from inburg_desktop.domain.retention import recorded_value_problem as retention_value_problem
from inburg_desktop.domain.safe_text import name_problem, terminal_safe
from inburg_desktop.domain.text import Reason
from inburg_desktop.domain.voortgang_fields import BRP_KEY as VOORTGANG_BRP_KEY
from inburg_desktop.domain.voortgang_fields import PREFIX as VOORTGANG_PREFIX
from inburg_desktop.domain.voortgang_fields import parse_key as talk_key_of
from inburg_desktop.domain.voortgang_fields import record_problem as talk_record_problem
from inburg_desktop.domain.voortgang_fields import talk_numbers
from inburg_desktop.domain.voortgang_fields import value_problem as voortgang_problem
from inburg_desktop.protocol.canonical import canonical_json, json_depth
from inburg_desktop.protocol.decider import decider_problem
from inburg_desktop.protocol.messages import MAX_VALUE_BYTES, MAX_VALUE_DEPTH, FieldKey

DATE_KEYS = frozenset(
    {
        "person.date_of_birth",
        "dates.koppeling",
        "dates.brp_registration",
        "dates.duo_kennisgeving",
        "dates.bijstand_start",
        "dates.pip_date",
        "dates.brp_after_move",  # Besluit art. 5.3 lid 3 (issue 11)
        "person.permit_since",  # who is plichtig (issue 11)
    }
)
NAME_KEYS = frozenset({"person.given_names", "person.family_name"})
CODE_KEYS = frozenset({"person.nationality", "person.preferred_language", "person.v_nummer"})
IDENTITY_KEYS = (
    DATE_KEYS
    | NAME_KEYS
    | CODE_KEYS
    | {
        "person.bsn",
        "person.languages",
        "person.residence_basis",  # who is plichtig (issue 11)
        "doelgroep",
    }
)
REQUIRED_KEYS = frozenset(
    {
        "doelgroep",
        "person.given_names",
        "person.family_name",
        "person.date_of_birth",
        "person.nationality",
        "dates.brp_registration",
    }
)
"""A case cannot exist on a laptop without these (``storage.changes.REQUIRED_COLUMNS``)."""

MAX_NAME = 200
MAX_HOUSEHOLD = household_rule.MAX_MEMBERS
"""At most this many members in the ``household`` field (``services.household``)."""
MAX_HOUSEHOLD_NOTE = household_rule.MAX_NOTE
HOUSEHOLD_KEY = "household"
"""The case's household (``domain.household``): its members' names are names of people,
so the office holds them to the name rule like the case's own (attack round 4)."""
MAX_LANGUAGES = 20
MAX_LANGUAGE_TAG = 35
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ALPHA3 = re.compile(r"[A-Z]{3}")
_BCP47 = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
_V_NUMMER = re.compile(r"[0-9]{10}")
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_FIELD_KEY: TypeAdapter[str] = TypeAdapter(FieldKey)

_SURELY_SMALL = (MAX_VALUE_BYTES - 2) // 6
"""A text of at most this many characters is within :data:`MAX_VALUE_BYTES` as JSON
whatever it holds: a character takes at most 6 bytes there (``\\u001f``; a character
outside the BMP is 4 bytes of UTF-8, the encoding keeps non-ASCII as it is), plus the
two quotes. The pull checks every field of every case (issue 14: the check was a fifth of
applying a 1,000-case pull), so a short text skips encoding it only to count."""


@functools.lru_cache(maxsize=4096)
def _key_ok(key: str) -> bool:
    """Whether ``key`` is a field key (:data:`FieldKey`); keys repeat in every case, so
    the answer is kept (a bounded cache: a hostile page's many keys only evict)."""
    try:
        _FIELD_KEY.validate_python(key)
    except ValidationError:
        return False
    return True


PROBLEMS: dict[str, tuple[str, str]] = {
    "missing": ("required when a case is created", "verplicht bij een nieuw dossier"),
    "empty": ("may not be empty", "mag niet leeg zijn"),
    "not_text": ("must be text", "moet tekst zijn"),
    "too_long": ("is too long", "is te lang"),
    "control_characters": (
        "contains control or text-direction characters",
        "bevat stuurtekens of tekens die de schrijfrichting omdraaien",
    ),
    "invisible": (
        "contains invisible characters or nothing visible",
        "bevat onzichtbare tekens of niets zichtbaars",
    ),
    "not_a_name": (
        "contains a character that is no part of a name (a symbol, a code point that is "
        "no character, or a joiner outside a word that needs it)",
        "bevat een teken dat geen deel van een naam is (een symbool, een code die geen "
        "teken is, of een verbindingsteken buiten een woord dat het nodig heeft)",
    ),
    "not_date": ("must be a date as YYYY-MM-DD", "moet een datum zijn als JJJJ-MM-DD"),
    "no_such_date": ("is not a date that exists", "bestaat niet als datum"),
    "date_range": ("must lie between 1900 and 2100", "moet tussen 1900 en 2100 liggen"),
    "not_doelgroep": (
        "must be one of " + ", ".join(d.value for d in Doelgroep),
        "moet een van " + ", ".join(d.value for d in Doelgroep) + " zijn",
    ),
    "not_residence_basis": (
        "must be one of " + ", ".join(b.value for b in ResidenceBasis),
        "moet een van " + ", ".join(b.value for b in ResidenceBasis) + " zijn",
    ),
    "identity_order": (
        "would make the person born after the BRP registration or the residence permit",
        "zou de persoon geboren laten zijn na de BRP-inschrijving of de verblijfsvergunning",
    ),
    "not_alpha3": (
        "must be the ISO 3166-1 alpha-3 code of a current country, or XXA, XXB, XXC or XXX",
        "moet de ISO 3166-1 alpha-3 code van een bestaand land zijn, of XXA, XXB, XXC of XXX",
    ),
    "not_language": ("must be a BCP 47 language tag", "moet een BCP 47-taalcode zijn"),
    "not_languages": (
        f"must be a list of at most {MAX_LANGUAGES} BCP 47 language tags",
        f"moet een lijst van hoogstens {MAX_LANGUAGES} BCP 47-taalcodes zijn",
    ),
    "not_v_nummer": ("must be a V-nummer of 10 digits", "moet een V-nummer van 10 cijfers zijn"),
    "not_bsn": (
        "must be a BSN: 9 digits that pass the eleven test",
        "moet een BSN zijn: 9 cijfers die de elfproef doorstaan",
    ),
    "not_household": (
        f"must be a list of at most {MAX_HOUSEHOLD} household members, each with a known "
        "relation (one referent at most), names by the name rule, a date of birth in "
        "1900-2100 not after today and a V-nummer of 10 digits",
        f"moet een lijst van hoogstens {MAX_HOUSEHOLD} gezinsleden zijn, elk met een bekende "
        "relatie (hoogstens een referent), namen volgens de naamregel, een geboortedatum "
        "in 1900-2100 niet na vandaag en een V-nummer van 10 cijfers",
    ),
    "not_handhaving": (
        "is not an enforcement step as the app records it (handhaving.<id>.overtreding, "
        "waarschuwing, voorstel, besluit or afloop, each in its own shape)",
        "is geen stap van handhaving zoals de app die vastlegt (handhaving.<id>.overtreding, "
        "waarschuwing, voorstel, besluit of afloop, elk in een eigen vorm)",
    ),
    "not_voortgang": (
        "is not a part of a progress talk as stored (voortgang.<n>.*: a date as YYYY-MM-DD "
        "in 1900-2100, a known choice, a PIP version number, or text without control "
        "characters within its length)",
        "is geen deel van een voortgangsgesprek zoals dat wordt bewaard (voortgang.<n>.*: "
        "een datum als JJJJ-MM-DD in 1900-2100, een bekende keuze, een PIP-versienummer, "
        "of tekst zonder stuurtekens binnen de lengte)",
    ),
    "not_pip": (
        "is not a PIP version or pointer as the app stores it (pip.version.<n>: a version "
        "that loads as the app's PIP, numbered as its key, with the name of who set it by "
        "the name rule and texts without control or text-direction characters; "
        "pip.current: the pointer to the version in force)",
        "is geen PIP-versie of verwijzing zoals de app die bewaart (pip.version.<n>: een "
        "versie die als PIP te lezen is, genummerd als de sleutel, met de naam van wie hem "
        "vaststelde volgens de naamregel en teksten zonder stuurtekens of tekens die de "
        "schrijfrichting omdraaien; pip.current: de verwijzing naar de geldende versie)",
    ),
    "not_agenda": (
        "is not the state of an agenda item as stored (agenda.<kind>[:<YYYY-MM-DD>] with a "
        "known kind, and a value done, snoozed with a one-line reason, or planned to the "
        "minute, days in 1900-2100)",
        "is geen stand van een agendapunt zoals die wordt bewaard (agenda.<soort>"
        "[:<JJJJ-MM-DD>] met een bekende soort, en als waarde afgehandeld, uitgesteld met "
        "een reden van één regel, of gepland op de minuut, dagen in 1900-2100)",
    ),
    "not_portable": (
        "holds what a copy of the case cannot carry (a control or text-direction character "
        "in a text, an invisible character in a key, an integer beyond ±2^53-1, or a number "
        "that is not finite)",
        "bevat iets wat een kopie van het dossier niet kan dragen (een stuurteken of "
        "richtingsteken in een tekst, een onzichtbaar teken in een sleutel, een geheel getal "
        "buiten ±2^53-1, of een getal dat niet eindig is)",
    ),
    "not_progress": (
        "is not progress data as stored (uren.<id>, pvt.activiteit.<id>, pvt.ondertekend, "
        "map.thema.<1-8>, map.eindgesprek, examen.<id>, zroute.eindgesprek: each in its own "
        "shape, days as YYYY-MM-DD in 1900-2100, hours above 0 and at most 24 a day, names "
        "of one line without control characters)",
        "zijn geen voortgangsgegevens zoals die worden bewaard (uren.<id>, "
        "pvt.activiteit.<id>, pvt.ondertekend, map.thema.<1-8>, map.eindgesprek, "
        "examen.<id>, zroute.eindgesprek: elk in een eigen vorm, dagen als JJJJ-MM-DD in "
        "1900-2100, uren boven 0 en hoogstens 24 per dag, namen van één regel zonder "
        "stuurtekens)",
    ),
    "progress_route": (
        "is progress data of a leerroute the case's PIP does not set (the Z-route "
        "eindgesprek only in the Z-route, Besluit art. 3.14; the MAP not in the "
        "onderwijsroute, Wet art. 8 lid 3; no exam in the Z-route), or of a case without a "
        "set PIP",
        "zijn voortgangsgegevens van een leerroute die het PIP van het dossier niet "
        "vastlegt (het eindgesprek van de Z-route alleen in de Z-route, Besluit art. 3.14; "
        "geen MAP in de onderwijsroute, Wet art. 8 lid 3; geen examen in de Z-route), of van "
        "een dossier zonder vastgesteld PIP",
    ),
    "not_aftercare": (
        "is not ontzorgen or nazorg as stored (ontzorgen.budgettraining, ontzorgen.art57, "
        "nazorg.contact: each in its own shape, days as YYYY-MM-DD in 1900-2100, an end not "
        "before its start, an art. 57 decision with its kenmerk)",
        "is geen ontzorgen of nazorg zoals dat wordt bewaard (ontzorgen.budgettraining, "
        "ontzorgen.art57, nazorg.contact: elk in een eigen vorm, dagen als JJJJ-MM-DD in "
        "1900-2100, een einde niet vóór het begin, een besluit art. 57 met kenmerk)",
    ),
    # A talk against its case (domain.voortgang_fields.record_problem).
    "voortgang_number_gap": (
        "belongs to a talk numbered after a talk the case does not have (talks count 1, 2, 3, ...)",
        "hoort bij een gesprek met een nummer na een gesprek dat het dossier niet heeft "
        "(gesprekken tellen 1, 2, 3, ...)",
    ),
    "voortgang_held_order": (
        "records a talk as held while an earlier talk is not held, or on a day before an "
        "earlier talk or after a later one (talks are numbered in the order they are held)",
        "legt een gesprek als gehouden vast terwijl een eerder gesprek niet gehouden is, of "
        "op een dag vóór een eerder of na een later gesprek (gesprekken krijgen hun nummer "
        "in de volgorde waarin ze gehouden zijn)",
    ),
    "voortgang_before_brp": (
        "dates a talk before the case's BRP registration",
        "dateert een gesprek vóór de inschrijving in de BRP",
    ),
    "voortgang_held_future": (
        "records a talk as held on a day that has not come yet",
        "legt een gesprek vast als gehouden op een dag die nog niet geweest is",
    ),
    "voortgang_version_unknown": (
        "names a PIP version the case does not have",
        "noemt een PIP-versie die het dossier niet heeft",
    ),
    "voortgang_afspraak_unknown": (
        "records the state of an agreement the PIP version of the talk does not have",
        "legt de stand vast van een afspraak die de PIP-versie van het gesprek niet heeft",
    ),
    "pip_history_invalid": (
        "leaves PIP versions that do not form one history (numbered 1, 2, 3, ... without a "
        "gap, only the newest a draft)",
        "laat PIP-versies achter die samen geen geschiedenis vormen (genummerd 1, 2, 3, ... "
        "zonder gat, alleen de nieuwste een concept)",
    ),
    "pip_pointer_mismatch": (
        "leaves pip.current pointing elsewhere than the PIP versions give",
        "laat pip.current naar iets anders wijzen dan de PIP-versies aangeven",
    ),
    "decider_not_pusher": (
        "names another consultant than the one of this laptop as who decided (AVG art. 22)",
        "noemt een andere consulent dan die van deze laptop als besluitnemer (AVG art. 22)",
    ),
    "decider_name_not_pusher": (
        "prints another name than the office's name of this laptop's consultant as who "
        "decided (AVG art. 22)",
        "drukt een andere naam af dan de naam die het kantoor voor de consulent van deze "
        "laptop kent als besluitnemer (AVG art. 22)",
    ),
    "carried": (
        "marks decisions a transferred case brings; only a transfer imported at the office "
        "(inburg-office case import) keeps decisions taken by someone else",
        "markeert besluiten die een overgedragen dossier meebrengt; alleen een overdracht "
        "die het kantoor importeert (inburg-office case import) houdt besluiten van een "
        "ander",
    ),
    "unknown_identity_key": (
        "is not a field of a case's identity (person.* and dates.* are fixed)",
        "is geen veld van de persoonsgegevens (person.* en dates.* liggen vast)",
    ),
    "bad_key": (
        "is not a valid field key (1-200 characters of letters, digits and _ . - [ ] :)",
        "is geen geldige veldnaam (1-200 tekens: letters, cijfers en _ . - [ ] :)",
    ),
    "retention_value": (
        "is no retention fact the office can count from (an ISO date not after today, or a "
        "reason the law knows)",
        "is geen bewaarfeit waar het kantoor van kan uitgaan (een datum JJJJ-MM-DD niet na "
        "vandaag, of een reden die de wet kent)",
    ),
    "retention_facts": (
        "leaves the end of the plicht without its reason (or the reason without the day), "
        "or dates it before the date of birth or the BRP registration",
        "laat het einde van de plicht zonder reden (of de reden zonder de dag) achter, of "
        "dateert het vóór de geboortedatum of de inschrijving in de BRP",
    ),
    "office_only": (
        "is recorded at the office only, from DUO's decision; a laptop cannot send it",
        "wordt alleen op het kantoor vastgelegd, naar het besluit van DUO; een laptop kan "
        "het niet sturen",
    ),
    "too_deep": (
        f"is nested deeper than {MAX_VALUE_DEPTH} levels",
        f"is dieper genest dan {MAX_VALUE_DEPTH} niveaus",
    ),
    "too_large": (
        f"is larger than {MAX_VALUE_BYTES} bytes",
        f"is groter dan {MAX_VALUE_BYTES} bytes",
    ),
}


class FieldRefused(ValueError):
    """A field the office will not store; ``problem`` is a key of :data:`PROBLEMS`.

    The message names the field and the rule, never the value (it may be personal data).
    """

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"{key}: {problem}")
        self.key = key
        self.problem = problem

    @property
    def error(self) -> str:
        """The op-result code: ``missing_field`` or ``invalid_field``."""
        return "missing_field" if self.problem == "missing" else "invalid_field"

    @property
    def message(self) -> str:
        return f"{self.key}: {PROBLEMS[self.problem][0]}."

    @property
    def message_nl(self) -> str:
        return f"{self.key}: {PROBLEMS[self.problem][1]}."

    def __str__(self) -> str:
        return self.message


def escaped(text: str) -> str:
    """``text`` safe to print on a terminal (``domain.safe_text.terminal_safe``): controls,
    bidi overrides and invisible characters become a visible ``<U+XXXX>`` (so a name cannot
    rewrite or reorder what is shown), while the zero width (non-)joiner that Persian and
    Indic spelling need stays as it is (attack round 3: ZWNJ printed as ``\\u200c``)."""
    return terminal_safe(text)


def shown(text: str, limit: int = 60) -> str:
    """:func:`escaped`, cut to at most ``limit`` characters (for echoing an argument)."""
    out = escaped(text)
    return out if len(out) <= limit else out[: limit - 1] + "…"


def plain_text(text: str) -> bool:
    """True when ``text`` has no control characters (C0, DEL, C1) and no bidi overrides."""
    return not any(c in _BIDI_CONTROLS or unicodedata.category(c) == "Cc" for c in text)


def check_patch(patch: Mapping[str, Any], *, creating: bool) -> None:
    """Raise :class:`FieldRefused` for the first field of ``patch`` the office refuses.

    ``creating``: the patch creates the case, so every :data:`REQUIRED_KEYS` must be there.
    Keys are checked in sorted order, so the same patch always names the same field.
    """
    if creating:
        for key in sorted(REQUIRED_KEYS):
            if key not in patch:
                raise FieldRefused(key, "missing")
    for key in sorted(patch):
        check_field(key, patch[key])


def check_field(key: str, value: Any, loaded: dict[str, PipVersion] | None = None) -> None:
    """Raise :class:`FieldRefused` if ``key`` with ``value`` cannot be stored everywhere.
    ``loaded``: where to keep a PIP version this check loads (by key), for a caller that
    judges the PIP history next (``domain.pip_fields.history_problem``), so a version is
    read once."""
    if not _key_ok(key):
        raise FieldRefused(shown(key), "bad_key")
    if isinstance(value, str) and len(value) <= _SURELY_SMALL:
        # a short text: no nesting, and its JSON cannot reach the size limit (encoded all
        # the same, so a lone surrogate fails here as it did when its JSON was measured)
        value.encode("utf-8")
    elif value is None or isinstance(value, bool | int | float):
        pass
    else:
        if json_depth(value) > MAX_VALUE_DEPTH:
            raise FieldRefused(key, "too_deep")
        if len(canonical_json(value).encode("utf-8")) > MAX_VALUE_BYTES:
            raise FieldRefused(key, "too_large")
    family = family_of(key)
    if loaded is not None and family is not None and key.startswith(PIP_VERSION_PREFIX):
        version = load_pip_version(key, value)
        if isinstance(version, str):
            raise FieldRefused(key, "not_pip")
        if version is not None:
            loaded[key] = version
    elif family is not None:  # the family's own words first, where it has a rule
        family.check(key, value)
    # what the office holds, a case's inburg-case/1 document carries: the reader's rule
    # (attack round 8, finding 2: an accepted value made the export fail)
    if portable_problem(value) is not None:
        raise FieldRefused(key, "not_portable")


def talks_concerned(applied: Mapping[str, Any]) -> bool:
    """Whether ``applied`` changes anything a talk is held against: a talk part, a PIP
    version or ``dates.brp_registration`` (attack round 7, finding 5: removing a lower
    talk or moving the BRP registration left talks that contradict their case)."""
    return any(
        key == VOORTGANG_BRP_KEY or key.startswith((VOORTGANG_PREFIX, PIP_VERSION_PREFIX))
        for key in applied
    )


def check_talks(applied: Mapping[str, Any], current: Mapping[str, Any], today: date) -> None:
    """Raise :class:`FieldRefused` when ``applied`` leaves a talk of the case contradicting
    its case (``domain.voortgang_fields.record_problem``: a number after a missing talk,
    held out of order, before the BRP registration or after ``today``, under a PIP version
    the case does not have, an agreement that version does not have; attack round 6,
    finding 7). Every talk is rechecked when ``applied`` touches a talk part, a PIP version
    or the BRP registration (:func:`talks_concerned`; finding 5 of round 7), but a talk
    that already broke a rule before ``applied`` and that ``applied`` does not change
    is left as it is (stored data of an older version is not made a reason to refuse
    an unrelated edit). ``applied``: the fields an op or an office edit would write;
    ``current``: the stored values of the case's ``voortgang.*``, ``pip.version.*`` and
    ``dates.brp_registration``; ``today``: the office's UTC day. The refusal names the
    talk's first changed field (or the op's first field when the talk itself is not in
    it), never a value."""
    if not talks_concerned(applied):
        return
    changed = talk_numbers(applied)
    merged = {**current, **applied}
    # the talks the op changes first: a refusal then names the talk that was written
    order = sorted(changed) + sorted(talk_numbers(merged) - changed)
    for nummer in order:
        problem = talk_record_problem(merged, nummer, today)
        if problem is None:
            continue
        if nummer not in changed and talk_record_problem(current, nummer, today) is not None:
            continue
        own = [k for k in applied if (t := talk_key_of(k)) and t.nummer == nummer]
        raise FieldRefused(min(own) if own else min(applied), problem)


def routes_concerned(applied: Mapping[str, Any]) -> bool:
    """Whether ``applied`` records route-bound progress data (``progress_fields``: the
    Z-route eindgesprek, the MAP, an exam result), which is held to the case's PIP."""
    return any(v is not None and route_item_of(k) is not None for k, v in applied.items())


def check_progress_routes(applied: Mapping[str, Any], current: Mapping[str, Any]) -> None:
    """Raise :class:`FieldRefused` (``progress_route``) naming the first field of
    ``applied`` that records progress data of a leerroute the case's PIP does not set
    (``domain.progress_fields.route_refusal``: the one rule; usability round 8, finding
    5: a Z-route eindgesprek stood on a B1 case). ``current``: the case's stored
    ``pip.version.*`` values."""
    refused = route_refusal(applied, current)
    if refused is not None:
        raise FieldRefused(refused[0], "progress_route")


ORDER_KEYS = ("person.date_of_birth", "dates.brp_registration", "person.permit_since")
"""The identity days held to each other (``handover.identity_order_problem``)."""


def check_identity_order(applied: Mapping[str, Any], current: Mapping[str, Any]) -> None:
    """Raise :class:`FieldRefused` (``identity_order``) naming the first of
    :data:`ORDER_KEYS` that ``applied`` writes when, with ``current`` (the case's stored
    values of those keys), the person would be born after the BRP registration or the
    residence permit (``domain.handover.identity_order_problem``, the rule the handover
    and ``inburg-case/1`` readers hold a case to; attack round 8, finding 2). Nothing is
    judged when ``applied`` writes none of them, or a day does not read (its own rule
    refuses that)."""
    written = [key for key in ORDER_KEYS if key in applied]
    if not written:
        return
    merged = {**current, **applied}
    days: list[date | None] = []
    for key in ORDER_KEYS:
        try:
            days.append(None if merged.get(key) is None else parse_iso_date(merged[key]))
        except (TypeError, ValueError):
            return
    if identity_order_problem(*days) is not None:
        raise FieldRefused(written[0], "identity_order")


RETENTION_CASE_KEYS = (*RETENTION_KEYS, "person.date_of_birth", "dates.brp_registration")
"""The fields :func:`check_retention_facts` reads of a case."""


def check_retention_facts(
    applied: Mapping[str, Any], current: Mapping[str, Any], today: date
) -> None:
    """Raise :class:`FieldRefused` (``retention_facts``) naming the first of
    :data:`RETENTION_CASE_KEYS` that ``applied`` writes when, with ``current`` (the case's
    stored values of those keys), the retention facts could not be counted from
    (``domain.retention.recorded_problem``: both or neither of the end and its reason,
    not before birth or the BRP registration; atk9 #2). Nothing is judged when ``applied``
    writes none of them."""
    written = [key for key in RETENTION_CASE_KEYS if key in applied]
    if not written:
        return
    problem = retention_problem({**current, **applied}, today)
    if problem is not None:
        value_level = problem in ("retentie_geen_datum", "retentie_toekomst", "retentie_geen_reden")
        raise FieldRefused(written[0], "retention_value" if value_level else "retention_facts")


def _check_retention(key: str, value: Any) -> None:
    # the facts the office's purge counts from (domain.retention, Besluit art. 9.9)
    if retention_value_problem(key, value, date.today()) is not None:
        raise FieldRefused(key, "retention_value")


@dataclass(frozen=True)
class FieldFamily:
    """A family of case fields that has a rule of its own.

    ``name``: a stable label (``identity``, ``household``, ``handhaving``, ``voortgang``,
    ``pip``, ``agenda``); ``owns(key)``: whether the key belongs to it; ``check(key,
    value)``: raises :class:`FieldRefused` for a value the family's rule refuses.
    """

    name: str
    owns: Callable[[str], bool]
    check: Callable[[str, Any], None]


def family_of(key: str) -> FieldFamily | None:
    """The family whose rule ``key`` is held to, or ``None`` for a field without one (an
    intake answer, an attachment list: text the app shows escaped)."""
    return next((family for family in FAMILIES if family.owns(key)), None)


def _check_identity_key(key: str, value: Any) -> None:
    if key not in IDENTITY_KEYS:
        raise FieldRefused(key, "unknown_identity_key")
    _check_identity(key, value)


def _check_handhaving(key: str, value: Any) -> None:
    # enforcement steps (domain.handhaving): the letter and the repeat rule read them
    if handhaving.stored_problem(key, value) is not None:
        raise FieldRefused(key, "not_handhaving")


def _check_voortgang(key: str, value: Any) -> None:
    # a talk's parts (domain.voortgang_fields): one rule for office, laptop and editor
    if voortgang_problem(key, value) is not None:
        raise FieldRefused(key, "not_voortgang")


def _check_pip(key: str, value: Any) -> None:
    """``pip.version.<n>`` and ``pip.current`` by the laptop's own loader
    (``domain.pip_fields``: the PIP letter prints the decider's name and every text)."""
    if pip_problem(key, value) is not None:
        raise FieldRefused(key, "not_pip")


def _check_agenda(key: str, value: Any) -> None:
    """``agenda.<item key>`` by the agenda's one rule (``domain.agenda_fields``)."""
    if agenda_problem(key, value) is not None:
        raise FieldRefused(key, "not_agenda")


def _check_progress(key: str, value: Any) -> None:
    """``uren.*``, ``pvt.*``, ``map.*``, ``examen.*``, ``zroute.*`` by the one rule of
    ``domain.progress_fields`` (the progress window and ``inburg voortgang`` read them)."""
    if progress_problem(key, value) is not None:
        raise FieldRefused(key, "not_progress")


def _check_aftercare(key: str, value: Any) -> None:
    """``ontzorgen.*`` and ``nazorg.*`` by the same rule (the agenda reads them)."""
    if progress_problem(key, value) is not None:
        raise FieldRefused(key, "not_aftercare")


class HandhavingRefused(FieldRefused):
    """An enforcement step the office refuses for the record it belongs to (``rule``: a
    ``domain.handhaving.RecordRule``, or ``None`` for a decision whose decider is not the
    pushing laptop's consultant, ``decider`` then naming how:
    ``protocol.decider.DeciderProblem``); the message adds the rule's words to
    ``not_handhaving``."""

    def __init__(
        self, key: str, rule: handhaving.RecordRule | None, decider: str = "decider_not_pusher"
    ) -> None:
        super().__init__(key, "not_handhaving")
        self.rule = rule
        self.decider = decider

    @property
    def message(self) -> str:
        why = PROBLEMS[self.decider][0] if self.rule is None else self.rule.english
        return f"{self.key}: {PROBLEMS[self.problem][0]}: {why}."

    @property
    def message_nl(self) -> str:
        if self.rule is None:
            why = PROBLEMS[self.decider][1]
        else:
            reason = Reason.of(self.rule.code, self.rule.dutch, artikel=self.rule.artikel)
            why = reason.render().rstrip(".")
        return f"{self.key}: {PROBLEMS[self.problem][1]}: {why}."


DECIDER_NOT_PUSHER = (
    "the decision names another consultant than the one of this laptop as its decider "
    "(AVG art. 22)",
    "het besluit noemt een andere consulent dan die van deze laptop als besluitnemer (AVG art. 22)",
)


def handhaving_records_of(patch: Mapping[str, Any]) -> frozenset[str]:
    """The ids of the enforcement records ``patch`` changes a step of."""
    return frozenset(
        match.group(1) for key in patch if (match := handhaving.KEY.fullmatch(key)) is not None
    )


def handhaving_concerned(patch: Mapping[str, Any]) -> bool:
    """Whether ``patch`` changes anything the enforcement records are held against: a step,
    or a case fact the rules read (``domain.handhaving.FACT_KEYS``: the BRP registration,
    the PIP date that fixes the termijn)."""
    return bool(handhaving_records_of(patch)) or any(k in handhaving.FACT_KEYS for k in patch)


def check_handhaving(
    applied: Mapping[str, Any],
    current: Mapping[str, Any],
    consultant: str | None,
    today: date | None = None,
) -> None:
    """Raise :class:`HandhavingRefused` when ``applied`` leaves a record of the case
    breaking the rules of ``domain.handhaving``: the record's own
    (``record_problem``: a decision above its proposal, resting on a proposal or violation
    that changed since, dated before the violation, an end without an imposed fine; attack
    round 6, findings 2, 7, 14, 15), those of the record in its case (``case_problems``:
    a proposal above what the Besluit gives for the violation and its earlier fines, an
    earlier fine the case does not hold, the fines of the termijn together above
    € 2.400, a step dated after ``today`` or before the BRP registration, an art. 23 new
    term beyond the termijn; attack round 7, findings 1-3) or those of a change
    (``change_problem``: a decision without ``grondslag``, or a change under a stored
    decision without it; finding 16); or when it records a decision whose decider is not
    ``consultant``, the pushing laptop's, by id and by printed name
    (``protocol.decider.decider_problem``; round 6 finding 3, round 7 finding 4;
    ``None``: an office edit, no laptop, so no decider to compare).

    ``applied``: the op's fields the office would write (a conflicting field keeps the
    office's value, so it is left out); ``current``: the office's stored values of every
    ``handhaving.*`` step of the case and of ``domain.handhaving.FACT_KEYS``;
    ``today``: the office's UTC day (``None``: no bound after). A decision already held
    unchanged (a conflict resolved to the office's side) is not held to the decider rule:
    it was checked when it came in. A record that already broke a rule before
    ``applied`` and that ``applied`` does not touch is left as it is. Keys checked in
    sorted order, so the same op always names the same field."""
    for key in sorted(applied):
        match = handhaving.KEY.fullmatch(key)
        if consultant is None or match is None or match.group(2) != "besluit":
            continue
        value = applied[key]
        if value is None or value == current.get(key):
            continue
        door = value.get("door") if isinstance(value, dict) else None
        problem = decider_problem(door, consultant)
        if problem is not None:
            raise HandhavingRefused(key, None, problem)
    if not handhaving_concerned(applied):
        return
    touched = handhaving_records_of(applied)
    merged = {**current, **applied}

    def first_key(record_id: str) -> str:
        own = [k for k in applied if k.startswith(handhaving.key(record_id, ""))]
        return min(own) if own else min(applied)

    before = handhaving.case_problems(current, handhaving.facts_of_fields(current, today))
    after = handhaving.case_problems(merged, handhaving.facts_of_fields(merged, today))
    for record_id in sorted(after):
        if record_id in touched or record_id not in before:
            raise HandhavingRefused(first_key(record_id), after[record_id])
    before_steps, after_steps = handhaving.record_steps(current), handhaving.record_steps(merged)
    for record_id in sorted(touched):
        rule = handhaving.change_problem(
            before_steps.get(record_id, {}), after_steps.get(record_id, {})
        )
        if rule is not None:
            raise HandhavingRefused(first_key(record_id), rule)


def check_pip_history(
    applied: Mapping[str, Any], current: Mapping[str, Any], consultant: str | None
) -> None:
    """Raise :class:`FieldRefused` when ``applied`` leaves the case's PIP fields no PIP
    history (``domain.pip_fields.history_problem``: the versions load together as the
    laptop's ``PipHistory`` and ``pip.current`` is their pointer; attack round 7, finding
    14), or sets a PIP version whose decider (``vastgesteld_door``, a beschikking, Wet art.
    15) is not ``consultant``, the pushing laptop's, by id and printed name
    (``protocol.decider``; ``None``: an office edit). A version held unchanged, or whose
    decider is unchanged, is not held to the decider rule. ``current``: the stored
    ``pip.version.*`` and ``pip.current`` of the case. Names the op's first PIP field
    (or the version concerned), never a value."""
    keys = sorted(k for k in applied if is_pip_field(k))
    if not keys:
        return
    problem = pip_history_problem({**current, **applied})
    if problem is not None:
        raise FieldRefused(keys[0], problem)
    if consultant is None:
        return
    for key in keys:
        value, held = applied[key], current.get(key)
        if key == CURRENT_PIP_KEY or not isinstance(value, dict) or value == held:
            continue
        door = value.get("vastgesteld_door")
        if door is None or (isinstance(held, dict) and held.get("vastgesteld_door") == door):
            continue
        decider = decider_problem(door, consultant, id_key="consulent_id")
        if decider is not None:
            raise FieldRefused(key, decider)


def _check_identity(key: str, value: Any) -> None:
    if value is None or value == "":
        if key in REQUIRED_KEYS or key == "person.languages":
            raise FieldRefused(key, "empty")
        if value is None:
            return
    if key == "person.languages":
        _check_languages(key, value)
        return
    if not isinstance(value, str):
        raise FieldRefused(key, "not_text")
    if not plain_text(value):
        raise FieldRefused(key, "control_characters")
    if key in DATE_KEYS:
        _check_date(key, value)
    elif key in NAME_KEYS:
        if not value.strip():
            raise FieldRefused(key, "empty")
        if len(value) > MAX_NAME:
            raise FieldRefused(key, "too_long")
        if (problem := name_problem(value)) is not None:
            hidden = problem.code in ("bidi", "invisible", "blank")
            raise FieldRefused(key, "invisible" if hidden else "not_a_name")
    elif key == "doelgroep":
        if value not in {d.value for d in Doelgroep}:
            raise FieldRefused(key, "not_doelgroep")
    elif key == "person.residence_basis":
        if value not in {b.value for b in ResidenceBasis}:
            raise FieldRefused(key, "not_residence_basis")
    elif key == "person.nationality":
        # a code the handover and inburg-case/1 readers take (attack round 8, finding 2:
        # "ZZZ" passed here and made the case's export fail): a current country, or an
        # ICAO code for stateless or unknown (domain.countries)
        if not _ALPHA3.fullmatch(value) or not countries.is_known(value):
            raise FieldRefused(key, "not_alpha3")
    elif key == "person.preferred_language":
        if not _language_tag(value):
            raise FieldRefused(key, "not_language")
    elif key == "person.v_nummer":
        if not _V_NUMMER.fullmatch(value):
            raise FieldRefused(key, "not_v_nummer")
    elif key == "person.bsn" and not is_bsn(value):
        raise FieldRefused(key, "not_bsn")  # nine digits that fail the elfproef are no one


def _check_date(key: str, value: str) -> None:
    if not _DATE.fullmatch(value):
        raise FieldRefused(key, "not_date")
    try:
        parsed = parse_iso_date(value)
    except ValueError:
        raise FieldRefused(key, "no_such_date") from None
    if not 1900 <= parsed.year <= 2100:
        raise FieldRefused(key, "date_range")


def _language_tag(value: object) -> bool:
    return (
        isinstance(value, str)
        and len(value) <= MAX_LANGUAGE_TAG
        and _BCP47.fullmatch(value) is not None
    )


def _check_languages(key: str, value: Any) -> None:
    if not isinstance(value, list) or len(value) > MAX_LANGUAGES:
        raise FieldRefused(key, "not_languages")
    if not all(_language_tag(tag) for tag in value):
        raise FieldRefused(key, "not_languages")


def _check_household(key: str, value: Any) -> None:
    """The ``household`` field by the one household rule (``domain.household.stored_problem``:
    the shape ``to_stored`` writes, known relations, one referent, the name rule, dates of
    birth in 1900-2100 and not after today, ten-digit V-nummers, at most 50 members)."""
    if stored_problem(value, date.today()) is not None:
        raise FieldRefused(key, "not_household")


FAMILIES: tuple[FieldFamily, ...] = (
    FieldFamily("retention", lambda key: key in RETENTION_KEYS, _check_retention),
    FieldFamily(
        "identity",
        lambda key: key in IDENTITY_KEYS or key.startswith(("person.", "dates.")),
        _check_identity_key,
    ),
    FieldFamily("household", lambda key: key == HOUSEHOLD_KEY, _check_household),
    FieldFamily("handhaving", lambda key: key.startswith(handhaving.PREFIX), _check_handhaving),
    FieldFamily("voortgang", lambda key: key.startswith(VOORTGANG_PREFIX), _check_voortgang),
    FieldFamily("pip", is_pip_field, _check_pip),
    FieldFamily("agenda", lambda key: key.startswith(AGENDA_PREFIX), _check_agenda),
    FieldFamily("progress", is_progress_field, _check_progress),
    FieldFamily("aftercare", is_aftercare_field, _check_aftercare),
)
"""The one registry of field rules: the office checks a pushed or edited field by it
(:func:`check_field`) and the laptop a pulled one (``sync.apply``), so a family the
office holds to a rule is never stored unchecked by a pull (attack round 6, finding 7)."""
