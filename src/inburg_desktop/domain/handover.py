"""The warme-overdracht handover file ``inburg-handover/1`` (INTERFACES.md).

Parsing is all or nothing: the first missing or bad value raises :class:`HandoverError`
naming its key (dotted, e.g. ``person.date_of_birth``). Unknown keys are kept as notes.

The file is read with :mod:`inburg_desktop.domain.json_input` (size, BOM, duplicate keys,
numbers, nesting). Names and labels may not hold control, bidi or invisible format
characters, note texts no control or bidi characters (:mod:`~.safe_text`). Nationality is
checked against the ISO 3166-1 list (:mod:`~.countries`), languages against the IANA
language subtag registry (BCP 47, through ``langcodes``).

Notes are stored as sync fields ``handover.notes.<key>``, and the sync protocol allows
only keys of ``[A-Za-z0-9_.-[]:]``, at most 500 fields per change and 256 KiB per value
(``protocol/messages.py``). So a note key the sender chose never becomes a field name as it
is: it becomes :func:`note_key`'s stable safe key and its original spelling is kept as
data (:attr:`Handover.note_labels`); and the number and size of notes are bounded here,
with a message naming the limit, so that an imported case can always be synchronised.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import langcodes

from inburg_desktop.domain import countries
from inburg_desktop.domain import household as household_rule
from inburg_desktop.domain.bsn import is_bsn
from inburg_desktop.domain.case import CaseDates, Doelgroep, Inburgeraar, ResidenceBasis
from inburg_desktop.domain.iso_date import foreign_digit, is_iso_date_text, parse_iso_date
from inburg_desktop.domain.json_input import (
    JsonInputError,
    describe_size,
    format_path,
    loads_json,
    read_bounded,
)
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.safe_text import (
    free_text_problem,
    label_problem,
    name_problem,
    person_name,
)
from inburg_desktop.domain.text import N_, Reason

FORMAT = "inburg-handover/1"
MAX_BYTES = 1_000_000
MAX_DEPTH = 32
_TAG_SYNTAX = re.compile(r"[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*")  # langcodes also takes "_"
_V_NUMMER = re.compile(r"[0-9]{10}")
_BSN = re.compile(r"[0-9]{9}")
_MAX_TEXT = 10_000
MAX_LABEL = 200
"""The longest name, label or note key, in characters."""
MAX_NOTES = 200
"""At most this many notes (``notes`` plus unknown keys kept as notes) in one file: with the
case's other fields they stay well under the 500 fields one sync change may hold."""
MAX_FIELD_BYTES = 256 * 1024
"""The largest value one field may hold (``protocol.messages.MAX_VALUE_BYTES``, kept equal by
a test): the household list, which is one field, is refused beyond it."""
MAX_LANGUAGE_TAG = 35  # RFC 5646 §4.4.1: 35 characters hold every practical tag
NOTE_KEYS = frozenset(
    {
        "opleiding",
        "werkervaring",
        "werk",
        "voorinburgering",
        "taal",
        "talen",
        "gezondheid",
        "gezin",
        "financien",
    }
)
"""The note keys the app itself chose (each shows in an intake topic); kept as they are."""
NOTE_KEY_SCHEME = "inburg-note-key/1"
"""Part of what :func:`note_key` hashes: a stored key never changes meaning."""
_SLUG_MAX = 40
KNOWN_PERSON_KEYS = {
    "v_nummer",
    "bsn",
    "given_names",
    "family_name",
    "date_of_birth",
    "nationality",
    "languages",
    "preferred_language",
    "residence_basis",
    "permit_since",
}
KNOWN_TOP_KEYS = {"format", "source", "person", "doelgroep", "dates", "household", "notes"}
DATE_KEYS = ("koppeling", "brp_registration", "duo_kennisgeving", "bijstand_start")


