"""Human labels for field keys (conflict view, summaries): identity columns, intake
fields from the catalogue, everything else by its key."""

from __future__ import annotations

from collections.abc import Callable

from inburg_desktop.domain.progress_fields import (
    ART57,
    BUDGETTRAINING,
    MAP_EINDGESPREK,
    NAZORG_CONTACT,
    PVT_ONDERTEKEND,
    Z_EINDGESPREK,
    is_aftercare_field,
    is_progress_field,
)
from inburg_desktop.domain.text import N_
from inburg_desktop.domain.voortgang_fields import parse_key as parse_talk_key
from inburg_desktop.formatting import ONDERWERP_LABELS, agenda_kind_label, format_date
from inburg_desktop.i18n import _
from inburg_desktop.prompts.catalogue import Catalogue
from inburg_desktop.protocol.set_aside_describe import family_label
from inburg_desktop.services.agenda_state import item_key_of, parse_item_key
from inburg_desktop.services.handhaving_text import field_label as handhaving_label
from inburg_desktop.services.intake_progress import COVERED, DISCUSSED, PARKED

IDENTITY_LABELS = {
    "doelgroep": N_("Doelgroep"),
    "gemeente": N_("Gemeente"),  # the case's gemeente (issue 16 item 5)
    "person.given_names": N_("Voornamen"),
    "person.family_name": N_("Achternaam"),
    "person.date_of_birth": N_("Geboortedatum"),
    "person.nationality": N_("Nationaliteit"),
    "person.languages": N_("Talen"),
    "person.preferred_language": N_("Voorkeurstaal"),
    "person.v_nummer": N_("V-nummer"),
    "person.bsn": N_("BSN"),
    "dates.koppeling": N_("Koppeling"),
    "dates.brp_registration": N_("Inschrijving BRP"),
    "dates.duo_kennisgeving": N_("Kennisgeving DUO"),
    "dates.bijstand_start": N_("Start bijstand"),
    "dates.pip_date": N_("Datum PIP"),
    "household": N_("Gezinsleden"),
    "handover.household": N_("Huishouden volgens COA"),
}

# A topic's bookkeeping (``intake.<topic>._discussed`` ...): said in words, never as the
# internal key (usability round 3: "intake.competenties._discussed" in Apart gezet).
BOOKKEEPING_LABELS = {
    DISCUSSED: N_("besproken op"),
    COVERED: N_("afgerond"),
    PARKED: N_("geparkeerd"),
}


def field_label(key: str, catalogue: Catalogue | None = None) -> str:
    """A Dutch msgid (translate it with ``_``) or, failing that, the key itself."""
    if key in IDENTITY_LABELS:
        return IDENTITY_LABELS[key]
    agenda = _agenda_label(key)
    if agenda is not None:
        return agenda
    enforcement = handhaving_label(key)
    if enforcement is not None:
        return enforcement
    talk = _talk_label(key)
    if talk is not None:
        return talk
    progress = progress_label(key)
    if progress is not None:
        return progress
    if catalogue is not None and key.startswith("intake."):
        parts = key.split(".")
        if len(parts) >= 3:
            try:
                topic = catalogue.topic(parts[1])
                if parts[2] in BOOKKEEPING_LABELS:
                    return f"{topic.title}: {BOOKKEEPING_LABELS[parts[2]]}"
                return f"{topic.title}: {topic.field(parts[2]).label}"
            except KeyError:
                pass
    if key.partition(".")[0] in ("pip", "household", "voortgang", "handhaving", "agenda"):
        # a PIP version, a part of a record no rule above names: its family in words
        # (usability round 6 #22: "(pip.current, pip.version.1)" in Apart gezet)
        return family_label(key)
    return key


def _agenda_label(key: str) -> str | None:
    """An agenda item's state (``agenda.<kind>:<due>``) in words, already in the UI
    language: "Agenda: PIP vaststellen (11 mei 2026)"."""
    item = item_key_of(key)
    parsed = None if item is None else parse_item_key(item)
    if parsed is None:
        return None
    kind, due = parsed
    if due is None:
        return _("Agenda: {item}").format(item=agenda_kind_label(kind.value))
    return _("Agenda: {item} ({day})").format(
        item=agenda_kind_label(kind.value), day=format_date(due, style="long")
    )


TALK_PART_LABELS = {
    "gepland": N_("gepland op"),
    "gehouden": N_("gehouden op"),
    "notities": N_("aantekeningen"),
    "pip_versie": N_("PIP-versie"),
}


def _talk_label(key: str) -> str | None:
    """A voortgangsgesprek's part (``voortgang.<n>.*``) in words, already in the UI
    language: "Voortgangsgesprek 2: gehouden op", "Voortgangsgesprek 2: afspraak 3,
    stand", "Voortgangsgesprek 2: tevredenheid over PVT (…)"."""
    talk = parse_talk_key(key)
    if talk is None:
        return None
    head = _("Voortgangsgesprek {number}").format(number=talk.nummer)
    if talk.afspraak is not None:
        what = (
            _("afspraak {number}, stand")
            if talk.part == "stand"
            else _("afspraak {number}, afgesproken vervolg")
        ).format(number=talk.afspraak + 1)
    elif talk.onderwerp is not None:
        what = _("tevredenheid over {subject}").format(subject=_(ONDERWERP_LABELS[talk.onderwerp]))
    else:
        what = _(TALK_PART_LABELS[talk.part])
    return f"{head}: {what}"


PROGRESS_LABELS = {
    PVT_ONDERTEKEND: N_("PVT: participatieverklaring ondertekend op"),
    MAP_EINDGESPREK: N_("MAP: eindgesprek op"),
    Z_EINDGESPREK: N_("Z-route: eindgesprek op"),
    BUDGETTRAINING: N_("Ontzorgen: budgettraining"),
    ART57: N_("Ontzorgen: besluit Participatiewet art. 57"),
    NAZORG_CONTACT: N_("Nazorg: contact op"),
}
PROGRESS_ENTRY_LABELS = {
    "uren.": N_("Voortgang: gevolgde uren"),
    "pvt.activiteit.": N_("PVT: activiteit"),
    "examen.": N_("Examen: uitslag"),
}


def progress_label(key: str, words: Callable[[str], str] = _) -> str | None:
    """A progress, ontzorgen or nazorg field (``domain.progress_fields``) in words: "MAP:
    thema 3 afgerond op", "Examen: uitslag", "Nazorg: contact op"; ``None`` for a key of
    another family. ``words`` translates a msgid: the UI language by default, the Dutch
    msgid itself with ``words=str`` (a document in Dutch whatever the screen speaks, as
    the subject-access overview)."""
    if not (is_progress_field(key) or is_aftercare_field(key)):
        return None
    if key in PROGRESS_LABELS:
        return words(PROGRESS_LABELS[key])
    if key.startswith("map.thema."):
        return words(N_("MAP: thema {number} afgerond op")).format(number=key.rsplit(".", 1)[1])
    for prefix, label in PROGRESS_ENTRY_LABELS.items():
        if key.startswith(prefix):
            return words(label)
    return words(N_("Voortgangsgegevens"))
