"""Everything held about one person, in readable Dutch: the content of the subject-access
PDF (AVG art. 15: the person's right to a copy of their personal data and to know the
purposes, recipients, retention and their rights; art. 12 lid 1: "in a concise,
transparent, intelligible and easily accessible form, using clear and plain language").

The source is an ``inburg-case/1`` document (``domain.case_document``), so the laptop's
export, the office's export and a document handed in all read the same way; the vault
adds what only it knows of the case's synchronisation (:class:`SyncHistory`). What is
built here is plain text in sections (:class:`SubjectAccessReport`); ``pdf.subject_access``
draws it. Rules of the words:

* every stored value appears, in words: an intake answer by its label in the
  questionnaire (not its code), a date as "11 mei 2026", a yes/no as "ja"/"nee", a
  structured value (the household, a talk, an enforcement step) one line per part
  (``protocol.set_aside_describe``: the same words the consultant reads elsewhere);
* numbers as Dutch writes them ("6,5"), moments in Dutch local time with the zone named
  (``formatting.decision_moment``), a progress entry on one line, no internal
  bookkeeping (no device ids, the changes waiting to be sent as one line);
* of the household only what is the person's own (AVG art. 15 lid 4:
  ``domain.subject_access.own_household``), whatever document is read;
* the PIP versions as a summary (number, status, date, route, who set it, why it was
  amended): the decision itself is the PIP's own PDF, which the person already holds;
* the texts are Dutch msgids, never looked up in the UI language: the document is Dutch
  whatever language the consultant's screen speaks;
* the annex holds only texts a translator wrote (the prompts catalogue's translations,
  ``prompts.translations.has_translation``); what has no translation is left out, never
  made up, and a concept translation is marked as such.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from inburg_desktop.domain import handhaving as handhaving_records
from inburg_desktop.domain.audit import AuditEntry
from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.case_document import (
    PIP_VERSION_PREFIX,
    CaseDocument,
    FieldEntry,
    Herkomst,
)
from inburg_desktop.domain.household import HANDOVER_RELATIONS
from inburg_desktop.domain.letterhead import Letterhead
from inburg_desktop.domain.nationality_names import nationality_nl
from inburg_desktop.domain.pip import CURRENT_KEY, PipFormatError, PipHistory, PipVersion
from inburg_desktop.domain.progress_fields import is_aftercare_field, is_progress_field
from inburg_desktop.domain.subject_access import (
    ACTION_WORDS,
    HERKOMST_WORDS,
    PIP_STATUS_WORDS,
    RIGHTS_CONTEXT,
    RIGHTS_SOURCE,
    Annex,
    Entry,
    Section,
    SubjectAccessReport,
    SyncHistory,
    for_person,
    rights_contexts,
)
from inburg_desktop.formatting import (
    DOELGROEP_LABELS,
    EXAMENONDERDEEL_LABELS,
    OVERTREDING_LABELS,
    RELATIE_LABELS,
    RESIDENCE_LABELS,
    ROUTE_LABELS,
    STAND_LABELS,
    TEVREDENHEID_LABELS,
    UREN_SOORT_LABELS,
    VERWIJTBAARHEID_LABELS,
    WAARSCHUWING_LABELS,
    decision_date,
    decision_list,
    decision_moment,
    decision_number,
)
from inburg_desktop.locale_names import language_name
from inburg_desktop.prompts.catalogue import NOTES_FIELD_ID, Catalogue, Field, FieldType, Topic
from inburg_desktop.prompts.translations import has_translation, is_concept, prompt_text
from inburg_desktop.protocol.handover_fields import HANDOVER_NOTES_PREFIX
from inburg_desktop.protocol.handover_fields import SOURCE as HANDOVER_SOURCE
from inburg_desktop.protocol.set_aside_describe import (
    family_label,
    flatten,
    part_label,
    value_words,
)
from inburg_desktop.services.field_labels import (
    BOOKKEEPING_LABELS,
    IDENTITY_LABELS,
    progress_label,
)
from inburg_desktop.services.handhaving_text import STAP_LABELS, reference
from inburg_desktop.services.intake_coa import note_label
from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.services.prompt_languages import shipped_code
from inburg_desktop.services.route_advice_input import ADVISED, CHOSEN, CHOSEN_AT, REASON

SOURCE_WORDS = {
    "coa": "van het COA",
    "office": "van het kantoor",
    "consultant": "door de consulent",
}
# The consultant's route choice, kept beside the intake's answers (services/route_advice_input.py;
# AVG art. 22: the person reads who chose and why).
ROUTE_CHOICE_LABELS = {
    ADVISED: "Advies van de app voor de leerroute",
    CHOSEN: "Door de consulent gekozen leerroute",
    CHOSEN_AT: "Datum van de keuze",
    REASON: "Reden van de keuze",
}

# Which section a field belongs to, by the first part of its key (the sync protocol's
# families: protocol/field_rules.py).
_SECTION_OF = {
    "household": "household",
    "handover": "handover",
    "oproep": "intake_contact",
    "session": "intake_contact",
    "voortgang": "voortgang",
    "handhaving": "handhaving",
    "agenda": "agenda",
}


# --- values in words -------------------------------------------------------------------


def _words(value: Any, path: tuple[str | int, ...] = ()) -> str:
    """Any stored value in Dutch words (dates "11 mei 2026", yes/no, codes as words)."""
    return value_words(
        value, path, day=decision_date, number=decision_number, moment=decision_moment
    )


CODED_WORDS: dict[tuple[str, str], str] = {
    **{("soort", k.value): v for k, v in UREN_SOORT_LABELS.items()},  # hours per kind
    **{("onderdeel", k.value): v for k, v in EXAMENONDERDEEL_LABELS.items() if k is not None},
    **{("soort", k.value): v for k, v in OVERTREDING_LABELS.items()},
    **{("verwijtbaarheid", k.value): v for k, v in VERWIJTBAARHEID_LABELS.items()},
    **{("wijze", k.value): v for k, v in WAARSCHUWING_LABELS.items()},
    **{("relation", k.value): v for k, v in RELATIE_LABELS.items()},  # household member
    # the COA's relation codes (English) as the relation the household makes of them
    **{("relation", k): RELATIE_LABELS[v] for k, v in HANDOVER_RELATIONS.items()},
    **{("stand", k.value): v for k, v in STAND_LABELS.items()},
    **{("tevredenheid", k.value): v for k, v in TEVREDENHEID_LABELS.items()},
}
"""A stored code by the part of the case it stands in (a step of handhaving, a household
member's relation, a talk's progress and satisfaction): the Dutch words the screens and
letters use (``formatting``'s msgids), instead of the code with spaces."""


def _coded(names: Sequence[str | int], value: Any) -> str | None:
    """The words of ``value`` when the nearest named part it stands in codes it."""
    if not isinstance(value, str):
        return None
    for name in reversed(names):
        if isinstance(name, str) and (name, value) in CODED_WORDS:
            return CODED_WORDS[(name, value)]
    return None


def _structured(label: str, value: Any, key: str = "") -> list[Entry]:
    """A value as entries: a scalar (or a list of scalars) one, a structure one per part;
    ``key`` (the field's key) names what a scalar code stands in."""
    segments = tuple(key.split(".")) if key else ()
    if not isinstance(value, (Mapping, list)) or (
        isinstance(value, list) and all(not isinstance(v, (Mapping, list)) for v in value)
    ):
        return [Entry(label, _coded(segments, value) or _words(value))]
    parts = flatten(value)
    if not parts:
        return [Entry(label, _words(None))]
    out = []
    for path, part in parts.items():
        name = part_label(path)
        words = _coded((*segments, *path), part) or _words(part, path)
        out.append(Entry(f"{label} – {name}" if name else label, words))
    return out


def _origin(entry: FieldEntry) -> str:
    """Where a value came from, when not from the consultant, and whether it is confirmed."""
    if entry.source == "consultant":
        return ""
    words = SOURCE_WORDS.get(entry.source, f"bron: {entry.source}")
    return f" ({words}{'' if entry.confirmed else ', nog niet bevestigd'})"


def intake_words(item: Field, value: Any) -> str:
    """An intake answer in Dutch words: option labels instead of codes, dates in words,
    ja/nee, a group one row per member ("; " between rows)."""
    if value is None or value == "" or value == []:
        return _words(None)
    if item.type is FieldType.BOOLEAN and isinstance(value, bool):
        return "ja" if value else "nee"
    if item.type is FieldType.CHOICE:
        return _option(item, value)
    if item.type is FieldType.MULTICHOICE and isinstance(value, list):
        return ", ".join(_option(item, v) for v in value)
    if item.type is FieldType.GROUP and isinstance(value, list):
        rows = []
        for row in value:
            if isinstance(row, Mapping):
                parts = []
                for sub in item.fields:
                    if row.get(sub.id) not in (None, "", []):
                        parts.append(f"{sub.label}: {intake_words(sub, row.get(sub.id))}")
                known = {sub.id for sub in item.fields}
                parts.extend(
                    f"{part_label((k,))}: {_words(v)}" for k, v in row.items() if k not in known
                )
                rows.append(", ".join(parts))
            else:
                rows.append(_words(row))
        return "; ".join(rows)
    return _words(value)


def _option(item: Field, value: Any) -> str:
    for option in item.options:
        if option.value == value:
            return option.label
    return _words(value)


# --- the sections ------------------------------------------------------------------------


def _identity(doc: CaseDocument) -> Section:
    p, d = doc.person, doc.dates

    def day(value: date | None) -> str:
        return decision_date(value) if value is not None else _words(None)

    nationality = nationality_nl(p.nationality)
    entries = [
        Entry(IDENTITY_LABELS["person.given_names"], p.given_names),
        Entry(IDENTITY_LABELS["person.family_name"], p.family_name),
        Entry(IDENTITY_LABELS["person.date_of_birth"], decision_date(p.date_of_birth)),
        Entry(
            IDENTITY_LABELS["person.nationality"],
            f"{nationality} ({p.nationality})" if nationality else p.nationality,
        ),
        Entry(
            IDENTITY_LABELS["person.languages"],
            ", ".join(_language(tag) for tag in p.languages) or _words(None),
        ),
        Entry(
            IDENTITY_LABELS["person.preferred_language"],
            _language(p.preferred_language) if p.preferred_language else _words(None),
        ),
        Entry(IDENTITY_LABELS["person.v_nummer"], p.v_nummer or _words(None)),
        Entry(IDENTITY_LABELS["person.bsn"], p.bsn or _words(None)),
        Entry(
            "Verblijfsgrond",
            RESIDENCE_LABELS[p.residence_basis] if p.residence_basis else _words(None),
        ),
        Entry("Verblijfsvergunning sinds", day(p.permit_since)),
        Entry(IDENTITY_LABELS["doelgroep"], DOELGROEP_LABELS[doc.doelgroep]),
        Entry(IDENTITY_LABELS["dates.brp_registration"], decision_date(d.brp_registration)),
        Entry(IDENTITY_LABELS["dates.koppeling"], day(d.koppeling)),
        Entry(IDENTITY_LABELS["dates.duo_kennisgeving"], day(d.duo_kennisgeving)),
        Entry(IDENTITY_LABELS["dates.bijstand_start"], day(d.bijstand_start)),
        Entry(IDENTITY_LABELS["dates.pip_date"], day(d.pip_date)),
        Entry("Inschrijving BRP na verhuizing", day(d.brp_after_move)),
        Entry("Dossiernummer", doc.case.id),
        Entry("Dossier aangemaakt", _moment(doc.case.created_at)),
        Entry("Laatst gewijzigd", _moment(doc.case.updated_at)),
    ]
    return Section(
        "1. Uw persoonsgegevens",
        "Wie u bent en de datums die voor uw inburgering tellen. Wij gebruiken ze om uw "
        "inburgering te begeleiden (Wet inburgering 2021, art. 13 tot en met 18).",
        tuple(entries),
    )


def _language(tag: str) -> str:
    name = language_name(tag, "nl")
    return name if name.casefold() != tag.casefold() else tag


def _moment(at: datetime) -> str:
    """A stored moment (aware, UTC) as the person reads it: Dutch local time, zone named."""
    return decision_moment(at if at.tzinfo else at.replace(tzinfo=UTC))


def _intake(fields: Mapping[str, FieldEntry], catalogue: Catalogue) -> tuple[Section, set[str]]:
    """Per topic of the questionnaire, in its order, every answer with its label."""
    used: set[str] = set()
    entries: list[Entry] = []
    for topic in catalogue.topics:
        prefix = f"intake.{topic.id}."
        keys = sorted(k for k in fields if k.startswith(prefix))
        if not keys:
            continue
        entries.append(Entry(topic.title, ""))
        for item in topic.fields:
            key = prefix + item.id
            if key in fields:
                label = catalogue.notes_label if item.id == NOTES_FIELD_ID else item.label
                entries.append(
                    Entry(label, intake_words(item, fields[key].value) + _origin(fields[key]))
                )
                used.add(key)
        for key in keys:
            if key in used:
                continue
            rest = key[len(prefix) :]
            bookkeeping = BOOKKEEPING_LABELS.get(rest)
            if key in ROUTE_CHOICE_LABELS:
                entries.append(Entry(ROUTE_CHOICE_LABELS[key], _route_words(fields[key].value)))
            elif bookkeeping is not None:
                entries.append(Entry(f"Onderwerp {bookkeeping}", _words(fields[key].value)))
            else:  # an answer to a question the questionnaire no longer asks: still shown
                entries.extend(_structured(part_label(tuple(rest.split("."))), fields[key].value))
            used.add(key)
    for key in sorted(k for k in fields if k.startswith("intake.") and k not in used):
        entries.extend(_structured(key.removeprefix("intake."), fields[key].value))
        used.add(key)
    silent = [
        t.title
        for t in catalogue.topics
        if not any(k.startswith(f"intake.{t.id}.") for k in fields)
    ]
    if silent:  # every topic of the intake is named, also those nothing was recorded of
        entries.append(Entry("Onderwerpen waarover niets is vastgelegd", ", ".join(silent)))
    return (
        Section(
            "3. De brede intake",
            "Wat u in de brede intake hebt verteld en wat de consulent heeft vastgelegd, per "
            "onderwerp (Wet inburgering 2021, art. 14; Besluit inburgering 2021, art. 5.2). "
            "Gegevens over uw gezondheid gebruiken wij alleen voor de intake, het PIP en uw "
            "begeleiding (Wet art. 37 lid 2).",
            tuple(entries),
        ),
        used,
    )


def _route_words(value: Any) -> str:
    """A stored leerroute code by its name; any other value in words."""
    try:
        return ROUTE_LABELS[Leerroute(value)]
    except ValueError:
        return _words(value)


def _part_name(key: str, catalogue: Catalogue) -> str:
    """The part of the case a field key belongs to, in words, for the synchronisation
    lines: "Persoonsgegevens", "Brede intake: Opleiding", "PIP", "Voortgangsgesprek 2"."""
    head = key.partition(".")[0]
    if key in IDENTITY_LABELS or head in ("person", "dates", "doelgroep"):
        return "Persoonsgegevens"
    if head == "intake":
        topic = key.split(".")[1] if key.count(".") >= 1 else ""
        try:
            return f"Brede intake: {catalogue.topic(topic).title}"
        except KeyError:
            return "Brede intake"
    if head == "handover":
        return "Gegevens van het COA"
    return family_label(key) if family_label(key) != "Gegeven" else "Overige gegevens"


def _pip(fields: Mapping[str, FieldEntry]) -> tuple[Section, set[str]]:
    """The PIP versions as a summary; the decision itself is the PIP's own PDF."""
    versions = {k: f.value for k, f in fields.items() if k.startswith(PIP_VERSION_PREFIX)}
    used = set(versions)
    entries: list[Entry] = []
    try:
        history = PipHistory.from_storage(versions)
    except PipFormatError:
        history = None
    if history is not None:
        for version in history.versions:
            entries.append(Entry(f"PIP versie {version.nummer}", _pip_line(version)))
    elif versions:
        entries.append(Entry("PIP", "de opgeslagen versies zijn niet te lezen"))
    if CURRENT_KEY in fields:
        used.add(CURRENT_KEY)
        in_force = history.in_force if history is not None else None
        entries.append(
            Entry(
                "PIP dat nu geldt",
                f"versie {in_force.nummer}" if in_force is not None else "nog geen",
            )
        )
    for key in sorted(k for k in fields if k.startswith("pip.") and k not in used):
        entries.extend(_structured(family_label(key) + " – " + _rest(key), fields[key].value, key))
        used.add(key)
    return (
        Section(
            "4. Uw Plan Inburgering en Participatie (PIP)",
            "Een samenvatting van elke versie van uw PIP. Het besluit zelf, met alle "
            "afspraken, hebt u als brief gekregen (Wet inburgering 2021, art. 15).",
            tuple(entries),
            "Er is nog geen PIP gemaakt.",
        ),
        used,
    )


def _pip_line(version: PipVersion) -> str:
    parts = [PIP_STATUS_WORDS[version.status]]
    if version.dagtekening is not None:
        parts.append(f"datum besluit {decision_date(version.dagtekening)}")
    if version.signed_on is not None:
        parts.append(f"ondertekend op {decision_date(version.signed_on)}")
    parts.append(f"gemaakt op {decision_date(version.created_on)}")
    route = version.beschikking.leerroute
    parts.append(f"leerroute: {ROUTE_LABELS[route]}" if route else "nog geen leerroute")
    if version.vastgesteld_door is not None:
        parts.append(f"vastgesteld door {version.vastgesteld_door.naam}")
    if version.reden:
        parts.append(f"reden van de wijziging: {version.reden}")
    return "; ".join(parts)


def _rest(key: str) -> str:
    head, _, rest = key.partition(".")
    return part_label(tuple(p for p in rest.split(".") if p)) or head


def _section_of(key: str) -> str | None:
    """The section a field belongs to: by its family (:data:`_SECTION_OF`), and the
    progress, ontzorgen and nazorg fields (``domain.progress_fields``) with the talks."""
    if is_progress_field(key) or is_aftercare_field(key):
        return "voortgang"
    return _SECTION_OF.get(key.partition(".")[0])


def _family(
    fields: Mapping[str, FieldEntry], family: str, number: str, title: str, intro: str, empty: str
) -> tuple[Section, set[str]]:
    keys = sorted(k for k in fields if _section_of(k) == family)
    entries: list[Entry] = []
    progress: list[Entry] = []
    for key in keys:
        label = _key_label(key)
        if is_progress_field(key) or is_aftercare_field(key):
            # one line per entry (hours, an activity, an exam result), its parts in words:
            # a list of "uren – van", "uren – tot" rows read as bookkeeping
            progress.append(Entry(label, _one_line(fields[key].value, key)))
            continue
        for entry in _structured(label, fields[key].value, key):
            entries.append(Entry(entry.label, entry.text + _origin(fields[key])))
    entries.extend(sorted(progress, key=lambda e: (e.label, e.text)))
    return Section(f"{number}. {title}", intro, tuple(entries), empty), set(keys)


def _one_line(value: Any, key: str) -> str:
    """A structured value as one line, "soort: NT2-les; uren: 6,5; van: 2 oktober 2026",
    parts without a value left out (they say nothing to the person)."""
    if not isinstance(value, (Mapping, list)):
        return _coded(tuple(key.split(".")), value) or _words(value)
    segments = tuple(key.split("."))
    parts = [
        f"{part_label(path)}: {_coded((*segments, *path), part) or _words(part, path)}"
        for path, part in flatten(value).items()
        if part not in (None, "", [])
    ]
    return "; ".join(parts) or _words(None)


def _key_label(key: str) -> str:
    """A field's name in Dutch words: its family ("Voortgangsgesprek 2", "Handhaving
    H-A1B2C3: besluit") and the rest of its key as words."""
    if key in IDENTITY_LABELS:
        return IDENTITY_LABELS[key]
    if key == HANDOVER_SOURCE:
        return "Afzender van de warme overdracht"
    if key.startswith(HANDOVER_NOTES_PREFIX):
        return note_label(key.removeprefix(HANDOVER_NOTES_PREFIX), words=str)
    progress = progress_label(key, words=str)
    if progress is not None:
        return progress
    record = handhaving_records.KEY.fullmatch(key)
    if record is not None:  # the record's reference as the letters and screens print it
        return f"Handhaving {reference(record.group(1))}: {STAP_LABELS[record.group(2)]}"
    family = family_label(key)
    head, _, rest = key.partition(".")
    if head == "voortgang":
        rest = rest.partition(".")[2]  # the number is in the family's words already
    if family == "Gegeven":
        return part_label(tuple(p for p in key.split(".") if p))
    words = part_label(tuple(p for p in rest.replace(":", ".").split(".") if p))
    return f"{family} – {words}" if words else family


def _conflicts_and_set_aside(doc: CaseDocument) -> Section:
    entries: list[Entry] = []
    for c in doc.conflicts:
        label = _key_label(c.field_key)
        entries.append(
            Entry(
                f"Verschil sinds {_moment(c.created_at)}: {label}",
                f"op het kantoor: {_words(c.office_value)}; op de laptop: {_words(c.laptop_value)}",
            )
        )
    for q in doc.quarantine:
        way = (
            "niet door het kantoor aangenomen"
            if q.direction == "push"
            else "van het kantoor, niet verwerkt"
        )
        entries.append(Entry(f"Apart gezet op {_moment(q.created_at)}", f"{way}: {q.message}"))
        for key, value in q.patch.items():
            entries.extend(_structured(f"  {_key_label(key)}", value, key))
    return Section(
        "10. Verschillen en apart gezette wijzigingen",
        "Gegevens die op de laptop en op het kantoor verschillend zijn gewijzigd, en "
        "wijzigingen die bij het synchroniseren apart zijn gezet. De consulent beslist welke "
        "waarde geldt; niets gaat verloren.",
        tuple(entries),
        "Er zijn geen verschillen of apart gezette wijzigingen.",
    )


ATTACHMENT_FIELD = "attachment."  # services.pip_attachments.FIELD_PREFIX: a file described
KIND_WORDS = {
    "pip_signed": "ondertekend PIP",
    "pip_scan": "ingescand ondertekend PIP",
    "scan": "gescande brief",
}


def _attachments(doc: CaseDocument, fields: Mapping[str, FieldEntry]) -> tuple[Section, set[str]]:
    """The case's files: each stored file, and each file a field describes (kind, PIP
    version, type, size, checksum), in one list; the files themselves are not printed."""
    described = {
        key[len(ATTACHMENT_FIELD) :]: entry.value
        for key, entry in fields.items()
        if key.startswith(ATTACHMENT_FIELD) and isinstance(entry.value, Mapping)
    }
    entries: list[Entry] = []
    held = {a.sha256 for a in doc.attachments}
    for a in doc.attachments:
        about = described.get(a.sha256, {})
        version = about.get("version")
        entries.append(
            Entry(
                KIND_WORDS.get(a.kind, a.kind.replace("_", " ")),
                (f"PIP-versie {version}; " if isinstance(version, int) else "")
                + f"{a.media_type}, {decision_number(len(a.content))} bytes, opgeslagen op "
                f"{_moment(a.created_at)}; controlegetal (SHA-256) {a.sha256}",
            )
        )
    for sha, about in sorted(described.items()):
        if sha in held:
            continue
        parts = [f"{part_label((k,))}: {_words(v, (k,))}" for k, v in sorted(about.items())]
        entries.append(Entry("Bestand (niet op deze plek opgeslagen)", "; ".join(parts)))
    section = Section(
        "11. Bestanden bij uw dossier",
        "Documenten die bij uw dossier zijn opgeslagen. Een kopie krijgt u op verzoek.",
        tuple(entries),
        "Er zijn geen bestanden opgeslagen.",
    )
    return section, {ATTACHMENT_FIELD + sha for sha in described}


def _audit(entries: Sequence[AuditEntry]) -> Section:
    lines = tuple(
        Entry(
            _moment(e.at),
            # who did what to which part; the device's id is the log's bookkeeping
            f"{ACTION_WORDS.get(e.action, e.action)} door {e.actor} ({_part_words(e.part)})",
        )
        for e in sorted(entries, key=lambda e: (e.at, e.device_id, e.seq))
    )
    return Section(
        "12. Wie uw gegevens heeft gebruikt",
        "Wie uw dossier heeft bekeken, gewijzigd, geëxporteerd, afgedrukt of "
        "gesynchroniseerd, wanneer en welk deel (AVG art. 15 lid 1 c).",
        lines,
        "In dit overzicht is geen logboek van gebruik opgenomen; de plek waar het is "
        "gemaakt hield er (nog) geen bij.",
    )


def _part_words(part: str) -> str:
    return _key_label(part) if "." in part else part


def _sync(history: SyncHistory | None, herkomst: Herkomst, catalogue: Catalogue) -> Section:
    if history is None:
        return Section(
            "13. Uitwisseling met het kantoor",
            "Wanneer gegevens tussen de laptop van de consulent en het kantoor zijn verstuurd.",
            (),
            f"Dit overzicht is gemaakt op {HERKOMST_WORDS[herkomst]}, waar niet is bijgehouden "
            "wanneer gegevens zijn verstuurd.",
        )
    entries = [
        Entry(
            "Laatst door het kantoor bevestigd",
            f"versie {history.office_version} van uw dossier"
            if history.office_version
            else "nog nooit gesynchroniseerd",
        )
    ]
    if history.waiting:
        # the outbox's rows are the laptop's bookkeeping: the person reads which parts of
        # their case wait to be sent, and since when
        since = min(made_at for made_at, _keys in history.waiting)
        parts = dict.fromkeys(
            _part_name(key, catalogue) for _made, keys in history.waiting for key in keys
        )
        entries.append(
            Entry(
                "Nog niet naar het kantoor gestuurd",
                f"wijzigingen sinds {_moment(since)} in: "
                + (decision_list(sorted(parts)) if parts else "het hele dossier"),
            )
        )
    entries.append(
        Entry(
            "Bestanden",
            f"{history.attachments_sent} bij het kantoor, {history.attachments_waiting} nog te "
            "versturen",
        )
    )
    return Section(
        "13. Uitwisseling met het kantoor",
        "Wat de laptop van de consulent naar het kantoor van de gemeente heeft gestuurd of nog "
        "moet sturen (alleen wanneer en welk deel; de gegevens zelf staan hierboven).",
        tuple(entries),
    )


def rights_text(head: Letterhead) -> tuple[str, ...]:
    """The rights of the person whose data these are (AVG art. 15–22, 77) and where to go,
    in plain Dutch; the gemeente's address from the letterhead."""
    where = f"{head.name}, {head.postal_address}"
    return (
        "U hebt recht op inzage in uw gegevens (AVG art. 15). Dit overzicht is die inzage. "
        "Wij gebruiken uw gegevens om uw inburgering te begeleiden: voor de brede intake, uw "
        "Plan Inburgering en Participatie, de voortgangsgesprekken en de handhaving (Wet "
        "inburgering 2021, art. 14 tot en met 23 en 37). Wij delen ze met DUO, en met "
        "organisaties die u begeleiden als dat voor uw begeleiding nodig is (Wet art. 34 tot "
        "en met 36).",
        "Wij bewaren uw gegevens tot 5 jaar na het einde van uw inburgeringsplicht; sommige "
        "gegevens over wie u bent en de uitkomst langer, ten hoogste 50 jaar (Besluit "
        "inburgering 2021, art. 9.9).",
        "Kloppen uw gegevens niet? Dan mag u vragen ze te verbeteren of aan te vullen (AVG "
        "art. 16). U mag vragen gegevens te wissen (art. 17) of het gebruik te beperken "
        "(art. 18). U krijgt uw gegevens ook als bestand dat een computer kan lezen (art. 20; "
        "het inburg-case/1-bestand). U mag bezwaar maken tegen het gebruik van uw gegevens "
        "(art. 21). Een besluit over u neemt altijd een mens, niet alleen een computer "
        f"(art. 22). Stuur uw verzoek of bezwaar naar {where}. Wij antwoorden binnen een "
        "maand (art. 12 lid 3).",
        "Bent u het niet eens met een besluit van de gemeente, zoals uw PIP of een boete? "
        "Maak dan binnen 6 weken bezwaar bij de gemeente (Algemene wet bestuursrecht, art. "
        "6:7). Hebt u een klacht over hoe wij met uw gegevens omgaan? Dan kunt u terecht bij "
        "de functionaris gegevensbescherming van de gemeente, en bij de Autoriteit "
        "Persoonsgegevens (AVG art. 77; autoriteitpersoonsgegevens.nl).",
    )


# --- the annex ---------------------------------------------------------------------------


def annex_for(
    fields: Mapping[str, FieldEntry], catalogue: Catalogue, lang: str, gemeente: str = ""
) -> Annex | None:
    """The annex in ``lang``, from the catalogue's translations only: the intake's topics
    and answers (a topic whose title has no translation is left out, and so is an answer
    whose label, or chosen option, has none) and the person's rights
    (``domain.subject_access.RIGHTS_SOURCE``, ``{gemeente}``: where to send a request;
    left out unless every sentence is translated). ``None`` only when ``lang`` has no
    translated prompts at all (no annex beats a Dutch one posing as a translation): a
    case with little recorded still gets the annex, with its rights (usability round 8
    #7)."""
    source = dict(catalogue.all_prompt_texts())
    if not has_translation("catalogue.title", lang):
        return None

    def text(context: str) -> str | None:
        return prompt_text(context, lang, source) if has_translation(context, lang) else None

    entries: list[Entry] = []
    for topic in catalogue.topics:
        title = text(f"topic.{topic.id}.title")
        answered = [item for item in topic.fields if f"intake.{topic.id}.{item.id}" in fields]
        if title is None or not answered:
            continue
        rows = _annex_rows(topic, answered, fields, text)
        if rows:
            entries.append(Entry(title, ""))
            entries.extend(rows)
    rights = [
        prompt_text(RIGHTS_CONTEXT + key, lang, RIGHTS_TEXTS)
        if has_translation(RIGHTS_CONTEXT + key, lang)
        else None
        for key in RIGHTS_SOURCE
    ]
    complete = [r for r in rights if r is not None]
    if len(complete) != len(rights):
        complete = []
    return Annex(
        lang=lang,
        title=text("catalogue.title") or "",
        entries=tuple(entries),
        concept=is_concept(lang),
        rights_title=complete[0] if complete else "",
        rights=tuple(r.format(gemeente=gemeente) for r in complete[1:]),
    )


RIGHTS_TEXTS = rights_contexts()


def _annex_rows(
    topic: Topic,
    items: Iterable[Field],
    fields: Mapping[str, FieldEntry],
    text: Callable[[str], str | None],
) -> list[Entry]:
    rows: list[Entry] = []
    for item in items:
        if item.id == NOTES_FIELD_ID or item.type is FieldType.GROUP:
            continue  # free notes and groups are the consultant's Dutch words: in the Dutch part
        label = text(f"field.{item.key}.label")
        if label is None:
            continue
        value = fields[f"intake.{topic.id}.{item.id}"].value
        if item.type in (FieldType.CHOICE, FieldType.MULTICHOICE):
            chosen = value if isinstance(value, list) else [value]
            prefix = f"option.{item.option_set}" if item.option_set else f"field.{item.key}.option"
            words = [text(f"{prefix}.{v}") for v in chosen if v not in (None, "")]
            if not words or any(w is None for w in words):
                continue
            rows.append(Entry(label, ", ".join(str(w) for w in words)))
        elif item.type is FieldType.DATE or item.type is FieldType.BOOLEAN:
            continue  # their words ("ja", a month's name) are not in the catalogue
        elif isinstance(value, (str, int)) and value != "":
            rows.append(Entry(label, str(value)))
    return rows


# --- assembling --------------------------------------------------------------------------


def build_report(
    doc: CaseDocument,
    *,
    letterhead: Letterhead | None = None,
    sync: SyncHistory | None = None,
    annex_lang: str | None = None,
    catalogue: Catalogue | None = None,
) -> SubjectAccessReport:
    """The overview of ``doc`` (an ``inburg-case/1`` document, already checked by its
    reader). ``sync``: what the vault knows of the synchronisation (``None`` when the
    source does not know it); ``annex_lang``: a BCP 47 tag for the annex (default: the
    person's preferred language; ``""`` for none); no annex when that language has no
    translated prompts. Whatever ``doc`` was made for, the overview holds only the
    person's own part of their household (``domain.subject_access.for_person``, AVG
    art. 15 lid 4). Pure: no clock, no I/O beyond the shipped catalogue."""
    doc = for_person(doc)
    head = letterhead or Letterhead()
    catalogue = catalogue or shipped_catalogue()
    fields = {f.key: f for f in doc.fields}
    intake, used = _intake(fields, catalogue)
    pip, pip_used = _pip(fields)
    used |= pip_used
    sections: list[Section] = [_identity(doc)]
    household, keys = _family(
        fields,
        "household",
        "2",
        "Uw gezin",
        "Met wie u een gezin vormt, zoals de consulent het heeft vastgelegd. Gegevens van "
        "uw gezinsleden zelf (zoals naam, geboortedatum en notities over hen) staan hier "
        "niet: die zijn van hen, en zij kunnen ze zelf opvragen (AVG art. 15 lid 4).",
        "Er zijn geen gezinsleden vastgelegd.",
    )
    used |= keys
    sections += [household, intake, pip]
    for family, number, title, intro, empty in (
        (
            "intake_contact",
            "5",
            "Uitnodigingen en gesprekken voor de intake",
            "Wanneer u voor de brede intake bent uitgenodigd en de gesprekken die zijn "
            "gevoerd (Wet inburgering 2021, art. 14 lid 1 en 2).",
            "Er zijn geen uitnodigingen of gesprekken vastgelegd.",
        ),
        (
            "voortgang",
            "6",
            "Voortgang",
            "De gesprekken over hoe het gaat, met wat is afgesproken (Besluit inburgering "
            "2021, art. 5.3 lid 4), en uw voortgang: gevolgde uren, activiteiten, "
            "examens, modules, ontzorgen en nazorg.",
            "Er is nog niets over uw voortgang vastgelegd.",
        ),
        (
            "handhaving",
            "7",
            "Handhaving",
            "Overtredingen, waarschuwingen en besluiten over boetes (Wet inburgering 2021, "
            "art. 22, 23 en 27; Besluit art. 7.1).",
            "Er is niets over handhaving vastgelegd.",
        ),
        (
            "handover",
            "8",
            "Gegevens van het COA en de planning",
            "Wat het COA bij de warme overdracht heeft doorgegeven, en de planning van de "
            "consulent voor uw dossier.",
            "Er zijn geen gegevens van het COA of de planning.",
        ),
    ):
        section, keys = _family(fields, family, number, title, intro, empty)
        if family == "handover":
            agenda, agenda_keys = _family(fields, "agenda", number, title, intro, empty)
            section = Section(section.title, intro, section.entries + agenda.entries, empty)
            keys |= agenda_keys
        used |= keys
        sections.append(section)
    files, file_keys = _attachments(doc, fields)
    used |= file_keys
    rest = [k for k in sorted(fields) if k not in used]
    other: list[Entry] = []
    for key in rest:
        other.extend(_structured(_key_label(key), fields[key].value, key))
    sections.append(
        Section(
            "9. Overige gegevens",
            "Andere gegevens die bij uw dossier zijn opgeslagen.",
            tuple(other),
            "Er zijn geen andere gegevens.",
        )
    )
    sections += [
        _conflicts_and_set_aside(doc),
        files,
        _audit(doc.audit),
        _sync(sync, doc.herkomst, catalogue),
    ]
    lang = shipped_code(doc.person.preferred_language if annex_lang is None else annex_lang)
    where = f"{head.name}, {head.postal_address}"
    annex = annex_for(fields, catalogue, lang, where) if lang else None
    return SubjectAccessReport(
        person_name=f"{doc.person.given_names} {doc.person.family_name}",
        case_id=doc.case.id,
        made_at=doc.exported_at,
        herkomst=doc.herkomst,
        letterhead=head,
        sections=tuple(sections),
        rights=rights_text(head),
        annex=annex,
    )