class HandoverError(Problem, ValueError):
    """A handover file that cannot be imported; ``key`` names the offending field.

    Code ``handover_field`` with ``key``; ``reason`` says what is wrong with it as a Dutch
    msgid and its parameters (translated at the edge, like the rules' reasons), and
    ``problem`` is that reason in Dutch (the CLI's words). ``str()`` names the key and the
    reason's msgid, never a value from the file.
    """

    default_code = "handover_field"

    def __init__(self, key: str, problem: str, **params: object) -> None:
        super().__init__(key=key)
        self.key = key
        self.reason = Reason.of("handover_field", problem, **params)
        self.reasons = (self.reason,)

    @classmethod
    def from_reason(cls, key: str, reason: Reason) -> HandoverError:
        return cls(key, reason.text, **reason.params)

    @property
    def problem(self) -> str:
        return self.reason.render()

    def __str__(self) -> str:
        return f"{self.key}: {self.reason.text}"


@dataclass(frozen=True)
class HouseholdMember:
    relation: str
    date_of_birth: date | None
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Handover:
    """A parsed handover file.

    ``notes`` maps each note's safe key (:func:`note_key`; ``extra.…`` for an unknown key
    kept as a note) to its text; ``note_labels`` maps the safe key of every note whose key
    the app did not choose to the key as the sender wrote it, to show as its label.
    """

    source: str
    person: Inburgeraar
    doelgroep: Doelgroep
    dates: CaseDates
    household: tuple[HouseholdMember, ...]
    notes: Mapping[str, str]
    note_labels: Mapping[str, str] = field(default_factory=dict)


def read_handover_file(path: str | Path) -> Handover:
    """Read and parse the handover file at ``path``.

    Raises :class:`HandoverError` (key ``(bestand)`` for the file as a whole: a directory,
    FIFO or device, larger than :data:`MAX_BYTES`, not UTF-8, not JSON) and ``OSError`` when
    the file cannot be opened or read (:func:`~.json_input.describe_os_error` words it).
    """
    try:
        data = read_bounded(path, MAX_BYTES)
    except JsonInputError as exc:
        raise HandoverError.from_reason("(bestand)", exc.reason) from None
    return parse_handover_bytes(data)


def parse_handover_bytes(data: bytes) -> Handover:
    """Parse a handover file's bytes: UTF-8 JSON (a byte order mark is allowed), at most
    :data:`MAX_BYTES`; every refusal of :func:`~.json_input.loads_json` becomes a
    :class:`HandoverError` naming the value (``(bestand)`` for the file as a whole)."""
    try:
        doc = loads_json(data, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH)
    except JsonInputError as exc:
        raise HandoverError.from_reason(exc.path or "(bestand)", exc.reason) from None
    return parse_handover(doc)


def parse_handover(doc: object, *, today: date | None = None) -> Handover:
    """Validate a decoded handover document; raises :class:`HandoverError` naming the
    field. ``today``: the day a household member's date of birth may not lie after
    (default: the system's date)."""
    top = _mapping(doc, "(bestand)")
    fmt = top.get("format")
    if fmt is None:
        raise HandoverError("format", N_("ontbreekt"))
    if fmt != FORMAT:
        raise HandoverError("format", N_("verwacht '{format}'"), format=FORMAT)
    source = _opt_text(top, "source", "source") or "onbekend"
    person_doc = _mapping(_required(top, "person", "person"), "person")
    person = Inburgeraar(
        given_names=_name(person_doc, "given_names", "person.given_names"),
        family_name=_name(person_doc, "family_name", "person.family_name"),
        date_of_birth=_date(
            _required(person_doc, "date_of_birth", "person.date_of_birth"),
            "person.date_of_birth",
        ),
        nationality=_nationality(person_doc),
        languages=_languages(person_doc),
        preferred_language=_language(person_doc, "preferred_language"),
        v_nummer=_pattern(person_doc, "v_nummer", _V_NUMMER, N_("moet tien cijfers zijn")),
        bsn=_bsn(person_doc),
        **_residence(person_doc),
    )
    doelgroep_raw = _required(top, "doelgroep", "doelgroep")
    try:
        doelgroep = Doelgroep(doelgroep_raw)
    except (ValueError, TypeError) as exc:
        allowed = ", ".join(d.value for d in Doelgroep)
        raise HandoverError(
            "doelgroep", N_("moet een van {allowed} zijn"), allowed=allowed
        ) from exc
    dates_doc = _mapping(_required(top, "dates", "dates"), "dates")
    parsed: dict[str, date | None] = {}
    for key in DATE_KEYS:
        raw = dates_doc.get(key)
        if raw is None and key == "brp_registration":
            raise HandoverError("dates.brp_registration", N_("ontbreekt"))
        parsed[key] = None if raw is None else _date(raw, f"dates.{key}")
    brp = parsed["brp_registration"]
    assert brp is not None
    dates = CaseDates(
        brp_registration=brp,
        koppeling=parsed["koppeling"],
        duo_kennisgeving=parsed["duo_kennisgeving"],
        bijstand_start=parsed["bijstand_start"],
    )
    if (
        order := identity_order_problem(person.date_of_birth, brp, person.permit_since)
    ) is not None:
        raise order
    notes, note_labels = _notes(top, person_doc, dates_doc)
    return Handover(
        source=source,
        person=person,
        doelgroep=doelgroep,
        dates=dates,
        household=_household(top.get("household"), date.today() if today is None else today),
        notes=notes,
        note_labels=note_labels,
    )


def identity_order_problem(
    date_of_birth: date | None, brp_registration: date | None, permit_since: date | None
) -> HandoverError | None:
    """Why the identity's days contradict each other, naming the later key (a person is
    born before the BRP registration and before the residence permit), or ``None`` (a
    missing day contradicts nothing). The one rule of the handover file, the
    ``inburg-case/1`` reader and the office (``protocol.field_rules.check_identity_order``;
    attack round 8, finding 2: the office took a BRP day before the birth that the
    reader refused)."""
    if date_of_birth is None:
        return None
    if brp_registration is not None and date_of_birth > brp_registration:
        return HandoverError("person.date_of_birth", N_("ligt na de BRP-inschrijving"))
    if permit_since is not None and permit_since < date_of_birth:
        return HandoverError("person.permit_since", N_("ligt vóór de geboortedatum"))
    return None


def check_by_hand(handover: Handover) -> Handover:
    """The rules a case typed by hand meets on top of :func:`parse_handover`; ``handover``
    itself, or :class:`HandoverError` naming the field.

    A statushouder's case needs the V-nummer: the IND gives it with the asylum permit
    (Vreemdelingenwet 2000 art. 107: the vreemdelingenadministratie), COA's handover
    always carries it, and it is how the office and the IND find the person again. A
    typed case without it would be unfindable and invites a duplicate. (An imported file
    is the sender's record and keeps the handover format's rule: the field is optional.)
    """
    if handover.doelgroep is Doelgroep.STATUSHOUDER and handover.person.v_nummer is None:
        raise HandoverError("person.v_nummer", N_("is verplicht voor een statushouder"))
    return handover


def _residence(doc: Mapping[str, Any]) -> dict[str, Any]:
    """Optional ``person.residence_basis`` and ``person.permit_since`` (INTERFACES.md)."""
    raw = doc.get("residence_basis")
    basis = None
    if raw is not None:
        try:
            basis = ResidenceBasis(raw)
        except (ValueError, TypeError) as exc:
            allowed = ", ".join(b.value for b in ResidenceBasis)
            raise HandoverError(
                "person.residence_basis", N_("moet een van {allowed} zijn"), allowed=allowed
            ) from exc
    since = doc.get("permit_since")
    permit_since = None if since is None else _date(since, "person.permit_since")
    return {"residence_basis": basis, "permit_since": permit_since}


def _required(doc: Mapping[str, Any], key: str, path: str) -> Any:
    if key not in doc or doc[key] is None:
        raise HandoverError(path, N_("ontbreekt"))
    return doc[key]


def _mapping(value: object, path: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise HandoverError(path, N_("moet een object zijn"))
    return value


def _check_label(value: str, path: str, *, name: bool = False) -> str:
    """``value`` if it can be a label (``domain.safe_text.label_problem``: no control,
    bidi, invisible or non-characters; ZWNJ and ZWJ only inside words of a joining
    script), or with ``name`` a person's name (``name_problem``: no symbols either), of
    at most :data:`MAX_LABEL` characters."""
    if len(value) > MAX_LABEL:
        raise HandoverError(
            path,
            N_("te lang: {length} tekens (hoogstens {most})"),
            length=len(value),
            most=MAX_LABEL,
        )
    problem = name_problem(value) if name else label_problem(value)
    if problem is not None:
        raise HandoverError.from_reason(path, problem)
    return value


def _name(doc: Mapping[str, Any], key: str, path: str) -> str:
    """A person's name: non-empty text by the one name rule (``safe_text.name_problem``),
    stripped and in NFC (``safe_text.person_name``)."""
    value = _required(doc, key, path)
    if not isinstance(value, str) or not value.strip():
        raise HandoverError(path, N_("moet niet-lege tekst zijn"))
    # the rule reads the name as sent (a singleton such as U+212A KELVIN SIGN, which NFC
    # would turn into K, is refused with its sentence); what is stored is its NFC form
    return person_name(_check_label(value, path, name=True))


def _opt_text(doc: Mapping[str, Any], key: str, path: str) -> str | None:
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise HandoverError(path, N_("moet tekst zijn"))
    return _check_label(value, path)


def _date(value: object, path: str) -> date:
    if isinstance(value, str) and (char := foreign_digit(value)) is not None:
        # A digit of another script reads as a date through int(), but is not the date
        # the sender's screen showed in 0-9: name it, as the date field does.
        raise HandoverError(
            path, N_("bevat {char}, een cijfer uit een ander schrift; alleen 0-9"), char=char
        )
    if not is_iso_date_text(value):
        raise HandoverError(path, N_("moet een datum zijn als JJJJ-MM-DD"))
    assert isinstance(value, str)
    try:
        parsed = parse_iso_date(value)
    except ValueError:
        raise HandoverError(path, N_("bestaat niet als datum")) from None
    if not 1900 <= parsed.year <= 2100:
        raise HandoverError(path, N_("valt buiten 1900–2100"))
    return parsed


def _nationality(doc: Mapping[str, Any]) -> str:
    """An ISO 3166-1 alpha-3 code of a current country or an ICAO code (XXA/XXB/XXC/XXX)."""
    path = "person.nationality"
    value = _required(doc, "nationality", path)
    if not isinstance(value, str) or not countries.is_plausible_alpha3(value):
        raise HandoverError(path, N_("moet een ISO 3166-1 alpha-3-code zijn, zoals SYR of ERI"))
    if countries.is_known(value):
        return value
    withdrawn = countries.withdrawn_name(value)
    if withdrawn is not None:
        raise HandoverError(
            path,
            N_("{value} ({withdrawn}) is geen bestaande landcode meer"),
            value=value,
            withdrawn=withdrawn,
        )
    raise HandoverError(
        path,
        N_(
            "{value} is geen bestaande ISO 3166-1 alpha-3-code; "
            "gebruik XXX als de nationaliteit onbekend is, XXA voor staatloos"
        ),
        value=value,
    )


def language_tag(value: object, path: str) -> str:
    """``value`` as a valid BCP 47 language tag (RFC 5646, checked against the IANA
    registry that ``langcodes`` ships) in its canonical case (``"AR-sy"`` → ``"ar-SY"``);
    codes are not replaced (``"prs"`` stays ``"prs"``). Raises :class:`HandoverError`."""
    if (
        not isinstance(value, str)
        or len(value) > MAX_LANGUAGE_TAG
        or not _TAG_SYNTAX.fullmatch(value)
        or not langcodes.tag_is_valid(value)
    ):
        raise HandoverError(path, N_("moet een BCP 47-taalcode zijn, zoals ar, ti of fa-AF"))
    return str(langcodes.Language.get(value, normalize=False).to_tag())


def _language(doc: Mapping[str, Any], key: str) -> str | None:
    value = doc.get(key)
    if value is None:
        return None
    return language_tag(value, f"person.{key}")


def _languages(doc: Mapping[str, Any]) -> tuple[str, ...]:
    value = doc.get("languages", [])
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > 20:
        raise HandoverError(
            "person.languages", N_("moet een lijst van hoogstens 20 taalcodes zijn")
        )
    out: list[str] = []
    for i, tag in enumerate(value):
        canonical = language_tag(tag, f"person.languages[{i}]")
        if canonical not in out:
            out.append(canonical)
    return tuple(out)


def _pattern(doc: Mapping[str, Any], key: str, pattern: re.Pattern[str], what: str) -> str | None:
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise HandoverError(f"person.{key}", what)
    return value


def _bsn(doc: Mapping[str, Any]) -> str | None:
    value = _pattern(doc, "bsn", _BSN, N_("moet negen cijfers zijn"))
    if value is not None and not is_bsn(value):
        # nine digits that fail the elfproef are a typing error, no one's number
        raise HandoverError("person.bsn", N_("is geen geldig BSN: de elfproef klopt niet"))
    return value


def _household(value: object, today: date) -> tuple[HouseholdMember, ...]:
    """The household list by the household rules of the case (``domain.household``): at
    most :data:`~.household.MAX_MEMBERS` members, each relation text (COA's English codes
    are kept as sent), at most one that means the referent (``"sponsor"`` and
    ``"referent"`` both do; Vreemdelingenbesluit 2000 art. 3.13), a date of birth as
    ``YYYY-MM-DD`` in 1900-2100 and not after ``today``."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise HandoverError("household", N_("moet een lijst zijn"))
    if len(value) > household_rule.MAX_MEMBERS:
        raise HandoverError(
            "household",
            N_("te veel gezinsleden (hoogstens {most})"),
            most=household_rule.MAX_MEMBERS,
        )
    members = []
    referent: int | None = None
    for i, item in enumerate(value):
        path = f"household[{i}]"
        doc = _mapping(item, path)
        relation = doc.get("relation")
        if not isinstance(relation, str) or not relation or len(relation) > 50:
            raise HandoverError(f"{path}.relation", N_("moet tekst zijn"))
        _check_label(relation, f"{path}.relation")
        if household_rule.HANDOVER_RELATIONS.get(relation.strip().lower()) is (
            household_rule.Relatie.REFERENT
        ):
            if referent is not None:
                raise HandoverError(
                    f"{path}.relation",
                    N_("is de tweede referent (ook gezinslid {other}); hoogstens één"),
                    other=referent + 1,
                )
            referent = i
        dob_raw = doc.get("date_of_birth")
        dob = None if dob_raw is None else _date(dob_raw, f"{path}.date_of_birth")
        if dob is not None and dob > today:
            raise HandoverError(f"{path}.date_of_birth", N_("ligt in de toekomst"))
        extra = {
            _check_label(k, _path(path, k)): _note_text(v, _path(path, k))
            for k, v in doc.items()
            if k not in ("relation", "date_of_birth")
        }
        members.append(HouseholdMember(relation, dob, extra))
    size = len(
        json.dumps(
            [
                {"relation": m.relation, "date_of_birth": str(m.date_of_birth), **m.extra}
                for m in members
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
    )
    if size > MAX_FIELD_BYTES:
        raise HandoverError(
            "household",
            N_("samen groter dan de grens van {limit}"),
            limit=describe_size(MAX_FIELD_BYTES),
        )
    return tuple(members)


def _path(parent: str, key: str) -> str:
    """A message's name for ``key`` under ``parent``, shown terminal-safe and shortened."""
    return f"{parent}.{format_path((key,))}" if parent else format_path((key,))


def _note_text(value: object, path: str) -> str:
    """A note's value as text: a string as it is, any other JSON value as compact JSON."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if len(text) > _MAX_TEXT:
        raise HandoverError(
            path,
            N_("te lang: {length} tekens (hoogstens {most})"),
            length=len(text),
            most=_MAX_TEXT,
        )
    problem = free_text_problem(text)
    if problem is not None:
        raise HandoverError.from_reason(path, problem)
    return text


def _slug(label: str) -> str:
    decomposed = unicodedata.normalize("NFKD", label)
    ascii_only = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_only).strip("_")[:_SLUG_MAX].rstrip("_")
    return slug or "notitie"


def note_key(label: str, *, app_keys: bool = True) -> str:
    """The key a note whose key the sender wrote as ``label`` is stored under.

    A label whose slug (below) is one of :data:`NOTE_KEYS` gets that key when
    ``app_keys``: ``"Opleiding"`` and ``"Financiën"`` → ``"opleiding"``, ``"financien"``.
    Any other label becomes ``<slug>-<hash>``: the label in lower-case ASCII letters,
    digits and ``_`` (at most 40; ``notitie`` when nothing is left, e.g. for an Arabic
    label), then the first 10 hex digits of SHA-256 over :data:`NOTE_KEY_SCHEME`, a NUL
    and the label (without surrounding blanks) in Unicode NFC.
    ``"medische bijzonderheden"`` → ``"medische_bijzonderheden-…"``. Deterministic, so the
    same label gives the same key on every laptop and at the office, in every version
    (a test pins examples); valid as a sync field key; at most 51 characters.
    """
    text = unicodedata.normalize("NFC", label.strip())
    slug = _slug(text)
    if app_keys and slug in NOTE_KEYS:
        return slug
    digest = hashlib.sha256(f"{NOTE_KEY_SCHEME}\x00{text}".encode()).hexdigest()[:10]
    return f"{slug}-{digest}"


class _NoteEntry(NamedTuple):
    parent: str  # where the key stands: "notes", "" (top level), "person" or "dates"
    key: str  # the key as the sender wrote it
    value: Any

    @property
    def path(self) -> str:
        return _path(self.parent, self.key)

    @property
    def label(self) -> str:
        """What the consultant sees: the key, with its place for an unknown key."""
        kept = self.key.strip()
        return f"{self.parent}.{kept}" if self.parent not in ("", "notes") else kept

    @property
    def safe_key(self) -> str:
        if self.parent == "notes":
            return note_key(self.key)
        return "extra." + note_key(self.label, app_keys=False)


def _notes(
    top: Mapping[str, Any], person: Mapping[str, Any], dates: Mapping[str, Any]
) -> tuple[dict[str, str], dict[str, str]]:
    """Notes plus every unknown key, kept as text (INTERFACES.md: never an error).

    Returns ``notes`` (safe key → text) and ``note_labels`` (safe key → the sender's
    spelling, for every key the app did not choose). Raises :class:`HandoverError` for
    more than :data:`MAX_NOTES` notes, a key that is empty, too long or holds control,
    bidi or invisible characters, a note text that is too long or holds control or bidi
    characters, and two keys that come to the same safe key (``"Opleiding"`` and
    ``"opleiding"``).
    """
    entries: list[_NoteEntry] = []
    raw = top.get("notes")
    if raw is not None:
        entries += [_NoteEntry("notes", k, v) for k, v in _mapping(raw, "notes").items()]
    entries += [_NoteEntry("", k, v) for k, v in top.items() if k not in KNOWN_TOP_KEYS]
    entries += [_NoteEntry("person", k, v) for k, v in person.items() if k not in KNOWN_PERSON_KEYS]
    entries += [_NoteEntry("dates", k, v) for k, v in dates.items() if k not in DATE_KEYS]
    if len(entries) > MAX_NOTES:
        raise HandoverError(
            "notes",
            N_("te veel notities: {count}, met onbekende velden samen hoogstens {most}"),
            count=len(entries),
            most=MAX_NOTES,
        )
    notes: dict[str, str] = {}
    labels: dict[str, str] = {}
    spelled: dict[str, str] = {}
    for entry in entries:
        if not entry.key.strip():
            raise HandoverError(entry.parent or "(bestand)", N_("een notitie zonder naam"))
        _check_label(entry.key, entry.path)
        key = entry.safe_key
        if key in notes:
            raise HandoverError(
                entry.path,
                N_("staat al in het bestand als '{spelled}'"),
                spelled=format_path((spelled[key],)),
            )
        notes[key] = _note_text(entry.value, entry.path)
        spelled[key] = entry.key
        if key not in NOTE_KEYS:
            labels[key] = entry.label
    return notes, labels
